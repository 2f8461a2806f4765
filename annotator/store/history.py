"""The action log: each annotator's operations, in order, so undo and redo walk them.

An operation is a list of ops (:mod:`annotator.store.ops`) applied and logged as one row of
``actions``; undo applies their inverses, redo applies them again. Undo works across documents
and restarts because the log is in the project file. Every statement on ``actions`` is here.
"""

from __future__ import annotations

import json

from annotator.ids import new_id
from annotator.store import import_log
from annotator.store.changes import NO_CHANGE, Change, ChangeKind
from annotator.store.connection import Database, Row
from annotator.store.ops import Applied, Op, apply_ops, inverse_all
from annotator.store.roster import Roster
from annotator.store.rows import now


class History:
    """Records operations and steps back and forth through one annotator's log."""

    def __init__(self, database: Database, roster: Roster) -> None:
        self._database = database
        self._conn = database.conn
        self._roster = roster

    def record(
        self,
        kind: ChangeKind,
        annotator_id: str,
        document_id: str | None,
        ops: list[Op],
        *,
        detail: str = "",
        apply: bool = True,
    ) -> Change:
        """Apply ``ops`` (unless already done, as an import's are) and log them as one action (``detail``
        is kept beside the kind in the log, e.g. whose version a curator took). Anything this
        annotator had undone can no longer be redone. The caller holds the transaction."""
        applied = apply_ops(self._conn, ops) if apply else Applied()
        self._conn.execute(
            "UPDATE actions SET state = 'discarded' WHERE annotator_id = ? AND state = 'undone'", (annotator_id,)
        )
        action_id = new_id()
        self._conn.execute(
            "INSERT INTO actions (id, annotator_id, document_id, kind, ops, state, created_at) "
            "VALUES (?, ?, ?, ?, ?, 'done', ?)",
            (action_id, annotator_id, document_id, kind.logged(detail), json.dumps(ops, ensure_ascii=False), now()),
        )
        initiator = self._roster.name_of(annotator_id)
        return Change(kind, annotator_id, action_id=action_id, initiator=initiator, **applied.as_kwargs())

    def can_step(self, annotator_id: str | None, *, undo: bool) -> bool:
        return bool(annotator_id) and self._next(annotator_id, undo=undo) is not None

    def step(self, annotator_id: str | None, *, undo: bool) -> Change:
        """Undo the annotator's latest action, or redo the earliest one undone, in whichever document."""
        if not annotator_id:  # someone who never acted has nothing to undo
            return NO_CHANGE
        with self._database.atomic():
            action = self._next(annotator_id, undo=undo)
            if action is None:
                return NO_CHANGE
            ops = json.loads(action["ops"])
            documents: dict[str, tuple[str, ...]] = {}
            if ops and ops[0]["op"] == import_log.IMPORT_OP:  # an import: its op holds ids, or the removed rows
                ops, applied, moved = import_log.step(self._conn, ops[0], action["seq"], undo=undo)
                documents = {"documents_removed" if undo else "documents_added": moved}
            else:
                applied = apply_ops(self._conn, inverse_all(ops) if undo else ops)
            self._conn.execute(
                "UPDATE actions SET state = ?, ops = ? WHERE seq = ?",
                ("undone" if undo else "done", json.dumps(ops, ensure_ascii=False), action["seq"]),
            )
        return Change(
            ChangeKind.from_log(action["kind"]),
            annotator_id,
            action_id=action["id"],
            undone=undo,
            redone=not undo,
            initiator=self._roster.name_of(annotator_id),
            **documents,
            **applied.as_kwargs(),
        )

    def count(self) -> int:
        """How many actions the log holds, in every state (a refused write must add none)."""
        return self._conn.execute("SELECT COUNT(*) FROM actions").fetchone()[0]

    def _next(self, annotator_id: str, *, undo: bool) -> Row | None:
        state, order = ("done", "DESC") if undo else ("undone", "ASC")
        return self._conn.execute(
            f"SELECT * FROM actions WHERE annotator_id = ? AND state = ? ORDER BY seq {order} LIMIT 1",
            (annotator_id, state),
        ).fetchone()
