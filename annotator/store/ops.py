"""Primitive operations of the action log, their inverses, and how they are applied.

An action (one user step) is a list of primitive ops, stored as JSON in ``actions.ops``.
Each op carries the full rows it touches, so its inverse needs no lookup: undo applies
``inverse(op)`` for the ops in reverse order, redo applies them again. Applying checks that
the database still holds what the op expects, so an undo never clobbers other work: a span is
removed only while it still has the offsets and label the op recorded, and put back only where
its layer holds no identical span. A fix may touch other people's layers (a consistency fix over
everyone's), so these checks are what keep a later undo from overwriting their work; a refusal
names the span, its layer and its document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from annotator.errors import ProjectError
from annotator.model import DocStatus
from annotator.store.changes import StatusChange
from annotator.store.connection import Connection, IntegrityError
from annotator.store.rows import SPAN_FIELDS, relation_from_row, span_from_row
from annotator.store.statements import RELATION_FIELDS, insert_rows, put_status, read_status

Op = dict[str, Any]
_UPDATABLE = frozenset({"start", "end", "label", "attributes", "origin"})

_INVERSE_KIND = {
    "insert_span": "delete_span",
    "delete_span": "insert_span",
    "insert_relation": "delete_relation",
    "delete_relation": "insert_relation",
    "insert_decision": "delete_decision",
    "delete_decision": "insert_decision",
    "insert_dismissal": "delete_dismissal",
    "delete_dismissal": "insert_dismissal",
}


def inverse(op: Op) -> Op:
    kind = op["op"]
    if kind in _INVERSE_KIND:
        return {"op": _INVERSE_KIND[kind], "row": op["row"]}
    if kind in ("update_span", "set_status"):
        return {**op, "before": op["after"], "after": op["before"]}
    raise ValueError(f"unknown op {kind!r}")


def inverse_all(ops: list[Op]) -> list[Op]:
    return [inverse(op) for op in reversed(ops)]


@dataclass
class Applied:
    """What a list of ops did, gathered for a :class:`~annotator.store.changes.Change`."""

    spans_added: list = field(default_factory=list)
    spans_removed: list = field(default_factory=list)
    spans_updated: list = field(default_factory=list)
    relations_added: list = field(default_factory=list)
    relations_removed: list = field(default_factory=list)
    statuses: list = field(default_factory=list)
    suggestions: list = field(default_factory=list)  # document ids whose suggestion decisions changed
    findings_dismissed: list = field(default_factory=list)  # keys of findings dismissed or restored

    def as_kwargs(self) -> dict[str, tuple]:
        return {name: tuple(value) for name, value in vars(self).items()}


def apply_ops(conn: Connection, ops: list[Op]) -> Applied:
    """Apply ``ops`` inside the caller's transaction; raise :class:`ProjectError` on a conflict."""
    applied = Applied()
    for op in ops:
        _APPLY[op["op"]](conn, op, applied)
    return applied


def _insert(conn: Connection, table: str, fields: tuple[str, ...], row: dict[str, Any]) -> None:
    try:
        insert_rows(conn, table, fields, [row])
    except IntegrityError as exc:
        raise ProjectError(f"cannot add to {table}: {exc}") from None


def _delete(conn: Connection, table: str, row_id: str) -> None:
    if conn.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,)).rowcount != 1:
        raise ProjectError(f"cannot remove {table[:-1]} {row_id}: it is no longer there")


def _insert_span(conn: Connection, op: Op, applied: Applied) -> None:
    row = op["row"]
    twin = conn.execute(
        'SELECT 1 FROM spans WHERE document_id = ? AND annotator_id = ? AND start = ? AND "end" = ? AND label = ?',
        (row["document_id"], row["annotator_id"], row["start"], row["end"], row["label"]),
    ).fetchone()
    if twin is not None:
        raise ProjectError(f"cannot put back {_describe(conn, row)}: an identical span was added there since")
    _insert(conn, "spans", SPAN_FIELDS, row)
    applied.spans_added.append(span_from_row(row))


def _delete_span(conn: Connection, op: Op, applied: Applied) -> None:
    row = op["row"]
    found = conn.execute('SELECT start, "end", label FROM spans WHERE id = ?', (row["id"],)).fetchone()
    if found is None or tuple(found) != (row["start"], row["end"], row["label"]):
        raise ProjectError(f"cannot remove {_describe(conn, row)}: it was changed or removed since")
    conn.execute("DELETE FROM spans WHERE id = ?", (row["id"],))
    applied.spans_removed.append(span_from_row(row))


def _insert_relation(conn: Connection, op: Op, applied: Applied) -> None:
    _insert(conn, "relations", RELATION_FIELDS, op["row"])
    applied.relations_added.append(relation_from_row(op["row"]))


def _delete_relation(conn: Connection, op: Op, applied: Applied) -> None:
    _delete(conn, "relations", op["row"]["id"])
    applied.relations_removed.append(relation_from_row(op["row"]))


