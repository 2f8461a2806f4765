"""Ending a window feature's subscriptions when the window closes.

Its own module, apart from :mod:`ui.consistency.feature`, so that the features that install
themselves at start-up (the consistency docks, the Guidelines panel) can use it without importing
the queue's modules before their dock is first opened (``cold_start_vs_bare_qt_ratio``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject


class CloseWatch(QObject):
    """Calls ``on_close`` when the window closes (the feature's subscriptions end with it)."""

    def __init__(self, window: QObject, on_close: Any) -> None:
        super().__init__(window)
        self.on_close = on_close
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            self.on_close()
        return False
