"""What the document view paints: marks (ranges with a style) in layers, and their nesting levels.

Qt-free on purpose. A *mark* is anything drawn over a range of the text: an annotator's span
(solid), a search hit, a suggestion (dashed) or another annotator's span in the
curator view (coloured by annotator). Each layer is a :class:`MarkIndex`, a sorted list that
answers "which marks touch ``[a, b)``" in ``O(log n + k)`` so painting scales with the screen,
not with the 20,000 spans of a long article.

Overlapping marks get *levels* (0 = outermost): nested spans are drawn as nested boxes with
their own underline, so every span stays visible and clickable.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable
from enum import StrEnum
from typing import NamedTuple


class MarkStyle(StrEnum):
    SOLID = "solid"  # the annotator's own spans
    DASHED = "dashed"  # suggestions (ui/document/suggestion_paint.py)
    SEARCH = "search"  # search hits


class Mark(NamedTuple):
    """One painted range. A tuple (not a dataclass): a long article builds 20,000 of them."""

    key: str  # span id, or a synthetic key for search hits
    start: int  # code points, [start, end)
    end: int
    colour: str  # "#RRGGBB"
    style: MarkStyle = MarkStyle.SOLID
    label: str = ""

    @property
    def sort_key(self) -> tuple[int, int, str]:
        return (self.start, -self.end, self.key)


class MarkIndex:
    """One layer of marks, sorted by start (longest first), with nesting levels on demand."""

    def __init__(self, marks: Iterable[Mark] = ()) -> None:
        self._items: list[tuple[tuple[int, int, str], Mark]] = sorted(((m[1], -m[2], m[0]), m) for m in marks)
        self._by_key: dict[str, Mark] = {m.key: m for _, m in self._items}
        self._max_len = max((m.end - m.start for m in self._by_key.values()), default=0)

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def get(self, key: str) -> Mark | None:
        return self._by_key.get(key)

    def all(self) -> list[Mark]:
        return [m for _, m in self._items]

    def add(self, mark: Mark) -> None:
        if mark.key in self._by_key:
            self.remove(mark.key)
        insort(self._items, (mark.sort_key, mark))
        self._by_key[mark.key] = mark
        self._max_len = max(self._max_len, mark.end - mark.start)

    def remove(self, key: str) -> Mark | None:
        mark = self._by_key.pop(key, None)
        if mark is not None:
            i = bisect_left(self._items, (mark.sort_key,))
            while self._items[i][1].key != key:
                i += 1
            del self._items[i]
        return mark

    def clear(self) -> None:
        self._items.clear()
        self._by_key.clear()
        self._max_len = 0

    def overlapping(self, start: int, end: int) -> list[Mark]:
        """Marks with ``mark.start < end`` and ``mark.end > start``, in sort order."""
        lo = bisect_left(self._items, ((start - self._max_len,),))
        hi = bisect_left(self._items, ((end,),))
        return [m for _, m in self._items[lo:hi] if m.end > start]

    def at(self, offset: int) -> list[Mark]:
        """Marks that contain the character at ``offset``, innermost (shortest) first."""
        return sorted(self.overlapping(offset, offset + 1), key=lambda m: (m.end - m.start, m.start, m.key))

    def next_after(self, offset: int, *, backwards: bool = False) -> Mark | None:
        """The first mark starting after ``offset`` (or the last one before it), for Tab navigation."""
        if not self._items:
            return None
        if backwards:
            i = bisect_left(self._items, ((offset,),)) - 1
            return self._items[i][1] if i >= 0 else None
        i = bisect_left(self._items, ((offset + 1,),))
        return self._items[i][1] if i < len(self._items) else None

    def with_levels(self, start: int, end: int) -> list[tuple[Mark, int]]:
        """Marks touching ``[start, end)`` with their nesting level.

        Levels are assigned greedily over the whole overlap cluster (the maximal chain of
        overlapping marks), so a mark's level does not depend on where the screen is.
        """
        lo, hi = start, end
        while True:  # grow to whole clusters on both sides
            crossing = self.overlapping(lo, lo + 1) if lo > 0 else []
            new_lo = min((m.start for m in crossing), default=lo)
            crossing = self.overlapping(hi - 1, hi) if hi > lo else []
            new_hi = max((m.end for m in crossing), default=hi)
            if (new_lo, new_hi) == (lo, hi):
                break
            lo, hi = min(lo, new_lo), max(hi, new_hi)
        marks = self.overlapping(lo, hi)
        level_ends: list[int] = []  # end of the last mark placed on each level
        out: list[tuple[Mark, int]] = []
        for mark in marks:
            for level, last_end in enumerate(level_ends):
                if last_end <= mark.start:
                    level_ends[level] = mark.end
                    break
            else:
                level = len(level_ends)
                level_ends.append(mark.end)
            if mark.start < end and mark.end > start:
                out.append((mark, level))
        return out
