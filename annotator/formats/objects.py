"""JSON input as the JSON-based readers get it (Hashiya JSONL, doccano, Prodigy, Label Studio,
Hugging Face): parsed with every failure an :class:`~annotator.errors.InputError`, and checked
field by field, each message naming the file, the line and the field (``spans[2].start``).

A document's fields become :class:`DocumentFields`, which makes the
:class:`~annotator.model.IncomingDocument`; span and relation objects are checked here too, so
every reader reports the same mistake in the same words.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.decoding import read_text_file
from annotator.errors import InputError
from annotator.formats import ReadOptions
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


@dataclass(frozen=True, slots=True)
class DocumentFields:
    """A document's fields from its JSON: ``mapped`` is the stored text and the map of the file's
    offsets into it (:class:`TextMap`)."""

    name: str
    source: str
    mapped: TextMap
    meta: dict[str, Any]
    external_id: str | None

    def span(self, start: int, end: int, label: str, key: str) -> NewSpan:
        """A span at offsets into the file's text, moved onto the stored text."""
        return NewSpan(self.mapped(start), self.mapped(end), label, key=key)

    def document(
        self, spans: Iterable[NewSpan] = (), relations: Iterable[NewRelation] = (), status: DocStatus | None = None
    ) -> IncomingDocument:
        """The incoming document; a span the stored text leaves empty (it held only a dropped CR) is left out."""
        return IncomingDocument(
            self.name,
            self.mapped.text,
            self.source,
            self.meta,
            self.external_id,
            tuple(self.mapped.notes),
            tuple(s for s in spans if s.start < s.end),
            tuple(relations),
            status,
        )


def document_fields(
    path: Path, number: int, value: dict[str, Any], prefix: str, text_key: str = "text"
) -> DocumentFields:
    """The document fields of one JSON object, checked: ``text`` (or ``text_key``) string, ``id``,
    ``name``, ``meta``. A document without a name is named by its id, else ``prefix:line``."""
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
    return DocumentFields(name or external_id or f"{prefix}:{number}", f"{path}:{number}", mapped, meta, external_id)


def integer(value: Any, what: str, path: Path, number: int) -> int:
    """``value``, which must be an integer (JSON ``true`` is not one, though Python counts it as 1)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(path, f"{what} must be an integer, got {type(value).__name__}", number)
    return value


def label_of(value: Any, what: str, path: Path, number: int) -> str:
    """``value``, which must be a string with more than spaces, without its surrounding spaces."""
    if not isinstance(value, str) or not value.strip():
        raise InputError(path, f"{what} must be a non-empty string, got {value!r:.40}", number)
    return value.strip()


def object_items(raw: list[Any], name: str, path: Path, number: int) -> Iterator[tuple[int, str, dict[str, Any]]]:
    """``(index, place, item)`` for each item of the list ``name`` (place: ``spans[3]``), which must be an object."""
    for i, item in enumerate(raw):
        where = f"{name}[{i}]"
        if not isinstance(item, dict):
            raise InputError(path, f"{where} must be an object", number)
        yield i, where, item


def span_fields(
    item: dict[str, Any], where: str, path: Path, number: int, start: str = "start", end: str = "end"
) -> tuple[int, int, str]:
    """A span object's offsets (integers, in the fields ``start`` and ``end``) and its ``label``."""
    first = integer(item.get(start), f"{where}.{start}", path, number)
    last = integer(item.get(end), f"{where}.{end}", path, number)
    return first, last, label_of(item.get("label"), f"{where}.label", path, number)


def check_inside(start: int, end: int, text: str, what: str, path: Path, number: int, *, bounds: bool = True) -> None:
    """``[start, end)`` must be a non-empty range of ``text``; the message names ``what`` (and the
    text's bounds, unless ``bounds`` is false: Hashiya JSONL's message never showed them)."""
    if not 0 <= start < end <= len(text):
        shown = f" (0..{len(text)})" if bounds else ""
        raise InputError(path, f"{what} [{start}, {end}) is not inside the text{shown}", number)


def add_key(keys: set[str], key: str, what: str, path: Path, number: int) -> None:
    """Add span id ``key`` to ``keys``: relations find spans by it, so it must be unique in the document."""
    if key in keys:
        raise InputError(path, f"{what} id {key!r} is used twice", number)
    keys.add(key)


def ends_in(head: str, tail: str) -> Callable[[dict[str, Any]], tuple[str, str]]:
    """A relation's ends read from the fields ``head`` and ``tail`` (as strings: span ids may be numbers)."""
    return lambda item: (str(item.get(head)), str(item.get(tail)))


def relation_objects(
    raw: Any,
    keys: set[str],
    path: Path,
    number: int,
    *,
    ends: Callable[[dict[str, Any]], tuple[str, str]],
    label: str,
    missing: str,
) -> list[NewRelation]:
    """The relations of the list ``relations`` (``raw``): objects whose ``ends`` are span ids in
    ``keys``, labelled in the field ``label``. ``missing`` is the message for an end the document
    does not have, formatted with ``where`` (``relations[2]``) and ``key``."""
    if not isinstance(raw, list):
        raise InputError(path, "'relations' must be a list", number)
    relations = []
    for _, where, item in object_items(raw, "relations", path, number):
        head, tail = ends(item)
        absent = next((k for k in (head, tail) if k not in keys), None)
        if absent is not None:
            raise InputError(path, missing.format(where=where, key=absent), number)
        relations.append(NewRelation(head, tail, label_of(item.get(label), f"{where}.{label}", path, number)))
    return relations
