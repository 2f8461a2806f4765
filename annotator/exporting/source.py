"""What an export reads: one annotation layer (an annotator, or ``gold``) over selected documents.

Everything comes from a few bulk queries (:mod:`annotator.store.export_queries`); each
document arrives as an :class:`ExportDocument` with its spans and relations as plain tuples.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from annotator.errors import HashiyaError
from annotator.model import GOLD, DocStatus
from annotator.policies import DocumentPolicy, default_annotator
from annotator.store import Project
from annotator.store.export_queries import (
    DocumentRow,
    RelationRow,
    SpanRow,
    document_rows,
    relation_rows,
    span_rows,
    status_values,
)


@dataclass(frozen=True, slots=True)
class ExportDocument:
    row: DocumentRow
    annotator: str
    status: str
    spans: list[SpanRow]  # (document id, span id, start, end, label) by start, longest first, label
    relations: list[RelationRow]

    @property
    def id(self) -> str:
        return self.row.id

    @property
    def name(self) -> str:
        return self.row.name

    @property
    def text(self) -> str:
        return self.row.text

    @property
    def meta(self) -> dict[str, Any]:
        return self.row.meta

    def segmentation(self) -> tuple[np.ndarray, np.ndarray, list[tuple[int, int]]]:
        """Token starts, token ends and sentences (token ranges) the export writes: the stored
        segmentation, the one the window and the recommenders use (a document imported from a
        token list keeps its own tokens there: :func:`annotator.tokentext.segment`)."""
        pairs = np.frombuffer(self.row.tokens_blob, dtype="<u4").astype(np.int64).reshape(-1, 2)
        packed = np.frombuffer(self.row.sentences_blob, dtype="<u4").reshape(-1, 2).tolist()
        sentences = [(a, b) for a, b in packed]
        return np.ascontiguousarray(pairs[:, 0]), np.ascontiguousarray(pairs[:, 1]), sentences


@dataclass(frozen=True, slots=True)
class Selection:
    """Which layer and documents: ``status`` is the document policy (:mod:`annotator.policies`), by
    default ``done``: training data is what the layer's annotator finished."""

    annotator: str | None = None
    gold: bool = False
    status: str | DocumentPolicy = DocumentPolicy.DONE
    documents: Sequence[str] | None = None  # document ids or names; None = every document
    span_ids: bool | str = True  # span ids: True, "related" (documents with relations), False


def resolve_annotator(project: Project, selection: Selection) -> str:
    """The layer's annotator name: ``gold``, else :func:`~annotator.policies.default_annotator`
    (the one named, or the project's only annotator, gold not counted)."""
    if selection.gold and selection.annotator and selection.annotator != GOLD:
        raise HashiyaError("give either --annotator or --gold, not both")
    if selection.gold:
        if project.get_annotator(GOLD) is None:
            raise HashiyaError("this project has no gold layer yet (curate documents first, or name an --annotator)")
        return GOLD
    named = default_annotator(project, selection.annotator)
    if named is not None:
        return named
    names = [a.name for a in project.annotators()]
    if not names:
        raise HashiyaError("this project has no annotations yet: nothing to export")
    raise HashiyaError(f"name the layer to export with --annotator NAME or --gold (annotators: {', '.join(names)})")


def select(project: Project, selection: Selection) -> tuple[str, list[ExportDocument], int]:
    """The layer's name, its documents in project order, and how many the document policy left out."""
    policy = DocumentPolicy.parse(selection.status)
    annotator = resolve_annotator(project, selection)
    found = project.get_annotator(annotator)
    annotator_id = found.id if found else ""
    ids = None if selection.documents is None else project.resolve_documents(selection.documents)
    with project.snapshot():
        statuses = status_values(project, annotator_id)
        spans = span_rows(project, annotator_id, with_ids=selection.span_ids)
        relations = relation_rows(project, annotator_id)
        rows = list(document_rows(project, ids))
    out: list[ExportDocument] = []
    skipped = 0
    for row in rows:
        status = statuses.get(row.id, DocStatus.NEW.value)
        mine, linked = spans.get(row.id, []), relations.get(row.id, [])
        if not policy.admits(DocStatus(status), bool(mine or linked)):
            skipped += 1
            continue
        out.append(ExportDocument(row, annotator, status, mine, linked))
    return annotator, out, skipped
