"""Offsets from other tools' files, made exact against the stored text.

- The stored text drops CR of CRLF and a leading run of BOMs (docs/formats.md): offsets counted in the
  file's text are moved with :class:`TextMap` so every span keeps its characters.
- Some tools count UTF-16 units (JavaScript front ends: Label Studio before 1.x fixes, doccano
  versions): after an emoji their offsets run ahead. :func:`utf16_to_code_points` converts them.
- When a file gives a span's text too, :func:`locate` checks the offsets against it and repairs
  them (UTF-16 counting, or a shift of a few characters, as Label Studio made with Arabic
  text) or reports the span as unplaceable.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from os import PathLike

from annotator.decoding import normalize_text

MAX_SHIFT = 8  # characters a given span text is searched for around its offsets


@dataclass(slots=True)
class TextMap:
    """The stored text for a file's text, and where each old offset lands in it."""

    text: str
    notes: list[str]
    _dropped: list[int] = field(default_factory=list)  # old offsets of characters removed

    @classmethod
    def of(cls, raw: str, path: str | PathLike[str], line: int | None = None) -> TextMap:
        dropped = list(range(len(raw) - len(raw.lstrip("\ufeff"))))  # the whole leading run, as stored
        position = raw.find("\r\n")
        while position >= 0:
            dropped.append(position)
            position = raw.find("\r\n", position + 2)
        text, notes = normalize_text(raw, path, line)
        return cls(text, notes, dropped)

    def __call__(self, offset: int) -> int:
        """The stored-text offset of old ``offset`` (a removed character maps to the next one)."""
        if not self._dropped:
            return offset
        return offset - bisect_left(self._dropped, offset)


def utf16_length(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def has_astral(text: str) -> bool:
    return any(ord(ch) > 0xFFFF for ch in text)


def utf16_to_code_points(text: str) -> list[int]:
    """``table[u]`` is the code-point offset of UTF-16 offset ``u`` (inside a pair: the pair's start)."""
    table: list[int] = []
    for index, ch in enumerate(text):
        table.append(index)
        if ord(ch) > 0xFFFF:
            table.append(index)
    table.append(len(text))
    return table


@dataclass(slots=True)
class Placement:
    start: int
    end: int
    repair: str | None = None  # what was done to the offsets, if anything


UTF16_REPAIR = "offsets counted in UTF-16 units converted to code points"
SHIFT_REPAIR = "offsets moved a few characters to where the given span text is"


def locate(text: str, start: int, end: int, expected: str | None, table: list[int] | None = None) -> Placement | None:
    """Where a span really is: its offsets if they fit (and match ``expected`` when given),
    else the UTF-16 reading of them, else ``expected`` found within a few characters; ``None``
    if none of these works."""
    fits = 0 <= start < end <= len(text)
    if fits and (expected is None or text[start:end] == expected):
        return Placement(start, end)
    if table is not None and 0 <= start < end < len(table):
        s, e = table[start], table[end]
        if s < e and (text[s:e] == expected if expected is not None else True):
            return Placement(s, e, UTF16_REPAIR)
    if expected:
        window_start = max(0, start - MAX_SHIFT)
        found = text.find(expected, window_start, min(len(text), end + MAX_SHIFT))
        if found >= 0:
            return Placement(found, found + len(expected), SHIFT_REPAIR)
    return None
