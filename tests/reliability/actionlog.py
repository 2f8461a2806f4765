"""The crash and concurrency suites' action log: what a worker did, and what the project must hold.

A worker (``worker_annotate.py``) writes one JSON line *before* each call (``intent``) and one
*after* it returns (``done``, with the :class:`~annotator.store.Change` it got back). The
verifier folds the ``done`` records into an :class:`Expected` state and compares it with what the
project file holds, read with plain ``sqlite3`` (not through the store), so a bug in the store's
reads cannot hide a bug in its writes.

After a SIGKILL at most one call can be unaccounted for: the last ``intent`` without its ``done``.
Its action may or may not have committed; :func:`reconcile` accepts exactly those two states,
taking the pending action's effect from its ops in the file.
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DO_CALLS = frozenset(
    {"add_span", "add_spans", "remove_span", "relabel_span", "resize_span", "add_relation", "remove_relation"}
    | {"set_status"}
)


# -- writing (inside the worker) ---------------------------------------------------------------


class LogWriter:
    """Appends one JSON line per record with a single ``write`` (no partial lines after SIGKILL)."""

    def __init__(self, path: str | Path) -> None:
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def write(self, record: dict[str, Any]) -> None:
        os.write(self._fd, (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))

    def close(self) -> None:
        os.close(self._fd)


def change_record(change: Any) -> dict[str, Any]:
    """What a :class:`~annotator.store.Change` says changed, as plain JSON."""
    return {
        "kind": change.kind,
        "undone": change.undone,
        "redone": change.redone,
        "action_id": change.action_id,
        "spans_added": [_span(s) for s in change.spans_added],
        "spans_removed": [s.id for s in change.spans_removed],
        "spans_updated": [_span(s) for s in change.spans_updated],
        "relations_added": [_relation(r) for r in change.relations_added],
        "relations_removed": [r.id for r in change.relations_removed],
        "statuses": [[s.document_id, s.status.value] for s in change.statuses],
    }


def _span(span: Any) -> list[Any]:
    return [span.id, span.document_id, span.start, span.end, span.label]


def _relation(relation: Any) -> list[Any]:
    return [relation.id, relation.document_id, relation.head_id, relation.tail_id, relation.label]


# -- reading and the expected state ------------------------------------------------------------


def read_log(path: str | Path) -> list[dict[str, Any]]:
    """Every complete record; a final line without its newline (cut by a kill) is dropped."""
    data = Path(path).read_bytes() if Path(path).exists() else b""
    lines = data.split(b"\n")
    return [json.loads(line) for line in lines[:-1] if line.strip()]


@dataclass
class Expected:
    """One annotator's annotations and undo log, as the project file must hold them."""

    spans: dict[str, tuple] = field(default_factory=dict)  # id -> (document_id, start, end, label)
    relations: dict[str, tuple] = field(default_factory=dict)  # id -> (document_id, head, tail, label)
    statuses: dict[str, str] = field(default_factory=dict)  # document_id -> status ("new" when absent)
    actions: dict[str, str] = field(default_factory=dict)  # action id -> done | undone | discarded
    order: list[str] = field(default_factory=list)  # action ids, oldest first

    def copy(self) -> Expected:
        return Expected(
            dict(self.spans), dict(self.relations), dict(self.statuses), dict(self.actions), list(self.order)
        )

    def comparable(self) -> tuple:
        statuses = {doc: status for doc, status in self.statuses.items() if status != "new"}
        return (self.spans, self.relations, statuses, self.actions, self.order)

    def undo_order(self) -> list[str]:
        """Done actions, newest first: what successive undos must reverse."""
        return [a for a in reversed(self.order) if self.actions[a] == "done"]

    def new_action(self, action_id: str) -> None:
        for other, state in self.actions.items():
            if state == "undone":
                self.actions[other] = "discarded"
        self.actions[action_id] = "done"
        self.order.append(action_id)

    def apply_record(self, record: dict[str, Any]) -> None:
        """Fold one ``done`` record (a returned Change) into the state."""
        change = record["change"]
        if change["action_id"] is None:
            return  # the call changed nothing (a duplicate span, the same status, nothing to undo)
        for span_id in change["spans_removed"]:
            del self.spans[span_id]
        for span_id, doc, start, end, label in change["spans_added"] + change["spans_updated"]:
            self.spans[span_id] = (doc, start, end, label)
        for relation_id in change["relations_removed"]:
            del self.relations[relation_id]
        for relation_id, doc, head, tail, label in change["relations_added"]:
            self.relations[relation_id] = (doc, head, tail, label)
        for doc, status in change["statuses"]:
            self.statuses[doc] = status
        if change["undone"]:
            self.actions[change["action_id"]] = "undone"
        elif change["redone"]:
            self.actions[change["action_id"]] = "done"
        else:
            self.new_action(change["action_id"])

    def apply_ops(self, ops: list[dict[str, Any]], *, inverse: bool) -> None:
        """Apply an action's stored ops (forward, or reversed for an undo) to the state."""
        for op in reversed(ops) if inverse else ops:
            kind = op["op"]
            if inverse:
                kind = {"insert_span": "delete_span", "delete_span": "insert_span"}.get(kind, kind)
                kind = {"insert_relation": "delete_relation", "delete_relation": "insert_relation"}.get(kind, kind)
            after = op.get("before" if inverse else "after")
            if kind == "insert_span":
                row = op["row"]
                self.spans[row["id"]] = (row["document_id"], row["start"], row["end"], row["label"])
            elif kind == "delete_span":
                del self.spans[op["row"]["id"]]
            elif kind == "insert_relation":
                row = op["row"]
                self.relations[row["id"]] = (row["document_id"], row["head_id"], row["tail_id"], row["label"])
            elif kind == "delete_relation":
                del self.relations[op["row"]["id"]]
            elif kind == "update_span":
                doc, start, end, label = self.spans[op["id"]]
                values = {"start": start, "end": end, "label": label, **after}
                self.spans[op["id"]] = (doc, values["start"], values["end"], values["label"])
            elif kind == "set_status":
                self.statuses[op["document_id"]] = after
            else:
                raise AssertionError(f"unknown op in the action log: {op!r}")


