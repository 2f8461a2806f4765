"""The keyboard flow over suggestions, without Qt: what the window's keys call.

One :class:`SuggestionCursor` per open document and annotator. It walks the suggestions that
annotator still has to decide, in text order: N/P move (wrapping around), Enter accepts the
current one, Backspace rejects it, Shift+Enter accepts every pending suggestion with its label,
and a threshold accepts everything scoring at least that much. After a decision the cursor
moves on to the next pending suggestion after the decided one, so pressing Enter or Backspace
repeatedly works through the document. Every decision is one action in the annotator's log
(Ctrl+Z brings the suggestion back) and returns the store's :class:`~annotator.store.Change`.
"""

from __future__ import annotations

from typing import Any

from annotator.store.changes import NO_CHANGE, Change
from annotator.store.suggestions import StoredSuggestion

Position = tuple[int, int, str]  # (start, end, label): where the cursor is, even after a decision


class SuggestionCursor:
    def __init__(self, project: Any, document_id: str, annotator: Any) -> None:
        self.project = project
        self.document_id = document_id
        self.annotator = annotator
        self._position: Position | None = None  # the current suggestion's key
        self._pending_id: str | None = None

    # -- reading ---------------------------------------------------------------------------------

    def pending(self) -> list[StoredSuggestion]:
        """The suggestions this annotator has not decided yet, in text order (for painting)."""
        return self.project.suggestions(self.document_id, self.annotator)

    def current(self) -> StoredSuggestion | None:
        """The selected suggestion, if it is still pending."""
        if self._position is None:
            return None
        return next((s for s in self.pending() if s.key == self._position), None)

    # -- moving ----------------------------------------------------------------------------------

    def next(self) -> StoredSuggestion | None:
        """N: the next pending suggestion after the current one (the first if none), wrapping."""
        return self._move(forward=True)

    def previous(self) -> StoredSuggestion | None:
        """P: the previous pending suggestion, wrapping."""
        return self._move(forward=False)

    def select(self, suggestion_id: str | None) -> StoredSuggestion | None:
        """Make a suggestion current (a click on it); None clears the selection."""
        if suggestion_id is None:
            self._position = None
            return None
        chosen = next((s for s in self.pending() if s.id == suggestion_id), None)
        self._position = chosen.key if chosen else None
        return chosen

    def select_at(self, offset: int) -> StoredSuggestion | None:
        """The pending suggestion covering character ``offset`` (shortest first), made current."""
        covering = [s for s in self.pending() if s.start <= offset < s.end]
        if not covering:
            return None
        chosen = min(covering, key=lambda s: (s.end - s.start, -s.score))
        self._position = chosen.key
        return chosen

    def place(self, offset: int) -> None:
        """Put the cursor before ``offset`` (the text cursor) so that N starts from there."""
        self._position = (offset, offset, "")

    def _move(self, *, forward: bool) -> StoredSuggestion | None:
        pending = self.pending()
        if not pending:
            self._position = None
            return None
        if self._position is None:
            chosen = pending[0] if forward else pending[-1]
        elif forward:
            chosen = next((s for s in pending if s.key > self._position), pending[0])
        else:
            chosen = next((s for s in reversed(pending) if s.key < self._position), pending[-1])
        self._position = chosen.key
        return chosen

    # -- deciding --------------------------------------------------------------------------------

    def accept(self) -> Change:
        """Enter: accept the current suggestion (a span with origin ``suggestion``), move on."""
        return self._decide(self.project.accept_suggestion)

    def reject(self) -> Change:
        """Backspace: reject the current suggestion for this document, move on."""
        return self._decide(self.project.reject_suggestion)

    def accept_label(self) -> Change:
        """Shift+Enter: accept every pending suggestion with the current one's label."""
        chosen = self.current()
        if chosen is None:
            return NO_CHANGE
        change = self.project.accept_label(self.document_id, self.annotator, chosen.label)
        self._after_decision()
        return change

    def accept_above(self, threshold: float) -> Change:
        """Accept every pending suggestion scoring at least ``threshold`` (best of overlapping ones)."""
        change = self.project.accept_above(self.document_id, self.annotator, threshold)
        self._after_decision()
        return change

    def _decide(self, action: Any) -> Change:
        chosen = self.current()
        if chosen is None:
            return NO_CHANGE
        change = action(chosen.id, self.annotator)
        self._after_decision()
        return change

    def _after_decision(self) -> None:
        """Stay where the decided suggestion was: the next N/Enter/Backspace acts on what follows."""
        if self._position is not None:
            position = self._position
            pending = self.pending()
            following = next((s for s in pending if s.key > position), pending[0] if pending else None)
            self._position = following.key if following else None
