"""The open document's pending suggestions as dashed marks in the view, kept in step with the store.

Pending means what ``project.suggestions(document, annotator)`` lists: stored suggestions the
annotator has not decided and has not already covered with a span (same offsets, or overlapping
with the same label). The layer computes that list from the stored suggestions, the annotator's
decisions and the spans the view already holds (its index answers "which spans overlap" in
``O(log n)``), instead of letting the store read every span of the document again: in a
20,000-span article that read alone takes a fifth of a second, on every Enter. It re-reads when
a document opens and whenever a :class:`~annotator.store.Change` names the open document in
``change.suggestions`` (a run, a decision, the undo of one); a tagged, removed or relabelled span
only re-checks coverage. A document without stored suggestions costs one indexed query.
``tests/ui/test_suggestions_layer.py`` checks that the layer and the store agree.
"""

from __future__ import annotations

from collections.abc import Callable

from annotator.model import Span
from annotator.store import Change
from annotator.store.suggestions import StoredSuggestion
from ui.document.marks import Mark, MarkStyle
from ui.document.view import DocumentView
from ui.i18n import tr
from ui.session import Session

GREY = "#8C8C8C"


def describe(suggestion: StoredSuggestion) -> str:
    """What a tooltip says about a suggestion: who suggested it and how sure it was."""
    return tr("suggested by {sources} · score {score}").format(
        sources=", ".join(suggestion.sources), score=f"{suggestion.score:.2f}"
    )


class SuggestionLayer:
    def __init__(self, session: Session, view: DocumentView, colours: Callable[[], dict[str, str]]) -> None:
        self.session = session
        self.view = view
        self.colours = colours
        self.stored = False  # the open document has suggestions in the store (decided or not)
        self.stored_suggestions: list[StoredSuggestion] = []
        self.decided: dict[tuple[int, int, str], str] = {}
        self.pending: list[StoredSuggestion] = []

    def load(self, change: Change | None = None) -> None:
        """Read the open document's suggestions and show the pending ones.

        ``change``: the store change being followed. The window may not have applied it to the
        view's spans yet (listeners run in turn), so its spans count as already applied.
        """
        project, document_id = self.session.project, self.session.document_id
        self.stored_suggestions = [] if document_id is None else project.suggestions(document_id)
        self.stored = bool(self.stored_suggestions)
        self.decided = project.decisions(document_id, self.session.annotator) if self.stored else {}
        self._recompute(change)

    def _recompute(self, change: Change | None) -> None:
        gone: set[str] = set()
        fresh: list[Span] = []
        if change is not None and change.annotator_id == self.session.annotator.id:
            gone = {s.id for s in (*change.spans_removed, *change.spans_updated)}
            fresh = [
                s for s in (*change.spans_added, *change.spans_updated) if s.document_id == self.session.document_id
            ]
        spans = self.view.spans

        def covered(suggestion: StoredSuggestion) -> bool:
            if any(
                m.key not in gone and _covers(m, suggestion)
                for m in spans.overlapping(suggestion.start, suggestion.end)
            ):
                return True
            return any(_covers(s, suggestion) for s in fresh)

        self.pending = [s for s in self.stored_suggestions if s.key not in self.decided and not covered(s)]
        self._show()

    def _show(self) -> None:
        colours = self.colours()
        marks = [
            Mark(s.id, s.start, s.end, colours.get(s.label, GREY), MarkStyle.DASHED, s.label) for s in self.pending
        ]
        self.view.set_suggestions(marks, {s.id: describe(s) for s in self.pending})

    def follow(self, change: Change) -> bool:
        """Update after a change of the store; True when the shown suggestions changed."""
        document_id = self.session.document_id
        if document_id is None or document_id not in change.document_ids:
            return False
        if document_id in change.suggestions:
            self.load(change)
            return True
        if change.annotator_id != self.session.annotator.id or not self.stored:
            return False
        if change.spans_removed or change.spans_updated:
            self._recompute(change)  # a removed or relabelled span may uncover a suggestion
            return True
        added = [s for s in change.spans_added if s.document_id == document_id]
        kept = [s for s in self.pending if not any(_covers(span, s) for span in added)]  # tagging: only hide
        if len(kept) == len(self.pending):
            return False
        self.pending = kept
        self._show()
        return True


def _covers(span: Span | Mark, suggestion: StoredSuggestion) -> bool:
    """The store's rule for hiding a suggestion: same offsets (any label), or overlap with its label."""
    if (span.start, span.end) == (suggestion.start, suggestion.end):
        return True
    return span.label == suggestion.label and span.start < suggestion.end and suggestion.start < span.end
