"""Deciding suggestions from the keyboard: N / P move, Enter accepts, Backspace rejects.

The logic is :class:`~annotator.sessions.suggestions.SuggestionCursor` (Qt-free); this adapter
maps keys to it and shows the result: the current suggestion is outlined and scrolled into view,
the status bar says what happened. A current suggestion and a selected span exclude each other,
so Backspace means "reject" while a suggestion is current and "delete the span" otherwise; Enter
is free in the view (Ctrl+Enter, "done and next", is a window action). Every decision is one
action in the annotator's log, so Ctrl+Z brings the suggestion back.

Keys (no Ctrl): **N** next, **P** previous (ى and ح on an Arabic layout), **Enter** accept,
**Shift+Enter** accept every suggestion with this label in the document, **Backspace** or
**Delete** reject, **Shift+Backspace** reject every suggestion with the same text and label in the
document (the Suggestions menu does it for the whole project), a **label key** accept it with that
label instead (the controller asks :meth:`SuggestionKeys.accept_as`), **Esc** leave the suggestion.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QKeyEvent

from annotator.errors import HashiyaError
from annotator.sessions.annotating import Session
from annotator.sessions.suggestions import SuggestionCursor
from annotator.store import Change
from annotator.store.changes import ACCEPT_KINDS
from annotator.store.suggestions import StoredSuggestion
from ui.document.view import DocumentView
from ui.i18n import isolate, tr, trn
from ui.keymap import latin_key

ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
SHIFT = Qt.KeyboardModifier.ShiftModifier
PLAIN = Qt.KeyboardModifier.NoModifier | Qt.KeyboardModifier.KeypadModifier


class SuggestionKeys:
    def __init__(self, session: Session, view: DocumentView, message: Callable[[str], None]) -> None:
        self.session = session
        self.view = view
        self.message = message
        self.cursor: SuggestionCursor | None = None

    def open(self) -> None:
        """A document was opened: a fresh cursor at its start."""
        document_id, project, annotator = self.session.document_id, self.session.project, self.session.annotator
        self.cursor = None if document_id is None else SuggestionCursor(project, document_id, annotator)
        self.view.current_suggestion = None

    @property
    def current_id(self) -> str | None:
        return self.view.current_suggestion

    # -- keys --------------------------------------------------------------------------------

    def handle(self, event: QKeyEvent) -> bool:
        """Take the suggestion keys; anything else goes on to the span controller."""
        if self.cursor is None:
            return False
        key, mods, latin = event.key(), event.modifiers(), latin_key(event.text())
        plain = not mods & ~PLAIN
        if plain and (key == Qt.Key.Key_N or latin == "N"):
            self.step(forward=True)
            return True
        if plain and (key == Qt.Key.Key_P or latin == "P"):
            self.step(forward=False)
            return True
        if key in ENTER and (plain or mods & ~PLAIN == SHIFT):
            if self.current_id is None:
                if self.view.suggestions:
                    self.message(tr("No suggestion chosen: press N to go to the next one"))
                    return True
                return False
            self.accept_label() if mods & SHIFT else self.accept()
            return True
        if key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete) and self.current_id is not None:
            self.reject_identical() if mods & SHIFT else self.reject()
            return True
        if key == Qt.Key.Key_Escape and self.current_id is not None:
            self.deselect()
            return False  # the controller clears the text selection too
        return False

    # -- moving ------------------------------------------------------------------------------

    def step(self, *, forward: bool) -> None:
        if self.cursor is None:
            return
        if self.current_id is None:
            self.cursor.place(self._start_offset())
        chosen = self.cursor.next() if forward else self.cursor.previous()
        if chosen is None:
            self.message(tr("No suggestions to decide in this document"))
        self._show(chosen, scroll=True)

    def select(self, suggestion_id: str | None) -> None:
        """A click on a suggestion (or None to leave it)."""
        if self.cursor is None:
            return
        self._show(self.cursor.select(suggestion_id), scroll=False)

    def deselect(self) -> None:
        if self.cursor is not None:
            self.cursor.select(None)
        if self.view.current_suggestion is not None:
            self.view.current_suggestion = None
            self.view.viewport().update()

    def _start_offset(self) -> int:
        """Where N starts without a current suggestion: the selected span, else the text cursor."""
        mark = self.view.spans.get(self.session.selected_span) if self.session.selected_span else None
        return mark.start if mark is not None else self.view.caret_offset()

    def _show(self, chosen: StoredSuggestion | None, *, scroll: bool) -> None:
        if chosen is not None:
            self.session.select()  # a current suggestion and a selected span exclude each other
            if scroll:
                self.view.scroll_to(chosen.start, chosen.end)
            self.message(
                tr("Suggestion {label}: {text} ({about}). Enter accepts, Backspace rejects").format(
                    label=chosen.label, text=isolate(chosen.text_in(self.session.text)), about=_about(chosen)
                )
            )
        self.view.current_suggestion = chosen.id if chosen is not None else None
        self.view.viewport().update()

    # -- deciding ----------------------------------------------------------------------------

    def accept(self) -> None:
        self._decide(lambda cursor: cursor.accept(), "Accepted {n} suggestions")

    def reject(self) -> None:
        self._decide(lambda cursor: cursor.reject(), "Rejected {n} suggestions")

    def accept_label(self) -> None:
        self._decide(lambda cursor: cursor.accept_label(), "Accepted {n} suggestions")

    def accept_as(self, label: str) -> None:
        """A label key while a suggestion is current: accept it with that label (a relabelled span)."""
        self._decide(lambda cursor: cursor.accept_as(label), "Accepted {n} suggestions")

    def reject_identical(self, *, project_wide: bool = False) -> None:
        """Reject every suggestion like the current one (same text, same label) in this document, or
        in every document: the store's one action (``Project.reject_identical``), so one Ctrl+Z brings
        them all back. The view follows its change like any other (the window is subscribed); the
        cursor then moves on from where the rejected suggestion was."""
        chosen = None if self.cursor is None else self.cursor.current()
        if chosen is None:
            self.message(tr("No suggestion chosen: press N to go to the next one"))
            return
        project, annotator = self.session.project, self.session.annotator
        count = len(project.identical_suggestions(chosen.id, annotator, project_wide=project_wide))  # for the message

        def reject(cursor: SuggestionCursor) -> Change:
            change = project.reject_identical(chosen.id, annotator, project_wide=project_wide)
            cursor.next()  # the next N/Enter/Backspace acts on what follows
            return change

        self._decide(reject, "Rejected {n} suggestions", count)

    def reject_identical_in_project(self) -> None:
        self.reject_identical(project_wide=True)

    def accept_above(self, threshold: float) -> int:
        """Accept every pending suggestion scoring at least ``threshold``; returns how many."""
        return self._decide(lambda cursor: cursor.accept_above(threshold), "Accepted {n} suggestions")

    def _decide(self, action: Callable[[SuggestionCursor], Change], done: str, count: int | None = None) -> int:
        if self.cursor is None:
            return 0
        try:
            change = action(self.cursor)
        except HashiyaError as error:
            self.message(str(error))
            return 0
        decided = count if count is not None else len(change.spans_added) if change.kind in ACCEPT_KINDS else 1
        following = self.cursor.current()
        if following is not None:
            self._show(following, scroll=not self._on_screen(following.id))
        else:
            self.deselect()
        if not change.empty:
            left = len(self.view.suggestions)
            self.message(trn(done, decided) + " · " + trn("{n} left in this document", left))
        return decided

    def _on_screen(self, suggestion_id: str) -> bool:
        viewport = QRectF(self.view.viewport().rect())
        return any(viewport.contains(r) for r in self.view.suggestion_rects(suggestion_id))


def _about(suggestion: StoredSuggestion) -> str:
    return f"{', '.join(suggestion.sources)} · {suggestion.score:.2f}"


KEYS_HELP = """Suggestions (dashed boxes): N / P next / previous suggestion, Enter accept, Backspace reject,
Shift+Enter accept all of this label in the document, a label key accept with that label,
Shift+Backspace reject all with this text and label in the document. Suggestions menu: the same
in the whole project, accept all above a score, pre-annotate documents in the background,
train the project model."""
