"""Store support for merging other project files: read a source project, write what it adds.

A source file is opened read-only and copied into memory (then migrated there if it is an
older version), so merging never writes to someone else's file. Everything a merge adds to
the project happens inside the caller's write transaction (``Project._write()``).
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import quote

from annotator.errors import ProjectError
from annotator.ids import document_id, new_id
from annotator.model import DocStatus, Relation, Span
from annotator.store.changes import StatusChange
from annotator.store.connection import _check_file, _check_is_project
from annotator.store.migrations import check_version, migrate
from annotator.store.project import Project
from annotator.store.rows import SPAN_COLUMNS, now, relation_from_row, span_from_row

_DOCUMENT_COLUMNS = "id, name, text, sha256, length, meta, external_id, imported_at, import_notes"
_SEGMENTATION_COLUMNS = "tokenizer, token_count, tokens, sentence_count, sentences"


@dataclass
class Body:
    """One annotator's work on one document: spans, relations and status."""

    spans: list[Span] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    status: DocStatus = DocStatus.NEW

    @property
    def empty(self) -> bool:
        return not self.spans and not self.relations and self.status == DocStatus.NEW


@dataclass
class Source:
    """Everything of a source project a merge needs, keyed by the source's own ids."""

    path: str
    documents: dict[str, sqlite3.Row]  # source document id -> row (with segmentation columns)
    annotators: dict[str, str]  # source annotator id -> name
    bodies: dict[tuple[str, str], Body]  # (source document id, source annotator id) -> work


def _open_read_only(path: Path) -> sqlite3.Connection:
    """Open without writing. On read-only media a WAL project cannot even be read in ``mode=ro``
    (SQLite wants to create its -shm file), and that shows only at the first query: probe, then
    fall back to ``immutable=1``."""
    uri = f"file:{quote(str(path.resolve()))}"
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True)
    try:
        conn.execute("PRAGMA user_version").fetchone()
    except sqlite3.OperationalError:
        conn.close()
        return sqlite3.connect(f"{uri}?immutable=1", uri=True)
    return conn


def read_source(path: str | Path) -> Source:
    """Read a project file without writing to it; raise :class:`ProjectError` if it is not one."""
    path = Path(path)
    _check_file(path)
    memory = sqlite3.connect(":memory:", isolation_level=None)
    memory.row_factory = sqlite3.Row
    try:
        disk = _open_read_only(path)
        try:
            check_version(disk, str(path))
            _check_is_project(disk, path)
            disk.backup(memory)
        finally:
            disk.close()
        memory.execute("BEGIN")
        migrate(memory, str(path))
        memory.execute("COMMIT")
        return _read(memory, str(path))
    except sqlite3.DatabaseError as exc:
        raise ProjectError(f"{path}: damaged or unreadable project file ({exc})") from None
    finally:
        memory.close()


def _read(conn: sqlite3.Connection, path: str) -> Source:
    documents = {
        row["id"]: row
        for row in conn.execute(
            f"SELECT d.position, {', '.join('d.' + c for c in _DOCUMENT_COLUMNS.split(', '))}, "
            f"{', '.join('s.' + c for c in _SEGMENTATION_COLUMNS.split(', '))} "
            "FROM documents d JOIN segmentation s ON s.document_id = d.id ORDER BY d.position"
        )
    }
    annotators = {row["id"]: row["name"] for row in conn.execute("SELECT id, name FROM annotators")}
    bodies: dict[tuple[str, str], Body] = defaultdict(Body)
    for row in conn.execute(f'SELECT {SPAN_COLUMNS} FROM spans ORDER BY document_id, start, "end", label'):
        bodies[(row["document_id"], row["annotator_id"])].spans.append(span_from_row(row))
    for row in conn.execute("SELECT * FROM relations ORDER BY document_id, created_at, id"):
        bodies[(row["document_id"], row["annotator_id"])].relations.append(relation_from_row(row))
    for row in conn.execute("SELECT document_id, annotator_id, status FROM document_status"):
        bodies[(row["document_id"], row["annotator_id"])].status = DocStatus(row["status"])
    return Source(path, documents, annotators, dict(bodies))


