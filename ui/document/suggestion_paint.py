"""Painting suggestions: dashed outlines in the label's colour, a faint fill, a small "LABEL?" tag.

Suggestions are a layer of their own (DASHED marks, nesting levels among themselves). They are
drawn so that the annotator's own spans stay readable on top of them: the faint fill goes under
the spans' fill, and the dashed outline sits outside the box and the letters' ink, so it frames
a span rather than covering its underline or a hamza. The current suggestion (the one Enter or
Backspace decides) gets a stronger fill, a thick outline in the theme's outline colour and a
filled tag. Tags are placed with the spans' tags, so nested suggestions' tags never overlap.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from ui.document.labels import LabelPlacer, Tag
from ui.document.painter import PlacedMark, logical_first, place_tag
from ui.document.text_document import line_gap
from ui.theme import Theme

OUTLINE = 1.4
CURRENT_OUTLINE = 2.4


def _ink(colour: str, theme: Theme) -> QColor:
    """The label colour made darker on a light background, so thin dashes stay visible."""
    ink = QColor(colour)
    return ink.darker(125) if theme.name == "light" else ink.lighter(115)


def paint_suggestion_fills(painter: QPainter, placed: list[PlacedMark], theme: Theme, current: str | None) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    for item in placed:
        colour = QColor(item.mark.colour)
        colour.setAlpha(theme.fill_alpha if item.mark.key == current else max(18, theme.fill_alpha // 3))
        painter.setBrush(colour)
        for box in item.boxes():
            painter.drawRoundedRect(box, 3, 3)


def paint_suggestion_outlines(painter: QPainter, placed: list[PlacedMark], theme: Theme, current: str | None) -> None:
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for item in placed:
        chosen = item.mark.key == current
        width = CURRENT_OUTLINE if chosen else OUTLINE
        pen = QPen(theme.outline if chosen else _ink(item.mark.colour, theme), width)
        pen.setStyle(Qt.PenStyle.CustomDashLine)
        pen.setDashPattern([3.0, 2.0] if chosen else [2.5, 2.5])
        painter.setPen(pen)
        for border in item.borders(width):
            painter.drawRoundedRect(border, 3, 3)


def suggestion_tags(
    placer: LabelPlacer, placed: list[PlacedMark], theme: Theme, current: str | None, visible: QRectF
) -> list[Tag]:
    """``LABEL?`` above where each suggestion starts; the current one's on a filled chip."""
    tags = []
    for item in sorted(placed, key=lambda p: (p.mark.key != current, -p.level, p.mark.start, p.mark.key)):
        if not item.rects or not item.mark.label:
            continue
        first = logical_first(item.rects)
        if not visible.intersects(first.adjusted(0, -line_gap(first.height()), 0, 0)):
            continue
        runs = [(f"{item.mark.label}?", _ink(item.mark.colour, theme))]
        chip = theme.outline if item.mark.key == current else None
        tags.append(Tag(place_tag(placer, first, runs, italic=True), runs, italic=True, chip=chip))
    return tags
