"""What the window is doing right now: project, annotator, open document, selection.

Qt-free. Every action goes through the store's operations (each one transaction and one undo
step); the window learns the result from the store's :class:`~annotator.store.Change` via
``Project.subscribe``, never by re-reading everything, and hands each change to
:meth:`Session.follow` (the sessions' one protocol, :mod:`annotator.sessions.follow`).

The session is the one owner of the selection (a span or a relation, never both). Whoever shows
it (the document view, the entity and relation tables, the status bar) listens through
:meth:`Session.watch_selection`; the ``ui`` layer adapts that to a Qt signal
(``ui/selection.py``). One key press sets the selection once, so it is drawn once.
"""

from __future__ import annotations

from collections.abc import Callable, Container
from dataclasses import dataclass, field

from annotator.conventions import BoundaryConvention
from annotator.model import Annotator, DocStatus, Relation
from annotator.schema import RelationType
from annotator.snapping import Snap
from annotator.store import NO_CHANGE, Change, Project
from annotator.store.queries import WorkRow
from annotator.store.view_queries import SpanColumns, SpanRef, span_columns, span_refs
from annotator.work_order import WorkFilter, WorkOrder, arrange, next_in_list


@dataclass(frozen=True)
class Selection:
    """What is selected in the open document: one span, one relation, or nothing."""

    span: str | None = None
    relation: str | None = None


NOTHING = Selection()
SelectionListener = Callable[[Selection], None]


