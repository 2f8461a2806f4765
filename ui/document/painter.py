"""Painting marks: fills under the text, underlines, outlines and label tags over it.

A mark at nesting level ``n`` is a box inset by ``n`` steps, with its own underline, so nested
and overlapping spans are all visible. Styles: SOLID (an annotator's span), SEARCH (a search
hit). Suggestions (DASHED) are a separate layer painted by :mod:`ui.document.suggestion_paint`.
Outlines go around the letters' ink, never across it: a border over the hamza of «أ» turns it
into «ا» for the reader. Tags are placed by :class:`~ui.document.labels.LabelPlacer`.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from functools import lru_cache

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen

from ui.document.geometry import TextGeometry
from ui.document.labels import CLEARANCE, LabelPlacer, Tag, tag_size
from ui.document.marks import Mark, MarkStyle
from ui.document.text_document import line_gap
from ui.theme import Theme

LEVEL_STEP = 3.0  # pixels between nested boxes
UNDERLINE = 2.0
SELECTED_PEN = 2.0
CANDIDATE_PEN = 1.5
INK_GAP = 1.0  # between the letters' ink and the inner edge of an outline
NEST_STEP = 2.5  # an outline grows this much up and down per level of marks nested inside it
NEST_SIDE_STEP = 1.0  # and this much sideways (the next word is there)


@dataclass
class PlacedMark:
    """A mark measured for this paint: its level and its rectangles on screen."""

    mark: Mark
    level: int
    rects: list[QRectF]
    inks: list[QRectF] = field(default_factory=list)  # the letters' ink per rect, when measured
    depth: int = 0  # levels of marks nested inside this one: its outline goes around theirs
    _boxes: list[QRectF] | None = field(default=None, init=False, repr=False, compare=False)

    def box(self, rect: QRectF) -> QRectF:
        inset = self.level * LEVEL_STEP
        return rect.adjusted(0, inset + 2, 0, -inset)

    def boxes(self) -> list[QRectF]:
        """:meth:`box` of each of :attr:`rects`, made once: the fill and the underline both need them."""
        if self._boxes is None:
            inset = self.level * LEVEL_STEP
            self._boxes = [rect.adjusted(0, inset + 2, 0, -inset) for rect in self.rects]
        return self._boxes

    def contains(self, point: QPointF) -> bool:
        return any(box.contains(point) for box in self.boxes())

    def borders(self, width: float) -> list[QRectF]:
        """Where to stroke an outline ``width`` pixels wide: around the box and clear of the ink,
        and around the outlines of the marks nested inside (so nested outlines never coincide)."""
        inks = self.inks or [QRectF()] * len(self.rects)
        side = max(1.0, width / 2)  # the stroke beside the letters, not on their edge
        boxes = [self.box(rect).adjusted(-side, -1, side, 1) for rect in self.rects]
        up, out = self.depth * NEST_STEP, self.depth * NEST_SIDE_STEP
        return [
            border_around(box, ink, width).adjusted(-out, -up, out, up) for box, ink in zip(boxes, inks, strict=True)
        ]


def border_around(box: QRectF, ink: QRectF, width: float) -> QRectF:
    """``box`` grown up and down so that a pen ``width`` wide stroked on it keeps :data:`INK_GAP` off
    the ink (and off the rounded corners' cut, which reaches about a pixel in). Its sides stay at the
    letters' edges: beyond them are the next word's letters (a «و» joined to the name)."""
    if ink.isEmpty():
        return box
    room = width / 2 + INK_GAP + 1
    return box.united(QRectF(box.left(), ink.top() - room, box.width(), ink.height() + 2 * room))


def place(
    geometry: TextGeometry,
    marks: list[tuple[Mark, int]],
    ink: bool | Collection[str] = False,
    around: list[tuple[Mark, int]] | None = None,
) -> list[PlacedMark]:
    """Measure marks on screen; the letters' ink too for ``ink`` (all marks, or those keys): outlines need it.

    Nesting depths are reckoned among ``around`` (by default ``marks``): every mark overlapping one
    of ``marks``, where these reach beyond the text measured (a span wrapping onto a line off screen
    keeps the depth of the marks nested in it there)."""
    if not marks:
        return []
    inked = [ink is True or bool(ink and mark.key in ink) for mark, _ in marks]
    measured = geometry.pieces_of([(mark.start, mark.end, i) for (mark, _), i in zip(marks, inked, strict=True)])
    if around is None:
        depths = _depths(marks)
    else:
        of = {mark.key: depth for (mark, _), depth in zip(around, _depths(around), strict=True)}
        depths = [of[mark.key] for mark, _ in marks]
    out = []
    for (mark, level), depth, pieces, i in zip(marks, depths, measured, inked, strict=True):
        boxes = [box for box, _ in pieces]
        out.append(PlacedMark(mark, level, boxes, [drawn for _, drawn in pieces] if i else [], depth))
    return out


def _depths(marks: list[tuple[Mark, int]]) -> list[int]:
    """For each mark, how many levels deeper the marks overlapping it go (0: nothing inside it)."""
    order = sorted(range(len(marks)), key=lambda i: marks[i][0].start)
    depths = [0] * len(marks)
    for n, i in enumerate(order):
        mark, level = marks[i]
        for j in order[n + 1 :]:
            other, other_level = marks[j]
            if other.start >= mark.end:
                break
            if other_level > level:
                depths[i] = max(depths[i], other_level - level)
            elif level > other_level:
                depths[j] = max(depths[j], level - other_level)
    return depths


def paint_fills(painter: QPainter, placed: list[PlacedMark], theme: Theme, selected: str | None) -> None:
    """Each mark's boxes, in order (translucent fills of nested marks blend in the order drawn)."""
    painter.setPen(Qt.PenStyle.NoPen)
    search = QBrush(theme.search_fill)
    current = None
    for item in placed:
        mark = item.mark
        if mark.style is MarkStyle.SEARCH:
            brush = search
        elif mark.style is MarkStyle.DASHED:
            brush = fill_brush(mark.colour, theme.fill_alpha // 2)
        else:
            brush = fill_brush(mark.colour, theme.selected_alpha if mark.key == selected else theme.fill_alpha)
        if brush is not current:
            painter.setBrush(brush)
            current = brush
        for box in item.boxes():
            painter.drawRoundedRect(box, 3, 3)


@lru_cache(maxsize=1024)
def fill_brush(colour: str, alpha: int) -> QBrush:
    """A fill of ``colour`` at ``alpha``, made once (a page down fills some 30 boxes in a few colours)."""
    translucent = QColor(colour)
    translucent.setAlpha(alpha)
    return QBrush(translucent)


def paint_overlays(
    painter: QPainter,
    placed: list[PlacedMark],
    theme: Theme,
    selected: str | None,
    candidate: str | None,
) -> None:
    """Underlines for every mark, outlines for the selected and candidate ones."""
    painter.setBrush(Qt.BrushStyle.NoBrush)
    underlines: dict[tuple[str, bool], list[QLineF]] = {}  # drawn together per pen: one call each
    for item in placed:
        mark = item.mark
        if mark.style is MarkStyle.SEARCH:
            continue
        key = (mark.colour, mark.style is MarkStyle.DASHED)
        lines = underlines.get(key)
        if lines is None:
            lines = underlines[key] = []
        for box in item.boxes():
            y = box.bottom() - UNDERLINE / 2
            lines.append(QLineF(box.left() + 1, y, box.right() - 1, y))
    for (colour, dashed), lines in underlines.items():
        painter.setPen(underline_pen(colour, dashed))
        painter.drawLines(lines)
    for item in placed:
        mark = item.mark
        if mark.style is not MarkStyle.SEARCH and mark.key in (selected, candidate):
            width = SELECTED_PEN if mark.key == selected else CANDIDATE_PEN
            outline = QPen(theme.outline, width)
            if mark.key == candidate and mark.key != selected:
                outline.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(outline)
            for border in item.borders(width):
                painter.drawRoundedRect(border, 3, 3)


@lru_cache(maxsize=256)
def underline_pen(colour: str, dashed: bool) -> QPen:
    """A span's underline pen (made once per colour: a screen has some 30 underlines per paint)."""
    pen = QPen(QColor(colour), UNDERLINE)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    if dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    return pen


def tag_room(line: QRectF) -> tuple[float, float]:
    """``(ceiling, floor)``: the room for labels above the text line ``line`` (a piece's rectangle)."""
    return line.top() - line_gap(line.height()), line.top() - CLEARANCE


def place_tag(placer: LabelPlacer, line: QRectF, runs: list[tuple[str, QColor]], *, italic: bool = False) -> QRectF:
    """A label's spot: above where its text starts (the right edge: the text is right-to-left)."""
    width, height = tag_size(runs, italic=italic)
    top = line.top()
    ceiling, floor = top - line_gap(line.height()), top - CLEARANCE  # tag_room(line), asking Qt once
    return placer.place_box(line.right() - width, floor - height, width, height, ceiling, floor)


def tag_ink(colour: str, theme: Theme) -> QColor:
    """A label's text colour (a copy: callers may change theirs)."""
    return QColor(_tag_ink(colour, theme.name))


@lru_cache(maxsize=256)
def _tag_ink(colour: str, theme_name: str) -> QColor:
    return QColor(colour).darker(135) if theme_name == "light" else QColor(colour)


def span_tags(placer: LabelPlacer, placed: list[PlacedMark], theme: Theme, visible: QRectF) -> list[Tag]:
    """The label name of each span on screen; inner spans first, so theirs sit nearest the text.

    The tags of one colour share one ink (copying a colour costs about 2 µs, a tenth of a tag)."""
    tags = []
    inks: dict[str, QColor] = {}
    for item in sorted(placed, key=lambda p: (-p.level, p.mark.start, p.mark.key)):
        mark = item.mark
        if mark.style is MarkStyle.SEARCH or not item.rects or not mark.label:
            continue
        first = logical_first(item.rects)
        if not visible.intersects(first.adjusted(0, -line_gap(first.height()), 0, 0)):
            continue
        ink = inks.get(mark.colour)
        if ink is None:
            ink = inks[mark.colour] = tag_ink(mark.colour, theme)
        runs = [(mark.label, ink)]
        tags.append(Tag(place_tag(placer, first, runs), runs))
    return tags


def logical_first(rects: list[QRectF]) -> QRectF:
    """The piece where a right-to-left span starts: topmost line, rightmost box."""
    if len(rects) == 1:
        return rects[0]
    return min(rects, key=lambda r: (round(r.top()), -r.right()))


def anchor(rects: list[QRectF]) -> QPointF:
    """Where relation arcs attach to a span: the top centre of its first piece."""
    first = logical_first(rects)
    return QPointF(first.center().x(), first.top() + 2)
