"""Relation arcs: labelled arrows from the head span to the tail span, routed where there is no text.

An arc leaves the head span upwards into the room above its line (the extra line height), runs
along a free row of that room and comes down onto the tail span. Between spans on different
lines it cannot cross the lines in between, so it runs down (or up) the page margin beside the
text column and enters the other line's room from the side. The relation's name sits on the
arc's horizontal run, placed with the tags (:class:`~ui.document.labels.LabelPlacer`), so no
name hides a tag or another name. An end that is off screen is beyond the viewport's top or
bottom edge: the arc leaves the screen along the margin in the right direction. Each painted
arc remembers its path and label box for clicks.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import cos, radians, sin

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF

from ui.document.labels import LabelPlacer, isolated, tag_font, tag_metrics, text_width
from ui.document.painter import tag_room
from ui.theme import Theme

ARROW = 7.0
CORNER = 5.0  # radius of an arc's rounded corners
CHANNEL = 10.0  # from the text column to the first arc in the margin (clear of outlines); the next 5 px further
CHANNEL_STEP = 5.0
FOOT_GAP = 6.0  # between two arcs' ends on one span


@dataclass(frozen=True)
class Arc:
    key: str  # relation id
    head: str  # span ids
    tail: str
    label: str


@dataclass(frozen=True)
class End:
    """Where an arc meets a span: the top of its first piece, and that text line (None: off screen)."""

    point: QPointF
    line: QRectF | None = None


@dataclass
class PaintedArc:
    arc: Arc
    path: QPainterPath
    label_box: QRectF
    arrow: bool = True  # the tail end is on screen

    def hit(self, point: QPointF) -> bool:
        if self.label_box.contains(point):
            return True
        stroker = QPainterPathStroker()
        stroker.setWidth(8)
        return stroker.createStroke(self.path).contains(point)


def arc_path(start: QPointF, end: QPointF, rise: float) -> QPainterPath:
    """A cubic curve leaving ``start`` upwards and coming down onto ``end`` (the arc being drawn)."""
    top = min(start.y(), end.y()) - rise
    # control height chosen so the curve's middle reaches ``top``: B(½) = (y0 + y3)/8 + ¾·c
    control = (top - (start.y() + end.y()) / 8) / 0.75
    path = QPainterPath(start)
    path.cubicTo(QPointF(start.x(), control), QPointF(end.x(), control), end)
    return path


class ArcRouter:
    """Routes the arcs of one paint through the free room, sharing ``placer`` with the tags."""

    def __init__(self, placer: LabelPlacer, column: tuple[float, float]) -> None:
        self.placer = placer
        self.column = column  # the text's left and right edge: the margins beyond are free
        self.metrics = tag_metrics()
        self._channels = {"left": 0, "right": 0}
        self._tags = list(placer.taken)  # placed before the arcs
        self._feet: list[tuple[float, float]] = []  # where arcs met spans so far

    def route(self, arc: Arc, head: End, tail: End) -> PaintedArc:
        width = text_width(arc.label) + 8
        head, tail = self._foot(head), self._foot(tail)
        if head.line is not None and tail.line is not None and abs(head.line.top() - tail.line.top()) < 1:
            y, box = self._run(head, head.point.x(), tail.point.x(), width)
            points = [head.point, QPointF(head.point.x(), y), QPointF(tail.point.x(), y), tail.point]
            return PaintedArc(arc, rounded(points), box)
        channel = self._channel([e.point.x() for e in (head, tail) if e.line is not None])
        labelled = head if head.line is not None else tail
        box = QRectF()
        points: list[QPointF] = []
        for end in (head, tail):
            if end.line is None:  # off screen: leave along the margin
                points.append(QPointF(channel, end.point.y()))
                continue
            y, placed = self._run(end, end.point.x(), channel, width if end is labelled else 0.0)
            box = placed if end is labelled else box
            leg = [end.point, QPointF(end.point.x(), y), QPointF(channel, y)]
            points += leg if end is head else leg[::-1]
        return PaintedArc(arc, rounded(points), box, arrow=tail.line is not None)

    def _foot(self, end: End) -> End:
        """Where the arc meets its span: along the span's top, where no tag stands over it (the arrow
        stays visible) and no other arc's end already is (several arcs on one span stay apart)."""
        if end.line is None:
            return end
        ceiling, floor = tag_room(end.line)
        above = [t for t in self._tags if t.top() < floor and t.bottom() > ceiling]
        lo, hi = end.line.left() + 3, end.line.right() - 3
        taken = [x for x, y in self._feet if abs(y - end.point.y()) < 1]

        def apart(at: float) -> bool:
            return lo <= at <= hi and not any(abs(at - x) < FOOT_GAP for x in taken)

        def free(at: float) -> bool:
            return apart(at) and not any(t.left() - 2 <= at <= t.right() + 2 for t in above)

        x = end.point.x()
        edges = sorted((at for t in above for at in (t.left() - 3, t.right() + 3)), key=lambda at: abs(at - x))
        spots = [at + d for at in (x, *edges) for d in (0, -FOOT_GAP, FOOT_GAP, -2 * FOOT_GAP, 2 * FOOT_GAP)]
        best = next((at for at in spots if free(at)), None)  # a span narrower than its tag: at least apart
        best = best if best is not None else next((at for at in spots if apart(at)), x)
        self._feet.append((best, end.point.y()))
        return End(QPointF(best, end.point.y()), end.line)

    def _channel(self, xs: list[float]) -> float:
        """A vertical lane in the margin nearer to the arc's ends; each arc gets its own lane."""
        left, right = self.column
        side = "left" if xs and sum(xs) / len(xs) < (left + right) / 2 else "right"
        lane = self._channels[side]
        self._channels[side] += 1
        step = CHANNEL + CHANNEL_STEP * lane
        return max(left - step, 1.0) if side == "left" else min(right + step, self.placer.right - 1)

    def _run(self, end: End, x1: float, x2: float, width: float) -> tuple[float, QRectF]:
        """The height of a horizontal run from ``x1`` to ``x2`` above ``end``'s line, and its label box.

        The lowest row of the room where the whole stretch and the label (centred on it) are free
        (tags and other arcs' runs are reserved), so runs never share a row and, routed shortest
        first, an arc passes above the arcs it spans; when every row is taken, the label alone is
        placed and the run goes through it.
        """
        assert end.line is not None
        height = self.metrics.height()
        ceiling, floor = tag_room(end.line)
        lo, hi = min(x1, x2), max(x1, x2)
        left = min(max((lo + hi - width) / 2, self.placer.left), self.placer.right - width)
        y = floor - height
        while y >= ceiling - 0.01:
            stretch = QRectF(lo - 2, y, hi - lo + 4, height)
            box = QRectF(left, y, width, height) if width else QRectF()
            if self.placer.free(stretch) and (box.isEmpty() or self.placer.free(box)):
                for taken in (box, stretch) if width else (stretch,):
                    self.placer.reserve(taken)
                return y + height / 2, box
            y -= height
        if not width:
            return ceiling + height / 2, QRectF()
        want = QRectF(left, ceiling, width, height)
        box = self.placer.place(want, ceiling, floor, (lo, hi - width) if hi - lo >= width else None)
        return box.center().y(), box


