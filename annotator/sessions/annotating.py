"""What the window is doing right now: project, annotator, open document, selection.

Qt-free. Every action goes through the store's operations (each one transaction and one undo
step); the window learns the result from the store's :class:`~annotator.store.Change` via
``Project.subscribe``, never by re-reading everything.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.model import Annotator, DocStatus, Relation
from annotator.schema import RelationType
from annotator.snapping import Snap, snap_selection
from annotator.store import NO_CHANGE, Change, Project
from annotator.store.view_queries import SpanRef, span_refs


@dataclass
class Session:
    project: Project
    annotator: Annotator
    document_id: str | None = None
    text: str = ""
    selected_span: str | None = None
    selected_relation: str | None = None
    order: list[str] | None = None  # document ids in the list's order (e.g. least confident first)
    _tokens: list[tuple[int, int]] | None = field(default=None, repr=False)

    @classmethod
    def start(cls, project: Project, annotator_name: str) -> Session:
        return cls(project, project.ensure_annotator(annotator_name))

    # -- documents ---------------------------------------------------------------------------

    def open_document(self, document_id: str) -> None:
        self.document_id = document_id
        self.text = self.project.document(document_id).text
        self._tokens = None  # read on the first tag: a long article has 100,000 tokens
        self.selected_span = self.selected_relation = None

    def spans(self) -> list[SpanRef]:
        """This annotator's spans of the open document (ids, offsets, labels: what views need)."""
        return [] if self.document_id is None else span_refs(self.project, self.document_id, self.annotator)

    def relations(self) -> list[Relation]:
        return [] if self.document_id is None else self.project.relations(self.document_id, self.annotator)

    def neighbour(self, step: int, *, skip_done: bool = False) -> str | None:
        """The document ``step`` places away in the list's order (optionally the next one not done)."""
        summaries = self.project.document_summaries(self.annotator)
        if self.order is not None:
            rank = {document_id: i for i, document_id in enumerate(self.order)}
            summaries.sort(key=lambda s: rank.get(s.info.id, len(rank)))
        ids = [s.info.id for s in summaries]
        if self.document_id not in ids:
            return ids[0] if ids else None
        here = ids.index(self.document_id)
        order = range(here + step, len(ids) if step > 0 else -1, 1 if step > 0 else -1)
        for i in order:
            if not skip_done or summaries[i].status != DocStatus.DONE:
                return ids[i]
        return None

    # -- spans ---------------------------------------------------------------------------------

    def snap(self, start: int, end: int, policy: Snap) -> tuple[int, int] | None:
        if self._tokens is None and self.document_id is not None:
            self._tokens = self.project.token_offsets(self.document_id)
        return snap_selection(self.text, self._tokens or [], start, end, policy)

    def tag(self, start: int, end: int, label: str, policy: Snap = Snap.CLITIC) -> Change:
        """Store a span for a selection, snapped by ``policy``; selects the new span."""
        if self.document_id is None:
            return NO_CHANGE
        snapped = self.snap(start, end, policy)
        if snapped is None:
            return NO_CHANGE
        change = self.project.add_span(self.document_id, self.annotator, snapped[0], snapped[1], label)
        if change.spans_added:
            self.selected_span = change.spans_added[0].id
        else:  # the same span already exists: select it
            existing = [s for s in self.spans() if (s.start, s.end, s.label) == (snapped[0], snapped[1], label)]
            self.selected_span = existing[0].id if existing else None
        return change

    def relabel(self, label: str) -> Change:
        if self.selected_span is None:
            return NO_CHANGE
        return self.project.relabel_span(self.selected_span, label)

    def delete_selected(self) -> Change:
        """Remove the selected relation, else the selected span (with its relations)."""
        if self.selected_relation is not None:
            relation, self.selected_relation = self.selected_relation, None
            return self.project.remove_relation(relation)
        if self.selected_span is not None:
            span, self.selected_span = self.selected_span, None
            return self.project.remove_span(span)
        return NO_CHANGE

    # -- relations ---------------------------------------------------------------------------

    def relation_types(self, head_id: str, tail_id: str) -> list[RelationType]:
        """Only the types the schema allows between these two spans' labels."""
        head, tail = self.project.span(head_id), self.project.span(tail_id)
        return self.project.schema.relation_types_for(head.label, tail.label)

    def relate(self, head_id: str, tail_id: str, label: str) -> Change:
        change = self.project.add_relation(head_id, tail_id, label)
        if change.relations_added:
            self.selected_relation = change.relations_added[0].id
            self.selected_span = None
        return change

    # -- history and status ----------------------------------------------------------------------

    def undo(self) -> Change:
        return self.project.undo(self.annotator)

    def redo(self) -> Change:
        return self.project.redo(self.annotator)

    def mark_done(self) -> Change:
        if self.document_id is None:
            return NO_CHANGE
        return self.project.set_status(self.document_id, self.annotator, DocStatus.DONE)

    def status(self) -> DocStatus:
        if self.document_id is None:
            return DocStatus.NEW
        return self.project.status(self.document_id, self.annotator)

    def forget_removed(self, change: Change) -> None:
        """Drop selections that a change (often an undo) removed."""
        if self.selected_span in {s.id for s in change.spans_removed}:
            self.selected_span = None
        if self.selected_relation in {r.id for r in change.relations_removed}:
            self.selected_relation = None
