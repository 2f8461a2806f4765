"""The window feeds the annotator's activity to the store (issue 16, time and throughput).

Actions are heard by the core's :class:`~annotator.store.activity.ActivityRecorder` itself (it
subscribes to the project); this module adds what only the window sees: key presses, clicks and
scrolling in the document view (reading and selecting are work too), which document is open, and
whether the window is focused: time in another program never counts. The idle gap is applied when
the report is read (``hashiya progress --idle-minutes``), so nothing here depends on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer

from annotator.store.activity import ActivityRecorder, Clock

if TYPE_CHECKING:
    from ui.window import MainWindow

FLUSH_MS = 10_000
INPUT_EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel})


class ActivityFeed(QObject):
    """Watches one window and its document view, and tells the recorder what the annotator does."""

    def __init__(self, window: MainWindow, clock: Clock | None = None) -> None:
        super().__init__(window)
        self.window = window
        session = window.session
        self.recorder = ActivityRecorder(session.project, session.annotator.name, clock)
        self.recorder.focused = window.isActiveWindow()
        for watched in (window, window.view, window.view.viewport()):
            watched.installEventFilter(self)
        # the window retitles itself on every document it opens: the cheapest sure sign of one
        window.windowTitleChanged.connect(self.sync_document)
        self.sync_document()
        self.timer = QTimer(self)  # kept rows reach the file within FLUSH_MS even while no one acts
        self.timer.timeout.connect(self.recorder.flush)
        self.timer.start(FLUSH_MS)

    def sync_document(self, *_: object) -> None:
        """Record an opening when the window shows another document than the recorder knows."""
        current = self.window.session.document_id
        if current != self.recorder.document_id:
            self.recorder.open(current)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.window:
            if kind == QEvent.Type.WindowActivate:
                self.recorder.focus(True)
            elif kind == QEvent.Type.WindowDeactivate:
                self.recorder.focus(False)
            elif kind == QEvent.Type.Close:
                self.recorder.close()
        elif kind in INPUT_EVENTS:
            if not self.recorder.focused:  # typing or clicking in the view: the window has the focus
                self.recorder.focus(True)
            self.sync_document()
            self.recorder.input()
        return False


def install_activity(window: MainWindow, clock: Clock | None = None) -> ActivityFeed:
    """Start recording the window's annotator's activity (one call in ``MainWindow.__init__``)."""
    return ActivityFeed(window, clock)
