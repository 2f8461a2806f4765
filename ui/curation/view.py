"""The document view as the curator sees it: one tag line per place, and the current disagreement outlined.

A thin subclass of :class:`~ui.document.view.DocumentView` (everything else — RTL text, glyph-run
boxes, nesting, arcs, tooltips — is the annotator's view unchanged). Where several annotators
tagged the same characters, the view's own tags would be painted on top of each other; here
they become one line, «A GPE · B GPE · C LOC», each part in its annotator's colour. The
disagreement being decided gets an outline, so it stands out among the coloured boxes.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from ui.document.marks import Mark
from ui.document.painter import PlacedMark, logical_first, place, tag_font
from ui.document.view import DocumentView


class CurationView(DocumentView):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.show_tags = False  # painted here, grouped
        self.current: tuple[int, int] | None = None  # the disagreement being decided
        self.order: dict[str, int] = {}  # span id → its annotator's place (A = 0 …, gold last)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        start, end = self.text_geometry.visible_range()
        placed = place(self.text_geometry, self.spans.with_levels(start, end))
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.current is not None:
            pen = QPen(self.theme.outline, 2.0, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for rect in self.text_geometry.rects(*self.current):
                painter.drawRoundedRect(rect.adjusted(-3, -1, 3, 3), 4, 4)
        self._paint_grouped_tags(painter, placed)
        painter.end()

    def _paint_grouped_tags(self, painter: QPainter, placed: list[PlacedMark]) -> None:
        groups: dict[tuple[int, int], list[PlacedMark]] = {}
        for item in placed:
            if item.rects and item.mark.label:
                groups.setdefault((item.mark.start, item.mark.end), []).append(item)
        font = tag_font()
        metrics = QFontMetricsF(font)
        painter.setFont(font)
        light = self.theme.name == "light"
        separator = (" · ", "#6b6b6b")
        taken: list[QRectF] = []  # tag lines already drawn: a wide one must not cover its neighbour's
        for items in sorted(groups.values(), key=lambda g: (g[0].mark.start, -g[0].mark.end)):
            items.sort(key=lambda p: (self.order.get(p.mark.key, 99), p.mark.key))
            outer = min(items, key=lambda p: p.level)
            first = outer.box(logical_first(outer.rects))
            runs: list[tuple[str, str]] = []
            for n, part in enumerate(tag_runs([p.mark for p in items])):
                runs += ([separator] if n else []) + part
            width = sum(metrics.horizontalAdvance(text) for text, _ in runs)
            x = first.right() - width  # the tag line ends above where the span starts (its right edge)
            x = max(2.0, min(x, self.viewport().width() - width - 2))  # never cut off at the edges
            y = first.top() - metrics.height() - outer.level * 1.0
            box = QRectF(x, y, width, metrics.height())
            while any(box.intersects(other) for other in taken):
                box.translate(0, -metrics.height())
            taken.append(box)
            y = box.top()
            for text, colour in runs:  # Latin tags: drawn and read left to right
                w = metrics.horizontalAdvance(text)
                tint = QColor(colour)
                painter.setPen(tint.darker(135) if light and colour != separator[1] else tint)
                painter.drawText(QRectF(x, y, w + 1, metrics.height()), Qt.AlignmentFlag.AlignCenter, text)
                x += w


def tag_runs(marks: list[Mark]) -> list[list[tuple[str, str]]]:
    """One part per label, as coloured runs: «A B GPE» (A and B each in their colour) · «C LOC»."""
    parts: dict[str, list[tuple[str, str]]] = {}
    for mark in marks:
        who, _, label = mark.label.partition(" ")
        parts.setdefault(label, []).append((f"{who} ", mark.colour))
    return [[*runs, (label, runs[0][1])] for label, runs in parts.items()]
