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

from bisect import bisect_left
from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import NamedTuple

from annotator.store.view_queries import SpanColumns

GREY = "#8C8C8C"  # a label the schema does not know (any more)


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
    """One layer of marks, sorted by start (longest first), with nesting levels on demand.

    The marks are kept as columns (:class:`~annotator.store.view_queries.SpanColumns`: ids,
    starts, ends, labels) and a :class:`Mark` is made only when asked for (painting asks for the
    visible ones): a 20,000-span layer is built from one query's columns without 20,000 objects.
    """

    def __init__(self, marks: Iterable[Mark] = ()) -> None:
        items = sorted(marks, key=lambda m: (m[1], -m[2], m[0]))
        self._columns = SpanColumns(
            [m.key for m in items], [m.start for m in items], [m.end for m in items], [m.label for m in items]
        )
        self._marks: list[Mark | None] = list(items)
        self._colours: Mapping[str, str] = {}
        self._style = MarkStyle.SOLID

    @classmethod
    def from_columns(cls, columns: SpanColumns, colours: Mapping[str, str], style: MarkStyle) -> MarkIndex:
        """A layer over ``columns`` (taken, not copied): marks coloured by label, made on demand."""
        index = cls()
        index._columns, index._colours, index._style = columns, colours, style
        index._marks = [None] * len(columns)
        return index

    def _mark(self, i: int) -> Mark:
        mark = self._marks[i]
        if mark is None:
            c = self._columns
            label = c.labels[i]
            mark = Mark(c.ids[i], c.starts[i], c.ends[i], self._colours.get(label, GREY), self._style, label)
            self._marks[i] = mark
        return mark

    def __len__(self) -> int:
        return len(self._columns)

    def __contains__(self, key: object) -> bool:
        return key in self._columns

    def get(self, key: str) -> Mark | None:
        i = self._columns.position(key)
        return None if i < 0 else self._mark(i)

    def all(self) -> list[Mark]:
        return [self._mark(i) for i in range(len(self._columns))]

    def add(self, mark: Mark) -> None:
        self.remove(mark.key)
        i = self._columns.insert(mark.key, mark.start, mark.end, mark.label)
        self._marks.insert(i, mark)

    def remove(self, key: str) -> Mark | None:
        if key not in self._columns:
            return None
        mark = self._mark(self._columns.position(key))
        del self._marks[self._columns.remove(key)]
        return mark

    def clear(self) -> None:
        self._columns = SpanColumns()
        self._marks = []

    def overlapping(self, start: int, end: int) -> list[Mark]:
        """Marks with ``mark.start < end`` and ``mark.end > start``, in sort order."""
        ends = self._columns.ends
        return [self._mark(i) for i in self._columns.overlapping(start, end) if ends[i] > start]

    def at(self, offset: int) -> list[Mark]:
        """Marks that contain the character at ``offset``, innermost (shortest) first."""
        return sorted(self.overlapping(offset, offset + 1), key=lambda m: (m.end - m.start, m.start, m.key))

    def next_after(self, offset: int, *, backwards: bool = False) -> Mark | None:
        """The first mark starting after ``offset`` (or the last one before it), for Tab navigation."""
        starts = self._columns.starts
        if backwards:
            i = bisect_left(starts, offset) - 1
            return self._mark(i) if i >= 0 else None
        i = bisect_left(starts, offset + 1)
        return self._mark(i) if i < len(starts) else None

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
