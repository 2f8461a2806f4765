"""Relation arcs: labelled curved arrows above the text, from the head span to the tail span.

Arcs are drawn in the room that the view's line height leaves above each line. An end that
is off screen (spans far apart) is placed just beyond the viewport's top or bottom edge, so
the arc visibly leaves the screen in the right direction. Each painted arc remembers its
path and label box for clicks.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF

from ui.document.painter import tag_font
from ui.theme import Theme

ARROW = 7.0


@dataclass(frozen=True)
class Arc:
    key: str  # relation id
    head: str  # span ids
    tail: str
    label: str


@dataclass
class PaintedArc:
    arc: Arc
    path: QPainterPath
    label_box: QRectF

    def hit(self, point: QPointF) -> bool:
        if self.label_box.contains(point):
            return True
        stroker = QPainterPathStroker()
        stroker.setWidth(8)
        return stroker.createStroke(self.path).contains(point)


def arc_path(start: QPointF, end: QPointF, rise: float) -> QPainterPath:
    """A cubic curve leaving ``start`` upwards and coming down onto ``end``."""
    top = min(start.y(), end.y()) - rise
    # control height chosen so the curve's middle reaches ``top``: B(½) = (y0 + y3)/8 + ¾·c
    control = (top - (start.y() + end.y()) / 8) / 0.75
    path = QPainterPath(start)
    path.cubicTo(QPointF(start.x(), control), QPointF(end.x(), control), end)
    return path


def paint_arcs(
    painter: QPainter,
    arcs: list[tuple[Arc, QPointF, QPointF, int]],
    theme: Theme,
    selected: str | None,
    rise: float,
) -> list[PaintedArc]:
    """Draw ``(arc, head point, tail point, stack index)`` items; returns them for hit tests."""
    font = tag_font()
    metrics = QFontMetricsF(font)
    painter.setFont(font)
    painted: list[PaintedArc] = []
    for arc, head, tail, stack in arcs:
        chosen = arc.key == selected
        colour = QColor(theme.outline if chosen else theme.arc)
        path = arc_path(head, tail, rise * (0.75 + 0.25 * (stack % 3)))
        pen = QPen(colour, 2.2 if chosen else 1.3)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        _arrow_head(painter, path, colour)
        mid = _apex(path)
        width = metrics.horizontalAdvance(arc.label) + 6
        box = QRectF(mid.x() - width / 2, mid.y() - metrics.height() / 2, width, metrics.height())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.arc_label_bg)
        painter.drawRoundedRect(box, 3, 3)
        painter.setPen(colour)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, arc.label)
        painted.append(PaintedArc(arc, path, box))
    return painted


def _apex(path: QPainterPath) -> QPointF:
    """The highest point of the curve: where its label sits, clear of the text and the tags."""
    return min((path.pointAtPercent(t / 20) for t in range(21)), key=lambda p: p.y())


def _arrow_head(painter: QPainter, path: QPainterPath, colour: QColor) -> None:
    tip = path.pointAtPercent(1.0)
    angle = path.angleAtPercent(0.98)  # degrees, counter-clockwise, y up
    from math import cos, radians, sin

    back = []
    for delta in (150, -150):
        a = radians(angle + delta)
        back.append(QPointF(tip.x() + ARROW * cos(a), tip.y() - ARROW * sin(a)))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawPolygon(QPolygonF([tip, *back]))


def paint_pending(painter: QPainter, start: QPointF, end: QPointF, theme: Theme, rise: float) -> None:
    """The arc being drawn while the user picks a relation's target."""
    pen = QPen(theme.outline, 1.5, Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    path = arc_path(start, end, rise)
    painter.drawPath(path)
    _arrow_head(painter, path, theme.outline)
