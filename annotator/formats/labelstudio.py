"""Label Studio JSON export: a list of tasks ``{"id", "data": {"text", ...}, "annotations":
[{"result": [...]}]}`` (also the JSON-MIN export, tasks with ``text`` and ``label`` lists).

- The text is ``data.text``, or the task's only string field when the labelling config named it
  otherwise. Regions are results with ``value.start``/``value.end`` and ``value.labels`` (one span
  per label); relations are ``relation`` results (``from_id`` → ``to_id``; ``direction: left`` is
  reversed). A relation without a label, and predictions, are not imported (counted).
- Each task's first annotation that was not cancelled is imported; others are counted.
- Offsets are checked against ``value.text``: Label Studio versions counted UTF-16 units, and
  some placed spans in Arabic text a character off; both are repaired and counted
  (:func:`annotator.formats.offsets.locate`), and a span found nowhere is reported.

Writing (export): a list of tasks, ``data.text`` (with ``name`` and, when not empty, ``meta``)
and one annotation whose ``result`` holds ``labels`` regions (``value.start/end/text/labels``)
and ``relation`` results (``from_id``, ``to_id``), code-point offsets.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from annotator.decoding import read_text_file
from annotator.errors import InputError
from annotator.exporting import ExportOptions, ExportResult, Progress
from annotator.exporting.source import ExportDocument
from annotator.exporting.writing import count_all, export_file, numbered
from annotator.formats import ReadOptions, ReadResult
from annotator.formats.jsonl import local_ids
from annotator.formats.objects import DocumentFields, parse_json_object
from annotator.formats.offsets import TextMap, has_astral, locate, utf16_to_code_points
from annotator.model import IncomingDocument, NewRelation, NewSpan
from annotator.store import Project


def _text_of(path: Path, where: str, task: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    data = task.get("data", task)
    if not isinstance(data, dict):
        raise InputError(path, f"{where}: 'data' must be an object")
    if isinstance(data.get("text"), str):
        return data["text"], data
    strings = [v for k, v in data.items() if isinstance(v, str) and k not in ("name", "id")]
    if len(strings) == 1:
        return strings[0], data
    raise InputError(path, f"{where}: no 'text' in the task's data (name the text field 'text')")


def _results(task: dict[str, Any], counts: Counter[str]) -> list[Any]:
    if "annotations" not in task and "label" in task:  # JSON-MIN: regions directly on the task
        labels = task["label"] if isinstance(task["label"], list) else []
        return [{"type": "labels", "id": f"#{i}", "value": region} for i, region in enumerate(labels)]
    annotations = task.get("annotations") or []
    if task.get("predictions"):
        counts["predictions not imported"] += len(task["predictions"])
    kept = [a for a in annotations if isinstance(a, dict) and not a.get("was_cancelled")]
    if len(kept) > 1:
        counts["further annotations of a task not imported (the first is)"] += len(kept) - 1
    if not kept:
        return []
    result = kept[0].get("result", [])
    return result if isinstance(result, list) else []


def _task(path: Path, index: int, task: Any, prefix: str, counts: Counter[str]) -> IncomingDocument:
    where = f"task {index + 1}"
    if not isinstance(task, dict):
        raise InputError(path, f"{where}: a task must be an object")
    raw, data = _text_of(path, where, task)
    mapped = TextMap.of(raw, path)
    table = utf16_to_code_points(raw) if has_astral(raw) else None
    spans: list[NewSpan] = []
    keys: set[str] = set()
    relations: list[NewRelation] = []
    for item in _results(task, counts):
        if not isinstance(item, dict):
            continue
        if item.get("type") == "relation":
            labels = _labels(item.get("labels"), path, where)
            head, tail = str(item.get("from_id")), str(item.get("to_id"))
            if item.get("direction") == "left":
                head, tail = tail, head
            if not labels:
                counts["relations without a label not imported"] += 1
            for label in labels:
                if isinstance(label, str) and label.strip():
                    relations.append(NewRelation(head, tail, label.strip()))
            continue
        value = item.get("value")
        if not isinstance(value, dict) or "start" not in value or "end" not in value:
            counts["results without text offsets not imported (choices, ratings, ...)"] += 1
            continue
        start, end = value.get("start"), value.get("end")
        if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) or isinstance(end, bool):
            raise InputError(path, f"{where}: region offsets must be integers, got {start!r:.20} and {end!r:.20}")
        expected = value.get("text") if isinstance(value.get("text"), str) else None
        placed = locate(raw, start, end, expected, table)
        if placed is None:
            raise InputError(path, f"{where}: region [{start}, {end}) {expected!r:.40} is not in the text")
        if placed.repair:
            counts[placed.repair] += 1
        key = str(item.get("id", f"#{len(spans)}"))
        labels = [x for x in _labels(value.get("labels"), path, where) if isinstance(x, str) and x.strip()]
        if not labels:
            counts["regions without a label not imported"] += 1
        for n, label in enumerate(labels):
            span = NewSpan(mapped(placed.start), mapped(placed.end), label.strip(), key=key if n == 0 else None)
            if span.start < span.end:
                spans.append(span)
                keys.add(key)
    missing = [r for r in relations if r.head not in keys or r.tail not in keys]
    if missing:
        raise InputError(path, f"{where}: a relation points at region {missing[0].head!r}, not in the annotation")
    ident = task.get("id")
    external_id = None if ident is None or isinstance(ident, bool | dict | list) else str(ident)
    name = data.get("name") if isinstance(data.get("name"), str) and data.get("name") else None
    name = name or (f"{prefix}:{external_id}" if external_id else f"{prefix}:{index + 1}")
    meta = data.get("meta") if isinstance(data.get("meta"), dict) else {}
    return DocumentFields(name, f"{path}:task {index + 1}", mapped, meta, external_id).document(spans, relations)


def read_label_studio(path: Path, options: ReadOptions, name: str) -> ReadResult:
    decoded = read_text_file(path, options.encoding)
    tasks = parse_json_object(decoded.text, path, None)
    if isinstance(tasks, dict):
        tasks = [tasks]
    if not isinstance(tasks, list):
        raise InputError(path, "a Label Studio export is a JSON list of tasks")
    counts: Counter[str] = Counter()
    documents = [_task(path, i, task, name, counts) for i, task in enumerate(tasks)]
    if not documents:
        raise InputError(path, "no tasks in the file")
    return ReadResult(documents, [f"{path}: {n} × {kind}" for kind, n in counts.items()])


def _labels(value: object, path: Path, where: str) -> list:
    """A result's ``labels``: a list (absent means none); anything else is a malformed export."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise InputError(path, f"{where}: 'labels' must be a list, got {type(value).__name__}")
    return value


