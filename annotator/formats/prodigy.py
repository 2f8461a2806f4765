"""Prodigy JSONL: ``{"text", "spans": [{"start", "end", "label", ...}], "relations": [{"head_span",
"child_span", "label", "head", "child"}], "answer", "meta"}``.

Tasks answered ``reject`` or ``ignore`` are not imported (counted). Relations join spans by the
offsets of ``head_span``/``child_span``, or else by the token indices ``head``/``child`` (a span's
last token, as Prodigy names them) through the task's ``tokens``. Offsets are code points.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from annotator.errors import InputError
from annotator.formats import ReadOptions, ReadResult
from annotator.formats.jsonl import document_fields, integer, iter_json_lines, label_of
from annotator.model import IncomingDocument, NewRelation, NewSpan


def _span_key(item: dict[str, Any]) -> str:
    return f"{item.get('start')}:{item.get('end')}:{item.get('label')}"


def prodigy_document(path: Path, number: int, value: dict[str, Any], prefix: str) -> IncomingDocument:
    name, source, mapped, meta, external_id = document_fields(path, number, value, prefix)
    raw = value["text"]
    spans: list[NewSpan] = []
    by_token_end: dict[int, str] = {}
    raw_spans = value.get("spans") or []
    if not isinstance(raw_spans, list):
        raise InputError(path, "'spans' must be a list", number)
    keys = set()
    for i, item in enumerate(raw_spans):
        where = f"spans[{i}]"
        if not isinstance(item, dict):
            raise InputError(path, f"{where} must be an object", number)
        start = integer(item.get("start"), f"{where}.start", path, number)
        end = integer(item.get("end"), f"{where}.end", path, number)
        label = label_of(item.get("label"), f"{where}.label", path, number)
        if not 0 <= start < end <= len(raw):
            raise InputError(path, f"{where} [{start}, {end}) is not inside the text (0..{len(raw)})", number)
        key = _span_key(item)
        if key not in keys:
            keys.add(key)
            span = NewSpan(mapped(start), mapped(end), label, key=key)
            if span.start < span.end:
                spans.append(span)
        if isinstance(item.get("token_end"), int):
            by_token_end[item["token_end"]] = key
    relations = []
    raw_relations = value.get("relations") or []
    if not isinstance(raw_relations, list):
        raise InputError(path, "'relations' must be a list", number)
    for i, item in enumerate(raw_relations):
        where = f"relations[{i}]"
        if not isinstance(item, dict):
            raise InputError(path, f"{where} must be an object", number)
        ends = []
        for side, token in (("head_span", "head"), ("child_span", "child")):
            if isinstance(item.get(side), dict):
                ends.append(_span_key(item[side]))
            else:
                ends.append(by_token_end.get(item.get(token), ""))
        missing = next((k for k in ends if k not in keys), None)
        if missing is not None:
            raise InputError(path, f"{where} points at a span the task does not have", number)
        relations.append(NewRelation(ends[0], ends[1], label_of(item.get("label"), f"{where}.label", path, number)))
    return IncomingDocument(
        name, mapped.text, source, meta, external_id, tuple(mapped.notes), tuple(spans), tuple(relations)
    )


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
