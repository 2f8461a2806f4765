"""Store support for merging other project files: read a source project, write what it adds.

A source file is opened read-only and copied into memory (then migrated there if it is an
older version), so merging never writes to someone else's file. Everything a merge adds to
the project happens inside the caller's write transaction (``Project.atomic()``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

from annotator.ids import document_id, new_id
from annotator.model import DocStatus, Relation, Span
from annotator.store.activity import ActivityEvent, read_events
from annotator.store.changes import StatusChange
from annotator.store.connection import Connection, Row, read_copy
from annotator.store.project import Project
from annotator.store.rows import (
    SPAN_COLUMNS,
    SPAN_FIELDS,
    relation_from_row,
    relation_to_row,
    span_from_row,
    span_to_row,
)
from annotator.store.statements import RELATION_FIELDS, insert_rows, put_status

_DOCUMENT_COLUMNS = ("id", "name", "text", "sha256", "length", "meta", "external_id", "imported_at", "import_notes")
_SEGMENTATION_COLUMNS = ("tokenizer", "token_count", "tokens", "sentence_count", "sentences")


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
    documents: dict[str, Row]  # source document id -> row (with segmentation columns)
    annotators: dict[str, str]  # source annotator id -> name
    bodies: dict[tuple[str, str], Body]  # (source document id, source annotator id) -> work


def read_source(path: str | Path) -> Source:
    """Read a project file without writing to it; raise :class:`ProjectError` if it is not one."""
    return read_copy(path, lambda conn: _read(conn, str(path)))


def _read(conn: Connection, path: str) -> Source:
    documents = {
        row["id"]: row
        for row in conn.execute(
            f"SELECT d.position, {', '.join('d.' + c for c in _DOCUMENT_COLUMNS)}, "
            f"{', '.join('s.' + c for c in _SEGMENTATION_COLUMNS)} "
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


# -- the target project (the caller holds its write transaction: ``Project.atomic()``) -----------------


def documents_by_sha256(project: Project) -> dict[str, str]:
    return {row[1]: row[0] for row in project.database.conn.execute("SELECT id, sha256 FROM documents")}


def add_document(project: Project, row: Row) -> str:
    """Copy a source document (text and segmentation) into the project; returns its id here."""
    conn = project.database.conn
    doc_id = row["id"]
    if _taken(conn, "documents", doc_id):
        doc_id = document_id(row["sha256"])
        if _taken(conn, "documents", doc_id):
            doc_id = new_id()
    position = conn.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM documents").fetchone()[0]
    insert_rows(
        conn, "documents", (*_DOCUMENT_COLUMNS, "position"), [{**dict(row), "id": doc_id, "position": position}]
    )
    insert_rows(conn, "segmentation", ("document_id", *_SEGMENTATION_COLUMNS), [{**dict(row), "document_id": doc_id}])
    return doc_id


def annotator_here(project: Project, name: str, source_id: str) -> tuple[str, bool]:
    """The project's id for annotator ``name`` (created, keeping the source's id when free)."""
    return project.roster.adopt(name, source_id)


def body_here(project: Project, doc_id: str, annotator_id: str) -> Body:
    return Body(
        spans=project.spans(doc_id, annotator_id),
        relations=project.relations(doc_id, annotator_id),
        status=project.status(doc_id, annotator_id),
    )


def insert_spans(project: Project, spans: list[Span]) -> list[Span]:
    """Insert spans, keeping their ids unless an id is already taken here (then a new one)."""
    conn = project.database.conn
    stored = [replace(span, id=new_id()) if _taken(conn, "spans", span.id) else span for span in spans]
    insert_rows(conn, "spans", SPAN_FIELDS, [span_to_row(span) for span in stored])
    return stored


def insert_relations(project: Project, relations: list[Relation]) -> list[Relation]:
    conn = project.database.conn
    stored = [replace(r, id=new_id()) if _taken(conn, "relations", r.id) else r for r in relations]
    insert_rows(conn, "relations", RELATION_FIELDS, [relation_to_row(relation) for relation in stored])
    return stored


def set_status(project: Project, doc_id: str, annotator_id: str, status: DocStatus) -> StatusChange:
    put_status(project.database.conn, doc_id, annotator_id, status)
    return StatusChange(doc_id, annotator_id, status)


def add_schema_labels(project: Project, labels: list[str]) -> None:
    project.schemas.insert(project.schema.with_labels(labels))


def _taken(conn: Connection, table: str, row_id: str) -> bool:
    return conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)).fetchone() is not None


def merge_activity(project: Project, path: str | Path) -> int:
    """Copy a source file's activity events the project lacks (by id: merging twice adds nothing),
    their documents matched by SHA-256 and annotators by name, as the merge matches work. Events of
    documents the project does not hold are left out. Returns how many were added. Runs in the
    caller's transaction when there is one (``merge_projects``), else in its own."""
    events, hashes, names = read_copy(path, _read_activity)
    here_docs = documents_by_sha256(project)
    people: dict[str, str] = {}
    mapped: list[ActivityEvent] = []
    with project.atomic():
        for event in events:
            doc = None if event.document_id is None else here_docs.get(hashes.get(event.document_id, ""))
            if event.document_id is not None and doc is None:
                continue
            if event.annotator_id not in people:
                people[event.annotator_id] = annotator_here(project, names[event.annotator_id], event.annotator_id)[0]
            mapped.append(replace(event, annotator_id=people[event.annotator_id], document_id=doc))
        return project.activity.insert(mapped)


def _read_activity(conn: Connection) -> tuple[list[ActivityEvent], dict[str, str], dict[str, str]]:
    hashes = {row[0]: row[1] for row in conn.execute("SELECT id, sha256 FROM documents")}
    names = {row[0]: row[1] for row in conn.execute("SELECT id, name FROM annotators")}
    return read_events(conn), hashes, names