def label_studio_task(number: int, doc: ExportDocument) -> dict[str, Any]:
    span_ids, relations = local_ids(doc)
    text = doc.text
    result: list[dict[str, Any]] = [
        {
            "id": span_ids[sid],
            "from_name": "label",
            "to_name": "text",
            "type": "labels",
            "value": {"start": s, "end": e, "text": text[s:e], "labels": [label]},
        }
        for _, sid, s, e, label in doc.spans
    ]
    result += [
        {"type": "relation", "from_id": head, "to_id": tail, "direction": "right", "labels": [label]}
        for _, head, tail, label in relations
    ]
    data: dict[str, Any] = {"text": text, "name": doc.name}
    if doc.meta:
        data["meta"] = doc.meta
    return {"id": number, "data": data, "annotations": [{"completed_by": doc.annotator, "result": result}]}


def write_label_studio(
    project: Project,
    documents: Sequence[ExportDocument],
    out: Path,
    options: ExportOptions,
    result: ExportResult,
    progress: Progress | None,
) -> None:
    with export_file(out, len(documents), result, progress) as handle:
        tasks = [label_studio_task(number, doc) for number, doc in numbered(documents, progress, every=100)]
        handle.write(json.dumps(tasks, ensure_ascii=False, indent=1) + "\n")
    count_all(result, documents)
