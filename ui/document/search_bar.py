"""Ctrl+F: search the open document, ignoring diacritics, tatweel and alef variants.

All hits are marked in the view; Enter/F3 moves to the next one (and selects it, so a label
key tags it), Shift+Enter to the previous one, Esc closes the bar.

The find box keeps the keyboard focus, so a label key typed while a hit is current tags the hit
instead of going into the query («المانيا3», no hits). A key still goes into the query when it
continues what is there: digits after digits (or in an empty box), Latin letters after Latin text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from annotator.search import DocumentSearch
from ui.document.marks import Mark, MarkIndex, MarkStyle
from ui.document.view import DocumentView
from ui.i18n import tr

MAX_HITS = 5000


def continues_query(query: str, typed: str) -> bool:
    """Whether ``typed`` belongs in the find box holding ``query``, rather than tagging the current hit.

    Searching a number (``1``, ``12``, ``١٢``) must stay possible, as must a Latin name
    («CNN») when a label's hotkey is a letter; anything else a label key would only spoil.
    """
    query = "".join(query.split())
    if typed.isdigit():  # also Arabic-Indic ١–٩
        return all(char.isdigit() for char in query)
    if typed.isascii() and typed.isalpha():
        return query.isascii()
    return True  # Arabic letters, punctuation, spaces: never a reason to leave the query


class SearchBar(QWidget):
    closed = Signal()

    def __init__(self, view: DocumentView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.field = QLineEdit()
        self.field.setPlaceholderText(tr("Search (ignores diacritics, tatweel, alef forms)"))
        self.field.setClearButtonEnabled(True)
        self.count = QLabel()
        previous, following, close = QToolButton(), QToolButton(), QToolButton()
        previous.setText("▲")
        following.setText("▼")
        close.setText("✕")
        previous.setToolTip(tr("Previous hit (Shift+Enter)"))
        following.setToolTip(tr("Next hit (Enter)"))
        close.setToolTip(tr("Close (Esc)"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(QLabel(tr("Find:")))
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addWidget(close)
        self.field.textChanged.connect(self.run)
        previous.clicked.connect(lambda: self.step(-1))
        following.clicked.connect(lambda: self.step(1))
        close.clicked.connect(self.close_bar)
        self.field.installEventFilter(self)
        self._search: DocumentSearch | None = None
        self._search_text = ""
        self.hits: list[tuple[int, int]] = []
        self.current = -1
        self.hide()

    def open_bar(self) -> None:
        self.show()
        self.field.setFocus()
        self.field.selectAll()
        self.run(self.field.text())

    def close_bar(self) -> None:
        self.hide()
        self.view.search_hits = MarkIndex()
        self.view.viewport().update()
        self.view.setFocus()
        self.closed.emit()

    def document_changed(self) -> None:
        self._search = None
        if self.isVisible():
            self.run(self.field.text())

    def run(self, query: str) -> None:
        text = self.view.toPlainText() if self._search is None else self._search_text
        if self._search is None:
            self._search_text = text
            self._search = DocumentSearch(text)
        self.hits = self._search.find_all(query, limit=MAX_HITS)
        self.view.search_hits = MarkIndex(
            Mark(f"hit:{i}", s, e, "#FFD600", MarkStyle.SEARCH) for i, (s, e) in enumerate(self.hits)
        )
        self.current = -1
        self._show_count()
        self.view.viewport().update()
        if self.hits:
            self.step(1)

    def step(self, direction: int) -> None:
        if not self.hits:
            return
        self.current = (self.current + direction) % len(self.hits)
        start, end = self.hits[self.current]
        self.view.scroll_to(start, end)
        self.view.select_range(start, end)
        self._show_count()

    def _show_count(self) -> None:
        if not self.field.text().strip():
            self.count.setText("")
        elif not self.hits:
            self.count.setText(tr("no hits"))
        else:
            self.count.setText(f"{self.current + 1} / {len(self.hits)}")

    def eventFilter(self, watched, event) -> bool:
        if watched is self.field and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F3):
                self.step(-1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1)
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if self._tags_current_hit(event):
                return True
        return super().eventFilter(watched, event)

    def _tags_current_hit(self, event: QKeyEvent) -> bool:
        """A label key with a hit current tags it (the view's handler decides what is a label key)."""
        if self.current < 0 or event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return False
        if continues_query(self.field.text(), event.text()):
            return False
        handler = self.view.label_key_handler
        return handler is not None and handler(event)
