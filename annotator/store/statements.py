"""The statements every writer shares, written once: inserting rows, and a document's status.

The action log's ops, an import, its undo, and a merge all insert spans, relations and statuses;
each goes through these functions so a row kind has one INSERT and a status one upsert, and a
column added later is added in one place. The caller holds the transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from annotator.model import DocStatus
from annotator.store.connection import Connection
from annotator.store.rows import now

RELATION_FIELDS = ("id", "document_id", "annotator_id", "head_id", "tail_id", "label", "created_at")


def insert_rows(conn: Connection, table: str, fields: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> None:
    """Insert ``rows`` (mappings holding at least ``fields``) into ``table`` in one statement;
    SQLite's IntegrityError (a taken id) reaches the caller, who says what it means there."""
    columns = ", ".join(f'"{f}"' for f in fields)
    marks = ", ".join("?" for _ in fields)
    conn.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", ([row[f] for f in fields] for row in rows))


def read_status(conn: Connection, document_id: str, annotator_id: str | None) -> DocStatus:
    """One annotator's status of one document; absent means new."""
    row = conn.execute(
        "SELECT status FROM document_status WHERE document_id = ? AND annotator_id = ?", (document_id, annotator_id)
    ).fetchone()
    return DocStatus(row[0]) if row else DocStatus.NEW


def put_status(conn: Connection, document_id: str, annotator_id: str, status: DocStatus | str) -> None:
    """Set one annotator's status of one document (``new`` deletes the row: absent means new)."""
    value = DocStatus(status).value
    if value == DocStatus.NEW.value:
        conn.execute(
            "DELETE FROM document_status WHERE document_id = ? AND annotator_id = ?", (document_id, annotator_id)
        )
        return
    conn.execute(
        "INSERT INTO document_status (document_id, annotator_id, status, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (document_id, annotator_id) DO UPDATE SET status = excluded.status, "
        "updated_at = excluded.updated_at",
        (document_id, annotator_id, value, now()),
    )