def _update_span(conn: Connection, op: Op, applied: Applied) -> None:
    before, after = op["before"], op["after"]
    if not set(after) <= _UPDATABLE or set(before) != set(after):
        raise ValueError(f"bad update op {op!r}")
    row = conn.execute("SELECT * FROM spans WHERE id = ?", (op["id"],)).fetchone()
    if row is None or any(row[k] != v for k, v in before.items()):
        what = f"span {op['id']}" if row is None else _describe(conn, {**dict(row), **before})
        raise ProjectError(f"cannot change {what}: it was changed or removed since")
    assignments = ", ".join(f'"{k}" = ?' for k in after)
    conn.execute(f"UPDATE spans SET {assignments} WHERE id = ?", [*after.values(), op["id"]])
    applied.spans_updated.append(span_from_row({**dict(row), **after}))


def _set_status(conn: Connection, op: Op, applied: Applied) -> None:
    """A status is bookkeeping, like a suggestion decision: imports and merges set statuses outside
    the action log, so when the status is no longer what this op expects, the newer status wins
    and the op is skipped (an undo of the span that started a document must not get stuck)."""
    document_id, annotator_id = op["document_id"], op["annotator_id"]
    if read_status(conn, document_id, annotator_id).value != op["before"]:
        return
    put_status(conn, document_id, annotator_id, op["after"])
    applied.statuses.append(StatusChange(document_id, annotator_id, DocStatus(op["after"])))


# Decisions on suggestions (accepted/rejected, issue 5). Unlike spans they are bookkeeping that a
# recommender run may clear (re-running brings rejected suggestions back), so applying them is
# idempotent: inserting replaces the decision on the same (document, annotator, span, label) and
# deleting one that a run already cleared is not a conflict. Undo/redo of a rejection therefore
# never fails because of a later run.
_DECISION_FIELDS = (
    "id",
    "document_id",
    "annotator_id",
    "start",
    "end",
    "label",
    "decision",
    "sources",
    "score",
    "span_id",
    "decided_at",
)


_DECISION_KEY = ("document_id", "annotator_id", "start", "end", "label")


def _insert_decision(conn: Connection, op: Op, applied: Applied) -> None:
    row = op["row"]
    columns = ", ".join(f'"{f}"' for f in _DECISION_FIELDS)
    marks = ", ".join("?" for _ in _DECISION_FIELDS)
    # The latest decision on a suggestion replaces an earlier one (an undo's redo, a new run's decision).
    update = ", ".join(f'"{f}" = excluded."{f}"' for f in _DECISION_FIELDS if f not in _DECISION_KEY)
    conn.execute(
        f"INSERT INTO suggestion_decisions ({columns}) VALUES ({marks}) "
        f'ON CONFLICT (document_id, annotator_id, start, "end", label) DO UPDATE SET {update}',
        [row[f] for f in _DECISION_FIELDS],
    )
    applied.suggestions.append(row["document_id"])


def _delete_decision(conn: Connection, op: Op, applied: Applied) -> None:
    conn.execute("DELETE FROM suggestion_decisions WHERE id = ?", (op["row"]["id"],))
    applied.suggestions.append(op["row"]["document_id"])


# Dismissed consistency findings (issue 15) are bookkeeping too, keyed by the finding's stable key:
# dismissing one already dismissed (by someone else, meanwhile) keeps the first dismissal, and
# restoring one already restored is no conflict, so undo and redo of a dismissal never get stuck.
_DISMISSAL_FIELDS = ("key", "kind", "summary", "annotator_id", "dismissed_at")


def _insert_dismissal(conn: Connection, op: Op, applied: Applied) -> None:
    row = op["row"]
    columns = ", ".join(_DISMISSAL_FIELDS)
    marks = ", ".join("?" for _ in _DISMISSAL_FIELDS)
    conn.execute(
        f"INSERT INTO dismissed_findings ({columns}) VALUES ({marks}) ON CONFLICT (key, annotator_id) DO NOTHING",
        [row[f] for f in _DISMISSAL_FIELDS],
    )
    applied.findings_dismissed.append(row["key"])


def _delete_dismissal(conn: Connection, op: Op, applied: Applied) -> None:
    conn.execute(
        "DELETE FROM dismissed_findings WHERE key = ? AND annotator_id = ?",
        (op["row"]["key"], op["row"]["annotator_id"]),
    )
    applied.findings_dismissed.append(op["row"]["key"])


def _describe(conn: Connection, row: dict[str, Any]) -> str:
    """A span as a refusal names it: its label, its text, whose layer, which document."""
    found = conn.execute(
        "SELECT d.name, substr(d.text, ? + 1, ? - ?), a.name FROM documents d, annotators a "
        "WHERE d.id = ? AND a.id = ?",
        (row["start"], row["end"], row["start"], row["document_id"], row["annotator_id"]),
    ).fetchone()
    if found is None:
        return f"the {row['label']} span {row['id']}"
    document, text, annotator = found
    return f"the {row['label']} span «{text}» in {annotator}'s layer of «{document}»"


_APPLY = {
    "insert_span": _insert_span,
    "delete_span": _delete_span,
    "insert_relation": _insert_relation,
    "delete_relation": _delete_relation,
    "update_span": _update_span,
    "set_status": _set_status,
    "insert_decision": _insert_decision,
    "delete_decision": _delete_decision,
    "insert_dismissal": _insert_dismissal,
    "delete_dismissal": _delete_dismissal,
}