@dataclass
class Session:
    project: Project
    annotator: Annotator
    document_id: str | None = None
    text: str = ""
    order: list[str] | None = None  # document ids in the list's order, when the list set one itself
    work_order: WorkOrder = WorkOrder.ASSIGNED  # the policy "next document" follows (annotator.work_order)
    work_filter: WorkFilter = field(default_factory=WorkFilter)  # what the list shows: "next" skips the rest
    selection: Selection = NOTHING
    _tokens: list[tuple[int, int]] | None = field(default=None, repr=False)
    _selection_listeners: list[SelectionListener] = field(default_factory=list, repr=False)

    @classmethod
    def start(cls, project: Project, annotator_name: str) -> Session:
        return cls(project, project.ensure_annotator(annotator_name))

    # -- the selection (this session owns it) ----------------------------------------------------

    @property
    def selected_span(self) -> str | None:
        return self.selection.span

    @selected_span.setter
    def selected_span(self, span_id: str | None) -> None:
        self.select(span=span_id)

    @property
    def selected_relation(self) -> str | None:
        return self.selection.relation

    @selected_relation.setter
    def selected_relation(self, relation_id: str | None) -> None:
        self.select(relation=relation_id)

    def select(self, *, span: str | None = None, relation: str | None = None) -> bool:
        """Select a span, or a relation, or (neither given) nothing; listeners hear of a real change
        only, once. True when the selection changed."""
        chosen = Selection(span, None) if span is not None else Selection(None, relation)
        if chosen == self.selection:
            return False
        self.selection = chosen
        for listener in list(self._selection_listeners):
            listener(chosen)
        return True

    def watch_selection(self, listener: SelectionListener) -> Callable[[], None]:
        """Call ``listener(selection)`` after each change of the selection; returns the way to stop."""
        self._selection_listeners.append(listener)
        return lambda: self._selection_listeners.remove(listener)

    # -- documents ---------------------------------------------------------------------------

    def open_document(self, document_id: str) -> None:
        self.document_id = document_id
        self.text = self.project.document(document_id).text
        self._tokens = None  # read on the first tag: a long article has 100,000 tokens
        self.select()

    def spans(self) -> list[SpanRef]:
        """This annotator's spans of the open document (ids, offsets, labels: what views need)."""
        return [] if self.document_id is None else span_refs(self.project, self.document_id, self.annotator)

    def span_columns(self, before: int | None = None) -> SpanColumns:
        """The same spans as columns from one query (what the window paints and lists: no object per
        span); with ``before``, only those starting before that offset."""
        if self.document_id is None:
            return SpanColumns()
        return span_columns(self.project, self.document_id, self.annotator, before)

    def relations(self) -> list[Relation]:
        return [] if self.document_id is None else self.project.relations(self.document_id, self.annotator)

    def neighbour(self, step: int, *, skip_done: bool = False) -> str | None:
        """The document ``step`` places away in the work list: the list's own order when it set one
        (``order``), else the ``work_order`` policy's; only documents ``work_filter`` keeps (and, with
        ``skip_done``, not done). The open document need not be kept: "mark done and open the next"
        goes on from it in a list of documents not done."""
        rows = self.work_rows()
        if self.order is not None:
            rank = {document_id: i for i, document_id in enumerate(self.order)}
            rows.sort(key=lambda r: rank.get(r.summary.info.id, len(rank)))
        else:
            scores = None
            if self.work_order is WorkOrder.LEAST_CONFIDENT:
                scores = self.project.document_uncertainty(annotator=self.annotator)
            rows = arrange(rows, self.work_order, scores)
        keep = [
            r.summary.info.id
            for r in rows
            if self.work_filter.matches(r) and not (skip_done and r.summary.status == DocStatus.DONE)
        ]
        return next_in_list([r.summary.info.id for r in rows], self.document_id, step, keep)

    def work_rows(self) -> list[WorkRow]:
        """The documents with what the filter needs: metadata and pending suggestions are read only
        when the filter asks for them (the pending count looks at every suggestion)."""
        if self.work_filter.empty:
            return [WorkRow(s, {}, 0) for s in self.project.document_summaries(self.annotator)]
        return self.project.reads.work_rows(self.annotator, pending=self.work_filter.has_suggestions is not None)

    # -- spans ---------------------------------------------------------------------------------

    def snap(self, start: int, end: int, policy: Snap, label: str | None = None) -> tuple[int, int] | None:
        """The span a selection becomes for ``label``, by ``policy`` and the project's boundary convention.

        The convention is read on every call (one small row): the dialog may change it while a
        document is open, and no change is delivered for settings.
        """
        if self._tokens is None and self.document_id is not None:
            self._tokens = self.project.token_offsets(self.document_id)
        convention = BoundaryConvention.from_settings(self.project.recommender_settings())
        return convention.snap(self.text, self._tokens or [], start, end, label, policy)

    def tag(self, start: int, end: int, label: str, policy: Snap = Snap.CLITIC) -> Change:
        """Store a span for a selection, snapped by ``policy``; selects the new span."""
        if self.document_id is None:
            return NO_CHANGE
        snapped = self.snap(start, end, policy, label)
        if snapped is None:
            return NO_CHANGE
        change = self.project.add_span(self.document_id, self.annotator, snapped[0], snapped[1], label)
        if change.spans_added:
            self.select(span=change.spans_added[0].id)
        else:  # the same span already exists: select it
            existing = [s for s in self.spans() if (s.start, s.end, s.label) == (snapped[0], snapped[1], label)]
            self.select(span=existing[0].id if existing else None)
        return change

    def relabel(self, label: str) -> Change:
        if self.selected_span is None:
            return NO_CHANGE
        return self.project.relabel_span(self.selected_span, label)

    def delete_selected(self) -> Change:
        """Remove the selected relation, else the selected span (with its relations)."""
        relation, span = self.selected_relation, self.selected_span
        if relation is not None:
            self.select()
            return self.project.remove_relation(relation)
        if span is not None:
            self.select()
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
            self.select(relation=change.relations_added[0].id)
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

    def follow(self, change: Change) -> bool:
        """Take in a committed change: a selection it removed (often by an undo) is dropped. True
        when the selection changed. An external change names nothing: the window reads the open
        document again, and :meth:`keep_existing` drops what is gone."""
        span, relation = self.selection.span, self.selection.relation
        if span is not None and span in {s.id for s in change.spans_removed}:
            return self.select()
        if relation is not None and relation in {r.id for r in change.relations_removed}:
            return self.select()
        return False

    def keep_existing(self, span_ids: Container[str], relation_ids: Container[str]) -> bool:
        """After reading the open document again: drop a selection that no longer exists."""
        span, relation = self.selection.span, self.selection.relation
        if (span is not None and span not in span_ids) or (relation is not None and relation not in relation_ids):
            return self.select()
        return False
