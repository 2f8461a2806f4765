"""Learning while annotating: the project model retrains when the annotator marks a document done.

Why here and not in the training dialog: the dialog is for a deliberate run with its table of
scores; learning must happen without asking, in the background, and show its state in the status
bar. Both run the same worker (:func:`ui.suggestions.training.train_in_worker`, the stacked model of
:mod:`annotator.recommenders.project_model`, 3-fold cross-validation for the F1 shown).

The path of one lesson:

1. The window's annotator marks a document done: the store delivers a ``Change`` whose
   ``statuses`` say so; :meth:`Learning.follow` (called by the feature's change handler) starts a
   job. A mark made while a job runs asks for one more run after it (never two at once).
2. The worker opens its own connection and trains (the window keeps working; Cancel in the status
   bar stops it at the next training iteration; the previous model is kept).
3. Back on the window's thread the model is saved (``crf@NAME``), the status bar shows its
   cross-validated F1 and when it learned, and the ``crf`` recommender is re-run for this annotator on
   every document they have not finished, through the feature's background pre-annotation: its
   ``Change(SUGGEST, ...)`` reaches the suggestion layer, so the open document's marks change.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, QObject, QTime, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from annotator.model import DocStatus
from annotator.recommenders.blind import model_name
from annotator.store import Change
from ui.i18n import tr
from ui.workers import Job, start_job

if TYPE_CHECKING:
    from annotator.recommenders.crf_training import TrainingReport
    from ui.suggestions.feature import SuggestionFeature

LEARNING_FOLDS = 3  # the status bar's F1: three folds of the small stacked model, cheap enough for every lesson


class LearningStrip(QWidget):
    """The status bar's part: the model's F1 and when it learned, or "Training…" with a Cancel."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("learningStatus")
        self.label = QLabel()
        self.label.setObjectName("modelStatus")
        self.cancel_button = QPushButton(tr("Cancel training"))
        self.cancel_button.setObjectName("learningCancel")
        self.cancel_button.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.cancel_button)


