"""Dialogs that run one background job at a time (:mod:`ui.workers`) and show how it ended.

:class:`JobDialog` owns the job's life: ``self.job`` while it runs (``None`` when idle, which
tests and the File menu wait for), :meth:`cancel`, and exactly one outcome. The dialog is set
back to idle before the outcome is shown, so a handler may start the next job at once.
Subclasses say what differs: which controls wait while it runs (:meth:`_set_running`) and what
progress, a result, a failure or a cancel look like.

:class:`FileJobDialog` is the shape of the File dialogs (import, export, merge): their form, a
progress row, a summary, and Close beside one action button; closing the dialog while it works
cancels the work when the work can stop.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLayout, QVBoxLayout, QWidget

from annotator.store import Project
from ui.dialogs.common import ProgressRow, SummaryBox
from ui.workers import Callbacks, Cancelled_, Job, Progress, Work, start_job, start_project_job

ProjectWork = Callable[[Project, Progress, Cancelled_], Any]


class JobDialog(QDialog):
    """A dialog with one background job at a time; the hooks below default to doing nothing."""

    jobStarted = Signal()  # a job began (a writing one holds the window's store watcher)
    jobEnded = Signal()  # it ended, before its outcome is shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.job: Job | None = None

    def _run(self, work: Work | ProjectWork, project: Project | None = None) -> None:
        """Start ``work(progress, cancelled)``, or ``work(project, progress, cancelled)`` on a
        connection of its own to ``project``'s file."""
        self._set_running(True)
        self.jobStarted.emit()
        callbacks: Callbacks = {
            "on_progress": self._progress,
            "on_done": self._job_done,
            "on_failed": self._job_failed,
            "on_cancelled": self._job_cancelled,
        }
        if project is None:
            self.job = start_job(self, work, **callbacks)
        else:
            self.job = start_project_job(self, project, work, **callbacks)

    def cancel(self) -> None:
        """Ask the running job to stop; its outcome still arrives (usually as a cancel)."""
        if self.job is not None:
            self.job.cancel()
            self._cancelling()

    def _finish(self) -> None:
        self.job = None
        self._set_running(False)
        self.jobEnded.emit()

    def _job_done(self, result: Any) -> None:
        self._finish()
        self._done(result)

    def _job_failed(self, message: str) -> None:
        self._finish()
        self._failed(message)

    def _job_cancelled(self) -> None:
        self._finish()
        self._cancelled()

    # -- what differs ---------------------------------------------------------------------------

    def _set_running(self, running: bool) -> None:
        """Disable what must wait while the job runs, and enable it again afterwards."""

    def _progress(self, done: int, total: int, message: str) -> None:
        """A progress report from the work."""

    def _cancelling(self) -> None:
        """A cancel was asked; the outcome arrives later."""

    def _done(self, result: Any) -> None:
        """The work returned ``result``."""

    def _failed(self, message: str) -> None:
        """The work failed; ``message`` is meant for users."""

    def _cancelled(self) -> None:
        """The work stopped after a cancel."""


class FileJobDialog(JobDialog):
    """A File dialog: its form above a progress row, a summary, and Close beside one action button.

    ``failure`` is the summary's text when the work fails, with ``{error}`` for the core's message.
    Work that cannot stop half-way (one transaction) is not ``cancellable``: no Cancel is offered
    and closing the dialog lets it finish.
    """

    def __init__(
        self,
        project: Project,
        parent: QWidget | None,
        *,
        action: str,
        action_name: str,
        failure: str,
        cancellable: bool = True,
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.failure = failure
        self.cancellable = cancellable
        self.progress = ProgressRow(cancellable=cancellable)
        if cancellable:
            self.progress.cancelRequested.connect(self.cancel)
        self.summary = SummaryBox()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.action_button = self.buttons.addButton(action, QDialogButtonBox.ButtonRole.ActionRole)
        self.action_button.setObjectName(action_name)
        self.action_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self.reject)

    def start(self) -> None:
        """Check the form and call :meth:`_run_in_project`; subclasses say how."""
        raise NotImplementedError

    def _lay_out(self, *above: QWidget | QLayout, below: QWidget | None = None) -> None:
        """The form's pieces, the progress row, the summary (taking the room), ``below`` it, the buttons."""
        layout = QVBoxLayout(self)
        for item in above:
            if isinstance(item, QLayout):
                layout.addLayout(item)
            else:
                layout.addWidget(item)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary, 1)
        if below is not None:
            layout.addWidget(below, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.buttons)

    def _run_in_project(self, work: ProjectWork, busy: str) -> None:
        """Run ``work(project, progress, cancelled)`` on its own connection, saying ``busy`` meanwhile."""
        self.summary.show_lines([])
        self.progress.start(busy)
        self._run(work, self.project)

    def reject(self) -> None:
        if self.cancellable:  # closing while it works stops the work
            self.cancel()
        super().reject()

    def _set_running(self, running: bool) -> None:
        self.action_button.setEnabled(not running)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setEnabled(not running)
        if not running:
            self.progress.stop()

    def _progress(self, done: int, total: int, message: str) -> None:
        self.progress.report(done, total, message)

    def _failed(self, message: str) -> None:
        self.summary.show_error(self.failure.format(error=message))
