"""doccano JSONL: ``{"text", "entities": [{"id", "label", "start_offset", "end_offset"}],
"relations": [{"id", "from_id", "to_id", "type"}]}``, or the older ``"label": [[start, end, LABEL]]``
(and ``"data"`` for the text in doccano 1.x).

Offsets are code points. Some doccano versions counted UTF-16 units in the browser: a document
whose spans run past its text while UTF-16 counting fits is converted (and the repair counted).

Writing (export): ``{"id", "name", "text", "entities": [{"id", "label", "start_offset",
"end_offset"}], "relations": [{"id", "from_id", "to_id", "type"}]}`` per line, code-point offsets
(what doccano's Python back end counts; docs/formats.md), with ``name`` and, when not empty,
``meta``, so a round trip keeps both.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from annotator.errors import InputError
from annotator.exporting import ExportOptions, ExportResult, Progress
from annotator.exporting.source import ExportDocument
from annotator.exporting.writing import count_all, dumps, with_meta, write_json_lines
from annotator.formats import ReadOptions, ReadResult
from annotator.formats.jsonl import local_ids
from annotator.formats.objects import (
    add_key,
    check_inside,
    document_fields,
    ends_in,
    integer,
    iter_json_lines,
    label_of,
    object_items,
    relation_objects,
    span_fields,
)
from annotator.formats.offsets import UTF16_REPAIR, has_astral, utf16_length, utf16_to_code_points
from annotator.model import IncomingDocument
from annotator.store import Project


def _entities(path: Path, number: int, value: dict[str, Any]) -> list[tuple[str, int, int, str]]:
    """``(key, start, end, label)`` of every entity, in either doccano form."""
    out = []
    if isinstance(value.get("entities"), list):
        for i, where, item in object_items(value["entities"], "entities", path, number):
            start, end, label = span_fields(item, where, path, number, "start_offset", "end_offset")
            out.append((str(item.get("id", f"#{i}")), start, end, label))
    elif isinstance(value.get("label"), list):
        for i, item in enumerate(value["label"]):
            where = f"label[{i}]"
            if not (isinstance(item, list) and len(item) == 3):
                raise InputError(path, f"{where} must be [start, end, label]", number)
            start = integer(item[0], f"{where}[0]", path, number)
            end = integer(item[1], f"{where}[1]", path, number)
            out.append((f"#{i}", start, end, label_of(item[2], f"{where}[2]", path, number)))
    return out


def doccano_document(
    path: Path, number: int, value: dict[str, Any], prefix: str, repairs: Counter[str]
) -> IncomingDocument:
    text_key = "text" if "text" in value or "data" not in value else "data"
    fields = document_fields(path, number, value, prefix, text_key)
    raw = value[text_key]
    entities = _entities(path, number, value)
    table = None
    ends = [end for _, _, end, _ in entities]
    if has_astral(raw) and any(end > len(raw) for end in ends) and all(end <= utf16_length(raw) for end in ends):
        table = utf16_to_code_points(raw)
        repairs[UTF16_REPAIR] += len(entities)
    spans = []
    keys: set[str] = set()
    for key, start, end, label in entities:
        if table is not None:
            start, end = table[start], table[end]
        check_inside(start, end, raw, "entity", path, number)
        add_key(keys, key, "entity", path, number)
        spans.append(fields.span(start, end, label, key))
    relations = relation_objects(
        value.get("relations", []),
        keys,
        path,
        number,
        ends=ends_in("from_id", "to_id"),
        label="type",
        missing="{where} points at entity {key}, which the line does not have",
    )
    return fields.document(spans, relations)


def read_doccano(path: Path, options: ReadOptions, name: str) -> ReadResult:
    repairs: Counter[str] = Counter()
    documents = [doccano_document(path, n, value, name, repairs) for n, value in iter_json_lines(path, options)]
    if not documents:
        raise InputError(path, "no JSON lines with documents in the file")
    return ReadResult(documents, [f"{path}: {n} × {kind}" for kind, n in repairs.items()])


def doccano_record(number: int, doc: ExportDocument) -> dict[str, Any]:
    span_ids, relations = local_ids(doc)
    number_of = {tid: int(tid[1:]) for tid in span_ids.values()}
    record = {
        "id": number,
        "name": doc.name,
        "text": doc.text,
        "entities": [
            {"id": number_of[span_ids[sid]], "label": label, "start_offset": s, "end_offset": e}
            for _, sid, s, e, label in doc.spans
        ],
        "relations": [
            {"id": int(rid[1:]), "from_id": number_of[head], "to_id": number_of[tail], "type": label}
            for rid, head, tail, label in relations
        ],
    }
    return with_meta(record, doc)


def write_doccano(
    project: Project,
    documents: Sequence[ExportDocument],
    out: Path,
    options: ExportOptions,
    result: ExportResult,
    progress: Progress | None,
) -> None:
    write_json_lines(out, documents, lambda n, doc: dumps(doccano_record(n, doc)), result, progress, every=100)
    count_all(result, documents)
