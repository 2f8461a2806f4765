"""Prodigy JSONL: ``{"text", "spans": [{"start", "end", "label", ...}], "relations": [{"head_span",
"child_span", "label", "head", "child"}], "answer", "meta"}``.

Tasks answered ``reject`` or ``ignore`` are not imported (counted). Relations join spans by the
offsets of ``head_span``/``child_span``, or else by the token indices ``head``/``child`` (a span's
last token, as Prodigy names them) through the task's ``tokens``. Offsets are code points.

Writing (export): ``text``, ``tokens``, ``spans`` with ``token_start``/``token_end`` (inclusive)
and ``relations`` with ``head_span``/``child_span`` (``head``/``child`` = the span's last token),
with ``name`` and, when not empty, ``meta``, so a round trip keeps both.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from annotator.errors import InputError
from annotator.exporting import ExportOptions, ExportResult, Progress
from annotator.exporting.segment import segment
from annotator.exporting.source import ExportDocument
from annotator.exporting.writing import dumps, with_meta, write_json_lines
from annotator.formats import ReadOptions, ReadResult
from annotator.formats.jsonl import local_ids
from annotator.formats.objects import (
    check_inside,
    document_fields,
    iter_json_lines,
    object_items,
    relation_objects,
    span_fields,
)
from annotator.model import IncomingDocument, NewSpan
from annotator.store import Project


def _span_key(item: dict[str, Any]) -> str:
    return f"{item.get('start')}:{item.get('end')}:{item.get('label')}"


def _end(item: dict[str, Any], side: str, token: str, by_token_end: dict[int, str]) -> str:
    """A relation's end: the span in ``side`` (``head_span``), else the span whose last token is ``token``."""
    if isinstance(item.get(side), dict):
        return _span_key(item[side])
    return by_token_end.get(item.get(token), "")


def prodigy_document(path: Path, number: int, value: dict[str, Any], prefix: str) -> IncomingDocument:
    fields = document_fields(path, number, value, prefix)
    raw = value["text"]
    spans: list[NewSpan] = []
    by_token_end: dict[int, str] = {}
    raw_spans = value.get("spans") or []
    if not isinstance(raw_spans, list):
        raise InputError(path, "'spans' must be a list", number)
    keys: set[str] = set()
    for _, where, item in object_items(raw_spans, "spans", path, number):
        start, end, label = span_fields(item, where, path, number)
        check_inside(start, end, raw, where, path, number)
        key = _span_key(item)
        if key not in keys:  # the same offsets and label again: one span
            keys.add(key)
            spans.append(fields.span(start, end, label, key))
        if isinstance(item.get("token_end"), int):
            by_token_end[item["token_end"]] = key

    def ends(item: dict[str, Any]) -> tuple[str, str]:
        return _end(item, "head_span", "head", by_token_end), _end(item, "child_span", "child", by_token_end)

    relations = relation_objects(
        value.get("relations") or [],
        keys,
        path,
        number,
        ends=ends,
        label="label",
        missing="{where} points at a span the task does not have",
    )
    return fields.document(spans, relations)


def read_prodigy(path: Path, options: ReadOptions, name: str) -> ReadResult:
    documents = []
    skipped: Counter[str] = Counter()
    for number, value in iter_json_lines(path, options):
        answer = value.get("answer", "accept")
        if answer in ("reject", "ignore"):
            skipped[answer] += 1
            continue
        documents.append(prodigy_document(path, number, value, name))
    if not documents:
        raise InputError(path, "no accepted Prodigy tasks in the file")
    notes = [f"{path}: {n} task(s) answered {answer!r} not imported" for answer, n in skipped.items()]
    return ReadResult(documents, notes)


def prodigy_record(doc: ExportDocument) -> tuple[dict[str, Any], int]:
    """The Prodigy task and how many spans could not be put on tokens (they cover none)."""
    text = doc.text
    starts, ends, sentences = doc.segmentation()
    seg = segment(starts, ends, sentences, doc.spans)
    token_starts, token_ends = seg.starts.tolist(), seg.ends.tolist()
    tokens = [
        {"text": text[a:b], "start": a, "end": b, "id": i, "ws": b < len(text) and text[b].isspace()}
        for i, (a, b) in enumerate(zip(token_starts, token_ends, strict=True))
    ]
    covered = {sid: (first, last) for sid, (first, last, _) in zip(seg.span_ids, seg.ranges, strict=True)}
    entries: dict[str, dict[str, Any]] = {}
    for _, sid, s, e, label in doc.spans:
        if sid in covered:
            first, last = covered[sid]
            entries[sid] = {"start": s, "end": e, "token_start": first, "token_end": last - 1, "label": label}
    spans = list(entries.values())
    span_ids, relations = local_ids(doc)
    key_of = {tid: sid for sid, tid in span_ids.items()}
    rel_list = []
    for _, head, tail, label in relations:
        head_span, child_span = entries.get(key_of[head]), entries.get(key_of[tail])
        if head_span is None or child_span is None:
            continue
        rel_list.append(
            {
                "head": head_span["token_end"],
                "child": child_span["token_end"],
                "head_span": head_span,
                "child_span": child_span,
                "label": label,
            }
        )
    record = {"text": text, "name": doc.name, "tokens": tokens, "spans": spans, "relations": rel_list}
    record["answer"] = "accept"
    return with_meta(record, doc), seg.uncovered_spans


def write_prodigy(
    project: Project,
    documents: Sequence[ExportDocument],
    out: Path,
    options: ExportOptions,
    result: ExportResult,
    progress: Progress | None,
) -> None:
    def line(number: int, doc: ExportDocument) -> str:
        record, uncovered = prodigy_record(doc)
        result.spans += len(record["spans"])
        result.relations += len(record["relations"])
        result.dropped_uncovered += uncovered
        result.dropped_relations += len(doc.relations) - len(record["relations"])
        return dumps(record)

    write_json_lines(out, documents, line, result, progress, every=100)
