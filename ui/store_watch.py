"""One timer that drives the store's watcher, so writes by other programs reach the change bus.

The watcher (:class:`annotator.store.watcher.StoreWatcher`, Qt-free) knows how to notice another
connection's commit and deliver it as an *external* change; this adapter only says when to look:
one ``QTimer`` per window, on the window's thread (the project's connection belongs to it).
While a worker of this window writes through its own connection (an import, a merge), the
watcher is held (:meth:`StoreWatch.hold`, :meth:`StoreWatch.release`), so that the worker's
commit reaches the views once, as its own complete change.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from annotator.store import Change
from annotator.store.watcher import StoreWatcher, Watched

INTERVAL_MS = 1000  # a second: another window's edit shows soon enough, and a check costs one PRAGMA


class StoreWatch(QObject):
    def __init__(self, project: Watched, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.watcher = StoreWatcher(project)
        self.timer = QTimer(self)
        self.timer.setObjectName("storeWatch")
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def check(self) -> Change:
        """One look (what the timer does; tests may call it too)."""
        return self.watcher.check()

    def _tick(self) -> None:
        """The timer's look. A project closed under the window (its connection gone) ends the
        watching: a timer must not raise into Qt's event loop, and there is nothing left to watch."""
        try:
            self.check()
        except Exception:  # sqlite3's error for a closed connection (ui may not import sqlite3)
            self.stop()

    def hold(self) -> None:
        self.watcher.hold()

    def release(self) -> None:
        self.watcher.release()

    def stop(self) -> None:
        self.timer.stop()
