"""The document view: the article read-only and right-to-left, with spans and arcs painted on it.

The text itself is never reformatted; marks are painted from glyph runs of the visible blocks
only (fills under the text, underlines, tags and arcs over it), so Arabic shaping and lam-alef
ligatures stay intact and a 20,000-span article paints as fast as a short one.
The view holds what it paints (a cache of the current document's marks, fed by the window
from the store's changes), never the data itself. Keys go to ``key_handler`` (the controller).
Suggestions are a second layer (``suggestions``, dashed, see ``suggestion_paint``): painted
under and around the spans, never over their fill, and clickable where no span is.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QTextCursor
from PySide6.QtWidgets import QTextEdit, QToolTip, QWidget
from shiboken6 import Shiboken

from annotator.store.view_queries import SpanColumns
from ui.document.arcs import Arc, ArcRouter, End, PaintedArc, paint_arcs, paint_pending
from ui.document.bands import PAD, arcs_touch, change_band, merge_placed, merge_tags, tags_outside_differ
from ui.document.drag import MouseDrag
from ui.document.geometry import TextGeometry
from ui.document.labels import LabelPlacer, Tag, paint_tag_boxes, tag_height
from ui.document.marks import Mark, MarkIndex, MarkStyle
from ui.document.painter import PlacedMark, anchor, logical_first, paint_fills, paint_overlays, place, span_tags
from ui.document.suggestion_paint import paint_suggestion_fills, paint_suggestion_outlines, suggestion_tags
from ui.document.text_document import LINE_HEIGHT_PERCENT, build_document, line_gap, reserve_first_line_room
from ui.fonts import document_font
from ui.offsets import OffsetMap
from ui.theme import LIGHT, Theme

ARC_MARGIN = 400.0  # measure spans this far beyond the viewport, so arcs to them are exact


def _reach(head: End, tail: End) -> tuple[float, float]:
    """How far an arc travels: lines apart, then distance along the line."""
    return abs(head.point.y() - tail.point.y()), abs(head.point.x() - tail.point.x())


def _levelled(index: MarkIndex, start: int, end: int) -> tuple[list[tuple[Mark, int]], list[tuple[Mark, int]] | None]:
    """The marks of ``index`` touching ``[start, end)`` with their levels, and, when some reach beyond
    it, every mark overlapping those (:func:`~ui.document.painter.place` reckons nesting depths
    among them: outlines go around the marks nested inside, wherever these are)."""
    marks = index.with_levels(start, end) if index else []
    lo = min((mark.start for mark, _ in marks), default=start)
    hi = max((mark.end for mark, _ in marks), default=end)
    return marks, (index.with_levels(lo, hi) if lo < start or hi > end else None)


class DocumentView(QTextEdit):
    spanClicked = Signal(object)  # span id, or None for a click on plain text
    suggestionClicked = Signal(str)  # suggestion id
    relationClicked = Signal(str)
    relationDragged = Signal(str, str)  # head span id, tail span id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setCursorWidth(2)
        self.setFont(document_font())
        self.setMouseTracking(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # lines wrap: never scroll sideways
        self.text_geometry = TextGeometry(self)
        self.text = ""  # what is shown (the stored text), for tooltips
        self.offsets = OffsetMap("")
        self.spans = MarkIndex()
        self.search_hits = MarkIndex()
        self.suggestions = MarkIndex()  # pending suggestions (DASHED marks)
        self.suggestion_tips: dict[str, str] = {}  # suggestion id → "sources · score" for tooltips
        self.current_suggestion: str | None = None
        self.arcs: dict[str, Arc] = {}
        self.selected_span: str | None = None
        self.selected_relation: str | None = None
        self.candidate_span: str | None = None  # target being chosen for a relation
        self.pending_head: str | None = None  # relation being drawn from this span
        self.theme: Theme = LIGHT
        self.show_tags = True
        self.key_handler: Callable[[QKeyEvent], bool] | None = None
        self.label_key_handler: Callable[[QKeyEvent], bool] | None = None  # for keys typed elsewhere (find box)
        self.selection_exact = False  # Alt was held for the last mouse selection
        self._placed: dict[str, PlacedMark] = {}
        self._placed_suggestions: dict[str, PlacedMark] = {}
        self._painted_arcs: list[PaintedArc] = []
        self._painted_tags: list[Tag] = []
        self._painted_at: tuple[int, int] | None = None  # the scroll position of the last paint
        self.drag = MouseDrag(self)  # the mouse gesture under way (ui.document.drag)

    # -- content -----------------------------------------------------------------------------

    def set_text(self, text: str) -> None:
        """Show ``text`` right-to-left; the paragraph direction is fixed before the text goes in.

        The document is built detached and then attached: filling a document that a shown
        view lays out costs seconds for a 1 MB article, a detached one milliseconds.
        """
        self.text = text
        self.offsets = OffsetMap(text)
        self.text_geometry.set_offsets(self.offsets)
        document = build_document(self, text, self.font(), self.offsets)
        old = self.document()
        self.setDocument(document)
        if old is not None and Shiboken.isValid(old) and old.parent() is self:
            old.deleteLater()
        self.setTextCursor(QTextCursor(document))
        self.spans.clear()
        self.search_hits.clear()
        self.suggestions.clear()
        self.suggestion_tips.clear()
        self.arcs.clear()
        self.selected_span = self.selected_relation = self.candidate_span = self.pending_head = None
        self.current_suggestion = None
        self.viewport().update()

    def show_selection(self, span_id: str | None, relation_id: str | None) -> None:
        """Follow the session's selection (``ui.selection.SelectionSignal``): one set, one repaint."""
        if (self.selected_span, self.selected_relation) == (span_id, relation_id):
            return
        before, self.selected_span = self.selected_span, span_id
        if self.selected_relation != relation_id:  # an arc's colour: arcs are painted whole
            self.selected_relation = relation_id
            self.viewport().update()
            return
        for mark in (self.spans.get(key) for key in (before, span_id) if key):
            if mark is not None:
                self.update_range(mark.start, mark.end)

    def set_point_size(self, size: int) -> None:
        self.setFont(document_font(size))
        reserve_first_line_room(self.document(), self.font())

    def set_spans(self, marks: list[Mark]) -> None:
        self.spans = MarkIndex(marks)
        self.viewport().update()

    def set_span_columns(self, columns: SpanColumns, colours: dict[str, str]) -> None:
        """The annotator's spans straight from the store's columns (taken, not copied): marks are
        made only for what is painted."""
        self.spans = MarkIndex.from_columns(columns, colours, MarkStyle.SOLID)
        self.viewport().update()

    def set_suggestions(self, marks: list[Mark], tips: dict[str, str]) -> None:
        self.suggestions = MarkIndex(marks)
        self.suggestion_tips = tips
        if self.current_suggestion not in self.suggestions:
            self.current_suggestion = None
        self.viewport().update()

    def set_arcs(self, arcs: list[Arc]) -> None:
        self.arcs = {arc.key: arc for arc in arcs}
        self.viewport().update()

    # -- selection in code points ---------------------------------------------------------------

    def selection_range(self) -> tuple[int, int] | None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self.offsets.range_from_utf16(cursor.selectionStart(), cursor.selectionEnd())

    def caret_offset(self) -> int:
        return self.offsets.from_utf16(min(self.textCursor().position(), self.offsets.length16))

    def select_range(self, start: int, end: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_utf16(start))
        cursor.setPosition(self.offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def clear_text_selection(self) -> None:
        cursor = self.textCursor()
        if cursor.hasSelection():
            cursor.clearSelection()
            self.setTextCursor(cursor)

    def scroll_to(self, start: int, end: int | None = None) -> None:
        """Bring ``[start, end)`` on screen without selecting text."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_utf16(end if end is not None else start))
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        cursor.setPosition(self.offsets.to_utf16(start))
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def spans_at(self, point: QPointF) -> list[str]:
        """Span ids under ``point``, innermost first (measured on screen, not by character).

        Only the spans measured for the last paint are tested: what is under the mouse is on
        screen, and asking Qt for the character under a point walks the whole document.
        """
        if not self._placed:
            start, end = self.text_geometry.visible_range()
            self._placed = {p.mark.key: p for p in place(self.text_geometry, self.spans.with_levels(start, end))}
        hits = [p.mark for p in self._placed.values() if any(r.contains(point) for r in p.rects)]
        return [m.key for m in sorted(hits, key=lambda m: (m.end - m.start, m.start, m.key))]

    def suggestions_at(self, point: QPointF) -> list[str]:
        """Suggestion ids under ``point``, innermost first (those measured for the last paint)."""
        hits = [p.mark for p in self._placed_suggestions.values() if any(r.contains(point) for r in p.rects)]
        return [m.key for m in sorted(hits, key=lambda m: (m.end - m.start, m.start, m.key))]

    def suggestion_rects(self, key: str) -> list:
        mark = self.suggestions.get(key)
        return [] if mark is None else self.text_geometry.rects(mark.start, mark.end)

    def span_rects(self, key: str) -> list:
        mark = self.spans.get(key)
        return [] if mark is None else self.text_geometry.rects(mark.start, mark.end)

    def span_on_screen(self, key: str) -> bool:
        viewport = QRectF(self.viewport().rect())
        return any(viewport.intersects(r) for r in self.span_rects(key))

    def arc_label_box(self, relation_id: str):
        """Where the relation's label was last painted (for clicks and tests), or None."""
        return next((p.label_box for p in self._painted_arcs if p.arc.key == relation_id), None)

    def painted_arc(self, relation_id: str) -> PaintedArc | None:
        """The relation's arc as last painted (its path and label box), or None."""
        return next((p for p in self._painted_arcs if p.arc.key == relation_id), None)

    def painted_arcs(self) -> list[PaintedArc]:
        return list(self._painted_arcs)

    def painted_tags(self) -> list[Tag]:
        """The label tags of the last paint (spans' and suggestions'), where they were drawn."""
        return list(self._painted_tags)

    def painted_mark(self, key: str) -> PlacedMark | None:
        """A span or suggestion as measured for the last paint (its boxes and the letters' ink)."""
        return self._placed.get(key) or self._placed_suggestions.get(key)

    # -- painting ----------------------------------------------------------------------------

    def update_range(self, start: int, end: int) -> None:
        """Repaint where ``[start, end)`` is on screen (its lines and their tags' room), not the whole
        view: what a tag, an undo or a selection changes (``ui/document/bands.py``)."""
        if self._arcs_touch(start, end):
            self.viewport().update()
            return
        band = change_band(self.text_geometry.rects(start, end), self.viewport().rect())
        if band is not None:
            self.viewport().update(band)

    def _arcs_touch(self, start: int, end: int) -> bool:
        return arcs_touch(self.arcs.values(), self.spans, start, end)

    def paintEvent(self, event) -> None:
        region, viewport = event.rect(), self.viewport().rect()
        reach = self.fontMetrics().height() * LINE_HEIGHT_PERCENT / 100 * 2  # two lines around the band
        scroll = (self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        # a band only when nothing moved since the last paint (a scroll blits the old pixels and
        # asks for the strip it exposed: then what was painted where must be measured again)
        whole = region.contains(viewport) or scroll != self._painted_at
        self._painted_at = scroll
        if not whole:
            start, end = self.text_geometry.range_between(region.top() - reach, region.bottom() + reach)
            whole = self._arcs_touch(start, end)
        if whole:
            start, end = self._whole_range()
        outlined = {k for k in (self.selected_span, self.candidate_span) if k}
        spans, around = _levelled(self.spans, start, end)
        placed = place(self.text_geometry, spans, ink=outlined, around=around)
        hits = place(self.text_geometry, [(m, 0) for m in self.search_hits.overlapping(start, end)])
        suggested, around = _levelled(self.suggestions, start, end)
        suggested = place(self.text_geometry, suggested, ink=True, around=around)
        self._placed = merge_placed(self._placed, placed, self.spans, whole)
        self._placed_suggestions = merge_placed(self._placed_suggestions, suggested, self.suggestions, whole)
        # Fills are drawn aliased: an antialiased translucent rounded box cost about 0.1 ms on the
        # window's backing store (a third of a page-down repaint), an aliased one 0.02 ms, and under
        # the letters its 3-pixel corners look the same. Outlines and tags below stay antialiased.
        painter = QPainter(self.viewport())
        paint_fills(painter, hits, self.theme, None)
        paint_suggestion_fills(painter, suggested, self.theme, self.current_suggestion)  # under the spans
        paint_fills(painter, placed, self.theme, self.selected_span)
        painter.end()
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_overlays(painter, placed, self.theme, self.selected_span, self.candidate_span)
        paint_suggestion_outlines(painter, suggested, self.theme, self.current_suggestion)
        placer = LabelPlacer(0.0, float(viewport.width()))  # tags first: arcs go where tags are not
        tags = self._make_tags(placer, placed, suggested) if self.show_tags else []
        if whole:
            self._painted_tags = tags
            visible_arcs = self._visible_arcs(start, end)
            if visible_arcs:
                router = ArcRouter(placer, self.text_geometry.text_column())
                self._painted_arcs = [router.route(*ends) for ends in visible_arcs]
                paint_arcs(painter, self._painted_arcs, self.theme, self.selected_relation)
            else:
                self._painted_arcs = []
        else:
            band = QRectF(region)
            area = QRectF(0, region.top() - reach, viewport.width(), region.height() + 2 * reach)
            if tags_outside_differ(tags, self._painted_tags, band, area):
                # a crowded line pushed a tag beyond the band: paint it all, once this paint is done
                # (an update asked for while painting is merged into the paint under way, and lost)
                QTimer.singleShot(0, self.viewport().update)
            self._painted_tags = merge_tags(self._painted_tags, tags, band)
        paint_tag_boxes(painter, tags, self.theme)  # last: a label name is never hidden by an arc
        head = self.drag.from_span or self.pending_head
        if whole and head and head in self._placed and self._placed[head].rects:
            target = self.drag.mouse
            if self.candidate_span in self._placed and self._placed[self.candidate_span].rects:
                target = anchor(self._placed[self.candidate_span].rects)
            paint_pending(painter, anchor(self._placed[head].rects), target, self.theme, self._arc_rise())
        painter.end()

    def _whole_range(self) -> tuple[int, int]:
        """The text whose marks a whole paint draws: the lines on screen, the lines below whose tags
        stand in the room above them (a row more for a tag pushed up out of a crowded room), and the
        lines just above whose outlines may reach in (:data:`~ui.document.bands.PAD`). Not whole
        paragraphs: measuring marks on a paragraph's lines beyond the screen made Qt shape lines
        nobody sees (a page down paid for two or three).

        Spans beyond the screen are measured only for arcs reaching them, and the relation being
        drawn: then whole blocks as far as :data:`ARC_MARGIN`."""
        if self.arcs or self.drag.from_span or self.pending_head:
            return self.text_geometry.visible_range(ARC_MARGIN if self.arcs else 0.0)
        return self.text_geometry.lines_between(*self._marks_band())

    def _marks_band(self) -> tuple[float, float]:
        """Viewport heights where lines have marks or tags on screen: from :data:`~ui.document.bands.PAD`
        above the top to a line's room for tags (and a tag pushed up out of it) below the bottom."""
        room = line_gap(self.fontMetrics().height() + 1) + tag_height() + PAD
        return -PAD, self.viewport().height() + room

    def _make_tags(self, placer: LabelPlacer, placed: list[PlacedMark], suggested: list[PlacedMark]) -> list[Tag]:
        """Tags of the spans, then of the suggestions (the curator's view groups them instead)."""
        visible = QRectF(self.viewport().rect())
        tags = span_tags(placer, placed, self.theme, visible)
        return tags + suggestion_tags(placer, suggested, self.theme, self.current_suggestion, visible)

    def _arc_rise(self) -> float:
        return self.fontMetrics().height() * (LINE_HEIGHT_PERCENT - 100) / 100 * 0.9

    def _end_for(self, key: str, start: int, end: int) -> End | None:
        """Where an arc meets span ``key``: on its first piece, or beyond the viewport's edge."""
        placed = self._placed.get(key)
        if placed and placed.rects:
            return End(anchor(placed.rects), logical_first(placed.rects))
        mark = self.spans.get(key)
        if mark is None:
            return None
        x = self.viewport().width() / 2
        if mark.end <= start:
            return End(QPointF(x, -40.0))
        if mark.start >= end:
            return End(QPointF(x, self.viewport().height() + 40.0))
        return None

    def _visible_arcs(self, start: int, end: int) -> list[tuple[Arc, End, End]]:
        out = []
        for arc in self.arcs.values():
            head, tail = self.spans.get(arc.head), self.spans.get(arc.tail)
            if head is None or tail is None:
                continue
            lo, hi = min(head.start, tail.start), max(head.end, tail.end)
            if hi <= start or lo >= end:
                continue
            h, t = self._end_for(arc.head, start, end), self._end_for(arc.tail, start, end)
            if h is None or t is None or (h.point.y() < 0 and t.point.y() < 0):
                continue
            out.append((arc, h, t))
        # shortest first: they take the rows nearest the text, and longer arcs pass above them
        return sorted(out, key=lambda item: _reach(item[1], item[2]))

    # -- mouse -------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.selection_exact = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if self.drag.press_on_selected_span(event):
            return
        press_end = self.drag.before_press(event)
        super().mousePressEvent(event)
        self.drag.after_press(event, press_end)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.drag.double_clicked(event)
        super().mouseDoubleClickEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self.drag.mouse = event.position()
        if self.drag.from_span or self.pending_head:
            if self.drag.from_span:
                self.drag.move_relation(self.drag.mouse)
            self.viewport().update()
            if self.drag.from_span:
                return
        super().mouseMoveEvent(event)
        if event.buttons() & Qt.MouseButton.LeftButton:
            self.drag.select(self.drag.mouse)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        point = event.position()
        if self.drag.from_span:
            self.drag.release_relation(point)
            return
        self.selection_exact = self.selection_exact or bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        super().mouseReleaseEvent(event)
        self.drag.release(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        for painted in reversed(self._painted_arcs):
            if painted.hit(point):
                self.relationClicked.emit(painted.arc.key)
                return
        self.emit_click(point)

    def emit_click(self, point: QPointF) -> None:
        """A click selects the span (or, after the spans, the suggestion) under the point."""
        chosen = self._cycle(self.spans_at(point) + self.suggestions_at(point))
        if chosen is not None and chosen in self.suggestions:
            self.suggestionClicked.emit(chosen)
        else:
            self.spanClicked.emit(chosen)

    def _cycle(self, keys: list[str]) -> str | None:
        """Repeated clicks on stacked spans walk from the innermost outwards."""
        if not keys:
            return None
        current = self.selected_span or self.current_suggestion
        if current in keys:
            return keys[(keys.index(current) + 1) % len(keys)]
        return keys[0]

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            point = QPointF(event.pos())
            marks = [self.spans.get(k) for k in self.spans_at(point)]
            tips = [f"{m.label}: {self.text[m.start : m.end]}" for m in marks if m is not None]
            for key in self.suggestions_at(point):
                m = self.suggestions.get(key)
                if m is not None:
                    tips.append(f"{m.label}? {self.text[m.start : m.end]} — {self.suggestion_tips.get(key, '')}")
            if tips:
                QToolTip.showText(event.globalPos(), "\n".join(tips), self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    # -- keys --------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.key_handler is not None and self.key_handler(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        return False  # Tab walks through spans (the controller), not out of the view
