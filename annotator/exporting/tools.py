"""The formats of other annotation tools, so a team can move work between them and Hashiya.

- **doccano** JSONL (sequence labelling with relations): ``{"id", "name", "text", "entities":
  [{"id", "label", "start_offset", "end_offset"}], "relations": [{"id", "from_id", "to_id", "type"}]}``
- **Label Studio** JSON (a list of tasks): ``data.text`` and one annotation whose ``result`` holds
  ``labels`` regions (``value.start/end/text/labels``) and ``relation`` results (``from_id``, ``to_id``).
- **Prodigy** JSONL: ``text``, ``tokens``, ``spans`` with ``token_start``/``token_end`` (inclusive)
  and ``relations`` with ``head_span``/``child_span`` (``head``/``child`` = the span's last token).

Offsets are code points (what these tools' Python back ends count; docs/formats.md). Every
format carries ``name`` and, when not empty, ``meta``, so a round trip keeps both.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from annotator.exporting import ExportOptions, ExportResult, Progress
from annotator.exporting.jsonl import local_ids
from annotator.exporting.segment import segment
from annotator.exporting.source import ExportDocument
from annotator.exporting.writing import count_all, dumps, export_file, numbered, write_json_lines
from annotator.store import Project


def _with_meta(record: dict[str, Any], doc: ExportDocument) -> dict[str, Any]:
    if doc.meta:
        record["meta"] = doc.meta
    return record


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
    return _with_meta(record, doc)


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
    return _with_meta(record, doc), seg.uncovered_spans


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
