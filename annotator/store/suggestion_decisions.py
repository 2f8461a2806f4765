"""Annotators' decisions on suggestions: each accept or reject is one action in that annotator's log.

An annotator accepts a suggestion (a span with origin ``suggestion`` is created) or rejects it; undo
brings the suggestion back. A rejected suggestion stays hidden for that annotator and document until
a recommender run *by that annotator* suggests it again (:meth:`~annotator.store.suggestion_runs.
SuggestionRuns.store_predictions`). Which suggestions are pending is the listing's business
(:class:`~annotator.store.suggestion_runs.SuggestionRuns`); this module only writes decisions.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from annotator.ids import new_id
from annotator.model import Origin, Span
from annotator.predictions import best_non_overlapping
from annotator.store.changes import NO_CHANGE, Change, ChangeKind
from annotator.store.ops import Op
from annotator.store.rows import now, span_to_row
from annotator.store.suggestion_host import SuggestionHost
from annotator.store.suggestion_runs import Key, StoredSuggestion, SuggestionRuns

_PLURAL = {
    ChangeKind.ACCEPT_SUGGESTION: ChangeKind.ACCEPT_SUGGESTIONS,
    ChangeKind.REJECT_SUGGESTION: ChangeKind.REJECT_SUGGESTIONS,
}


class SuggestionDecisions:
    """Accepting and rejecting suggestions of one open project, as listed by ``runs``."""

    def __init__(self, host: SuggestionHost, runs: SuggestionRuns) -> None:
        self._host = host
        self._runs = runs

    def accept_suggestion(self, suggestion_id: str, annotator: Any) -> Change:
        return self.accept_suggestions([suggestion_id], annotator)

    def reject_suggestion(self, suggestion_id: str, annotator: Any) -> Change:
        return self.reject_suggestions([suggestion_id], annotator)

    def accept_suggestions(self, suggestion_ids: Sequence[str], annotator: Any) -> Change:
        chosen = [self._runs.suggestion(i, annotator) for i in suggestion_ids]
        return self._decide(chosen, annotator, "accepted", ChangeKind.ACCEPT_SUGGESTION)

    def reject_suggestions(self, suggestion_ids: Sequence[str], annotator: Any) -> Change:
        chosen = [self._runs.suggestion(i, annotator) for i in suggestion_ids]
        return self._decide(chosen, annotator, "rejected", ChangeKind.REJECT_SUGGESTION)

    def accept_label(self, document_id: str, annotator: Any, label: str) -> Change:
        """Accept every pending suggestion of ``label`` in the document, as one action."""
        pending = self._runs.suggestions(document_id, annotator, label=label)
        return self._decide(pending, annotator, "accepted", ChangeKind.ACCEPT_LABEL)

    def accept_above(self, document_id: str, annotator: Any, threshold: float) -> Change:
        """Accept every pending suggestion scoring at least ``threshold``, as one action.

        Where pending suggestions overlap, only the best-scoring one of each overlapping group is
        accepted (the others stay pending).
        """
        pending = self._runs.suggestions(document_id, annotator, min_score=threshold)
        return self._decide(best_non_overlapping(pending), annotator, "accepted", ChangeKind.ACCEPT_ABOVE)

    def reject_identical(self, suggestion_id: str, annotator: Any, *, project_wide: bool = False) -> Change:
        """Reject every pending suggestion with this one's text and label, in its document or (``project_wide``)
        in every document, as one action: one Ctrl+Z brings them all back."""
        same = self._runs.identical_suggestions(suggestion_id, annotator, project_wide=project_wide)
        return self._decide(same, annotator, "rejected", ChangeKind.REJECT_IDENTICAL)

    def accept_as(self, suggestion_id: str, annotator: Any, label: str) -> Change:
        """Accept a suggestion under ``label`` instead of its own (a label key while it is current), as
        one action: the annotator's span at its offsets gets ``label`` (origin ``suggestion``), and the
        suggested label is recorded as rejected, so it stays decided even if the span is later deleted."""
        host = self._host
        chosen = self._runs.suggestion(suggestion_id, annotator)
        if label == chosen.label:
            return self._decide([chosen], annotator, "accepted", ChangeKind.ACCEPT_SUGGESTION)
        stamp = now()
        document_id = chosen.document_id
        with host.database.atomic():
            annotator_id = host.roster.id_of(annotator, create=True)
            host.rules.check(chosen.start, chosen.end, label, host.rules.document_length(document_id))
            adds = not host.rules.exists(document_id, annotator_id, chosen.start, chosen.end, label)
            old = self._runs.decision_rows(document_id, annotator_id).get(chosen.key)
            ops = _decision_ops(chosen, annotator_id, "rejected", old, stamp, span_label=label if adds else None)
            if adds:
                ops += host.rules.start_work_ops(document_id, annotator_id)
            change = host.history.record(ChangeKind.ACCEPT_SUGGESTION_AS, annotator_id, document_id, ops)
        return host.deliver(change)

    def _decide(self, chosen: Sequence[StoredSuggestion], annotator: Any, decision: str, kind: ChangeKind) -> Change:
        """Record ``decision`` on every chosen suggestion (accepting adds the spans not there yet) as one action."""
        if not chosen:
            return NO_CHANGE
        host = self._host
        stamp = now()
        documents = {s.document_id for s in chosen}
        with host.database.atomic():  # a new annotator is created inside: a refused decision adds no one
            annotator_id = host.roster.id_of(annotator, create=True)
            ops: list[Op] = []
            for document_id in sorted(documents):
                in_document = [c for c in chosen if c.document_id == document_id]
                ops += self._document_ops(document_id, in_document, annotator_id, decision, stamp)
            if len(chosen) > 1:
                kind = _PLURAL.get(kind, kind)
            only = next(iter(documents)) if len(documents) == 1 else None
            change = host.history.record(kind, annotator_id, only, ops)
        return host.deliver(change)

    def _document_ops(
        self, document_id: str, chosen: Sequence[StoredSuggestion], annotator_id: str, decision: str, stamp: str
    ) -> list[Op]:
        """The ops deciding one document's chosen suggestions; the caller holds the transaction."""
        host = self._host
        taken: set[Key] = set()  # spans this action adds (existing ones: one indexed lookup each)
        old = self._runs.decision_rows(document_id, annotator_id)
        length = host.rules.document_length(document_id)
        ops: list[Op] = []
        for s in chosen:
            adds = decision == "accepted" and s.key not in taken
            adds = adds and not host.rules.exists(document_id, annotator_id, *s.key)
            if adds:
                host.rules.check(s.start, s.end, s.label, length)
                taken.add(s.key)
            ops += _decision_ops(s, annotator_id, decision, old.get(s.key), stamp, span_label=s.label if adds else None)
        if taken:
            ops += host.rules.start_work_ops(document_id, annotator_id)
        return ops


def _decision_ops(
    s: StoredSuggestion,
    annotator_id: str,
    decision: str,
    old: dict[str, Any] | None,
    stamp: str,
    *,
    span_label: str | None = None,
) -> list[Op]:
    """The one way a decision is written: the span it adds at the suggestion's offsets (with ``span_label``;
    none when None), the annotator's earlier decision on that suggestion removed, and the new decision row
    (naming the span, so undo takes both back together)."""
    ops: list[Op] = []
    span_id = None
    if span_label is not None:
        span = Span(new_id(), s.document_id, annotator_id, s.start, s.end, span_label, Origin.SUGGESTION, {}, stamp)
        ops.append({"op": "insert_span", "row": span_to_row(span)})
        span_id = span.id
    if old is not None:
        ops.append({"op": "delete_decision", "row": old})
    row = {
        "id": new_id(),
        "document_id": s.document_id,
        "annotator_id": annotator_id,
        "start": s.start,
        "end": s.end,
        "label": s.label,
        "decision": decision,
        "sources": ",".join(s.sources),
        "score": s.score,
        "span_id": span_id,
        "decided_at": stamp,
    }
    ops.append({"op": "insert_decision", "row": row})
    return ops
