"""Painting suggestions: dashed outlines in the label's colour, a faint fill, a small "LABEL?" tag.

Suggestions are a layer of their own (DASHED marks, nesting levels among themselves). They are
drawn so that the annotator's own spans stay readable on top of them: the faint fill goes under
the spans' fill, and the dashed outline sits one pixel *outside* the box, so it frames a span
rather than covering its underline. The current suggestion (the one Enter or Backspace decides)
gets a stronger fill, a thick outline in the theme's outline colour and a filled tag.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from ui.document.painter import PlacedMark, logical_first, tag_font
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
        for rect in item.rects:
            painter.drawRoundedRect(item.box(rect), 3, 3)


def paint_suggestion_outlines(painter: QPainter, placed: list[PlacedMark], theme: Theme, current: str | None) -> None:
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for item in placed:
        chosen = item.mark.key == current
        pen = QPen(theme.outline if chosen else _ink(item.mark.colour, theme), CURRENT_OUTLINE if chosen else OUTLINE)
        pen.setStyle(Qt.PenStyle.CustomDashLine)
        pen.setDashPattern([3.0, 2.0] if chosen else [2.5, 2.5])
        painter.setPen(pen)
        for rect in item.rects:
            painter.drawRoundedRect(item.box(rect).adjusted(-1, -1, 1, 1), 3, 3)


def paint_suggestion_tags(painter: QPainter, placed: list[PlacedMark], theme: Theme, current: str | None) -> None:
    """``LABEL?`` above where a suggestion starts; the current one's on a filled chip."""
    font = QFont(tag_font())
    font.setItalic(True)
    metrics = QFontMetricsF(font)
    painter.setFont(font)
    for item in placed:
        if not item.rects or not item.mark.label:
            continue
        text = f"{item.mark.label}?"
        first = item.box(logical_first(item.rects))
        width = metrics.horizontalAdvance(text) + 6
        # on the left of the box's top edge, where a span's tag (drawn at the right) is not
        tag = QRectF(first.left(), first.top() - metrics.height() - item.level * 1.0, width, metrics.height())
        if item.mark.key == current:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.outline)
            painter.drawRoundedRect(tag, 3, 3)
            painter.setPen(theme.base)
        else:
            painter.setPen(_ink(item.mark.colour, theme))
        painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, text)
