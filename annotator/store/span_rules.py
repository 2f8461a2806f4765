"""The rules every span write obeys, whoever writes it (an annotator, a suggestion, a curator).

A span lies inside its document, carries a label of the current schema, and is not a duplicate
of one already in the same layer; the first annotation in a new document moves it to
``in_progress`` in the same action. Kept in one place so that an accepted suggestion and a
curated span are checked exactly as a typed one.
"""

from __future__ import annotations

from collections.abc import Callable

from annotator.errors import HashiyaError, NotFoundError
from annotator.model import DocStatus
from annotator.schema import LabelSchema
from annotator.store.connection import Database
from annotator.store.ops import Op
from annotator.store.statements import read_status


class SpanRules:
    """Checks and lookups a span write needs, each one indexed statement."""

    def __init__(self, database: Database, schema: Callable[[], LabelSchema]) -> None:
        self._conn = database.conn
        self._schema = schema

    def document_length(self, document_id: str) -> int:
        row = self._conn.execute("SELECT length FROM documents WHERE id = ?", (document_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no document {document_id!r} in this project")
        return row[0]

    def check(self, start: int, end: int, label: str, length: int) -> None:
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= length):
            raise HashiyaError(f"span [{start}, {end}) is not inside the document (0..{length})")
        if self._schema().label(label) is None:
            raise HashiyaError(f"label {label!r} is not in the project's schema")

    def exists(self, document_id: str, annotator_id: str, start: int, end: int, label: str) -> bool:
        """One indexed lookup: a document may hold 20,000 spans, and tagging must stay instant."""
        return (
            self._conn.execute(
                'SELECT 1 FROM spans WHERE document_id = ? AND annotator_id = ? AND start = ? AND "end" = ? '
                "AND label = ?",
                (document_id, annotator_id, start, end, label),
            ).fetchone()
            is not None
        )

    def status(self, document_id: str, annotator_id: str) -> DocStatus:
        return read_status(self._conn, document_id, annotator_id)

    def start_work_ops(self, document_id: str, annotator_id: str) -> list[Op]:
        """The first annotation in a new document moves it to ``in_progress`` (in the same action)."""
        current = self.status(document_id, annotator_id)
        return (
            [] if current != DocStatus.NEW else [status_op(document_id, annotator_id, current, DocStatus.IN_PROGRESS)]
        )


def status_op(document_id: str, annotator_id: str, before: DocStatus, after: DocStatus) -> Op:
    """The logged op that moves one annotator's status of one document (undo moves it back)."""
    return {
        "op": "set_status",
        "document_id": document_id,
        "annotator_id": annotator_id,
        "before": DocStatus(before).value,
        "after": DocStatus(after).value,
    }
