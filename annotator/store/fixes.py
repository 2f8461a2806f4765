"""The ops of a consistency fix: every proposed change checked first, then logged as one action.

A consistency finding (:mod:`annotator.consistency.findings`) proposes a fix per occurrence:
relabel or resize a span, tag an untagged occurrence, remove a span. ``Fix all`` applies them in
one action of the fixer's log, so one Ctrl+Z takes them all back. A finding may be stale (someone
edited one of its spans after the checks ran): every fix is checked against the store before any
op is built, and one stale occurrence refuses the whole fix, naming the document and the text, so
nothing is half applied. Relabels and resizes record the span's offsets *and* label before and
after, so an undo refuses (:mod:`annotator.store.ops`) when someone changed that span since.

The store sits below the consistency package, so occurrences and fixes are taken by their shape
(:class:`OccurrenceLike`, :class:`FixLike`) rather than imported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from annotator.errors import HashiyaError
from annotator.ids import new_id
from annotator.model import Origin, Span
from annotator.store.connection import Connection
from annotator.store.ops import Op
from annotator.store.roster import Roster
from annotator.store.rows import now, span_to_row
from annotator.store.span_rules import SpanRules

SpanKey = tuple[str, str, int, int, str]  # document, annotator, start, end, label
T = TypeVar("T")


class FixLike(Protocol):
    """What a fix says (:class:`annotator.consistency.findings.Fix`): the action's value is
    ``relabel``, ``resize``, ``add`` or ``remove``; ``remove_relation`` (with a ``relation_id``
    attribute naming a relation of the occurrence's span) removes that relation alone."""

    @property
    def action(self) -> str: ...
    @property
    def label(self) -> str | None: ...
    @property
    def start(self) -> int | None: ...
    @property
    def end(self) -> int | None: ...


class OccurrenceLike(Protocol):
    """Where a fix applies (:class:`annotator.consistency.findings.Occurrence`)."""

    @property
    def document_id(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def label(self) -> str | None: ...
    @property
    def annotator(self) -> str | None: ...
    @property
    def span_id(self) -> str | None: ...


@dataclass
class FixPlan:
    """The ops of one fix action, and the one document it lies in (None when it spans several)."""

    ops: list[Op] = field(default_factory=list)
    documents: set[str] = field(default_factory=set)

    @property
    def document_id(self) -> str | None:
        return next(iter(self.documents)) if len(self.documents) == 1 else None


@dataclass(frozen=True)
class _Checked:
    """One fix after its occurrence was found in the store as the finding says."""

    occurrence: OccurrenceLike
    action: str
    target: SpanKey | None  # where the span will be (None for a removal)
    span: dict | None  # the span's row as stored (None for an addition)
    document: str  # the document's name, for messages
    relation: dict | None = None  # the relation's row, for a relation's removal (schema drift)


def plan_fixes(
    conn: Connection, rules: SpanRules, roster: Roster, fixes: Sequence[tuple[OccurrenceLike, FixLike]]
) -> FixPlan:
    """Check every fix, then build the ops; raise :class:`HashiyaError` before any is built if one is
    stale or not allowed. The caller holds the transaction and records the ops."""
    checked = [_check(conn, rules, roster, occurrence, fix) for occurrence, fix in fixes]
    checked = [c for c in checked if c.span is None or c.target is None or c.target != _key(c.span)]
    _refuse_doubles(conn, rules, checked)
    plan = FixPlan()
    stamp = now()
    started: set[tuple[str, str]] = set()
    gone_relations: set[str] = set()
    for item in checked:
        plan.documents.add(item.occurrence.document_id)
        if item.relation is not None:  # a relation the schema no longer allows
            if item.relation["id"] not in gone_relations:
                gone_relations.add(item.relation["id"])
                plan.ops.append({"op": "delete_relation", "row": item.relation})
        elif item.span is None:  # an addition
            document_id, annotator_id, start, end, label = item.target  # type: ignore[misc]
            span = Span(new_id(), document_id, annotator_id, start, end, label, Origin.MANUAL, {}, stamp)
            plan.ops.append({"op": "insert_span", "row": span_to_row(span)})
            if (document_id, annotator_id) not in started:
                started.add((document_id, annotator_id))
                plan.ops += rules.start_work_ops(document_id, annotator_id)
        elif item.target is None:  # a removal, with the relations attached to the span
            span_id = item.span["id"]
            for relation in conn.execute(
                "SELECT * FROM relations WHERE head_id = ? OR tail_id = ?", (span_id, span_id)
            ):
                if relation["id"] not in gone_relations:
                    gone_relations.add(relation["id"])
                    plan.ops.append({"op": "delete_relation", "row": dict(relation)})
            plan.ops.append({"op": "delete_span", "row": item.span})
        else:  # a relabel or a resize: offsets and label before and after, so an undo sees any later edit
            before = {"start": item.span["start"], "end": item.span["end"], "label": item.span["label"]}
            after = dict(zip(("start", "end", "label"), item.target[2:], strict=True))
            plan.ops.append({"op": "update_span", "id": item.span["id"], "before": before, "after": after})
    return plan


def _check(conn: Connection, rules: SpanRules, roster: Roster, occurrence: OccurrenceLike, fix: FixLike) -> _Checked:
    """The occurrence as the store holds it, and where the fix puts it; stale or invalid: refused."""
    action = str(fix.action)
    document = _document(conn, occurrence)
    where = f"«{occurrence.text}» in «{document[0]}»"
    if action == "add":
        if occurrence.annotator is None:
            raise HashiyaError(f"cannot tag {where}: the finding names no annotator's layer to tag it in")
        annotator_id = roster.id_of(occurrence.annotator)
        start = occurrence.start if fix.start is None else fix.start
        end = occurrence.end if fix.end is None else fix.end
        label = _needed(fix.label, f"cannot tag {where}: the fix names no label")
        rules.check(start, end, label, document[1])
        return _Checked(
            occurrence, action, (occurrence.document_id, annotator_id, start, end, label), None, document[0]
        )
    if action == "remove_relation":
        return _Checked(occurrence, action, None, None, document[0], _relation(conn, occurrence, fix, where))
    span = _span(conn, occurrence, where)
    if action == "remove":
        return _Checked(occurrence, action, None, span, document[0])
    start, end, label = span["start"], span["end"], span["label"]
    if action == "relabel":
        label = _needed(fix.label, f"cannot relabel {where}: the fix names no label")
    elif action == "resize":
        start = _needed(fix.start, f"cannot resize {where}: the fix names no offsets")
        end = _needed(fix.end, f"cannot resize {where}: the fix names no offsets")
    else:
        raise HashiyaError(f"cannot fix {where}: unknown fix {action!r}")
    rules.check(start, end, label, document[1])
    return _Checked(
        occurrence, action, (span["document_id"], span["annotator_id"], start, end, label), span, document[0]
    )


def _document(conn: Connection, occurrence: OccurrenceLike) -> tuple[str, int]:
    """The document's name and length; the occurrence's text must still be at its offsets."""
    row = conn.execute(
        "SELECT name, length, substr(text, ? + 1, ? - ?) FROM documents WHERE id = ?",
        (occurrence.start, occurrence.end, occurrence.start, occurrence.document_id),
    ).fetchone()
    if row is None:
        raise HashiyaError(
            f"this finding is out of date: «{occurrence.text}» is in a document no longer in the project"
        )
    if row[2] != occurrence.text:
        raise HashiyaError(
            f"this finding is out of date: «{row[0]}» does not read «{occurrence.text}» at "
            f"[{occurrence.start}, {occurrence.end}) (run the checks again)"
        )
    return row[0], row[1]


def _span(conn: Connection, occurrence: OccurrenceLike, where: str) -> dict:
    """The span the occurrence names, as the finding saw it (offsets, label, layer), or a refusal."""
    row = (
        None
        if occurrence.span_id is None
        else conn.execute(
            "SELECT s.*, a.name AS annotator_name FROM spans s JOIN annotators a ON a.id = s.annotator_id "
            "WHERE s.id = ?",
            (occurrence.span_id,),
        ).fetchone()
    )
    seen = (occurrence.document_id, occurrence.start, occurrence.end, occurrence.label)
    if (
        row is None
        or (row["document_id"], row["start"], row["end"], row["label"]) != seen
        or (occurrence.annotator is not None and row["annotator_name"] != occurrence.annotator)
    ):
        raise HashiyaError(
            f"this finding is out of date: {where} is no longer tagged {occurrence.label} at "
            f"[{occurrence.start}, {occurrence.end}) (run the checks again)"
        )
    span = dict(row)
    del span["annotator_name"]
    return span


def _relation(conn: Connection, occurrence: OccurrenceLike, fix: FixLike, where: str) -> dict:
    """The relation a removal names (``fix.relation_id``), still attached to the occurrence's span."""
    relation_id = getattr(fix, "relation_id", None)
    row = (
        None if relation_id is None else conn.execute("SELECT * FROM relations WHERE id = ?", (relation_id,)).fetchone()
    )
    if row is None or occurrence.span_id not in (row["head_id"], row["tail_id"]):
        raise HashiyaError(
            f"this finding is out of date: the relation at {where} is no longer there (run the checks again)"
        )
    return dict(row)


def _refuse_doubles(conn: Connection, rules: SpanRules, checked: list[_Checked]) -> None:
    """One fix per span, and no fix may leave two identical spans in a layer (its own, or one the
    store holds that this fix does not move away)."""
    moving = {item.span["id"]: _key(item.span) for item in checked if item.span is not None}
    if len(moving) != sum(item.span is not None for item in checked):
        raise HashiyaError("a fix names the same span twice")
    freed = set(moving.values())
    targets: set[SpanKey] = set()
    for item in checked:
        target = item.target
        if target is None:
            continue
        if target in targets or (rules.exists(*target) and target not in freed):
            raise HashiyaError(
                f"cannot fix «{item.occurrence.text}» in «{item.document}»: there is already a {target[4]} span "
                f"at [{target[2]}, {target[3]}) in that layer"
            )
        targets.add(target)


def _key(span: dict) -> SpanKey:
    return span["document_id"], span["annotator_id"], span["start"], span["end"], span["label"]


def _needed(value: T | None, message: str) -> T:
    if value is None:
        raise HashiyaError(message)
    return value