def rounded(points: list[QPointF], radius: float = CORNER) -> QPainterPath:
    """A polyline through ``points`` with rounded corners (repeated points are dropped)."""
    clean = [p for i, p in enumerate(points) if i == 0 or (p - points[i - 1]).manhattanLength() > 0.01]
    path = QPainterPath(clean[0])
    for before, corner, after in zip(clean, clean[1:], clean[2:], strict=False):
        a, b = _toward(corner, before, radius), _toward(corner, after, radius)
        path.lineTo(a)
        path.quadTo(corner, b)
    if len(clean) > 1:
        path.lineTo(clean[-1])
    return path


def _toward(corner: QPointF, other: QPointF, radius: float) -> QPointF:
    """The point ``radius`` from ``corner`` toward ``other`` (at most half way)."""
    delta = other - corner
    length = (delta.x() ** 2 + delta.y() ** 2) ** 0.5
    if length == 0:
        return corner
    step = min(radius, length / 2) / length
    return corner + delta * step


def paint_arcs(painter: QPainter, painted: list[PaintedArc], theme: Theme, selected: str | None) -> None:
    """Draw routed arcs: the line, the arrow head on the tail, the name on its run."""
    painter.setFont(tag_font())
    for item in painted:
        chosen = item.arc.key == selected
        colour = QColor(theme.outline if chosen else theme.arc)
        painter.setPen(QPen(colour, 2.2 if chosen else 1.3))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(item.path)
        if item.arrow:
            _arrow_head(painter, item.path, colour)
        if item.label_box.isEmpty():
            continue
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.arc_label_bg)
        painter.drawRoundedRect(item.label_box, 3, 3)
        painter.setPen(colour)
        painter.drawText(item.label_box, Qt.AlignmentFlag.AlignCenter, isolated(item.arc.label))


def _arrow_head(painter: QPainter, path: QPainterPath, colour: QColor) -> None:
    tip = path.pointAtPercent(1.0)
    angle = path.angleAtPercent(path.percentAtLength(max(path.length() - 1, 0)))  # degrees, counter-clockwise, y up
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
