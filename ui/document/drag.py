"""Mouse drags on the document view: a text selection, or a relation drawn from the selected span.

Kept apart from the view (which paints and holds the marks) because a drag's rules are their own:
the selection a drag makes holds the characters under the press and under the release, however
narrow (:func:`annotator.snapping.drag_range`), whatever Qt's hit test (the nearest gap *between*
characters) selected on its own; a shaky click stays a click; double and triple clicks keep Qt's
word and line selections; Shift+click extends the selection as in any editor. A drag that starts on
the selected span and ends on another span draws a relation instead (``relationDragged``).

The view forwards its mouse events here (:class:`MouseDrag`), around Qt's own handling.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QMouseEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from annotator.snapping import DragEnd, drag_range

if TYPE_CHECKING:
    from ui.document.view import DocumentView

DRAG_DISTANCE = 4  # pixels the mouse must move between press and release to select rather than click
LEFT = Qt.MouseButton.LeftButton


class MouseDrag:
    """The state of one mouse gesture on ``view``: where it was pressed and what was under the press."""

    def __init__(self, view: DocumentView) -> None:
        self.view = view
        self.from_span: str | None = None  # a relation being dragged from this (selected) span
        self.mouse = QPointF()  # where the pointer is, for the pending arc
        self.press_point: QPointF | None = None  # where a text selection drag started
        self.press_end: DragEnd | None = None  # what was under the press, in code points
        self._double_click_time: int | None = None  # a press just after it is a triple click

    # -- pressing ------------------------------------------------------------------------------

    def press_on_selected_span(self, event: QMouseEvent) -> bool:
        """A left press on the selected span starts a relation drag (or, off other spans, a selection);
        True when it did, and Qt must not see the press."""
        view, point = self.view, event.position()
        if event.button() != LEFT or not view.selected_span or view.selected_span not in view.spans_at(point):
            return False
        self.from_span, self.mouse = view.selected_span, point
        self._start(point, self.end_at(point))
        view.clear_text_selection()
        return True

    def before_press(self, event: QMouseEvent) -> DragEnd | None:
        """Before Qt sees a press: what a plain left press holds (None for other presses).

        A press inside a selection would start Qt's drag-and-drop, so the selection is dropped
        first, with the caret under the mouse (where it is now, the view would scroll back to it).
        """
        plain_left = (
            event.button() == LEFT
            and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier  # Shift+click extends: Qt's own
            and not self._triple_click(event)  # selects the line: Qt's own
        )
        press_end = self.end_at(event.position()) if plain_left else None
        view = self.view
        if press_end is not None and view.textCursor().hasSelection():
            caret = QTextCursor(view.document())
            caret.setPosition(view.offsets.to_utf16(press_end.offset))
            view.setTextCursor(caret)
        return press_end

    def after_press(self, event: QMouseEvent, press_end: DragEnd | None) -> None:
        """After Qt saw the press: a plain left press starts a drag from there."""
        if press_end is not None:
            self._start(event.position(), press_end)

    def double_clicked(self, event: QMouseEvent) -> None:
        """A double click selects a word: Qt's selection stays, and a press soon after is a triple click."""
        self._reset()
        self._double_click_time = event.timestamp()

    def _triple_click(self, event: QMouseEvent) -> bool:
        """A press soon after a double click: Qt selects the line, and our drag must not undo it."""
        last, self._double_click_time = self._double_click_time, None
        return last is not None and event.timestamp() - last < QApplication.doubleClickInterval()

    def _start(self, point: QPointF, end: DragEnd) -> None:
        self.press_point, self.press_end = point, end

    def _reset(self) -> None:
        self.press_point = self.press_end = None

    # -- where the ends are ----------------------------------------------------------------------

    def end_at(self, point: QPointF) -> DragEnd:
        """What a drag's end at ``point`` holds: the character drawn there, else the gap Qt finds.

        Qt's own hit test answers the nearest gap *between* characters, so a press on the inner
        half of a name's first letter would start the selection after it («رانكفورت»).
        """
        view = self.view
        char = view.text_geometry.char_at(point)
        if char is not None:
            return DragEnd(view.offsets.from_utf16(char))
        gap = min(view.cursorForPosition(point.toPoint()).position(), view.offsets.length16)
        return DragEnd(view.offsets.from_utf16(gap), on_char=False)

    def moved(self, point: QPointF) -> bool:
        """Far enough from the press to be a drag: a shaky click must stay a click."""
        return self.press_point is not None and (point - self.press_point).manhattanLength() >= DRAG_DISTANCE

    def select(self, point: QPointF) -> None:
        """Select what the drag from the press to ``point`` covers, the characters under both ends included.

        Whatever Qt selected on its own is replaced, also when an end is off the text (past a
        line's end, in a margin): the anchor stays on the press side, as in any editor.
        """
        if self.press_end is None or not self.moved(point):
            return
        view = self.view
        release = self.end_at(point)
        start, end = drag_range(view.text, self.press_end, release)
        fixed, moving = (start, end) if release.offset >= self.press_end.offset else (end, start)
        cursor = QTextCursor(view.document())
        cursor.setPosition(view.offsets.to_utf16(fixed))
        cursor.setPosition(view.offsets.to_utf16(moving), QTextCursor.MoveMode.KeepAnchor)
        view.setTextCursor(cursor)

    # -- moving and releasing ----------------------------------------------------------------------

    def move_relation(self, point: QPointF) -> None:
        """The pointer moved during a relation drag: another span under it is the candidate target;
        off other spans the drag selects text."""
        view = self.view
        under = [k for k in view.spans_at(point) if k != self.from_span]
        view.candidate_span = under[0] if under else None
        if view.candidate_span:
            view.clear_text_selection()
        else:
            self.select(point)

    def release_relation(self, point: QPointF) -> None:
        """The end of a drag from the selected span: a relation to the span under ``point``, a
        selection, or (if the mouse hardly moved) a click."""
        view = self.view
        head, self.from_span = self.from_span, None
        view.candidate_span = None
        targets = [k for k in view.spans_at(point) if k != head]
        view.viewport().update()
        moved = self.moved(point)
        if targets and moved:
            view.clear_text_selection()
            view.relationDragged.emit(head, targets[0])
        elif moved:
            self.select(point)
        else:
            view.emit_click(point)
        self._reset()

    def release(self, event: QMouseEvent) -> None:
        """After Qt saw a release: a drag's selection replaces Qt's, a click selects no text at all."""
        if event.button() != LEFT or self.press_end is None:
            return
        point = event.position()
        if self.moved(point):
            self.select(point)
        else:
            self.view.clear_text_selection()  # a click, even if the hand shook and Qt selected a sliver
        self._reset()
