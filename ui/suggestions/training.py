"""Suggestions → Train the project model: a CRF learnt from this project's finished documents.

Training runs in a worker thread with its own connection to the project file
(:func:`annotator.recommenders.crf_training.train_project_model`: cross-validation by document,
then the final model); the dialog shows progress, can cancel, and then shows the cross-validated
precision, recall and F1 per label. The model is saved on the window's thread
(:func:`save_project_model`), so the ``crf`` recommender uses it from the next run on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.model import DocStatus
from ui.dialogs.job_dialog import JobDialog
from ui.i18n import say, tr, trn

if TYPE_CHECKING:
    from annotator.recommenders.crf_training import TrainingReport
    from ui.suggestions.feature import SuggestionFeature

HEADERS = ("Label", "Precision", "Recall", "F1", "Gold", "Predicted")


def train_in_worker(
    path: str,
    statuses: tuple[DocStatus, ...],
    progress,
    cancelled,
    annotator: str | None = None,
    folds: int = 5,
) -> TrainingReport:
    """The worker's part: its own connection, the gazetteer, cross-validation (``folds``) and
    training — for ``annotator`` (blind: their layer and curated gold; the model is theirs).
    Progress names the phase in the window's language (``say``), worded by the core rather than
    parsed back here. Learning after "done" (:mod:`.learning`) runs it too, with 3 folds."""
    from annotator.recommenders.crf_training import train_project_model
    from annotator.recommenders.gazetteer import project_gazetteer
    from annotator.store import Project

    with Project.open(path) as project:
        gazetteer = project_gazetteer(project.path, project.schema.label_names)
        return train_project_model(
            project,
            gazetteer,
            statuses=statuses,
            annotator=annotator,
            folds=folds,
            progress=progress,
            cancelled=cancelled,
            say=say,
        )


class TrainingDialog(JobDialog):
    def __init__(self, feature: SuggestionFeature, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("trainingDialog")
        self.setWindowTitle(tr("Train the project model"))
        self.feature = feature
        self.report: TrainingReport | None = None
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.in_progress = QCheckBox(tr("Also learn from documents in progress"))
        self.in_progress.setObjectName("trainInProgress")
        self.in_progress.toggled.connect(self._describe)
        layout.addWidget(self.in_progress)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.status = QLabel()
        self.status.setObjectName("trainStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setObjectName("trainScores")
        self.table.setHorizontalHeaderLabels([tr(h) for h in HEADERS])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.hide()
        layout.addWidget(self.table, 100)
        layout.addStretch(1)  # the table, once shown, takes the room
        row = QHBoxLayout()
        row.addStretch(1)
        self.train_button = QPushButton(tr("Train"))
        self.train_button.setObjectName("trainButton")
        self.train_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(tr("Cancel training"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        close = QPushButton(tr("Close"))
        close.clicked.connect(self.close)
        for button in (self.train_button, self.cancel_button, close):
            row.addWidget(button)
        layout.addLayout(row)
        self.resize(620, 420)
        self._describe()

    def statuses(self) -> tuple[DocStatus, ...]:
        if self.in_progress.isChecked():
            return (DocStatus.DONE, DocStatus.IN_PROGRESS)
        return (DocStatus.DONE,)

    def _describe(self) -> None:
        from annotator.recommenders.blind import training_layers

        session = self.feature.session
        documents = {doc for doc, _layer in training_layers(session.project, self.statuses(), session.annotator)}
        self.intro.setText(
            trn(
                "The model learns from the spans of the documents you marked done and from curated gold "
                "({n} documents now), is cross-validated by document, "
                "and then suggests entities to you alone as the 'crf' recommender.",
                len(documents),
            )
        )
        self.train_button.setEnabled(bool(documents) and self.job is None)

    # -- running -------------------------------------------------------------------------------

    def start(self) -> None:
        project = self.feature.session.project
        if not _on_disk(project.path):
            self.status.setText(tr("Training in the background needs a project saved to a file."))
            return
        self.report = None
        self.table.hide()
        self.status.setText(tr("Training…"))
        path, statuses, annotator = str(project.path), self.statuses(), self.feature.session.annotator.name
        self._run(lambda progress, cancelled: train_in_worker(path, statuses, progress, cancelled, annotator))

    def _set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        self.in_progress.setEnabled(not running)
        if running:
            self.progress.setValue(0)
            self.train_button.setEnabled(False)
        else:
            self._describe()  # Train again when there are documents to learn from

    def _cancelling(self) -> None:
        self.status.setText(tr("Cancelling…"))

    def _progress(self, done: int, total: int, message: str) -> None:
        self.progress.setValue(int(1000 * done / max(total, 1)))
        self.progress.setFormat(f"{message} %p%")  # the phase, already in the window's language

    def _done(self, report: Any) -> None:
        from annotator.recommenders.crf_training import save_project_model

        if self.feature.closed:
            return
        save_project_model(self.feature.session.project, report)
        self.report = report
        self.status.setText(
            f"{trn('Trained on {n} documents', report.documents)} ({trn('{n} tokens', report.tokens)}). "
            + tr("Your 'crf' runs now use this model; other annotators' runs do not.")
            + ("" if report.cross_validation else "\n" + tr("Too few documents to cross-validate (at least 2)."))
        )
        self.feature.window.message(tr("Project model trained and saved"))
        self.feature.learning.show_model()
        self.feature.learning.refresh()  # the documents not done yet get the new model's suggestions
        if report.cross_validation is not None:
            self._show_scores(report.cross_validation.to_dict())

    def _show_scores(self, scores: dict[str, Any]) -> None:
        rows = [*scores["per_label"].items(), (tr("micro"), scores["micro"])]
        self.table.setRowCount(len(rows))
        for r, (label, counts) in enumerate(rows):
            cells = [label, *(f"{counts[k]:.3f}" for k in ("precision", "recall", "f1"))]
            cells += [str(counts["gold"]), str(counts["predicted"])]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.table.show()

    def _failed(self, message: str) -> None:
        self.status.setText(tr("Training failed: {error}").format(error=message))

    def _cancelled(self) -> None:
        self.status.setText(tr("Training cancelled; the previous model is kept."))

    def closeEvent(self, event) -> None:
        self.cancel()
        super().closeEvent(event)

    def reject(self) -> None:
        """Escape closes the dialog the way Close does: training stops rather than running unseen."""
        self.cancel()
        super().reject()


def _on_disk(path: Any) -> bool:
    return str(path) != ":memory:"