# -- the target project (the caller holds its write transaction) ----------------------------------


def documents_by_sha256(project: Project) -> dict[str, str]:
    return {row[1]: row[0] for row in project._conn.execute("SELECT id, sha256 FROM documents")}


def add_document(project: Project, row: sqlite3.Row) -> str:
    """Copy a source document (text and segmentation) into the project; returns its id here."""
    conn = project._conn
    doc_id = row["id"]
    if conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone():
        doc_id = document_id(row["sha256"])
        if conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone():
            doc_id = new_id()
    position = conn.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM documents").fetchone()[0]
    columns = _DOCUMENT_COLUMNS.split(", ")
    values = [doc_id, *(row[c] for c in columns[1:])]
    conn.execute(
        f"INSERT INTO documents ({_DOCUMENT_COLUMNS}, position) VALUES ({', '.join('?' * (len(columns) + 1))})",
        [*values, position],
    )
    segmentation = _SEGMENTATION_COLUMNS.split(", ")
    conn.execute(
        f"INSERT INTO segmentation (document_id, {_SEGMENTATION_COLUMNS}) "
        f"VALUES ({', '.join('?' * (len(segmentation) + 1))})",
        [doc_id, *(row[c] for c in segmentation)],
    )
    return doc_id


def annotator_here(project: Project, name: str, source_id: str) -> tuple[str, bool]:
    """The project's id for annotator ``name`` (created, keeping the source's id when free)."""
    conn = project._conn
    row = conn.execute("SELECT id FROM annotators WHERE name = ?", (name,)).fetchone()
    if row:
        return row[0], False
    taken = conn.execute("SELECT 1 FROM annotators WHERE id = ?", (source_id,)).fetchone()
    annotator_id = new_id() if taken else source_id
    conn.execute("INSERT INTO annotators (id, name, created_at) VALUES (?, ?, ?)", (annotator_id, name, now()))
    return annotator_id, True


def body_here(project: Project, doc_id: str, annotator_id: str) -> Body:
    return Body(
        spans=project.spans(doc_id, annotator_id),
        relations=project.relations(doc_id, annotator_id),
        status=project.status(doc_id, annotator_id),
    )


def insert_spans(project: Project, spans: list[Span]) -> list[Span]:
    """Insert spans, keeping their ids unless an id is already taken here (then a new one)."""
    conn = project._conn
    stored = []
    for span in spans:
        if conn.execute("SELECT 1 FROM spans WHERE id = ?", (span.id,)).fetchone():
            span = replace(span, id=new_id())
        conn.execute(
            'INSERT INTO spans (id, document_id, annotator_id, start, "end", label, origin, attributes, created_at) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                span.id,
                span.document_id,
                span.annotator_id,
                span.start,
                span.end,
                span.label,
                span.origin.value,
                json.dumps(span.attributes, ensure_ascii=False, sort_keys=True),
                span.created_at,
            ),
        )
        stored.append(span)
    return stored


def insert_relations(project: Project, relations: list[Relation]) -> list[Relation]:
    conn = project._conn
    stored = []
    for relation in relations:
        if conn.execute("SELECT 1 FROM relations WHERE id = ?", (relation.id,)).fetchone():
            relation = replace(relation, id=new_id())
        conn.execute(
            "INSERT INTO relations (id, document_id, annotator_id, head_id, tail_id, label, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            tuple(getattr(relation, f) for f in Relation.__dataclass_fields__),
        )
        stored.append(relation)
    return stored


def set_status(project: Project, doc_id: str, annotator_id: str, status: DocStatus) -> StatusChange:
    project._conn.execute(
        "INSERT INTO document_status (document_id, annotator_id, status, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (document_id, annotator_id) DO UPDATE SET status = excluded.status, "
        "updated_at = excluded.updated_at",
        (doc_id, annotator_id, status.value, now()),
    )
    return StatusChange(doc_id, annotator_id, status)


def add_schema_labels(project: Project, labels: list[str]) -> None:
    project._insert_schema(project.schema.with_labels(labels))
