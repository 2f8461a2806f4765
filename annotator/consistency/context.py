"""A line of context around an occurrence: what a concordance (KWIC) line shows either side.

The context stops at a line break, so an occurrence in a one-line-per-sentence document is shown
with its own sentence, and is cut at a word boundary where it can be, so a line never starts or
ends in the middle of a word a linguist would try to read.
"""

from __future__ import annotations

_BREAKS = "\n\r\u2029\u2028"


def context(text: str, start: int, end: int, width: int = 40) -> tuple[str, str]:
    """Up to ``width`` characters of ``text`` before ``start`` and after ``end`` (same line only)."""
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    for mark in _BREAKS:
        left = left.rsplit(mark, 1)[-1]
        right = right.split(mark, 1)[0]
    if len(left) == width and start - width > 0 and not text[start - width - 1].isspace() and " " in left:
        left = left.split(" ", 1)[1]  # the window starts inside a word: drop its piece
    if len(right) == width and end + width < len(text) and not text[end + width].isspace() and " " in right:
        right = right.rsplit(" ", 1)[0]
    return left.strip(), right.strip()
