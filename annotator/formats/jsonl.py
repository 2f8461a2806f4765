"""JSON Lines: articles ``{"text", "id"?, "name"?, "meta"?}`` and Hashiya's own export lines.

A line with ``spans`` (and ``relations``) is one of Hashiya's JSONL exports (docs/formats.md):
its spans are imported at their code-point offsets (each ``text`` given is checked against the
offsets) and its relations join spans by their ``id``. Its ``status`` is kept (unless the import
is given ``--status``); ``annotator`` is not read (the import names the annotator), nor are
``tokens``: the text is the truth, tokens are made again on import.
Anything malformed is reported with its line number.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.decoding import read_text_file
from annotator.errors import InputError
from annotator.formats import ReadOptions, ReadResult
from annotator.formats.offsets import TextMap
from annotator.model import DocStatus, IncomingDocument, NewRelation, NewSpan

_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def iter_json_lines(path: Path, options: ReadOptions) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line_number, object)`` for each non-blank line; a bad line raises with its number."""
    decoded = read_text_file(path, options.encoding)
    for number, line in enumerate(decoded.text.split("\n"), start=1):
        if not line.strip():
            continue
        yield number, parse_json_object(line, path, number)


def parse_json_object(source: str, path: Path, number: int | None) -> Any:
    """``json.loads`` with every failure an :class:`InputError` (deep nesting, huge numbers and
    unpaired surrogates too: such a string could not be stored as UTF-8)."""
    try:
        value = json.loads(source)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"not valid JSON ({exc.msg} at column {exc.colno})", number) from None
    except RecursionError:
        raise InputError(path, "not valid JSON: nested too deeply", number) from None
    except ValueError as exc:  # e.g. an integer with more than 4,300 digits
        raise InputError(path, f"not valid JSON: {str(exc).splitlines()[0][:80]}", number) from None
    if _SURROGATE_ESCAPE.search(source):
        try:
            json.dumps(value, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise InputError(path, "a string holds an unpaired surrogate: not valid Unicode", number) from None
        except RecursionError:
            raise InputError(path, "not valid JSON: nested too deeply", number) from None
    if number is not None and not isinstance(value, dict):
        raise InputError(path, f"each line must be a JSON object, not {type(value).__name__}", number)
    return value


def document_fields(
    path: Path, number: int, value: dict[str, Any], prefix: str, text_key: str = "text"
) -> tuple[str, str, TextMap, dict[str, Any], str | None]:
    """The document fields of one JSON object, checked: name, source, text (as a :class:`TextMap`
    for offsets counted in the file's text), meta, external id."""
    text = value.get(text_key)
    if not isinstance(text, str):
        raise InputError(path, f"'{text_key}' must be a string, got {type(text).__name__}", number)
    ident = value.get("id")
    if ident is not None and (isinstance(ident, bool) or not isinstance(ident, str | int)):
        raise InputError(path, f"'id' must be a string or an integer, got {type(ident).__name__}", number)
    name = value.get("name")
    if name is not None and not isinstance(name, str):
        raise InputError(path, f"'name' must be a string, got {type(name).__name__}", number)
    meta = value.get("meta", {})
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise InputError(path, f"'meta' must be an object, got {type(meta).__name__}", number)
    mapped = TextMap.of(text, path, number)
    external_id = None if ident is None else str(ident)
    return name or external_id or f"{prefix}:{number}", f"{path}:{number}", mapped, meta, external_id


def article_from_json(path: Path, number: int, value: dict[str, Any], prefix: str) -> IncomingDocument:
    """The document fields of one JSON line, checked: ``text`` string, ``id``, ``name``, ``meta``."""
    name, source, mapped, meta, external_id = document_fields(path, number, value, prefix)
    return IncomingDocument(name, mapped.text, source, meta, external_id, tuple(mapped.notes))


def integer(value: Any, what: str, path: Path, number: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(path, f"{what} must be an integer, got {type(value).__name__}", number)
    return value


def label_of(value: Any, what: str, path: Path, number: int) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InputError(path, f"{what} must be a non-empty string, got {value!r:.40}", number)
    return value.strip()


def hashiya_document(path: Path, number: int, value: dict[str, Any], prefix: str) -> IncomingDocument:
    """One line of a Hashiya JSONL export, with its spans and relations."""
    name, source, mapped, meta, external_id = document_fields(path, number, value, prefix)
    raw_spans, raw_relations = value.get("spans", []), value.get("relations", [])
    if not isinstance(raw_spans, list) or not isinstance(raw_relations, list):
        raise InputError(path, "'spans' and 'relations' must be lists", number)
    spans: list[NewSpan] = []
    keys: set[str] = set()
    for i, item in enumerate(raw_spans):
        where = f"spans[{i}]"
        if not isinstance(item, dict):
            raise InputError(path, f"{where} must be an object", number)
        start = integer(item.get("start"), f"{where}.start", path, number)
        end = integer(item.get("end"), f"{where}.end", path, number)
        label = label_of(item.get("label"), f"{where}.label", path, number)
        if not 0 <= start < end <= len(value["text"]):
            raise InputError(path, f"{where} [{start}, {end}) is not inside the text", number)
        given = item.get("text")
        if given is not None and value["text"][start:end] != given:
            raise InputError(path, f"{where}: the text at [{start}, {end}) is not {given!r:.40}", number)
        key = item.get("id", f"#{i}")
        key = str(key) if isinstance(key, str | int) and not isinstance(key, bool) else f"#{i}"
        if key in keys:
            raise InputError(path, f"{where}: span id {key!r} is used twice", number)
        keys.add(key)
        spans.append(NewSpan(mapped(start), mapped(end), label, key=key))
    relations = []
    for i, item in enumerate(raw_relations):
        where = f"relations[{i}]"
        if not isinstance(item, dict):
            raise InputError(path, f"{where} must be an object", number)
        head, tail = str(item.get("head")), str(item.get("tail"))
        missing = next((k for k in (head, tail) if k not in keys), None)
        if missing is not None:
            raise InputError(path, f"{where} points at span {missing!r}, which the line does not have", number)
        relations.append(NewRelation(head, tail, label_of(item.get("label"), f"{where}.label", path, number)))
    status = None
    if isinstance(value.get("status"), str):
        try:
            status = DocStatus.parse(value["status"])
        except ValueError as exc:
            raise InputError(path, str(exc), number) from None
    return IncomingDocument(
        name,
        mapped.text,
        source,
        meta,
        external_id,
        tuple(mapped.notes),
        tuple(s for s in spans if s.start < s.end),
        tuple(relations),
        status,
    )


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
            documents.append(article_from_json(path, number, value, name))
    if not documents:
        raise InputError(path, "no JSON lines with documents in the file")
    return ReadResult(documents)
