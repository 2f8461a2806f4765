"""Bulk reads for agreement: a whole project's tokens, spans, relations and statuses as numpy arrays.

The report over thousands of documents must not build a dataclass per span or run a query per
document, so these reads return column arrays with small integer codes (document, annotator,
label indices). Offsets stay document-local ``[start, end)`` code points.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from annotator.store.connection import Connection
from annotator.store.project import Project

STATUS_CODES = {"new": 0, "in_progress": 1, "done": 2}


@dataclass(frozen=True)
class CorpusArrays:
    """Documents in project order with every token's offsets: the stored segmentation, the tokens
    the window snaps to and exports write (a CoNLL document's own: :func:`annotator.tokentext.segment`)."""

    ids: list[str]
    names: list[str]
    lengths: np.ndarray  # int64 per document
    token_start: np.ndarray  # int64, document-local, all documents concatenated in order
    token_end: np.ndarray
    token_doc: np.ndarray  # int64 document index of each token


@dataclass(frozen=True)
class SpanArrays:
    doc: np.ndarray  # int64 document index
    annotator: np.ndarray  # int64 index into the annotator ids asked for
    start: np.ndarray  # int64, document-local
    end: np.ndarray
    label: np.ndarray  # int64 index into ``labels``
    labels: list[str]


@dataclass(frozen=True)
class RelationArrays:
    """Relations with their endpoints' offsets and labels (span label codes shared with SpanArrays)."""

    doc: np.ndarray
    annotator: np.ndarray
    label: np.ndarray  # int64 index into ``labels``
    head: np.ndarray  # (n, 3) int64: start, end, span label code
    tail: np.ndarray
    labels: list[str]


def _uint32_pairs(blob: bytes) -> np.ndarray:
    flat = np.frombuffer(blob, dtype="<u4")
    return flat if sys.byteorder == "little" else flat.astype(np.uint32)


def corpus_arrays(conn: Connection) -> CorpusArrays:
    rows = conn.execute(
        "SELECT d.id, d.name, d.length, s.tokens FROM documents d JOIN segmentation s ON s.document_id = d.id "
        "ORDER BY d.position"
    ).fetchall()
    flats = [_uint32_pairs(r[3]) for r in rows]
    counts = np.array([f.size // 2 for f in flats], dtype=np.int64)
    flat = np.concatenate(flats).astype(np.int64) if flats else np.zeros(0, dtype=np.int64)
    return CorpusArrays(
        ids=[r[0] for r in rows],
        names=[r[1] for r in rows],
        lengths=np.array([r[2] for r in rows], dtype=np.int64),
        token_start=flat[0::2],
        token_end=flat[1::2],
        token_doc=np.repeat(np.arange(len(rows), dtype=np.int64), counts),
    )


def _case(column: str, count: int) -> str:
    """SQL mapping ``column`` to the position of its value among ``count`` bound parameters (else -1)."""
    if count == 0:
        return "-1"
    return f"CASE {column} " + " ".join(f"WHEN ? THEN {i}" for i in range(count)) + " ELSE -1 END"


def _ints(text: str | None, count: int) -> np.ndarray:
    """Parse SQLite ``group_concat`` output: ``count`` comma-separated integers."""
    if not count:
        return np.zeros(0, dtype=np.int64)
    values = np.fromstring(text, dtype=np.int64, sep=",")
    if values.size != count:
        raise ValueError(f"expected {count} integers from the project, parsed {values.size}")
    return values


_ID_WIDTH = 24  # annotator.ids.document_id: the first 24 hex digits of the text's SHA-256
_SEPARATOR = "\x1f"  # between document ids in group_concat (ids never contain it)


def _document_codes(joined: str | None, count: int, doc_ids: Sequence[str]) -> np.ndarray:
    """Document index of each of ``count`` rows from ``group_concat(document_id, char(31))``.

    The ids come from the same query as the other columns, so rows stay aligned. Ids of the
    usual width are cut by numpy without a Python object per row; other ids are split.
    """
    doc_index = {d: i for i, d in enumerate(doc_ids)}
    if not count:
        return np.zeros(0, dtype=np.int64)
    raw = (joined or "") + _SEPARATOR
    if raw.isascii() and len(raw) == count * (_ID_WIDTH + 1) and all(len(d) == _ID_WIDTH for d in doc_ids):
        cells = np.frombuffer(raw.encode("ascii"), dtype=np.uint8).reshape(count, _ID_WIDTH + 1)
        ids = np.ascontiguousarray(cells[:, :_ID_WIDTH]).view(f"S{_ID_WIDTH}").ravel()
        unique, inverse = np.unique(ids, return_inverse=True)
        lookup = np.array([doc_index[u.decode("ascii")] for u in unique.tolist()], dtype=np.int64)
        return lookup[inverse]
    return np.array([doc_index[d] for d in raw[:-1].split(_SEPARATOR)], dtype=np.int64)


def _distinct(conn: Connection, sql: str, params: list[str], known: list[str]) -> list[str]:
    """``known`` extended with any value of the query not in it (labels missing from the schema)."""
    extra = sorted({r[0] for r in conn.execute(sql, params)} - set(known))
    return [*known, *extra]


def span_arrays(
    conn: Connection, doc_ids: Sequence[str], annotator_ids: Sequence[str], labels: Sequence[str]
) -> SpanArrays:
    """Spans of ``annotator_ids``; label codes follow ``labels`` (labels not in it are appended).

    Table scans whose columns come back as single comma-joined strings: a corpus of 100,000
    spans costs a handful of Python objects instead of half a million.
    """
    who = list(annotator_ids)
    labels = list(labels)
    while True:
        row = conn.execute(
            f"SELECT COUNT(*), group_concat({_case('annotator_id', len(who))}), group_concat(start), "
            f'group_concat("end"), group_concat({_case("label", len(labels))}), '
            "group_concat(document_id, char(31)) FROM spans",
            who + labels,
        ).fetchone()
        annotator, start, end, label = (_ints(row[k], row[0]) for k in range(1, 5))
        if not (label < 0).any():
            break
        labels = _distinct(conn, "SELECT DISTINCT label FROM spans", [], labels)  # labels outside the schema
    docs = _document_codes(row[5], row[0], doc_ids)
    keep = annotator >= 0
    return SpanArrays(docs[keep], annotator[keep], start[keep], end[keep], label[keep], labels)


def relation_arrays(
    conn: Connection,
    doc_ids: Sequence[str],
    annotator_ids: Sequence[str],
    span_labels: Sequence[str],
    relation_labels: Sequence[str],
) -> RelationArrays:
    """Relations of ``annotator_ids`` with their endpoints' offsets and span label codes."""
    who = list(annotator_ids)
    marks = ", ".join("?" for _ in who)
    span_labels = list(span_labels)
    relation_labels = _distinct(
        conn, f"SELECT DISTINCT label FROM relations WHERE annotator_id IN ({marks})", who, list(relation_labels)
    )
    joins = (
        f"FROM relations r JOIN spans h ON h.id = r.head_id JOIN spans t ON t.id = r.tail_id "
        f"WHERE r.annotator_id IN ({marks})"
    )
    row = conn.execute(
        f"SELECT COUNT(*), group_concat({_case('r.annotator_id', len(who))}), "
        f"group_concat({_case('r.label', len(relation_labels))}), "
        f'group_concat(h.start), group_concat(h."end"), group_concat({_case("h.label", len(span_labels))}), '
        f'group_concat(t.start), group_concat(t."end"), group_concat({_case("t.label", len(span_labels))}), '
        f"group_concat(r.document_id, char(31)) {joins}",
        who + relation_labels + span_labels + span_labels + who,
    ).fetchone()
    annotator, label, hs, he, hl, ts, te, tl = (_ints(row[k], row[0]) for k in range(1, 9))
    return RelationArrays(
        doc=_document_codes(row[9], row[0], doc_ids),
        annotator=annotator,
        label=label,
        head=np.column_stack([hs, he, hl]),
        tail=np.column_stack([ts, te, tl]),
        labels=relation_labels,
    )


def status_matrix(conn: Connection, doc_ids: Sequence[str], annotator_ids: Sequence[str]) -> np.ndarray:
    """``codes[annotator, document]``: 0 new (or never opened), 1 in progress, 2 done."""
    doc_index = {d: i for i, d in enumerate(doc_ids)}
    who = {a: i for i, a in enumerate(annotator_ids)}
    codes = np.zeros((len(annotator_ids), len(doc_ids)), dtype=np.int8)
    marks = ", ".join("?" for _ in annotator_ids)
    for doc, annotator, status in conn.execute(
        f"SELECT document_id, annotator_id, status FROM document_status WHERE annotator_id IN ({marks})",
        list(annotator_ids),
    ):
        if doc in doc_index:
            codes[who[annotator], doc_index[doc]] = STATUS_CODES[status]
    return codes


@dataclass(frozen=True)
class AgreementArrays:
    corpus: CorpusArrays
    spans: SpanArrays
    relations: RelationArrays
    statuses: np.ndarray  # codes[annotator, document], see status_matrix


def agreement_arrays(project: Project, annotator_ids: Sequence[str]) -> AgreementArrays:
    """Everything an agreement report reads, in five queries whatever the corpus size."""
    conn = project.database.conn
    schema = project.schema
    with project.snapshot():  # one state of the project even while an annotator keeps working
        corpus = corpus_arrays(conn)
        spans = span_arrays(conn, corpus.ids, annotator_ids, schema.label_names)
        # endpoint labels are span labels, so both share the span label codes
        relations = relation_arrays(conn, corpus.ids, annotator_ids, spans.labels, [r.name for r in schema.relations])
        statuses = status_matrix(conn, corpus.ids, annotator_ids)
    return AgreementArrays(corpus, spans, relations, statuses)
