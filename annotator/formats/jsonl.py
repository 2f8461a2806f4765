"""JSON Lines: articles ``{"text", "id"?, "name"?, "meta"?}`` and Hashiya's own export lines.

A line with ``spans`` (and ``relations``) is one of Hashiya's JSONL exports (docs/formats.md):
its spans are imported at their code-point offsets (each ``text`` given is checked against the
offsets) and its relations join spans by their ``id``. Its ``status`` is kept (unless the import
is given ``--status``); ``annotator`` is not read (the import names the annotator), nor are
``tokens``: the text is the truth, tokens are made again on import.
Anything malformed is reported with its line number.

Writing (export): one line per document and annotator, UTF-8 with Arabic unescaped:
``{"id", "name", "text", "annotator", "status", "meta", "tokens": [{"start", "end"}],
"spans": [{"id", "start", "end", "label", "text"}], "relations": [{"id", "head", "tail", "label"}]}``.
Offsets are code points into ``text`` (docs/formats.md). Span ids are ``T1``, ``T2``, ... in
span order (start, longest first, label) and relation ids ``R1``, ... in (head, tail, label)
order, so exporting the same annotations always gives the same bytes; ``head``/``tail`` are
span ids. ``tokens`` are the document's tokens (information only: importers use ``text``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from operator import itemgetter
from pathlib import Path
from typing import Any

import numpy as np

from annotator.errors import InputError
from annotator.exporting import ExportOptions, ExportResult, Progress
from annotator.exporting.assemble import token_objects
from annotator.exporting.source import ExportDocument
from annotator.exporting.writing import count_all, dumps, export_binary_file, numbered
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
from annotator.store import Project


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


_quote = json.encoder.encode_basestring  # one string as JSON, non-ASCII kept (what dumps does for strings)


def local_ids(doc: ExportDocument) -> tuple[dict[str, str], list[tuple[str, str, str, str]]]:
    """Span ids ``T1``... by span order, and relations ``(R-id, head T-id, tail T-id, label)`` sorted."""
    span_ids = {span[1]: f"T{i}" for i, span in enumerate(doc.spans, start=1)}
    order = {span[1]: i for i, span in enumerate(doc.spans)}
    relations = sorted(doc.relations, key=lambda r: (order[r[2]], order[r[3]], r[4]))
    return span_ids, [
        (f"R{i}", span_ids[head], span_ids[tail], label)
        for i, (_, _, head, tail, label) in enumerate(relations, start=1)
    ]


_NUMBERS = [str(i) for i in range(1 << 16)]  # offsets as text, looked up in C for millions of tokens


def tokens_json(starts: np.ndarray, ends: np.ndarray) -> str:
    """``[{"start": a, "end": b}, ...]`` for millions of tokens without a dict or an ``str()`` call
    per token: offsets are looked up as text (in C) and joined with the fixed pieces between them."""
    if not len(starts):
        return "[]"
    flat = np.column_stack((starts, ends)).ravel().tolist()
    # itemgetter of two or more indices gives a tuple; offsets past the table are converted one by one
    text = itemgetter(*flat)(_NUMBERS) if flat[-1] < len(_NUMBERS) else tuple(map(str, flat))
    pairs = zip(text[0::2], text[1::2], strict=True)
    return '[{"start": ' + '}, {"start": '.join(map(', "end": '.join, pairs)) + "}]"


def document_line(doc: ExportDocument) -> str:
    """One JSON line (without the newline), keys in the documented order."""
    return line_bytes(doc, token_lists([doc])[0]).decode("utf-8")[:-1]


def token_lists(documents: Sequence[ExportDocument]) -> list[bytes]:
    """Each document's ``tokens`` list without its brackets, as ASCII, all made at once."""
    blobs = [doc.row.tokens_blob for doc in documents]
    pairs = np.frombuffer(b"".join(blobs), dtype="<u4").reshape(-1, 2)
    counts = np.fromiter((len(blob) // 8 for blob in blobs), dtype=np.int64, count=len(blobs))
    return token_objects(pairs[:, 0], pairs[:, 1], np.concatenate(([0], np.cumsum(counts))))


def line_bytes(doc: ExportDocument, tokens: bytes) -> bytes:
    """One JSON line with its newline, in UTF-8: keys in the documented order, ``tokens`` as
    :func:`token_lists` gives them (ASCII, never widened into a Python string of Arabic text)."""
    text = doc.text
    relations = local_ids(doc)[1] if doc.relations else []
    head = dumps(
        {
            "id": doc.id,
            "name": doc.name,
            "text": text,
            "annotator": doc.annotator,
            "status": doc.status,
            "meta": doc.meta,
        }
    )
    spans = ", ".join(
        f'{{"id": "T{n}", "start": {s}, "end": {e}, "label": {_quote(label)}, "text": {_quote(text[s:e])}}}'
        for n, (_, _, s, e, label) in enumerate(doc.spans, start=1)
    )
    relation_list = [{"id": rid, "head": h, "tail": t, "label": label} for rid, h, t, label in relations]
    tail = f'], "spans": [{spans}], "relations": {dumps(relation_list)}}}\n'
    return b"".join((head[:-1].encode("utf-8"), b', "tokens": [', tokens, tail.encode("utf-8")))


JSON_BATCH = 1000  # documents whose token lists are made together


def write_jsonl(
    project: Project,
    documents: Sequence[ExportDocument],
    out: Path,
    options: ExportOptions,
    result: ExportResult,
    progress: Progress | None,
) -> None:
    """The lines of :data:`JSON_BATCH` documents at a time, written in one piece each."""
    with export_binary_file(out, len(documents), result, progress) as handle:
        pending: list[bytes] = []
        tokens: list[bytes] = []
        for number, doc in numbered(documents, progress, every=200):
            index = number - 1
            if index % JSON_BATCH == 0:
                handle.write(b"".join(pending))
                pending, tokens = [], token_lists(documents[index : index + JSON_BATCH])
            pending.append(line_bytes(doc, tokens[index % JSON_BATCH]))
        handle.write(b"".join(pending))
    count_all(result, documents)
