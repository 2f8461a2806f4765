"""Change records: what one operation changed, so a view refreshes only that.

Every mutation of :class:`~annotator.store.Project` (and undo/redo) returns a
:class:`Change`; subscribers receive the same record after the transaction commits.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.model import DocStatus, Relation, Span


@dataclass(frozen=True, slots=True)
class StatusChange:
    document_id: str
    annotator_id: str
    status: DocStatus


@dataclass(frozen=True)
class Change:
    kind: str
    annotator_id: str | None = None
    spans_added: tuple[Span, ...] = ()
    spans_removed: tuple[Span, ...] = ()
    spans_updated: tuple[Span, ...] = ()
    relations_added: tuple[Relation, ...] = ()
    relations_removed: tuple[Relation, ...] = ()
    statuses: tuple[StatusChange, ...] = ()
    documents_added: tuple[str, ...] = ()
    schema_changed: bool = False
    suggestions: tuple[str, ...] = ()  # documents whose suggestions (or decisions on them) changed
    action_id: str | None = None
    undone: bool = field(default=False)  # True when this change reverses an action (undo)

    @property
    def empty(self) -> bool:
        return not (
            self.spans_added
            or self.spans_removed
            or self.spans_updated
            or self.relations_added
            or self.relations_removed
            or self.statuses
            or self.documents_added
            or self.schema_changed
            or self.suggestions
        )

    @property
    def document_ids(self) -> frozenset[str]:
        ids = {s.document_id for s in (*self.spans_added, *self.spans_removed, *self.spans_updated)}
        ids |= {r.document_id for r in (*self.relations_added, *self.relations_removed)}
        ids |= {s.document_id for s in self.statuses}
        ids |= set(self.documents_added)
        ids |= set(self.suggestions)
        return frozenset(ids)


NO_CHANGE = Change("none")