def expected_from_log(records: list[dict[str, Any]], start: Expected | None = None) -> Expected:
    state = start.copy() if start else Expected()
    for record in records:
        if "change" in record:
            state.apply_record(record)
    return state


def pending_intent(records: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The last call that started but did not return (killed), if any.

    An ``any`` intent (the window worker: one user action, logged by a listener, may commit more
    than one change) stays pending until the next intent.
    """
    intents = [r for r in records if "intent" in r]
    if not intents:
        return None
    last = intents[-1]
    if last["intent"] == "any" or records[-1] is last:
        return last
    return None


# -- what the file holds -------------------------------------------------------------------------


@dataclass
class Stored:
    state: Expected
    ops: dict[str, list[dict[str, Any]]]  # action id -> its ops, for the pending action


def stored_state(path: str | Path, annotator: str) -> Stored:
    """Read one annotator's spans, relations, statuses and action log with plain sqlite3."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT id FROM annotators WHERE name = ?", (annotator,)).fetchone()
        if row is None:
            return Stored(Expected(), {})
        (annotator_id,) = row
        state = Expected()
        for span_id, doc, start, end, label in conn.execute(
            'SELECT id, document_id, start, "end", label FROM spans WHERE annotator_id = ?', (annotator_id,)
        ):
            state.spans[span_id] = (doc, start, end, label)
        for relation_id, doc, head, tail, label in conn.execute(
            "SELECT id, document_id, head_id, tail_id, label FROM relations WHERE annotator_id = ?", (annotator_id,)
        ):
            state.relations[relation_id] = (doc, head, tail, label)
        for doc, status in conn.execute(
            "SELECT document_id, status FROM document_status WHERE annotator_id = ?", (annotator_id,)
        ):
            state.statuses[doc] = status
        ops = {}
        for action_id, action_state, action_ops in conn.execute(
            "SELECT id, state, ops FROM actions WHERE annotator_id = ? ORDER BY seq", (annotator_id,)
        ):
            state.actions[action_id] = action_state
            state.order.append(action_id)
            ops[action_id] = json.loads(action_ops)
        return Stored(state, ops)
    finally:
        conn.close()


def integrity_problems(path: str | Path) -> list[str]:
    """``PRAGMA integrity_check`` and ``foreign_key_check`` findings (empty when the file is sound)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check") if row[0] != "ok"]
        problems += [f"foreign key: {tuple(row)}" for row in conn.execute("PRAGMA foreign_key_check")]
        return problems
    finally:
        conn.close()


def with_pending(expected: Expected, intent: dict[str, Any], stored: Stored) -> Expected | None:
    """``expected`` plus the effect of the pending call, if the file shows it committed."""
    call = intent["intent"]
    if call == "any":  # the window worker: whichever of a new action, an undo or a redo matches
        for guess in ("add_span", "undo", "redo"):
            candidate = with_pending(expected, {"intent": guess}, stored)
            if candidate is not None and candidate.comparable() == stored.state.comparable():
                return candidate
        return None
    state = expected.copy()
    if call in DO_CALLS:
        new = [a for a in stored.state.order if a not in expected.actions]
        if len(new) != 1:
            return None
        state.apply_ops(stored.ops[new[0]], inverse=False)
        state.new_action(new[0])
        return state
    if call == "undo":
        targets = expected.undo_order()
        if not targets or targets[0] not in stored.ops:
            return None
        state.apply_ops(stored.ops[targets[0]], inverse=True)
        state.actions[targets[0]] = "undone"
        return state
    if call == "redo":
        targets = [a for a in expected.order if expected.actions[a] == "undone"]
        if not targets or targets[0] not in stored.ops:
            return None
        state.apply_ops(stored.ops[targets[0]], inverse=False)
        state.actions[targets[0]] = "done"
        return state
    raise AssertionError(f"unknown call in the log: {call!r}")


def reconcile(expected: Expected, intent: dict[str, Any] | None, stored: Stored) -> tuple[Expected, bool]:
    """The state the file holds, if it is ``expected`` or ``expected`` plus the pending call.

    Returns ``(state, pending_committed)``; raises ``AssertionError`` describing what differs.
    """
    if stored.state.comparable() == expected.comparable():
        return expected, False
    if intent is not None:
        candidate = with_pending(expected, intent, stored)
        if candidate is not None and stored.state.comparable() == candidate.comparable():
            return candidate, True
    raise AssertionError(describe_difference(expected, stored.state, intent))


def describe_difference(expected: Expected, actual: Expected, intent: dict[str, Any] | None) -> str:
    lines = [f"the project does not hold what the log says (pending call: {intent})"]
    for name in ("spans", "relations", "actions"):
        want, got = getattr(expected, name), getattr(actual, name)
        missing = sorted(set(want) - set(got))
        extra = sorted(set(got) - set(want))
        changed = sorted(k for k in set(want) & set(got) if want[k] != got[k])
        if missing or extra or changed:
            lines.append(
                f"{name}: {len(missing)} missing {missing[:3]}, {len(extra)} unexpected {extra[:3]}, "
                f"{len(changed)} different {[(k, want[k], got[k]) for k in changed[:3]]}"
            )
    if expected.order != actual.order and set(expected.order) == set(actual.order):
        lines.append("actions: same ids in a different order")
    want_status = expected.comparable()[2]
    got_status = actual.comparable()[2]
    if want_status != got_status:
        lines.append(f"statuses: expected {want_status}, stored {got_status}")
    return "\n".join(lines)


def undo_walk(path: str | Path, annotator: str, expected: Expected) -> None:
    """Undo walks back exactly the expected actions, newest first, to an empty slate; redo restores.

    Raises ``AssertionError`` when an undo reverses anything else or leaves anything behind.
    """
    from annotator.store import Project

    order = expected.undo_order()
    with Project.open(path) as project:
        for want in order:
            change = project.undo(annotator)
            assert (change.action_id, change.undone) == (want, True), f"undo reversed {change.action_id}, not {want}"
        assert not project.can_undo(annotator), "undo goes further back than the log"
        for doc in project.documents():
            assert project.spans(doc.id, annotator) == [], "spans left after undoing everything"
            assert project.relations(doc.id, annotator) == [], "relations left after undoing everything"
        assert set(project.statuses(annotator).values()) <= {"new"}, "statuses left after undoing everything"
        for want in reversed(order):
            assert project.redo(annotator).action_id == want
    assert stored_state(path, annotator).state.comparable() == expected.comparable()
