"""Store support for curation: one undoable action on the gold layer that replaces spans and relations.

A curator's decision ("take B's version here") removes some gold spans and relations and adds
others; it must be one step for undo, so it is recorded as one action in the gold annotator's
log through the project's own ``_record`` (the same ops as every other edit).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from annotator.errors import HashiyaError
from annotator.ids import new_id
from annotator.model import DocStatus, NewSpan, Origin, Relation, Span
from annotator.store.changes import NO_CHANGE, Change, ChangeKind
from annotator.store.ops import Op
from annotator.store.project import Project
from annotator.store.rows import (
    RELATION_COLUMNS,
    SPAN_COLUMNS,
    now,
    relation_from_row,
    relation_to_row,
    span_from_row,
    span_to_row,
)

SpanKey = tuple[int, int, str]  # (start, end, label): a span by content
RelationKey = tuple[SpanKey, SpanKey, str]  # (head, tail, type)


def gold_action(
    project: Project,
    document_id: str,
    gold_id: str,
    kind: ChangeKind,
    *,
    detail: str = "",
    remove_spans: Iterable[str] = (),
    remove_relations: Iterable[str] = (),
    add_spans: Sequence[NewSpan] = (),
    add_relations: Sequence[RelationKey] = (),
    status: DocStatus | None = None,
) -> Change:
    """Apply one curation step to ``gold_id``'s layer of a document as a single undoable action.

    Spans to add that gold already has are skipped; relations to add name their endpoints by
    content and need those spans in gold after the step. ``status`` (if given) is set in the same
    action; the first step in a new document moves it to ``in_progress``. Gold's layer is not read
    whole: each span or relation the step touches is one indexed lookup, so a step costs the same
    in a document with 5,000 gold spans as in one with five.
    """
    length = project.rules.document_length(document_id)
    schema = project.schema
    stamp = now()
    layer = _GoldLayer(project, document_id, gold_id)
    with project.atomic():
        removed_spans = layer.spans(remove_spans)
        removed_relations = layer.relations(remove_relations)
        removed_relations.update(layer.relations_of(removed_spans))
        ops: list[Op] = [
            {"op": "delete_relation", "row": relation_to_row(removed_relations[i])} for i in sorted(removed_relations)
        ]
        ops += [{"op": "delete_span", "row": span_to_row(removed_spans[i])} for i in sorted(removed_spans)]
        added: dict[SpanKey, str] = {}

        def kept(key: SpanKey) -> str | None:
            return added.get(key) or layer.span_id(key, removed_spans)

        for new in add_spans:
            project.rules.check(new.start, new.end, new.label, length)
            key = (new.start, new.end, new.label)
            if kept(key) is not None:
                continue
            span = Span(
                new_id(), document_id, gold_id, new.start, new.end, new.label, Origin.MANUAL, new.attributes, stamp
            )
            added[key] = span.id
            ops.append({"op": "insert_span", "row": span_to_row(span)})
        present: set[tuple[str, str, str]] = set()  # relations this step adds
        for head, tail, label in add_relations:
            head_id, tail_id = kept(head), kept(tail)
            if head_id is None or tail_id is None:
                raise HashiyaError(
                    "both spans of the relation must be in gold first: resolve the spans, then the relation"
                )
            kind_of = schema.relation(label)
            if kind_of is None:
                raise HashiyaError(f"relation type {label!r} is not in the project's schema")
            ends = (head_id, tail_id, label)
            either = [ends] if kind_of.directed else [ends, (tail_id, head_id, label)]
            if any(e in present or layer.has_relation(e, removed_relations) for e in either):
                continue
            present.add(ends)
            relation = Relation(new_id(), document_id, gold_id, head_id, tail_id, label, stamp)
            ops.append({"op": "insert_relation", "row": relation_to_row(relation)})
        current = project.status(document_id, gold_id)
        target = status or (DocStatus.IN_PROGRESS if current == DocStatus.NEW and ops else None)
        if target is not None and target != current:
            ops.append(
                {
                    "op": "set_status",
                    "document_id": document_id,
                    "annotator_id": gold_id,
                    "before": current.value,
                    "after": target.value,
                }
            )
        if not ops:
            return NO_CHANGE
        change = project.history.record(kind, gold_id, document_id, ops, detail=detail)
    return project.deliver(change)


class _GoldLayer:
    """Indexed lookups in one annotator's layer of one document (the ``spans_exact``, ``relations_head``
    and ``relations_tail`` indexes), instead of reading the whole layer."""

    def __init__(self, project: Project, document_id: str, annotator_id: str) -> None:
        self.conn, self.where = project.database.conn, (document_id, annotator_id)

    def spans(self, ids: Iterable[str]) -> dict[str, Span]:
        sql = f"SELECT {SPAN_COLUMNS} FROM spans WHERE id = ? AND document_id = ? AND annotator_id = ?"
        rows = (self.conn.execute(sql, (i, *self.where)).fetchone() for i in dict.fromkeys(ids))
        return {row["id"]: span_from_row(row) for row in rows if row is not None}

    def relations(self, ids: Iterable[str]) -> dict[str, Relation]:
        sql = f"SELECT {RELATION_COLUMNS} FROM relations WHERE id = ? AND document_id = ? AND annotator_id = ?"
        rows = (self.conn.execute(sql, (i, *self.where)).fetchone() for i in dict.fromkeys(ids))
        return {row["id"]: relation_from_row(row) for row in rows if row is not None}

    def relations_of(self, span_ids: Iterable[str]) -> dict[str, Relation]:
        """Relations with an end at one of these spans."""
        sql = (
            f"SELECT {RELATION_COLUMNS} FROM relations WHERE (head_id = ? OR tail_id = ?) "
            "AND document_id = ? AND annotator_id = ?"
        )
        return {
            row["id"]: relation_from_row(row)
            for span_id in span_ids
            for row in self.conn.execute(sql, (span_id, span_id, *self.where))
        }

    def span_id(self, key: SpanKey, removed: dict[str, Span]) -> str | None:
        """The id of the layer's span with this content, unless it is being removed."""
        rows = self.conn.execute(
            'SELECT id FROM spans WHERE document_id = ? AND annotator_id = ? AND start = ? AND "end" = ? AND label = ?',
            (*self.where, *key),
        )
        return next((row[0] for row in rows if row[0] not in removed), None)

    def has_relation(self, ends: tuple[str, str, str], removed: dict[str, Relation]) -> bool:
        rows = self.conn.execute(
            "SELECT id FROM relations WHERE head_id = ? AND tail_id = ? AND label = ? AND document_id = ? "
            "AND annotator_id = ?",
            (*ends, *self.where),
        )
        return any(row[0] not in removed for row in rows)
