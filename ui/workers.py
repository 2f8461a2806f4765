"""Running long work (import, export, merge, agreement, pre-annotation) off the window's thread.

One function and one handle::

    job = start_job(parent, work, on_progress=..., on_done=..., on_failed=..., on_cancelled=...)
    job.cancel()            # asks the work to stop; returns at once

``work(progress, cancelled)`` runs in a worker thread. It receives

- ``progress(done, total, message)``: call it as often as you like (the window sees at most about
  20 updates a second, plus the first and the last);
- ``cancelled()``: ``True`` once :meth:`Job.cancel` was called; check it between steps. Work that
  can only report progress (e.g. ``import_paths``) can be made cancellable with
  :func:`cancelling`, which wraps ``progress`` so it raises :class:`Cancelled`.

Exactly one callback then runs **on the window's thread**:

- ``on_done(result)`` when ``work`` returned (even if cancel was asked: the result says what was
  done, e.g. a partial pre-annotation report; :attr:`Job.cancel_requested` tells);
- ``on_cancelled()`` when ``work`` raised :class:`Cancelled`, or raised anything after cancel was
  asked (a core that stops by raising its own exception);
- ``on_failed(message)`` otherwise: a :class:`~annotator.errors.HashiyaError` gives its own text
  (meant for users); any other exception gives a one-line "Unexpected error: ..." and its
  traceback goes to the log, never to the user. :attr:`Job.error` keeps the exception.

SQLite connections belong to their thread: ``work`` must open its own ``Project.open(path)``;
:func:`start_project_job` does that for you (``work(project, progress, cancelled)``).
Callbacks are dropped if ``parent`` is deleted before the work ends (a closed dialog); the thread
itself is kept alive until it finishes, so closing a dialog mid-run never crashes Qt.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from annotator.errors import HashiyaError

if TYPE_CHECKING:
    from annotator.store import Project

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
Cancelled_ = Callable[[], bool]
Work = Callable[[Progress, Cancelled_], Any]


class Callbacks(TypedDict, total=False):
    """What a job calls back on the window's thread; every one is optional (see the module docstring)."""

    on_progress: Progress | None
    on_done: Callable[[Any], None] | None
    on_failed: Callable[[str], None] | None
    on_cancelled: Callable[[], None] | None


_PROGRESS_INTERVAL_S = 0.05
_RUNNING: set[_Runner] = set()  # threads still running, kept referenced until they end


class Cancelled(Exception):
    """Raised by work (or by a :func:`cancelling` progress callback) to stop after a cancel."""


def cancelling(progress: Progress, cancelled: Cancelled_) -> Progress:
    """A progress callback that also raises :class:`Cancelled` once cancel was asked."""

    def report(done: int, total: int, message: str) -> None:
        if cancelled():
            raise Cancelled
        progress(done, total, message)

    return report


