"""Pre-annotating documents in the background, with a progress bar and Cancel in the status bar.

The worker thread runs :func:`annotator.recommenders.runner.preannotate_file` on its own
connection to the project file (models load there too: camel-tools imports torch in that thread,
never in the window's). Each chunk's predictions come back to the window's thread through a
queued signal and are stored there with ``project.store_predictions``, so the open document's
suggestions appear while the user keeps annotating. Cancel stops between chunks; what was stored
stays.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QProgressBar, QPushButton, QWidget

from annotator.errors import HashiyaError
from annotator.store import Change
from ui.i18n import tr, trn
from ui.workers import Job, start_job

if TYPE_CHECKING:
    from annotator.recommenders.runner import RunReport
    from ui.suggestions.feature import SuggestionFeature


class _Relay(QObject):
    """Lives in the window's thread; emitting from the worker queues the call to it."""

    predictions = Signal(str, object)  # source, list[Prediction]


class ProgressStrip(QWidget):
    """What the status bar shows while a run goes on: message, bar, Cancel."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("preannotateProgress")
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(220)
        self.bar.setMaximumHeight(16)
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.setObjectName("preannotateCancel")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)


class Preannotation(QObject):
    def __init__(self, feature: SuggestionFeature, names: Sequence[str], document_ids: Sequence[str]) -> None:
        super().__init__(feature)
        self.feature = feature
        self.names = list(names)
        self.document_ids = list(document_ids)
        self.job: Job | None = None
        self.report: RunReport | None = None
        self.stored_documents: set[str] = set()
        self.removed: set[str] = set()  # documents taken out meanwhile (an import undone): nothing to store
        self.relay = _Relay(self)
        self.relay.predictions.connect(self._store)
        self.strip = ProgressStrip()
        self.strip.cancel_button.clicked.connect(self.cancel)
        self.strip.hide()
        feature.window.statusBar().addWidget(self.strip, 1)

    @property
    def running(self) -> bool:
        return self.job is not None

    def start(self) -> None:
        project = self.feature.session.project
        window = self.feature.window
        if str(project.path) == ":memory:":
            window.message(tr("Pre-annotation in the background needs a project saved to a file"))
            return
        if not self.document_ids:
            window.message(tr("No documents to pre-annotate"))
            return
        from annotator.recommenders.runner import preannotate_file

        path, names, ids = str(project.path), self.names, self.document_ids
        settings = self.feature.recommender_settings()
        emit = self.relay.predictions.emit
        annotator = self.feature.session.annotator.name  # blind: learn for, and suggest to, this annotator

        def work(progress, cancelled) -> RunReport:
            return preannotate_file(
                path, names, settings, ids, annotator=annotator, progress=progress, cancelled=cancelled, sink=emit
            )

        self.strip.label.setText(tr("Pre-annotating…"))
        self.strip.bar.setRange(0, len(ids))
        self.strip.bar.setValue(0)
        self.strip.cancel_button.setEnabled(True)
        self.strip.show()
        self.job = start_job(
            self,
            work,
            on_progress=self._progress,
            on_done=self._done,
            on_failed=self._failed,
            on_cancelled=lambda: self._done(None),
        )

    def dispose(self) -> None:
        """Take the finished run's progress strip out of the status bar."""
        self.feature.window.statusBar().removeWidget(self.strip)
        self.strip.deleteLater()
        self.deleteLater()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.strip.cancel_button.setEnabled(False)
            self.strip.label.setText(tr("Cancelling…"))

    # -- on the window's thread ------------------------------------------------------------------

    def follow_documents(self, change: Change) -> None:
        """Documents removed while the run goes on (Ctrl+Z of an import) get no suggestions; redone, they may."""
        self.removed |= set(change.documents_removed)
        self.removed -= set(change.documents_added)

    def _store(self, source: str, predictions: Any) -> None:
        if self.feature.closed:
            return
        if self.removed:
            predictions = [p for p in predictions if p.document_id not in self.removed]
        try:
            session = self.feature.session  # lifts only this annotator's rejections (blind)
            session.project.store_predictions(source, predictions, lift_for=session.annotator.name)
        except HashiyaError as error:  # e.g. a document changed meanwhile: report, keep going
            self.feature.window.message(str(error))
            return
        self.stored_documents.update(p.document_id for p in predictions)

    def _progress(self, done: int, total: int, message: str) -> None:
        self.strip.bar.setRange(0, max(total, 1))
        self.strip.bar.setValue(done)
        if done == 0 and message != "pre-annotating":  # loading models (camel-tools: seconds)
            self.strip.label.setText(tr("Loading models…"))
        else:
            self.strip.label.setText(trn("Pre-annotating {done} of {n} documents", total, done=done))

    def _finish(self) -> None:
        self.job = None
        self.strip.hide()
        if self.feature.order_by_uncertainty:
            self.feature.refresh_document_list()
        if not self.feature.closed:
            QTimer.singleShot(0, self.feature.run_ended)  # after this run's closing message

    def _done(self, report: RunReport | None) -> None:
        self.report = report
        cancelled = report is None or report.cancelled
        self._finish()
        if cancelled:
            done = report.documents if report is not None else len(self.stored_documents)
            self.feature.window.message(trn("Pre-annotation cancelled after {n} documents", done))
        else:
            total = sum(report.suggestions.values())
            self.feature.window.message(
                trn("Pre-annotated {n} documents", report.documents) + ": " + trn("{n} suggestions", total)
            )

    def _failed(self, message: str) -> None:
        """A background run failed: say so without stopping the annotator (a modal box here would
        freeze the window's keys until dismissed, for a job they may not even have started)."""
        self._finish()
        window = self.feature.window
        window.message(tr("Pre-annotation failed") + ": " + message)
        box = QMessageBox(QMessageBox.Icon.Warning, tr("Pre-annotation failed"), message, parent=window)
        box.setObjectName("preannotationFailed")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setModal(False)
        box.show()
