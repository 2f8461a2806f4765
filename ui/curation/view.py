"""The document view as the curator sees it: one tag line per place, and the current disagreement outlined.

A thin subclass of :class:`~ui.document.view.DocumentView` (everything else — RTL text, glyph-run
boxes, nesting, arcs, tooltips — is the annotator's view unchanged). Where several annotators
tagged the same characters, the view's own tags would be painted on top of each other; here
they become one line, «A GPE · B GPE · C LOC», each part in its annotator's colour, placed with
the view's :class:`~ui.document.labels.LabelPlacer` (so tag lines and relation names never cover
each other, and a first line's tags stay on screen). The disagreement being decided gets an
outline drawn around the letters' ink, so it stands out among the coloured boxes.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from ui.document.labels import LabelPlacer, Tag
from ui.document.marks import Mark
from ui.document.painter import PlacedMark, border_around, logical_first, place_tag, tag_ink
from ui.document.view import DocumentView

SEPARATOR = (" · ", "#6b6b6b")
CURRENT_PEN = 2.0


class CurationView(DocumentView):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.current: tuple[int, int] | None = None  # the disagreement being decided
        self.order: dict[str, int] = {}  # span id → its annotator's place (A = 0 …, gold last)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.current is None:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.theme.outline, CURRENT_PEN, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for box, ink in self.current_borders():
            painter.drawRoundedRect(border_around(box, ink, CURRENT_PEN), 4, 4)
        painter.end()

    def current_borders(self) -> list[tuple[QRectF, QRectF]]:
        """``(box, ink)`` of the current disagreement's pieces: its outline goes around both."""
        if self.current is None:
            return []
        return [(box.adjusted(-3, -1, 3, 3), ink) for box, ink in self.text_geometry.pieces(*self.current)]

    def _make_tags(self, placer: LabelPlacer, placed: list[PlacedMark], suggested: list[PlacedMark]) -> list[Tag]:
        """One tag line per range, «A B GPE · C LOC», above where the range starts."""
        groups: dict[tuple[int, int], list[PlacedMark]] = {}
        for item in placed:
            if item.rects and item.mark.label:
                groups.setdefault((item.mark.start, item.mark.end), []).append(item)
        visible = QRectF(self.viewport().rect())
        tags = []
        # inner ranges first, so their tag lines sit nearest the text
        for items in sorted(groups.values(), key=lambda g: (-max(p.level for p in g), g[0].mark.start)):
            items.sort(key=lambda p: (self.order.get(p.mark.key, 99), p.mark.key))
            first = logical_first(items[0].rects)
            if not visible.intersects(first.adjusted(0, -first.height(), 0, 0)):
                continue
            runs: list[tuple[str, QColor]] = []
            for n, part in enumerate(tag_runs([p.mark for p in items])):
                coloured = [(text, tag_ink(colour, self.theme)) for text, colour in part]
                runs += ([(SEPARATOR[0], QColor(SEPARATOR[1]))] if n else []) + coloured
            tags.append(Tag(place_tag(placer, first, runs), runs))
        return tags


def tag_runs(marks: list[Mark]) -> list[list[tuple[str, str]]]:
    """One part per label, as coloured runs: «A B GPE» (A and B each in their colour) · «C LOC»."""
    parts: dict[str, list[tuple[str, str]]] = {}
    for mark in marks:
        who, _, label = mark.label.partition(" ")
        parts.setdefault(label, []).append((f"{who} ", mark.colour))
    return [[*runs, (label, runs[0][1])] for label, runs in parts.items()]