class Learning(QObject):
    def __init__(self, feature: SuggestionFeature) -> None:
        super().__init__(feature)
        self.feature = feature
        self.job: Job | None = None
        self.again = False  # a document was marked done while learning: learn once more after
        self.refresh_after_run = False  # suggestions to refresh once the running pre-annotation ends
        self.lessons = 0  # models learnt and saved since the window opened
        self.strip = LearningStrip()
        self.strip.cancel_button.clicked.connect(self.cancel)
        feature.window.statusBar().addPermanentWidget(self.strip)
        self.show_model()

    @property
    def running(self) -> bool:
        return self.job is not None

    # -- what the status bar says ------------------------------------------------------------------

    def model_info(self) -> dict[str, Any] | None:
        """The info of the model this annotator's ``crf`` runs use (their own), if one was trained."""
        session = self.feature.session
        stored = session.project.load_model(model_name("crf", session.annotator.name))
        return stored[1] if stored is not None else None

    def show_model(self) -> None:
        info = self.model_info()
        if info is None:
            self.strip.label.setText("")
            return
        micro = (info.get("cross_validation") or {}).get("micro") or {}
        f1 = f"{micro['f1']:.2f}" if "f1" in micro else "–"
        self.strip.label.setText(tr("model F1 {f1} · learned at {time}").format(f1=f1, time=_local_time(info)))

    # -- following the store -----------------------------------------------------------------------

    def follow(self, change: Change) -> None:
        """A document this annotator marked done (not an undo or redo of that): learn."""
        me = self.feature.session.annotator.id
        if change.replayed or self.feature.closed:
            return
        if any(s.annotator_id == me and s.status == DocStatus.DONE for s in change.statuses) and self.has_lessons():
            self.start()

    def has_lessons(self) -> bool:
        """Whether a finished document (or curated gold) this annotator may learn from has a span:
        marking an empty document done starts no training that could only fail."""
        from annotator.recommenders.blind import training_layers

        session = self.feature.session
        project = session.project
        layers = training_layers(project, (DocStatus.DONE,), session.annotator)
        return any(project.spans(document_id, layer) for document_id, layer in layers)

    def start(self) -> None:
        """Retrain in the background (again after the running job, if one runs)."""
        project = self.feature.session.project
        if str(project.path) == ":memory:":
            return  # the worker needs a file to open; an in-memory project (tests) does not learn
        if self.job is not None:
            self.again = True
            return
        from ui.suggestions.training import train_in_worker

        path, annotator = str(project.path), self.feature.session.annotator.name
        statuses = (DocStatus.DONE,)

        def work(progress, cancelled) -> TrainingReport:
            return train_in_worker(path, statuses, progress, cancelled, annotator, folds=LEARNING_FOLDS)

        self.strip.label.setText(tr("Training…"))
        self.strip.cancel_button.setEnabled(True)
        self.strip.cancel_button.show()
        self.job = start_job(self, work, on_done=self._done, on_failed=self._failed, on_cancelled=self._cancelled)

    def cancel(self) -> None:
        self.again = False
        if self.job is not None:
            self.job.cancel()
            self.strip.cancel_button.setEnabled(False)
            self.strip.label.setText(tr("Cancelling…"))

    # -- on the window's thread --------------------------------------------------------------------

    def _finish(self) -> bool:
        """The job ended: back to showing the model. True when the window and its project are still there."""
        self.job = None
        if self.feature.closed:
            return False
        self.strip.cancel_button.hide()
        try:
            self.show_model()
        except Exception:  # the project was closed while the job ran (a test's window outlives it)
            return False
        return True

    def _done(self, report: TrainingReport) -> None:
        from annotator.recommenders.crf_training import save_project_model

        if self.job is not None and self.job.cancel_requested:  # it finished before it saw the cancel
            self._cancelled()  # the previous model is kept, as the user asked
            return
        if not self._finish():
            return
        save_project_model(self.feature.session.project, report)
        self.lessons += 1
        self.show_model()
        self.feature.window.message(tr("Project model trained and saved"))
        self.refresh()
        self._next()

    def _failed(self, message: str) -> None:
        if self._finish():
            self.feature.window.message(tr("Training failed: {error}").format(error=message))
            self._next()

    def _cancelled(self) -> None:
        if self._finish():
            self.feature.window.message(tr("Training cancelled; the previous model is kept."))
            self._next()  # a document marked done while the job wound down still teaches

    def _next(self) -> None:
        if self.again:
            self.again = False
            QTimer.singleShot(0, self.start)

    # -- refreshing suggestions --------------------------------------------------------------------

    def unfinished(self) -> list[str]:
        """Documents this annotator has not marked done, in project order."""
        session = self.feature.session
        statuses = session.project.statuses(session.annotator)
        done = {doc for (doc, _who), status in statuses.items() if status == DocStatus.DONE}
        return [info.id for info in session.project.documents() if info.id not in done]

    def refresh(self) -> None:
        """Re-run the recommenders an import runs (``default``, the new model among them) for this
        annotator on the documents not yet done, in the background (after the pre-annotation going
        on, if there is one): together, so their scores are calibrated and floored as in any run."""
        feature = self.feature
        if feature.preannotation is not None and feature.preannotation.running:
            self.refresh_after_run = True
            return
        documents = self.unfinished()
        if documents:
            from annotator.importing import recommenders_after_import

            names = recommenders_after_import(feature.session.project, feature.recommender_settings())
            feature.run_in_background(names, documents)

    def run_ended(self) -> bool:
        """A pre-annotation ended: refresh now if a lesson waited for it. True when it started one."""
        if not self.refresh_after_run or self.feature.closed:
            return False
        self.refresh_after_run = False
        self.refresh()
        return True

    def close(self) -> None:
        self.again = False
        if self.job is not None:
            self.job.cancel()


def _local_time(info: dict[str, Any]) -> str:
    """When the model was trained, as the window's locale writes a time of day."""
    try:
        when = datetime.fromisoformat(str(info.get("trained_at")))
    except ValueError:
        return "–"
    local = when.replace(tzinfo=when.tzinfo or UTC).astimezone()
    return QLocale().toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
