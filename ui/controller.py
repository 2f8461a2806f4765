"""The keyboard and mouse controller: maps keys and clicks in the document to store operations.

Modes are explicit: ``normal``, and ``relation`` (a head span is chosen, the user picks the
target with a click, Tab/Shift+Tab and Enter, or by dragging). Suggestion keys (N/P/Enter/
Backspace/Shift+Enter) are asked first, in ``ui/suggestions/keys.py``; they only take Enter and
Backspace while a suggestion is current, which excludes a selected span.

The selection belongs to the session; the controller changes it there and the view, the tables
and the status bar follow its Qt signal (:class:`ui.selection.SelectionSignal`, ``self.selection``).
The view hands keys to :meth:`Controller.handle_key` through ``view.key_handler``: a handler,
not a signal, because the view must know whether the key was taken.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QMenu

from annotator.errors import HashiyaError
from annotator.sessions.annotating import Session
from annotator.snapping import Snap
from ui.document.painter import anchor
from ui.document.view import DocumentView
from ui.i18n import tr
from ui.keymap import latin_key
from ui.selection import SelectionSignal
from ui.suggestions.keys import SuggestionKeys

DIGIT_KEYS = {getattr(Qt.Key, f"Key_{d}"): str(d) for d in range(10)}


class Controller(QObject):
    def __init__(self, session: Session, view: DocumentView, message: Callable[[str], None]) -> None:
        super().__init__(view)
        self.session = session
        self.view = view
        self.message = message
        self.relation_head: str | None = None
        self.type_menu: QMenu | None = None
        self.selection = SelectionSignal(session, self)
        self.selection.selectionChanged.connect(view.show_selection)
        self.suggestions = SuggestionKeys(session, view, message)
        view.key_handler = self.handle_key
        view.label_key_handler = self.label_key
        view.suggestionClicked.connect(self.suggestion_clicked)
        view.spanClicked.connect(self.span_clicked)
        view.relationClicked.connect(self.relation_clicked)
        view.relationDragged.connect(self.choose_relation_type)

    # -- selection -------------------------------------------------------------------------------

    def select_span(self, span_id: str | None, *, scroll: bool = False) -> None:
        """Select a span in the session (the view and the tables follow its signal)."""
        if span_id is not None:
            self.suggestions.deselect()
        self.session.select(span=span_id)
        if span_id is not None and scroll:
            mark = self.view.spans.get(span_id)
            if mark is not None:
                self.view.scroll_to(mark.start, mark.end)

    def select_relation(self, relation_id: str | None) -> None:
        if relation_id is not None:
            self.suggestions.deselect()
        self.session.select(relation=relation_id)
        arc = self.view.arcs.get(relation_id) if relation_id else None
        mark = self.view.spans.get(arc.head) if arc else None
        if mark is not None and not self.view.span_on_screen(mark.key):
            self.view.scroll_to(mark.start, mark.end)

    def span_clicked(self, span_id: str | None) -> None:
        if self.relation_head is not None:
            if span_id is not None and span_id != self.relation_head:
                self.choose_relation_type(self.relation_head, span_id)
            return
        if span_id is None:
            self.suggestions.deselect()  # a click on plain text leaves everything
        self.select_span(span_id)

    def relation_clicked(self, relation_id: str) -> None:
        self.cancel_relation()
        self.select_relation(relation_id)

    def suggestion_clicked(self, suggestion_id: str) -> None:
        if self.relation_head is None:
            self.suggestions.select(suggestion_id)

    # -- keys --------------------------------------------------------------------------------

    def handle_key(self, event: QKeyEvent) -> bool:
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if ctrl:
            return False  # Ctrl+… belongs to the window's actions (undo, zoom, done, find)
        if self.relation_head is not None:
            return self._relation_key(key, mods)
        if self.suggestions.handle(event):
            return True
        if key == Qt.Key.Key_Escape:
            self.view.clear_text_selection()
            self.select_span(None)
            return True
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_selected()
            return True
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.step_span(backwards=key == Qt.Key.Key_Backtab or bool(mods & Qt.KeyboardModifier.ShiftModifier))
            return True
        if (key == Qt.Key.Key_R or latin_key(event.text()) == "R") and not mods & ~Qt.KeyboardModifier.KeypadModifier:
            self.start_relation()
            return True
        label = self._label_for(event)
        if label is not None and self.suggestions.current_id is not None and self.view.selection_range() is None:
            self.suggestions.accept_as(label)  # a label key relabels the current suggestion as it accepts it
            return True
        if label is not None:
            self.apply_label(label, exact=bool(mods & Qt.KeyboardModifier.AltModifier))
            return True
        return False

    def label_key(self, event: QKeyEvent) -> bool:
        """Tag the selection (or relabel the selected span) if ``event`` is a label's hotkey.

        The find box asks this before it takes a key, so a hotkey tags the current search hit.
        """
        label = None if self.relation_head is not None else self._label_for(event)
        if label is None:
            return False
        self.apply_label(label, exact=bool(event.modifiers() & Qt.KeyboardModifier.AltModifier))
        return True

    def _label_for(self, event: QKeyEvent) -> str | None:
        schema = self.session.project.schema
        text = DIGIT_KEYS.get(event.key()) or (event.text() or "")
        if len(text) == 1 and text.isdigit():  # Arabic-Indic digits from an Arabic keyboard: ١ → 1
            text = str(unicodedata.digit(text))
        if not text and Qt.Key.Key_A <= event.key() <= Qt.Key.Key_Z:
            text = chr(event.key()).lower()
        if len(text) != 1 or not text.isalnum():
            return None
        found = schema.label_for_hotkey(text)
        return found.name if found else None

    # -- span actions ----------------------------------------------------------------------------

    def apply_label(self, label: str, *, exact: bool = False) -> None:
        """Tag the text selection with ``label``, or relabel the selected span."""
        selection = self.view.selection_range()
        try:
            if selection is not None:
                policy = Snap.EXACT if exact or self.view.selection_exact else Snap.CLITIC
                change = self.session.tag(*selection, label, policy)
                self.view.clear_text_selection()  # a press inside a selection would start drag-and-drop
                self.view.selection_exact = False
                if change.empty and self.session.selected_span is None:
                    self.message(tr("Nothing to tag: the selection holds no word"))
                self.select_span(self.session.selected_span)
            elif self.session.selected_span is not None:
                self.session.relabel(label)
            else:
                self.message(tr("Select some text first (mouse or Shift+arrows), then press a label key"))
        except HashiyaError as error:
            self.message(str(error))

    def delete_selected(self) -> None:
        try:
            if self.session.delete_selected().empty:
                self.message(tr("Nothing selected to delete"))
        except HashiyaError as error:
            self.message(str(error))
        self.select_span(None)

    def step_span(self, *, backwards: bool) -> None:
        current = self.view.spans.get(self.session.selected_span) if self.session.selected_span else None
        offset = current.start if current else self.view.caret_offset()
        found = self.view.spans.next_after(offset, backwards=backwards)
        if found is None and current is None and not backwards:
            found = self.view.spans.next_after(offset - 1)
        if found is not None:
            self.select_span(found.key, scroll=True)

    # -- relations ---------------------------------------------------------------------------

    def start_relation(self) -> None:
        head = self.session.selected_span
        if head is None:
            self.message(tr("Select a span first (click it or Tab), then press R"))
            return
        self.relation_head = head
        self.view.pending_head = head
        self.view.candidate_span = None
        self.message(tr("Relation: click the target span, or Tab to it and press Enter; Esc cancels"))
        self.view.viewport().update()

    def cancel_relation(self) -> None:
        if self.relation_head is not None:
            self.message("")  # the "click the target span" prompt no longer applies
        self.relation_head = None
        self.view.pending_head = None
        self.view.candidate_span = None
        self.view.viewport().update()

    def _relation_key(self, key: int, mods: Qt.KeyboardModifier) -> bool:
        if key == Qt.Key.Key_Escape:
            self.cancel_relation()
            self.message(tr("Relation cancelled"))
            return True
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            backwards = key == Qt.Key.Key_Backtab or bool(mods & Qt.KeyboardModifier.ShiftModifier)
            current = self.view.spans.get(self.view.candidate_span or self.relation_head)
            found = self.view.spans.next_after(current.start if current else 0, backwards=backwards)
            if found is not None and found.key == self.relation_head:
                found = self.view.spans.next_after(found.start, backwards=backwards)
            if found is not None:
                self.view.candidate_span = found.key
                self.view.scroll_to(found.start, found.end)
                self.view.viewport().update()
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.view.candidate_span:
            self.choose_relation_type(self.relation_head, self.view.candidate_span)
            return True
        return True  # other keys do nothing while choosing a target

    def choose_relation_type(self, head_id: str, tail_id: str) -> None:
        """Offer the relation types the schema allows between the two spans' labels."""
        types = self.session.relation_types(head_id, tail_id)
        self.cancel_relation()
        if not types:
            head, tail = self.session.project.span(head_id), self.session.project.span(tail_id)
            self.message(
                tr("The schema allows no relation from {head} to {tail}").format(head=head.label, tail=tail.label)
            )
            return
        menu = QMenu(self.view)
        menu.setObjectName("relationTypeMenu")
        for i, kind in enumerate(types, start=1):
            action = QAction(f"&{i}  {kind.name}", menu)
            action.setData(kind.name)
            action.setToolTip(kind.description)
            action.triggered.connect(lambda _c=False, name=kind.name: self._relate(head_id, tail_id, name))
            menu.addAction(action)
        self.type_menu = menu
        rects = self.view.span_rects(tail_id)
        point = anchor(rects).toPoint() if rects else QPoint(self.view.viewport().width() // 2, 40)
        menu.popup(self.view.viewport().mapToGlobal(point))
        if types:
            menu.setActiveAction(menu.actions()[0])

    def _relate(self, head_id: str, tail_id: str, label: str) -> None:
        try:
            self.session.relate(head_id, tail_id, label)
        except HashiyaError as error:
            self.message(str(error))
            return
        self.select_relation(self.session.selected_relation)
        self.view.setFocus()
