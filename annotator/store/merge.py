"""Store support for merging other project files: read a source project, write what it adds.

A source file is opened read-only and copied into memory (then migrated there if it is an
older version), so merging never writes to someone else's file. Everything a merge adds to
the project happens inside the caller's write transaction (``Project.atomic()``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

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
_DECISION_COLUMNS = (
    *("id", "document_id", "annotator_id", "start", "end", "label"),
    *("decision", "sources", "score", "span_id", "decided_at"),
)


SpanWhere = tuple[str, str, int, int, str]  # a span by content: document, annotator, start, end, label


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
    decisions: list[dict[str, Any]] = field(default_factory=list)  # suggestion_decisions rows
    events: list[ActivityEvent] = field(default_factory=list)  # activity rows
    span_keys: dict[str, SpanWhere] = field(default_factory=dict)  # source span id -> where and what


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
    decisions = [
        dict(row)
        for row in conn.execute(
            f"SELECT {', '.join(_quoted(c) for c in _DECISION_COLUMNS)} FROM suggestion_decisions "
            "ORDER BY decided_at, id"
        )
    ]
    span_keys = {
        s.id: (s.document_id, s.annotator_id, s.start, s.end, s.label) for body in bodies.values() for s in body.spans
    }
    return Source(path, documents, annotators, dict(bodies), decisions, read_events(conn), span_keys)


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


class People:
    """A source's annotators in the project, matched by name: created (keeping their id when free)
    the first time any of their work is merged, spans, decisions or activity alike."""

    def __init__(self, project: Project, names: Mapping[str, str]) -> None:
        self._project, self._names = project, names  # source annotator id -> name
        self._ids: dict[str, str] = {}
        self.created: list[tuple[str, str]] = []  # (name, id here) of the annotators created

    def here(self, source_id: str) -> str:
        """The project's id of the source's annotator ``source_id``."""
        if source_id not in self._ids:
            name = self._names[source_id]
            self._ids[source_id], created = annotator_here(self._project, name, source_id)
            if created:
                self.created.append((name, self._ids[source_id]))
        return self._ids[source_id]


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


def _quoted(column: str) -> str:
    return f'"{column}"'  # "end" is an SQL keyword


def _taken(conn: Connection, table: str, row_id: str) -> bool:
    return conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)).fetchone() is not None


def insert_decisions(
    project: Project,
    source: Source,
    documents: Mapping[str, str],
    annotator: Callable[[str], str],
    skip: Collection[tuple[str, str]] = (),
) -> list[dict[str, Any]]:
    """Copy the source's suggestion decisions to the project's documents (``documents``: source id ->
    id here) and annotators (``annotator``: source id -> id here), except those of the (document,
    annotator) pairs in ``skip`` (work left unmerged). A suggestion the annotator already decided
    here keeps that decision (merging twice adds nothing; nothing is overwritten). The decision's
    span is the annotator's span here with the source span's offsets and label (the merged one, or
    the same work already here), else none. Returns the rows written; ids are kept unless taken."""
    conn = project.database.conn
    spans_here: dict[tuple[str, str], dict[tuple[int, int, str], str]] = {}
    stored: list[dict[str, Any]] = []
    for row in source.decisions:
        if row["document_id"] not in documents:
            continue
        doc_id, annotator_id = documents[row["document_id"]], annotator(row["annotator_id"])
        if (doc_id, annotator_id) in skip or conn.execute(
            'SELECT 1 FROM suggestion_decisions WHERE document_id = ? AND annotator_id = ? AND start = ? AND "end" = ? '
            "AND label = ?",
            (doc_id, annotator_id, row["start"], row["end"], row["label"]),
        ).fetchone():
            continue
        span_id = None
        key = None if row["span_id"] is None else source.span_keys.get(row["span_id"])
        if key is not None:
            where = (documents[key[0]], annotator(key[1]))
            if where not in spans_here:
                spans_here[where] = {(s.start, s.end, s.label): s.id for s in project.spans(*where)}
            span_id = spans_here[where].get(key[2:])
        row_id = new_id() if _taken(conn, "suggestion_decisions", row["id"]) else row["id"]
        stored.append({**row, "id": row_id, "document_id": doc_id, "annotator_id": annotator_id, "span_id": span_id})
        insert_rows(conn, "suggestion_decisions", _DECISION_COLUMNS, stored[-1:])
    return stored


def insert_activity(
    project: Project, events: list[ActivityEvent], documents: Mapping[str, str], annotator: Callable[[str], str]
) -> list[str]:
    """Copy activity events the project lacks (by id: merging twice adds nothing) to its documents
    and annotators (mapped as :func:`insert_decisions`'s). Events of documents not in ``documents``
    are left out. Returns the ids written."""
    conn = project.database.conn
    mapped: list[ActivityEvent] = []
    for event in events:
        doc = None if event.document_id is None else documents.get(event.document_id)
        if (event.document_id is not None and doc is None) or _taken(conn, "activity", event.id):
            continue
        mapped.append(replace(event, annotator_id=annotator(event.annotator_id), document_id=doc))
    project.activity.insert(mapped)
    return [event.id for event in mapped]


def merge_activity(project: Project, path: str | Path) -> int:
    """Copy a source file's activity events the project lacks (by id: merging twice adds nothing),
    their documents matched by SHA-256 and annotators by name, as the merge matches work. Events of
    documents the project does not hold are left out. Returns how many were added. Runs in the
    caller's transaction when there is one, else in its own; ``merge_projects`` copies the events
    itself (and logs them, so its undo takes them back)."""
    events, hashes, names = read_copy(path, _read_activity)
    here_docs = documents_by_sha256(project)
    documents = {doc: here_docs[sha] for doc, sha in hashes.items() if sha in here_docs}
    with project.atomic():
        return len(insert_activity(project, events, documents, People(project, names).here))


def _read_activity(conn: Connection) -> tuple[list[ActivityEvent], dict[str, str], dict[str, str]]:
    hashes = {row[0]: row[1] for row in conn.execute("SELECT id, sha256 FROM documents")}
    names = {row[0]: row[1] for row in conn.execute("SELECT id, name FROM annotators")}
    return read_events(conn), hashes, names
