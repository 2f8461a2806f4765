"""doccano JSONL: ``{"text", "entities": [{"id", "label", "start_offset", "end_offset"}],
"relations": [{"id", "from_id", "to_id", "type"}]}``, or the older ``"label": [[start, end, LABEL]]``
(and ``"data"`` for the text in doccano 1.x).

Offsets are code points. Some doccano versions counted UTF-16 units in the browser: a document
whose spans run past its text while UTF-16 counting fits is converted (and the repair counted).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from annotator.errors import InputError
from annotator.formats import ReadOptions, ReadResult
from annotator.formats.jsonl import document_fields, integer, iter_json_lines, label_of
from annotator.formats.offsets import UTF16_REPAIR, has_astral, utf16_length, utf16_to_code_points
from annotator.model import IncomingDocument, NewRelation, NewSpan


def _entities(path: Path, number: int, value: dict[str, Any]) -> list[tuple[str, int, int, str]]:
    """``(key, start, end, label)`` of every entity, in either doccano form."""
    out = []
    if isinstance(value.get("entities"), list):
        for i, item in enumerate(value["entities"]):
            where = f"entities[{i}]"
            if not isinstance(item, dict):
                raise InputError(path, f"{where} must be an object", number)
            start = integer(item.get("start_offset"), f"{where}.start_offset", path, number)
            end = integer(item.get("end_offset"), f"{where}.end_offset", path, number)
            key = item.get("id", f"#{i}")
            out.append((str(key), start, end, label_of(item.get("label"), f"{where}.label", path, number)))
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
    name, source, mapped, meta, external_id = document_fields(path, number, value, prefix, text_key)
    raw = value[text_key]
    entities = _entities(path, number, value)
    table = None
    ends = [end for _, _, end, _ in entities]
    if has_astral(raw) and any(end > len(raw) for end in ends) and all(end <= utf16_length(raw) for end in ends):
        table = utf16_to_code_points(raw)
        repairs[UTF16_REPAIR] += len(entities)
    spans = []
    keys = set()
    for key, start, end, label in entities:
        if table is not None:
            start, end = table[start], table[end]
        if not 0 <= start < end <= len(raw):
            raise InputError(path, f"entity [{start}, {end}) is not inside the text (0..{len(raw)})", number)
        if key in keys:
            raise InputError(path, f"entity id {key!r} is used twice", number)
        keys.add(key)
        spans.append(NewSpan(mapped(start), mapped(end), label, key=key))
    relations = []
    raw_relations = value.get("relations", [])
    if not isinstance(raw_relations, list):
        raise InputError(path, "'relations' must be a list", number)
    for i, item in enumerate(raw_relations):
        if not isinstance(item, dict):
            raise InputError(path, f"relations[{i}] must be an object", number)
        head, tail = str(item.get("from_id")), str(item.get("to_id"))
        missing = next((k for k in (head, tail) if k not in keys), None)
        if missing is not None:
            raise InputError(path, f"relations[{i}] points at entity {missing}, which the line does not have", number)
        relations.append(NewRelation(head, tail, label_of(item.get("type"), f"relations[{i}].type", path, number)))
    return IncomingDocument(
        name,
        mapped.text,
        source,
        meta,
        external_id,
        tuple(mapped.notes),
        tuple(s for s in spans if s.start < s.end),
        tuple(relations),
    )


def read_doccano(path: Path, options: ReadOptions, name: str) -> ReadResult:
    repairs: Counter[str] = Counter()
    documents = [doccano_document(path, n, value, name, repairs) for n, value in iter_json_lines(path, options)]
    if not documents:
        raise InputError(path, "no JSON lines with documents in the file")
    return ReadResult(documents, [f"{path}: {n} × {kind}" for kind, n in repairs.items()])
