"""Bulk reads for exports: a handful of queries for any number of documents, plain tuples out.

Exports of 10,000 documents must not make a query per document or build a dataclass per span
they only turn into text (benchmarks/bench_export.py). These read exactly what exporters write.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from annotator.store.connection import Cursor

if TYPE_CHECKING:
    from annotator.store.project import Project

SpanRow = tuple[str, str, int, int, str]  # document id, span id, start, end, label
RelationRow = tuple[str, str, str, str, str]  # document id, relation id, head span id, tail span id, label


def _cursor(project: Project) -> Cursor:
    """A cursor giving plain tuples (the project's rows are ``sqlite3.Row``: slower for bulk reads)."""
    cursor = project.database.conn.cursor()
    cursor.row_factory = None
    return cursor


@dataclass(frozen=True, slots=True)
class DocumentRow:
    id: str
    name: str
    text: str
    meta: dict[str, Any]
    external_id: str | None
    position: int
    tokens_blob: bytes
    sentences_blob: bytes
    # tokens_blob / sentences_blob: little-endian uint32 (start, end) pairs (store/rows.py pack_pairs)


def document_rows(project: Project, document_ids: Sequence[str] | None = None) -> Iterator[DocumentRow]:
    """Documents (text and segmentation) in project order; all, or those in ``document_ids``."""
    sql = (
        "SELECT d.id, d.name, d.text, d.meta, d.external_id, d.position, s.tokens, s.sentences "
        "FROM documents d JOIN segmentation s ON s.document_id = d.id"
    )
    params: list[Any] = []
    wanted_set: set[str] | None = None
    if document_ids is not None:
        params = list(dict.fromkeys(document_ids))
        if not params:
            return
        if len(params) <= 500:  # few: let SQLite pick them; many: one scan, filtered here
            sql += f" WHERE d.id IN ({','.join('?' * len(params))})"
        else:
            wanted_set, params = set(params), []
    for row in _cursor(project).execute(sql + " ORDER BY d.position", params):
        if wanted_set is None or row[0] in wanted_set:
            meta = json.loads(row[3]) if row[3] and row[3] != "{}" else {}
            yield DocumentRow(row[0], row[1], row[2], meta, row[4], row[5], row[6], row[7])


def span_rows(project: Project, annotator_id: str, *, with_ids: bool | str = True) -> dict[str, list[SpanRow]]:
    """One annotator's spans by document, ordered by start, longest first, then label.

    ``with_ids=False`` gives ``None`` for every span id (tag formats need no ids, and reading
    them costs); ``"related"`` only for documents where the annotator has relations.
    """
    id_column = {True: "id", False: "NULL", "related": RELATED_IDS}[with_ids]
    params = (annotator_id, annotator_id) if with_ids == "related" else (annotator_id,)
    rows = _cursor(project).execute(
        f'SELECT document_id, {id_column}, start, "end", label FROM spans WHERE annotator_id = ? '
        'ORDER BY document_id, start, "end" DESC, label',
        params,
    )
    return {doc: list(group) for doc, group in groupby(rows.fetchall(), itemgetter(0))}


RELATED_IDS = "CASE WHEN document_id IN (SELECT document_id FROM relations WHERE annotator_id = ?) THEN id END"


def relation_rows(project: Project, annotator_id: str) -> dict[str, list[RelationRow]]:
    rows = _cursor(project).execute(
        "SELECT document_id, id, head_id, tail_id, label FROM relations WHERE annotator_id = ? "
        "ORDER BY document_id, created_at, id",
        (annotator_id,),
    )
    return {doc: list(group) for doc, group in groupby(rows.fetchall(), itemgetter(0))}


def status_values(project: Project, annotator_id: str) -> dict[str, str]:
    """``document id → status`` of one annotator (documents without a row are ``new``)."""
    rows = _cursor(project).execute(
        "SELECT document_id, status FROM document_status WHERE annotator_id = ?", (annotator_id,)
    )
    return dict(rows.fetchall())
