"""The open document's pending suggestions as dashed marks in the view, kept in step with the store.

Pending means what ``project.suggestions(document, annotator)`` lists: stored suggestions the
annotator has not decided and has not already covered with a span. The list is the keyboard
cursor's (:class:`~annotator.sessions.suggestions.SuggestionCursor`, Qt-free), which keeps it
between keys and follows every :class:`~annotator.store.Change` this layer passes on; the layer
only paints it. After a change it compares the cursor's list with what it shows and moves only
the marks that came or went (Enter in a 5,000-suggestion article changes one or two marks; the
view's index takes them in ``O(log n)``). ``tests/ui/test_suggestions_layer.py`` checks that the
layer and the store agree.
"""

from __future__ import annotations

from collections.abc import Callable

from annotator.sessions.suggestions import SuggestionCursor
from annotator.store import Change
from annotator.store.suggestions import StoredSuggestion
from ui.document.marks import Mark, MarkStyle
from ui.document.view import DocumentView
from ui.i18n import tr

GREY = "#8C8C8C"
REPAINT_ALL = 500  # more changed marks than this: build the view's index afresh


def describe(suggestion: StoredSuggestion) -> str:
    """What a tooltip says about a suggestion: who suggested it and how sure it was."""
    return tr("suggested by {sources} · score {score}").format(
        sources=", ".join(suggestion.sources), score=f"{suggestion.score:.2f}"
    )


class SuggestionLayer:
    def __init__(
        self,
        view: DocumentView,
        colours: Callable[[], dict[str, str]],
        cursor: Callable[[], SuggestionCursor | None],
    ) -> None:
        self.view = view
        self.colours = colours
        self.cursor = cursor  # the open document's cursor (none without a document)
        self.pending: list[StoredSuggestion] = []  # what the view shows, in text order

    def load(self) -> None:
        """A document was opened: show its pending suggestions."""
        cursor = self.cursor()
        self.pending = [] if cursor is None else cursor.pending()
        if cursor is not None:
            cursor.take_dropped()  # in step with the cursor from here on
        colours = self.colours()
        marks = [self._mark(s, colours) for s in self.pending]
        self.view.set_suggestions(marks, {s.id: describe(s) for s in self.pending})

    def follow(self, change: Change) -> bool:
        """Update after a change of the store; True when the shown suggestions changed."""
        cursor = self.cursor()
        if cursor is None or not cursor.follow(change):
            return False
        if change.schema_changed:  # colours may have changed too
            self.load()
            return True
        shown, now = self.pending, cursor.pending()
        dropped = cursor.take_dropped()
        if dropped is not None:  # only drops since the last look (Enter, a tag): no lists to compare
            gone, came = dropped, []
        else:  # the cursor read its list afresh: compare
            kept = {id(s) for s in now}
            gone = [s for s in shown if id(s) not in kept]
            old = {id(s) for s in shown}
            came = [s for s in now if id(s) not in old]
        if not gone and not came:
            return False
        if len(gone) + len(came) > REPAINT_ALL:
            self.load()
            return True
        self.pending = now
        view, colours = self.view, self.colours()
        for s in gone:
            view.suggestions.remove(s.id)
            view.suggestion_tips.pop(s.id, None)
        for s in came:
            view.suggestions.add(self._mark(s, colours))
            view.suggestion_tips[s.id] = describe(s)
        if view.current_suggestion not in view.suggestions:
            view.current_suggestion = None
        for s in (*gone, *came):  # only where they are (REPAINT_ALL above bounds how many)
            view.update_range(s.start, s.end)
        return True

    @staticmethod
    def _mark(suggestion: StoredSuggestion, colours: dict[str, str]) -> Mark:
        s = suggestion
        return Mark(s.id, s.start, s.end, colours.get(s.label, GREY), MarkStyle.DASHED, s.label)
