"""Consistency findings a linguist dismissed: remembered in the project so a re-run leaves them out.

A finding's key (:attr:`annotator.consistency.findings.Finding.key`) depends only on what it is
about, so storing the key is enough to keep it dismissed after a restart. The kind and summary
are kept beside it so the list of dismissals reads without running the checks again. Dismissing
is one action in the dismisser's log (:meth:`annotator.store.project.Project.dismiss_finding`),
written through the ``insert_dismissal`` op of :mod:`annotator.store.ops`; every statement that
reads the table is here.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.store.connection import Database
from annotator.store.ops import Op
from annotator.store.rows import now


@dataclass(frozen=True, slots=True)
class Dismissal:
    """One dismissed finding: its key, kind and summary as dismissed, who dismissed it and when."""

    key: str
    kind: str
    summary: str
    annotator: str  # the dismisser's name
    dismissed_at: str


class Dismissals:
    """Reads of the ``dismissed_findings`` table (migration 6)."""

    def __init__(self, database: Database) -> None:
        self._conn = database.conn

    def keys(self) -> set[str]:
        """The keys of every dismissed finding: what ``run_checks(..., dismissed=...)`` leaves out."""
        return {row[0] for row in self._conn.execute("SELECT key FROM dismissed_findings")}

    def is_dismissed(self, key: str) -> bool:
        return self._conn.execute("SELECT 1 FROM dismissed_findings WHERE key = ?", (key,)).fetchone() is not None

    def all(self) -> list[Dismissal]:
        """Every dismissal, oldest first, with the dismisser's name."""
        rows = self._conn.execute(
            "SELECT f.key, f.kind, f.summary, COALESCE(a.name, f.annotator_id), f.dismissed_at "
            "FROM dismissed_findings f LEFT JOIN annotators a ON a.id = f.annotator_id ORDER BY f.dismissed_at, f.key"
        )
        return [Dismissal(*row) for row in rows]


def dismissal_op(key: str, kind: str, summary: str, annotator_id: str) -> Op:
    """The logged op that dismisses a finding (its inverse, on undo, restores it)."""
    row = {"key": key, "kind": kind, "summary": summary, "annotator_id": annotator_id, "dismissed_at": now()}
    return {"op": "insert_dismissal", "row": row}
