"""The one place where Qt's UTF-16 positions meet the store's code-point offsets.

Qt (QTextCursor, QTextBlock, QTextLine) counts UTF-16 code units; the store counts Python
code points. They differ by one after every character outside the Basic Multilingual Plane
(emoji, some CJK, mathematical letters). :class:`OffsetMap` converts both ways in
``O(log n)`` with a sorted list of the astral characters, and is free for the common
all-BMP Arabic text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class OffsetMap:
    """Convert between code-point offsets into ``text`` and UTF-16 positions."""

    __slots__ = ("_astral", "_astral16", "length", "length16")

    def __init__(self, text: str) -> None:
        if len(text.encode("utf-16-le")) == 2 * len(text):  # fast path: no astral character
            self._astral: list[int] = []
        else:
            self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        # UTF-16 position of each astral character (its high surrogate).
        self._astral16 = [cp + k for k, cp in enumerate(self._astral)]
        self.length = len(text)
        self.length16 = self.length + len(self._astral)

    @property
    def identity(self) -> bool:
        """True when both counts agree everywhere (no character outside the BMP)."""
        return not self._astral

    def to_utf16(self, offset: int) -> int:
        """The UTF-16 position of code-point ``offset`` (``0 <= offset <= len(text)``)."""
        if not 0 <= offset <= self.length:
            raise ValueError(f"offset {offset} outside 0..{self.length}")
        return offset + bisect_left(self._astral, offset)

    def from_utf16(self, position: int) -> int:
        """The code-point offset at UTF-16 ``position``.

        A position between the two halves of a surrogate pair (Qt never puts a cursor
        there, but arithmetic can) is rounded down to the character's start.
        """
        if not 0 <= position <= self.length16:
            raise ValueError(f"UTF-16 position {position} outside 0..{self.length16}")
        # Each astral character starting before ``position`` took two units. For a position
        # inside a pair this counts the pair too, which rounds down to its start.
        return position - bisect_left(self._astral16, position)

    def range_to_utf16(self, start: int, end: int) -> tuple[int, int]:
        return self.to_utf16(start), self.to_utf16(end)

    def range_from_utf16(self, start: int, end: int) -> tuple[int, int]:
        return self.from_utf16(start), self.from_utf16(end)

    def astral_before(self, offset: int) -> int:
        """How many characters outside the BMP come before code-point ``offset``."""
        return bisect_right(self._astral, offset - 1)