class _Runner(QThread):
    """The thread: runs the work and emits exactly one of succeeded / failed / stopped."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str, object)
    stopped = Signal()

    def __init__(self, work: Work) -> None:
        super().__init__()
        self.work = work
        self.flag = threading.Event()
        self._last = 0.0
        # queued: runs on the window's thread once the thread has ended (the documented deleteLater point)
        self.finished.connect(self._reap, Qt.ConnectionType.QueuedConnection)

    @Slot()
    def _reap(self) -> None:
        _RUNNING.discard(self)

    def _progress(self, done: int, total: int, message: str) -> None:
        now = time.monotonic()
        if done <= 0 or done >= total or now - self._last >= _PROGRESS_INTERVAL_S:
            self._last = now
            self.progressed.emit(int(done), int(total), str(message))

    def run(self) -> None:
        try:
            result = self.work(self._progress, self.flag.is_set)
        except Cancelled:
            self.stopped.emit()
        except Exception as error:
            if self.flag.is_set():
                self.stopped.emit()
            elif isinstance(error, HashiyaError):
                self.failed.emit(str(error), error)
            else:
                log.exception("background work failed")
                self.failed.emit(f"Unexpected error: {type(error).__name__}: {error}", error)
        else:
            self.succeeded.emit(result)


class Job(QObject):
    """The window-side handle of one piece of background work (see the module docstring)."""

    def __init__(self, parent: QObject | None, work: Work, **callbacks: Unpack[Callbacks]) -> None:
        unknown = callbacks.keys() - Callbacks.__optional_keys__
        if unknown:  # a misspelt callback would otherwise never be called
            raise TypeError(f"unknown job callback(s): {', '.join(sorted(unknown))}")
        super().__init__(parent)
        self.on_progress = callbacks.get("on_progress")
        self.on_done = callbacks.get("on_done")
        self.on_failed = callbacks.get("on_failed")
        self.on_cancelled = callbacks.get("on_cancelled")
        self.result: Any = None
        self.error: BaseException | None = None
        self.outcome: str | None = None  # "done" | "failed" | "cancelled" once delivered
        self._runner = _Runner(work)
        queued = Qt.ConnectionType.QueuedConnection
        self._runner.progressed.connect(self._deliver_progress, queued)
        self._runner.succeeded.connect(self._deliver_done, queued)
        self._runner.failed.connect(self._deliver_failed, queued)
        self._runner.stopped.connect(self._deliver_cancelled, queued)

    def start(self) -> Job:
        _RUNNING.add(self._runner)
        self._runner.start()
        return self

    def run_here(self) -> Job:
        """Run the work now on this thread (no file to share); callbacks still come via the event loop."""
        self._runner.run()
        return self

    def cancel(self) -> None:
        """Ask the work to stop (it checks ``cancelled()``); the outcome still arrives by callback."""
        self._runner.flag.set()

    @property
    def cancel_requested(self) -> bool:
        return self._runner.flag.is_set()

    @property
    def running(self) -> bool:
        """True until the outcome has been delivered on the window's thread."""
        return self.outcome is None

    def wait(self, milliseconds: int = -1) -> bool:
        """Block until the thread ends (for closing the app); callbacks still arrive via the event loop."""
        return self._runner.wait() if milliseconds < 0 else self._runner.wait(milliseconds)

    # -- on the window's thread --------------------------------------------------------------------

    @Slot(int, int, str)
    def _deliver_progress(self, done: int, total: int, message: str) -> None:
        if self.on_progress is not None and self.outcome is None:
            self.on_progress(done, total, message)

    @Slot(object)
    def _deliver_done(self, result: Any) -> None:
        self.result, self.outcome = result, "done"
        if self.on_done is not None:
            self.on_done(result)

    @Slot(str, object)
    def _deliver_failed(self, message: str, error: Any) -> None:
        self.error, self.outcome = error, "failed"
        if self.on_failed is not None:
            self.on_failed(message)

    @Slot()
    def _deliver_cancelled(self) -> None:
        self.outcome = "cancelled"
        if self.on_cancelled is not None:
            self.on_cancelled()


def start_job(parent: QObject | None, work: Work, **callbacks: Unpack[Callbacks]) -> Job:
    """Start ``work(progress, cancelled)`` in a worker thread; callbacks run on the window's thread."""
    return Job(parent, work, **callbacks).start()


def start_project_job(
    parent: QObject | None,
    project: Project,
    work: Callable[[Project, Progress, Cancelled_], Any],
    **callbacks: Unpack[Callbacks],
) -> Job:
    """Run ``work(project, progress, cancelled)`` on a connection of its own to ``project``'s file.

    Writes made there are committed when ``work`` returns; the window's connection sees them on
    its next read (WAL), but its subscribers are not told: deliver the result's change yourself.
    An in-memory project (tests) has no file to share: the work then runs on this thread.
    """
    path = str(project.path)
    if path == ":memory:":
        return Job(parent, lambda progress, cancelled: work(project, progress, cancelled), **callbacks).run_here()

    def in_thread(progress: Progress, cancelled: Cancelled_) -> Any:
        from annotator.store import Project as Store

        with Store.open(path) as own:
            return work(own, progress, cancelled)

    return start_job(parent, in_thread, **callbacks)
