"""The keyboard flow over suggestions, without Qt: what the window's keys call.

One :class:`SuggestionCursor` per open document and annotator. It walks the suggestions that
annotator still has to decide, in text order: N/P move (wrapping around), Enter accepts the
current one, Backspace rejects it, Shift+Enter accepts every pending suggestion with its label,
and a threshold accepts everything scoring at least that much. After a decision the cursor
moves on to the next pending suggestion after the decided one, so pressing Enter or Backspace
repeatedly works through the document. Every decision is one action in the annotator's log
(Ctrl+Z brings the suggestion back) and returns the store's :class:`~annotator.store.Change`.

The cursor keeps the pending list instead of asking the store on every key (a listing reads
every suggestion and span of the document: tens of milliseconds in a 20,000-span article). It
updates the list from each change it makes itself: a decision hides what it decided and what the
accepted spans cover (:func:`~annotator.store.suggestions.covers`, the store's own rule). A
window passes every other change of the store to :meth:`SuggestionCursor.follow` (tagging hides
covered suggestions in place; anything else re-reads at the next key). It never asks the store
whether something changed: writes by workers and other programs reach it through the same
:meth:`~SuggestionCursor.follow` (an *external* change from the store's watcher,
:mod:`annotator.store.watcher`), the sessions' one protocol (:mod:`annotator.sessions.follow`).
A cursor nobody passes changes to sees only its own steps.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Collection
from operator import attrgetter
from typing import Any

from annotator.store.changes import NO_CHANGE, Change, ChangeKind
from annotator.store.suggestions import Key, StoredSuggestion, coverage

Position = tuple[int, int, str]  # (start, end, label): where the cursor is, even after a decision


class SuggestionCursor:
    def __init__(self, project: Any, document_id: str, annotator: Any) -> None:
        self.project = project
        self.document_id = document_id
        self.annotator = annotator
        self._position: Position | None = None  # the current suggestion's key
        self._list: list[StoredSuggestion] | None = None  # pending, in the store's order; None: read it
        self._own: tuple[Collection[Key], bool] | None = None  # during our own step: (decided, list was right)
        self._followed = False  # our own step's change already came through follow()
        self._id: str | None = None  # the annotator's id, once the project knows them
        self._longest = 0  # the longest pending suggestion (when the list was read)
        self._dropped: list[StoredSuggestion] | None = None  # see take_dropped; None: the list was read afresh

    # -- reading ---------------------------------------------------------------------------------

    def pending(self) -> list[StoredSuggestion]:
        """The suggestions this annotator has not decided yet, in text order (for painting)."""
        return list(self._pending())

    def current(self) -> StoredSuggestion | None:
        """The selected suggestion, if it is still pending."""
        if self._position is None:
            return None
        return next((s for s in self._pending() if s.key == self._position), None)

    def take_dropped(self) -> list[StoredSuggestion] | None:
        """The suggestions dropped from :meth:`pending` since the last call, or None when the list
        was read afresh meanwhile. A painter keeping a copy of the list follows it with this instead
        of comparing two 5,000-suggestion lists after every Enter."""
        dropped, self._dropped = self._dropped, []
        return dropped

    def refresh(self) -> None:
        """Read the pending suggestions from the store again at the next use."""
        self._list = None

    def _pending(self) -> list[StoredSuggestion]:
        if self._list is None:
            self._list = self.project.suggestions(self.document_id, self.annotator)
            self._dropped = None
            self._longest = max((s.end - s.start for s in self._list), default=0)  # the list only shrinks
        return self._list

    # -- following the store -----------------------------------------------------------------------

    def follow(self, change: Change) -> bool:
        """Take in a committed change of the store (a window passes every one it is told of);
        True when the pending suggestions may have changed."""
        if self._own is not None:  # our own step, told to the window's listeners before it returns
            self._absorb(change, *self._own)
            self._followed = True
            return True
        if self._list is None:
            return True
        doc, mine = self.document_id, self._annotator_id()

        def ours(spans) -> list:
            return [s for s in spans if s.document_id == doc and s.annotator_id == mine]

        if change.external or change.schema_changed or change.kind == ChangeKind.ADD_DOCUMENTS:  # unknown or new
            changed = True
        elif mine is None:  # a name the project did not know: whatever happens in the document may be theirs
            changed = doc in change.document_ids
        else:
            changed = (
                (doc in change.suggestions and change.annotator_id in (mine, None))  # a run, a decision, its undo
                or bool(ours(change.spans_removed) or ours(change.spans_updated))  # may uncover suggestions
            )
        if changed:
            self._list = None  # read again at the next use
            return True
        added = ours(change.spans_added)
        if not added:
            return False
        before = len(self._list)
        self._hide(added)  # tagging only hides suggestions
        return len(self._list) != before

    def _annotator_id(self) -> str | None:
        """This annotator's id; None while the project does not know the name."""
        if self._id is None:
            annotator = self.annotator
            found = annotator if hasattr(annotator, "id") else self.project.get_annotator(annotator)
            self._id = found.id if found is not None else None
        return self._id

    def _step(self, action: Callable[[], Change], decided: Collection[Key] = ()) -> Change:
        """One decision of ours: its change updates the list (``decided`` keys and covered ones go)."""
        right = self._list is not None  # followed changes mark it stale (None) otherwise
        self._own, self._followed = (decided, right), False
        try:
            change = action()
        finally:
            self._own = None
        if not self._followed:
            self._absorb(change, decided, right)
        return change

    def _absorb(self, change: Change, decided: Collection[Key], right: bool) -> None:
        if not right:
            self._list = None
            return
        self._hide([s for s in change.spans_added if s.document_id == self.document_id], decided)

    def _hide(self, spans: list, decided: Collection[Key] = ()) -> None:
        """Drop the ``decided`` suggestions and those the spans cover. The list is in text order, so
        only the stretch that can overlap them is looked at (Enter in a long article: a few)."""
        keys = [(s.start, s.end, s.label) for s in spans]
        reach = [*keys, *decided]
        if not reach or not self._list:
            return
        pending, start = self._list, attrgetter("start")
        first = bisect_left(pending, min(k[0] for k in reach) - self._longest, key=start)
        last = bisect_left(pending, max(k[1] for k in reach), key=start)
        covered = coverage(keys)
        kept: list[StoredSuggestion] = []
        dropped: list[StoredSuggestion] = []
        for suggestion in pending[first:last]:
            (dropped if suggestion.key in decided or covered(suggestion) else kept).append(suggestion)
        self._list = pending[:first] + kept + pending[last:]
        if self._dropped is not None:
            self._dropped.extend(dropped)

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
        chosen = next((s for s in self._pending() if s.id == suggestion_id), None)
        self._position = chosen.key if chosen else None
        return chosen

    def select_at(self, offset: int) -> StoredSuggestion | None:
        """The pending suggestion covering character ``offset`` (shortest first), made current."""
        covering = [s for s in self._pending() if s.start <= offset < s.end]
        if not covering:
            return None
        chosen = min(covering, key=lambda s: (s.end - s.start, -s.score))
        self._position = chosen.key
        return chosen

    def place(self, offset: int) -> None:
        """Put the cursor before ``offset`` (the text cursor) so that N starts from there."""
        self._position = (offset, offset, "")

    def _move(self, *, forward: bool) -> StoredSuggestion | None:
        pending = self._pending()
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
        change = self._step(lambda: self.project.accept_label(self.document_id, self.annotator, chosen.label))
        self._after_decision()
        return change

    def accept_above(self, threshold: float) -> Change:
        """Accept every pending suggestion scoring at least ``threshold`` (best of overlapping ones)."""
        change = self._step(lambda: self.project.accept_above(self.document_id, self.annotator, threshold))
        self._after_decision()
        return change

    def accept_as(self, label: str) -> Change:
        """A label key: accept the current suggestion with ``label`` instead of its own, move on."""
        return self._decide(lambda suggestion_id, annotator: self.project.accept_as(suggestion_id, annotator, label))

    def _decide(self, action: Any) -> Change:
        chosen = self.current()
        if chosen is None:
            return NO_CHANGE
        change = self._step(lambda: action(chosen.id, self.annotator), decided=(chosen.key,))
        self._after_decision()
        return change

    def _after_decision(self) -> None:
        """Stay where the decided suggestion was: the next N/Enter/Backspace acts on what follows."""
        if self._position is not None:
            position = self._position
            pending = self._pending()
            following = next((s for s in pending if s.key > position), pending[0] if pending else None)
            self._position = following.key if following else None
