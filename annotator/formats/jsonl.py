"""JSON Lines: articles ``{"text", "id"?, "name"?, "meta"?}`` and Hashiya's own export lines.

A line with ``spans`` (and ``relations``) is one of Hashiya's JSONL exports (docs/formats.md):
its spans are imported at their code-point offsets (each ``text`` given is checked against the
offsets) and its relations join spans by their ``id``. Its ``status`` is kept (unless the import
is given ``--status``); ``annotator`` is not read (the import names the annotator), nor are
``tokens``: the text is the truth, tokens are made again on import.
Anything malformed is reported with its line number.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from annotator.errors import InputError
from annotator.formats import ReadOptions, ReadResult
from annotator.formats.objects import (
    add_key,
    check_inside,
    document_fields,
    ends_in,
    iter_json_lines,
    object_items,
    relation_objects,
    span_fields,
)
from annotator.model import DocStatus, IncomingDocument, NewSpan


def _span_key(item: dict[str, Any], index: int) -> str:
    """The span's ``id`` (a string or an integer), else ``#index``."""
    key = item.get("id", f"#{index}")
    return str(key) if isinstance(key, str | int) and not isinstance(key, bool) else f"#{index}"


def hashiya_document(path: Path, number: int, value: dict[str, Any], prefix: str) -> IncomingDocument:
    """One line of a Hashiya JSONL export, with its spans and relations."""
    fields = document_fields(path, number, value, prefix)
    text = value["text"]
    raw_spans, raw_relations = value.get("spans", []), value.get("relations", [])
    if not isinstance(raw_spans, list) or not isinstance(raw_relations, list):
        raise InputError(path, "'spans' and 'relations' must be lists", number)
    spans: list[NewSpan] = []
    keys: set[str] = set()
    for i, where, item in object_items(raw_spans, "spans", path, number):
        start, end, label = span_fields(item, where, path, number)
        check_inside(start, end, text, where, path, number, bounds=False)
        given = item.get("text")
        if given is not None and text[start:end] != given:
            raise InputError(path, f"{where}: the text at [{start}, {end}) is not {given!r:.40}", number)
        key = _span_key(item, i)
        add_key(keys, key, f"{where}: span", path, number)
        spans.append(fields.span(start, end, label, key))
    relations = relation_objects(
        raw_relations,
        keys,
        path,
        number,
        ends=ends_in("head", "tail"),
        label="label",
        missing="{where} points at span {key!r}, which the line does not have",
    )
    status = None
    if isinstance(value.get("status"), str):
        try:
            status = DocStatus.parse(value["status"])
        except ValueError as exc:
            raise InputError(path, str(exc), number) from None
    return fields.document(spans, relations, status)


def other_format(value: dict[str, Any]) -> str | None:
    """The tool whose JSON ``value`` looks like, if it is not Hashiya's (for a helpful message)."""
    label = value.get("label")
    if isinstance(value.get("entities"), list) or (isinstance(label, list) and all(isinstance(x, list) for x in label)):
        return "doccano"
    if "answer" in value or "_input_hash" in value or "_task_hash" in value:
        return "prodigy"
    if "data" in value and ("annotations" in value or "predictions" in value):
        return "label-studio"
    return None


def read_jsonl(path: Path, options: ReadOptions, name: str) -> ReadResult:
    documents = []
    for number, value in iter_json_lines(path, options):
        hint = other_format(value)
        if hint:
            raise InputError(path, f"this looks like {hint} JSON: import it with --format {hint}", number)
        if "spans" in value or "relations" in value:
            documents.append(hashiya_document(path, number, value, name))
        else:
            documents.append(document_fields(path, number, value, name).document())
    if not documents:
        raise InputError(path, "no JSON lines with documents in the file")
    return ReadResult(documents)
