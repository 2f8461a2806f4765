"""Painting marks: fills under the text, underlines, outlines and label tags over it.

A mark at nesting level ``n`` is a box inset by ``n`` steps, with its own underline, so nested
and overlapping spans are all visible. Styles: SOLID (an annotator's span), SEARCH (a search
hit). Suggestions (DASHED) are a separate layer painted by :mod:`ui.document.suggestion_paint`.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from ui.document.geometry import TextGeometry
from ui.document.marks import Mark, MarkStyle
from ui.theme import Theme

LEVEL_STEP = 3.0  # pixels between nested boxes
UNDERLINE = 2.0
TAG_POINT_SIZE = 7.5


@dataclass
class PlacedMark:
    """A mark measured for this paint: its level and its rectangles on screen."""

    mark: Mark
    level: int
    rects: list[QRectF]

    def box(self, rect: QRectF) -> QRectF:
        inset = self.level * LEVEL_STEP
        return rect.adjusted(0, inset + 2, 0, -inset)

    def contains(self, point: QPointF) -> bool:
        return any(self.box(r).contains(point) for r in self.rects)


def place(geometry: TextGeometry, marks: list[tuple[Mark, int]]) -> list[PlacedMark]:
    return [PlacedMark(mark, level, geometry.rects(mark.start, mark.end)) for mark, level in marks]


def paint_fills(painter: QPainter, placed: list[PlacedMark], theme: Theme, selected: str | None) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    for item in placed:
        mark = item.mark
        if mark.style is MarkStyle.SEARCH:
            colour = QColor(theme.search_fill)
        else:
            colour = QColor(mark.colour)
            if mark.style is MarkStyle.DASHED:
                colour.setAlpha(theme.fill_alpha // 2)
            else:
                colour.setAlpha(theme.selected_alpha if mark.key == selected else theme.fill_alpha)
        painter.setBrush(colour)
        for rect in item.rects:
            painter.drawRoundedRect(item.box(rect), 3, 3)


def paint_overlays(
    painter: QPainter,
    placed: list[PlacedMark],
    theme: Theme,
    selected: str | None,
    candidate: str | None,
) -> None:
    """Underlines for every mark, outlines for the selected and candidate ones."""
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for item in placed:
        mark = item.mark
        if mark.style is MarkStyle.SEARCH:
            continue
        pen = QPen(QColor(mark.colour), UNDERLINE)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        if mark.style is MarkStyle.DASHED:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        for rect in item.rects:
            box = item.box(rect)
            y = box.bottom() - UNDERLINE / 2
            painter.drawLine(QPointF(box.left() + 1, y), QPointF(box.right() - 1, y))
        if mark.key in (selected, candidate):
            outline = QPen(theme.outline, 2.0 if mark.key == selected else 1.5)
            if mark.key == candidate and mark.key != selected:
                outline.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(outline)
            for rect in item.rects:
                painter.drawRoundedRect(item.box(rect).adjusted(-1, -1, 1, 1), 3, 3)


def tag_font() -> QFont:
    font = QFont()
    font.setPointSizeF(TAG_POINT_SIZE)
    font.setBold(True)
    return font


def paint_tags(painter: QPainter, placed: list[PlacedMark], theme: Theme) -> None:
    """The label name in small type above where each span starts (its right edge: text is RTL)."""
    font = tag_font()
    metrics = QFontMetricsF(font)
    painter.setFont(font)
    for item in placed:
        if item.mark.style is MarkStyle.SEARCH or not item.rects or not item.mark.label:
            continue
        first = item.box(logical_first(item.rects))
        width = metrics.horizontalAdvance(item.mark.label) + 4
        tag = QRectF(first.right() - width, first.top() - metrics.height() - item.level * 1.0, width, metrics.height())
        painter.setPen(QColor(item.mark.colour).darker(135) if theme.name == "light" else QColor(item.mark.colour))
        painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, item.mark.label)


def logical_first(rects: list[QRectF]) -> QRectF:
    """The piece where a right-to-left span starts: topmost line, rightmost box."""
    return min(rects, key=lambda r: (round(r.top()), -r.right()))


def anchor(rects: list[QRectF]) -> QPointF:
    """Where relation arcs attach to a span: the top centre of its first piece."""
    first = logical_first(rects)
    return QPointF(first.center().x(), first.top() + 2)
