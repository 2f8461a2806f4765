"""The session's selection as a Qt signal: the one place views and tables learn what is selected.

:class:`~annotator.sessions.annotating.Session` owns the selection (Qt-free). This adapter turns
its listener into ``selectionChanged(span_id, relation_id)`` so the document view, the entity and
relation tables and the status bar each connect one slot, and a key press that selects a span
sets it once and repaints once.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from annotator.sessions.annotating import Selection, Session


class SelectionSignal(QObject):
    selectionChanged = Signal(object, object)  # span id or None, relation id or None

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._stop = session.watch_selection(self._emit)

    def _emit(self, selection: Selection) -> None:
        self.selectionChanged.emit(selection.span, selection.relation)

    def stop(self) -> None:
        """The window closes: the session keeps no listener of a deleted object."""
        if self._stop is not None:
            self._stop()
            self._stop = None
