"""JSON Lines articles: one object per line, ``{"text", "id"?, "name"?, "meta"?}``.

Hashiya's own export lines (with ``spans`` and ``relations``, docs/formats.md) are read by the
annotation importer; this reader takes the text fields and reports anything malformed with
its line number.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from annotator.decoding import normalize_text, read_text_file
from annotator.errors import InputError
from annotator.formats import ReadOptions, ReadResult
from annotator.model import IncomingDocument


def iter_json_lines(path: Path, options: ReadOptions):
    """Yield ``(line_number, object)`` for each non-blank line; a bad line raises with its number."""
    decoded = read_text_file(path, options.encoding)
    for number, line in enumerate(decoded.text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(path, f"not valid JSON ({exc.msg} at column {exc.colno})", number) from None
        if not isinstance(value, dict):
            raise InputError(path, f"each line must be a JSON object, not {type(value).__name__}", number)
        yield number, value


def article_from_json(path: Path, number: int, value: dict[str, Any], prefix: str) -> IncomingDocument:
    """The document fields of one JSON line, checked: ``text`` string, ``id``, ``name``, ``meta``."""
    text = value.get("text")
    if not isinstance(text, str):
        raise InputError(path, f"'text' must be a string, got {type(text).__name__}", number)
    ident = value.get("id")
    if ident is not None and (isinstance(ident, bool) or not isinstance(ident, str | int)):
        raise InputError(path, f"'id' must be a string or an integer, got {type(ident).__name__}", number)
    name = value.get("name")
    if name is not None and not isinstance(name, str):
        raise InputError(path, f"'name' must be a string, got {type(name).__name__}", number)
    meta = value.get("meta", {})
    if not isinstance(meta, dict):
        raise InputError(path, f"'meta' must be an object, got {type(meta).__name__}", number)
    text, notes = normalize_text(text, path, number)
    external_id = None if ident is None else str(ident)
    return IncomingDocument(
        name=name or external_id or f"{prefix}:{number}",
        text=text,
        source=f"{path}:{number}",
        meta=meta,
        external_id=external_id,
        notes=tuple(notes),
    )


def read_jsonl(path: Path, options: ReadOptions, name: str) -> ReadResult:
    documents = [article_from_json(path, number, value, name) for number, value in iter_json_lines(path, options)]
    if not documents:
        raise InputError(path, "no JSON lines with documents in the file")
    return ReadResult(documents)
