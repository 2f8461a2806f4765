"""Storing imported documents: text, segmentation, and any annotations they carry.

Work that needs no lock (hashing, tokenizing, validating offsets) happens in :func:`prepare`,
before the write transaction, so a large import holds the project's write lock briefly and
fails before writing anything when one document is bad.

A document's ``segmentation`` row is its one truth for tokens (:func:`annotator.tokentext.segment`):
the tokens it came with (CoNLL, Hugging Face), else camel-tools'; the ``tokenizer`` column says which.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from annotator.errors import InputError, NotFoundError
from annotator.ids import document_id, new_id
from annotator.model import DocStatus, Document, DocumentInfo, ImportOutcome, IncomingDocument, Origin, Relation
from annotator.schema import LabelSchema
from annotator.store.changes import Change, ChangeKind, StatusChange
from annotator.store.connection import Connection
from annotator.store.ops import Applied
from annotator.store.rows import SPAN_FIELDS, document_from_row, info_from_row, now, pack_pairs, span_from_row
from annotator.tokentext import segment

SAME_TEXT = "same text already in the project"  # the note on an import outcome that added nothing new


@dataclass(frozen=True, slots=True)
class Prepared:
    incoming: IncomingDocument
    sha256: str
    tokenizer: str  # what produced the tokens: camel-tools, or the imported file's own
    tokens: bytes
    token_count: int
    sentences: bytes
    sentence_count: int


def prepare(incoming: list[IncomingDocument] | tuple[IncomingDocument, ...], schema: LabelSchema) -> list[Prepared]:
    """Hash, tokenize and check every document; raise :class:`InputError` for the first bad one."""
    import hashlib  # only when documents are added: loading OpenSSL's hashes cost every start ~3 ms

    prepared = []
    for doc in incoming:
        _check_annotations(doc, schema)
        found = segment(doc.text, doc.meta)
        prepared.append(
            Prepared(
                doc,
                hashlib.sha256(doc.text.encode("utf-8")).hexdigest(),
                found.tokenizer,
                pack_pairs(found.tokens),
                len(found.tokens),
                pack_pairs(found.sentences),
                len(found.sentences),
            )
        )
    return prepared


def _check_annotations(doc: IncomingDocument, schema: LabelSchema) -> None:
    length = len(doc.text)
    keys = set()
    for span in doc.spans:
        if not 0 <= span.start < span.end <= length:
            raise InputError(doc.source, f"span [{span.start}, {span.end}) is outside the text (0..{length})")
        if schema.label(span.label) is None:
            raise InputError(doc.source, f"label {span.label!r} is not in the project's schema")
        if span.key is not None:
            keys.add(span.key)
    for relation in doc.relations:
        missing = [k for k in (relation.head, relation.tail) if k not in keys]
        if missing:
            raise InputError(doc.source, f"relation {relation.label} points at missing span {missing[0]!r}")
        if schema.relation(relation.label) is None:
            raise InputError(doc.source, f"relation type {relation.label!r} is not in the project's schema")


@dataclass
class ImportRecord:
    """What one import added, by id, so the action log can take it back (see :mod:`import_log`).

    Ids only: a 10,000-article import logs one small row, not a copy of every article.
    """

    documents: list[str] = field(default_factory=list)
    spans: list[str] = field(default_factory=list)
    relations: list[str] = field(default_factory=list)
    statuses: list[list[str]] = field(default_factory=list)  # [document, annotator, before, after]

    @property
    def empty(self) -> bool:
        return not (self.documents or self.spans or self.relations or self.statuses)


def add_documents(
    conn: Connection, prepared: list[Prepared], annotator_id: str | None, status: DocStatus | None
) -> tuple[list[ImportOutcome], Change, ImportRecord]:
    """Insert ``prepared`` documents; same-text documents are reported or get annotations attached.

    The caller holds the write transaction.
    """
    position = conn.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM documents").fetchone()[0]
    stamp = now()
    outcomes: list[ImportOutcome] = []
    added: list[str] = []
    attached = Applied()  # work attached to documents already open somewhere: views must follow it
    record = ImportRecord(added)
    for doc in prepared:
        incoming = doc.incoming
        row = conn.execute("SELECT id FROM documents WHERE sha256 = ?", (doc.sha256,)).fetchone()
        if row is None:
            doc_id = document_id(doc.sha256)
            _insert_document(conn, doc, doc_id, position, stamp)
            position += 1
            added.append(doc_id)
            result = "added"
        else:
            doc_id = row[0]
            result = "attached" if incoming.spans else "duplicate"
        span_rows: list[tuple] = []
        relation_rows: list[tuple] = []
        if annotator_id is not None and (incoming.spans or incoming.relations or result == "added"):
            span_rows, relation_rows = _insert_annotations(conn, incoming, doc_id, annotator_id, stamp)
            if incoming.spans or incoming.status or status:
                new_status = DocStatus(incoming.status or status or DocStatus.DONE)
                before = DocStatus.NEW if result == "added" else _status(conn, doc_id, annotator_id)
                if before != new_status:
                    record.statuses.append([doc_id, annotator_id, before.value, new_status.value])
                _set_status(conn, doc_id, annotator_id, new_status, stamp)
                if result != "added":
                    attached.statuses.append(StatusChange(doc_id, annotator_id, new_status))
        record.spans += [row[0] for row in span_rows]
        record.relations += [row[0] for row in relation_rows]
        if result != "added":
            attached.spans_added += [span_from_row(dict(zip(SPAN_FIELDS, row, strict=True))) for row in span_rows]
            attached.relations_added += [Relation(*row) for row in relation_rows]
        spans_added, relations_added = len(span_rows), len(relation_rows)
        notes = incoming.notes + ((SAME_TEXT,) if result != "added" else ())
        outcomes.append(
            ImportOutcome(incoming.source, incoming.name, doc_id, result, spans_added, relations_added, notes)
        )
    change = Change(
        ChangeKind.ADD_DOCUMENTS, annotator_id, documents_added=tuple(added), initiator="import", **attached.as_kwargs()
    )
    return outcomes, change, record


def _insert_document(conn: Connection, doc: Prepared, doc_id: str, position: int, stamp: str) -> None:
    incoming = doc.incoming
    conn.execute(
        "INSERT INTO documents (id, name, text, sha256, length, meta, external_id, imported_at, import_notes, "
        "position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            doc_id,
            incoming.name,
            incoming.text,
            doc.sha256,
            len(incoming.text),
            json.dumps(incoming.meta, ensure_ascii=False),
            incoming.external_id,
            stamp,
            json.dumps(list(incoming.notes), ensure_ascii=False),
            position,
        ),
    )
    conn.execute(
        "INSERT INTO segmentation (document_id, tokenizer, token_count, tokens, sentence_count, sentences) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (doc_id, doc.tokenizer, doc.token_count, doc.tokens, doc.sentence_count, doc.sentences),
    )


def _insert_annotations(
    conn: Connection, incoming: IncomingDocument, doc_id: str, annotator_id: str, stamp: str
) -> tuple[list[tuple], list[tuple]]:
    """Insert spans and relations not already there (re-importing the same file adds nothing);
    return the rows inserted (span rows in ``SPAN_FIELDS`` order, relation rows in Relation's)."""
    existing = {
        (r[0], r[1], r[2]): r[3]
        for r in conn.execute(
            'SELECT start, "end", label, id FROM spans WHERE document_id = ? AND annotator_id = ?',
            (doc_id, annotator_id),
        )
    }
    ids_by_key: dict[str, str] = {}
    span_rows = []
    for span in incoming.spans:
        found = existing.get((span.start, span.end, span.label))
        if found is None:
            found = new_id()
            existing[(span.start, span.end, span.label)] = found
            attributes = json.dumps(span.attributes, ensure_ascii=False, sort_keys=True)
            span_rows.append(
                (
                    found,
                    doc_id,
                    annotator_id,
                    span.start,
                    span.end,
                    span.label,
                    Origin.IMPORTED.value,
                    attributes,
                    stamp,
                )
            )
        if span.key is not None:
            ids_by_key[span.key] = found
    conn.executemany(
        'INSERT INTO spans (id, document_id, annotator_id, start, "end", label, origin, attributes, created_at) '
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        span_rows,
    )
    present = {
        (r[0], r[1], r[2])
        for r in conn.execute(
            "SELECT head_id, tail_id, label FROM relations WHERE document_id = ? AND annotator_id = ?",
            (doc_id, annotator_id),
        )
    }
    relation_rows = []
    for relation in incoming.relations:
        head, tail = ids_by_key[relation.head], ids_by_key[relation.tail]
        if (head, tail, relation.label) in present or head == tail:
            continue
        present.add((head, tail, relation.label))
        relation_rows.append((new_id(), doc_id, annotator_id, head, tail, relation.label, stamp))
    conn.executemany(
        "INSERT INTO relations (id, document_id, annotator_id, head_id, tail_id, label, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        relation_rows,
    )
    return span_rows, relation_rows


def _set_status(conn: Connection, doc_id: str, annotator_id: str, status: DocStatus, stamp: str) -> None:
    conn.execute(
        "INSERT INTO document_status (document_id, annotator_id, status, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (document_id, annotator_id) DO UPDATE SET status = excluded.status, "
        "updated_at = excluded.updated_at",
        (doc_id, annotator_id, DocStatus(status).value, stamp),
    )


def _status(conn: Connection, doc_id: str, annotator_id: str) -> DocStatus:
    row = conn.execute(
        "SELECT status FROM document_status WHERE document_id = ? AND annotator_id = ?", (doc_id, annotator_id)
    ).fetchone()
    return DocStatus(row[0]) if row else DocStatus.NEW


def get_document(conn: Connection, doc_id: str) -> Document:
    row = conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no document {doc_id!r} in this project")
    return document_from_row(row)


def list_documents(conn: Connection) -> list[DocumentInfo]:
    rows = conn.execute("SELECT id, name, sha256, length, position FROM documents ORDER BY position")
    return [info_from_row(row) for row in rows]
