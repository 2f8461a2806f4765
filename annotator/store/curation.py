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
from annotator.store.changes import NO_CHANGE, Change
from annotator.store.ops import Op
from annotator.store.project import Project
from annotator.store.rows import now, relation_to_row, span_to_row

SpanKey = tuple[int, int, str]  # (start, end, label): a span by content
RelationKey = tuple[SpanKey, SpanKey, str]  # (head, tail, type)


def gold_action(
    project: Project,
    document_id: str,
    gold_id: str,
    kind: str,
    *,
    remove_spans: Iterable[str] = (),
    remove_relations: Iterable[str] = (),
    add_spans: Sequence[NewSpan] = (),
    add_relations: Sequence[RelationKey] = (),
    status: DocStatus | None = None,
) -> Change:
    """Apply one curation step to ``gold_id``'s layer of a document as a single undoable action.

    Spans to add that gold already has are skipped; relations to add name their endpoints by
    content and need those spans in gold after the step. ``status`` (if given) is set in the same
    action; the first step in a new document moves it to ``in_progress``.
    """
    length = project._document_length(document_id)
    schema = project.schema
    stamp = now()
    with project._write():
        gold_spans = {s.id: s for s in project.spans(document_id, gold_id)}
        gold_relations = {r.id: r for r in project.relations(document_id, gold_id)}
        removed_spans = {i for i in remove_spans if i in gold_spans}
        removed_relations = {i for i in remove_relations if i in gold_relations}
        removed_relations |= {
            r.id for r in gold_relations.values() if r.head_id in removed_spans or r.tail_id in removed_spans
        }
        ops: list[Op] = [
            {"op": "delete_relation", "row": relation_to_row(gold_relations[i])} for i in sorted(removed_relations)
        ]
        ops += [{"op": "delete_span", "row": span_to_row(gold_spans[i])} for i in sorted(removed_spans)]
        kept = {(s.start, s.end, s.label): s.id for s in gold_spans.values() if s.id not in removed_spans}
        for new in add_spans:
            project._check_span(new.start, new.end, new.label, length)
            key = (new.start, new.end, new.label)
            if key in kept:
                continue
            span = Span(
                new_id(), document_id, gold_id, new.start, new.end, new.label, Origin.MANUAL, new.attributes, stamp
            )
            kept[key] = span.id
            ops.append({"op": "insert_span", "row": span_to_row(span)})
        present = {(r.head_id, r.tail_id, r.label) for r in gold_relations.values() if r.id not in removed_relations}
        for head, tail, label in add_relations:
            if head not in kept or tail not in kept:
                raise HashiyaError(
                    "both spans of the relation must be in gold first: resolve the spans, then the relation"
                )
            kind_of = schema.relation(label)
            if kind_of is None:
                raise HashiyaError(f"relation type {label!r} is not in the project's schema")
            ends = (kept[head], kept[tail], label)
            if ends in present or (not kind_of.directed and (ends[1], ends[0], label) in present):
                continue
            present.add(ends)
            relation = Relation(new_id(), document_id, gold_id, ends[0], ends[1], label, stamp)
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
        change = project._record(kind, gold_id, document_id, ops)
    return project._notify(change)
