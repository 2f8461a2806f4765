"""Hashiya JSONL: one line per document and annotator, UTF-8 with Arabic unescaped.

``{"id", "name", "text", "annotator", "status", "meta", "tokens": [{"start", "end"}],
"spans": [{"id", "start", "end", "label", "text"}], "relations": [{"id", "head", "tail", "label"}]}``

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

import numpy as np

from annotator.exporting import ExportOptions, ExportResult, Progress
from annotator.exporting.source import ExportDocument
from annotator.exporting.writing import count_all, dumps, write_json_lines
from annotator.store import Project

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
    text = doc.text
    relations = local_ids(doc)[1] if doc.relations else []
    starts, ends, _ = doc.segmentation()
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
    return (
        f'{head[:-1]}, "tokens": {tokens_json(starts, ends)}, "spans": [{spans}], "relations": {dumps(relation_list)}}}'
    )


def write_jsonl(
    project: Project,
    documents: Sequence[ExportDocument],
    out: Path,
    options: ExportOptions,
    result: ExportResult,
    progress: Progress | None,
) -> None:
    write_json_lines(out, documents, lambda _, doc: document_line(doc), result, progress, every=200)
    count_all(result, documents)
