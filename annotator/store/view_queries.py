"""Lean read-only queries for the window: what it needs to paint a document, nothing more.

``Project.spans`` builds full :class:`~annotator.model.Span` objects (attributes decoded from
JSON); a 20,000-span article needs only ids, offsets and labels to be drawn and listed. Those
come as :class:`SpanColumns`: four parallel lists from one query, with no Python object per span
(building 20,000 objects was most of a long article's open). The view's marks and the entity
list each keep such columns and follow the store's changes with :meth:`SpanColumns.insert` and
:meth:`SpanColumns.remove`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from operator import sub
from typing import NamedTuple

from annotator.store.project import Project

_COLUMNS_SQL = 'SELECT id, start, "end", label FROM spans WHERE document_id = ? AND annotator_id = ? {} '
_ORDER = 'ORDER BY start, "end" DESC, id'


class SpanRef(NamedTuple):
    """The fields of a span that views show; a :class:`~annotator.model.Span` has the same names."""

    id: str
    document_id: str
    annotator_id: str
    start: int
    end: int
    label: str

    def text_in(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass
class SpanColumns:
    """Spans as parallel lists in text order: by start, longest first, then id.

    The order is the one ``span_columns`` reads them in (SQLite compares ids byte by byte, as
    Python compares the same UTF-8 strings), so nothing is sorted in Python. ``max_length`` is
    an upper bound of ``end - start`` (it never shrinks on removal): ranges are found by bisecting
    ``starts`` from ``start - max_length``.
    """

    ids: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    max_length: int = -1  # -1: not computed yet
    _start_of: dict[str, int] | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, span_id: object) -> bool:
        return span_id in self._starts_by_id()

    def copy(self) -> SpanColumns:
        return SpanColumns(list(self.ids), list(self.starts), list(self.ends), list(self.labels), self.max_length)

    def _starts_by_id(self) -> dict[str, int]:
        if self._start_of is None:  # built on first need: an open that only paints never asks
            self._start_of = dict(zip(self.ids, self.starts, strict=True))
        return self._start_of

    def longest(self) -> int:
        if self.max_length < 0:
            self.max_length = max(map(sub, self.ends, self.starts), default=0)
        return self.max_length

    def position(self, span_id: str) -> int:
        """The index of span ``span_id``, or -1."""
        start = self._starts_by_id().get(span_id)
        if start is None:
            return -1
        i = bisect_left(self.starts, start)
        while self.ids[i] != span_id:
            i += 1
        return i

    def insertion_point(self, span_id: str, start: int, end: int) -> int:
        lo, hi = bisect_left(self.starts, start), bisect_right(self.starts, start)
        while lo < hi and (-self.ends[lo], self.ids[lo]) < (-end, span_id):
            lo += 1
        return lo

    def insert(self, span_id: str, start: int, end: int, label: str) -> int:
        """Add a span in its place (replacing one with the same id); returns its index."""
        self.remove(span_id)
        i = self.insertion_point(span_id, start, end)
        self.ids.insert(i, span_id)
        self.starts.insert(i, start)
        self.ends.insert(i, end)
        self.labels.insert(i, label)
        self._starts_by_id()[span_id] = start
        self.max_length = max(self.longest(), end - start)
        return i

    def remove(self, span_id: str) -> int:
        """Remove span ``span_id``; returns the index it had, or -1."""
        i = self.position(span_id)
        if i >= 0:
            del self.ids[i], self.starts[i], self.ends[i], self.labels[i]
            del self._starts_by_id()[span_id]
        return i

    def overlapping(self, start: int, end: int) -> range:
        """Indexes of a range holding every span with ``span.start < end`` (test ``ends[i] > start``)."""
        return range(bisect_left(self.starts, start - self.longest()), bisect_left(self.starts, end))


def span_columns(project: Project, document_id: str, annotator: object, before: int | None = None) -> SpanColumns:
    """One annotator's spans of a document in one query, as columns in text order; with ``before``,
    only those starting before that offset (every span a screen from the top can show)."""
    annotator_id = project.roster.id_of(annotator)
    cursor = project.database.conn.cursor()
    cursor.row_factory = None  # plain tuples, transposed once into columns
    if before is None:
        rows = cursor.execute(_COLUMNS_SQL.format(_ORDER), (document_id, annotator_id)).fetchall()
    else:
        sql = _COLUMNS_SQL.format("AND start < ? " + _ORDER)
        rows = cursor.execute(sql, (document_id, annotator_id, before)).fetchall()
    if not rows:
        return SpanColumns()
    ids, starts, ends, labels = map(list, zip(*rows, strict=True))
    return SpanColumns(ids, starts, ends, labels)


def span_refs(project: Project, document_id: str, annotator: object) -> list[SpanRef]:
    """One annotator's spans of a document, by start then longest first (as ``Project.spans``)."""
    annotator_id = project.roster.id_of(annotator)
    cursor = project.database.conn.cursor()
    cursor.row_factory = None  # plain tuples: no sqlite3.Row per span
    rows = cursor.execute(
        'SELECT id, document_id, annotator_id, start, "end", label FROM spans '
        'WHERE document_id = ? AND annotator_id = ? ORDER BY start, "end" DESC, label',
        (document_id, annotator_id),
    )
    return list(map(SpanRef._make, rows))
