"""Where a range of the text is on screen: rectangles from the glyph runs of laid-out lines.

Rectangles come from ``QTextLine.glyphRuns(from, length)``, not from the cursor positions of
the two ends, because a logical range can be several pieces on screen: it may wrap across
lines, and a range mixing Latin digits and Arabic («500 مستهلك» out of «17500 مستهلك») is two
boxes in one line. A range ending inside a lam-alef ligature gets a proportional slice of it,
and the text itself is never re-shaped (we paint under it, not with character formats).

Only blocks that Qt has laid out are measured; ``None`` means "not on screen yet".
"""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QGlyphRun, QTextBlock, QTextLine
from PySide6.QtWidgets import QTextEdit

from ui.offsets import OffsetMap

MAX_MEASURED = 50_000  # measured ranges kept (a long session of scrolling starts afresh beyond)

Box = tuple[float, float, float, float]  # x, y, width, height
Piece = tuple[Box, QRectF | None]  # a visual piece in document coordinates, and its ink when asked for


class _BlockLines:
    """A laid-out block's lines, read from Qt once per layout: where each starts and ends and how
    high it is, so a range's lines are found by bisection instead of asking Qt line by line."""

    __slots__ = ("ends", "heights", "length", "lines", "origin", "origin_x", "origin_y", "position", "starts", "tops")

    def __init__(self, position: int, length: int, origin: QPointF, lines: list[QTextLine]) -> None:
        self.position, self.length, self.origin, self.lines = position, length, origin, lines
        self.origin_x, self.origin_y = origin.x(), origin.y()
        self.starts = [line.textStart() for line in lines]
        self.ends = [start + line.textLength() for start, line in zip(self.starts, lines, strict=True)]
        self.tops = [line.y() for line in lines]
        self.heights = [line.height() for line in lines]

    def pieces(self, start: int, end: int, ink: bool) -> list[Piece]:
        """The pieces of block-relative UTF-16 ``[start, end)``, line by line, in document coordinates."""
        out: list[Piece] = []
        starts, ends = self.starts, self.ends
        origin_x, origin_y = self.origin_x, self.origin_y
        for i in range(max(bisect_right(starts, start) - 1, 0), len(starts)):
            if starts[i] >= end:
                break
            a, b = max(start, starts[i]), min(end, ends[i])
            if a >= b:
                continue
            top, height = self.tops[i], self.heights[i]
            glyphs = self.lines[i].glyphRuns(a, b - a)
            if len(glyphs) == 1:  # the usual case: one run, nothing to join
                r = glyphs[0].boundingRect()
                if r.width() > 0:
                    box = (r.left() + origin_x, top + origin_y, r.width(), height)
                    out.append((box, _ink(glyphs[0]).translated(self.origin) if ink else None))
                continue
            runs = [(r, run) for r, run in ((run.boundingRect(), run) for run in glyphs) if r.width() > 0]
            pieces = [(QRectF(r.left(), top, r.width(), height), _ink(run) if ink else None) for r, run in runs]
            for joined, drawn in _merge_touching(pieces):
                box = (joined.left() + origin_x, joined.top() + origin_y, joined.width(), joined.height())
                out.append((box, drawn.translated(self.origin) if drawn is not None else None))
        return out


class TextGeometry:
    """Measures code-point ranges of ``edit``'s document in viewport coordinates."""

    def __init__(self, edit: QTextEdit) -> None:
        self.edit = edit
        self.offsets = OffsetMap("")
        self._top_hint = 0  # block number of the last top block found
        self._text_generation = 0  # bumped by each new text: measured pieces belong to one text
        self._measured: dict[tuple[int, int, bool], list[Piece]] = {}
        self._measured_for: tuple | None = None
        self._lines: dict[int, _BlockLines] = {}  # per block number
        self._last_block: tuple[QTextBlock, _BlockLines] | None = None  # where the last range was

    def set_offsets(self, offsets: OffsetMap) -> None:
        """A new text: forget where the screen was."""
        self.offsets = offsets
        self._top_hint = 0
        self._text_generation += 1

    def _scroll(self) -> QPointF:
        return QPointF(self.edit.horizontalScrollBar().value(), self.edit.verticalScrollBar().value())

    def block_origin(self, block: QTextBlock) -> QPointF:
        """Top-left of ``block`` in viewport coordinates."""
        layout = self.edit.document().documentLayout()
        return layout.blockBoundingRect(block).topLeft() - self._scroll()

    def visible_blocks(self, margin: float = 0.0) -> list[QTextBlock]:
        """The blocks intersecting the viewport (grown by ``margin`` pixels above and below)."""
        return self.blocks_between(-margin, self.edit.viewport().rect().height() + margin)

    def blocks_between(self, top: float, bottom: float) -> list[QTextBlock]:
        """The blocks intersecting viewport heights ``[top, bottom]`` (a band of the screen)."""
        layout = self.edit.document().documentLayout()
        scroll_y = self.edit.verticalScrollBar().value()
        block = self._block_at(scroll_y + max(top, 0.0))
        # step back while the previous block still reaches into the band
        while block.previous().isValid():
            rect = layout.blockBoundingRect(block.previous())
            if rect.bottom() - scroll_y < top:
                break
            block = block.previous()
        blocks: list[QTextBlock] = []
        while block.isValid():
            rect = layout.blockBoundingRect(block)
            if rect.top() - scroll_y > bottom:
                break
            blocks.append(block)
            block = block.next()
        return blocks

    def _block_at(self, y: float) -> QTextBlock:
        """The block at document height ``y``: a galloping search from the last answer.

        ``cursorForPosition`` walks every block from the top (20 ms in a 1 MB article), and a
        plain binary search probes the middle of a document Qt has not laid out yet, which
        forces that layout (0.3 s). Starting from the previous top block only measures blocks
        between there and ``y``: those on the way to the screen, which Qt lays out anyway.
        """
        document = self.edit.document()
        layout = document.documentLayout()
        count = document.blockCount()

        def bottom(number: int) -> float:
            return layout.blockBoundingRect(document.findBlockByNumber(number)).bottom()

        start = min(self._top_hint, count - 1)
        if bottom(start) < y:  # forwards: grow the step until past y, then bisect
            lo, step = start, 1
            hi = min(start + step, count - 1)
            while hi < count - 1 and bottom(hi) < y:
                lo, step = hi, step * 2
                hi = min(start + step, count - 1)
        else:  # backwards
            hi, step = start, 1
            lo = max(start - step, 0)
            while lo > 0 and bottom(lo) >= y:
                hi, step = lo, step * 2
                lo = max(start - step, 0)
            if bottom(lo) >= y:
                hi = lo
        while lo < hi:  # first block whose bottom reaches y, in [lo, hi]
            mid = (lo + hi) // 2
            if bottom(mid) < y:
                lo = mid + 1
            else:
                hi = mid
        self._top_hint = lo
        return document.findBlockByNumber(lo)

    def visible_range(self, margin: float = 0.0) -> tuple[int, int]:
        """Code-point range ``[start, end)`` covered by the visible blocks."""
        return self._range_of(self.visible_blocks(margin))

    def range_between(self, top: float, bottom: float) -> tuple[int, int]:
        """Code-point range ``[start, end)`` of the blocks intersecting viewport heights ``[top, bottom]``."""
        return self._range_of(self.blocks_between(top, bottom))

    def lines_between(self, top: float, bottom: float) -> tuple[int, int]:
        """Code-point range ``[start, end)`` of the *lines* intersecting viewport heights ``[top, bottom]``.

        :meth:`range_between` gives whole blocks, and a paragraph reaches lines beyond the screen:
        measuring the marks there made Qt shape those lines (about 80 µs each, the cost of a line
        drawn) for nothing on screen. A block not laid out yet counts whole."""
        blocks = self.blocks_between(top, bottom)
        if not blocks:
            return 0, 0
        self._forget_moved_lines()
        scroll_y = self.edit.verticalScrollBar().value()
        first, last = blocks[0], blocks[-1]
        start16 = first.position()
        lines = self._lines_of(first)
        if lines is not None:  # from the first line reaching down to top (none: only the room below them)
            y = top + scroll_y - lines.origin_y
            bottoms = (t + h for t, h in zip(lines.tops, lines.heights, strict=True))
            reaching = next((n for n, line_bottom in enumerate(bottoms) if line_bottom >= y), None)
            start16 += lines.starts[reaching] if reaching is not None else first.length()
        end16 = last.position() + last.length()
        lines = self._lines_of(last)
        if lines is not None:  # to the last line starting above bottom (the block's last: the whole block)
            starting = bisect_right(lines.tops, bottom + scroll_y - lines.origin_y) - 1
            if 0 <= starting < len(lines.tops) - 1:
                end16 = last.position() + lines.ends[starting]
        end16 = min(end16, self.offsets.length16)
        return self.offsets.from_utf16(start16), self.offsets.from_utf16(max(start16, end16))

    def _range_of(self, blocks: list[QTextBlock]) -> tuple[int, int]:
        if not blocks:
            return 0, 0
        first, last = blocks[0], blocks[-1]
        start16 = first.position()
        end16 = min(last.position() + last.length(), self.offsets.length16)
        return self.offsets.from_utf16(start16), self.offsets.from_utf16(end16)

    def rects(self, start: int, end: int) -> list[QRectF]:
        """Viewport rectangles covering code points ``[start, end)``, one per visual piece."""
        return [box for box, _ in self._pieces(start, end, ink=False)]

    def pieces(self, start: int, end: int) -> list[tuple[QRectF, QRectF]]:
        """``(box, ink)`` per visual piece of ``[start, end)``: the line-high box of :meth:`rects`
        and the tight rectangle of the glyphs' ink (a hamza above alef, a descender below the
        line), so an outline can be drawn around the letters instead of over them."""
        return self._pieces(start, end, ink=True)

    def _pieces(self, start: int, end: int, *, ink: bool) -> list[tuple[QRectF, QRectF]]:
        return self.pieces_of([(start, end, ink)])[0]

    def pieces_of(self, ranges: list[tuple[int, int, bool]]) -> list[list[tuple[QRectF, QRectF]]]:
        """:meth:`pieces` (or, without ink, :meth:`rects` as ``(box, box)``: one rectangle twice) of
        many ranges at once, in viewport coordinates; a paint places all the marks of the screen in
        one call.

        Pieces are measured once per layout, in document coordinates (a repaint after a tag
        measures the new span only, not the screen's other spans again), and kept as plain numbers:
        a page down measures some 25 new ranges, and each rectangle made and moved on the way to
        the screen was a Qt object built from Python."""
        self._forget_moved_lines()
        self._last_block = None
        scroll_x, scroll_y = self.edit.horizontalScrollBar().value(), self.edit.verticalScrollBar().value()
        measured, out = self._measured, []
        for start, end, ink in ranges:
            if end <= start:
                out.append([])
                continue
            found = measured.get((start, end, ink))
            if found is None:
                found, complete = self._measure(start, end, ink=ink)
                if complete:  # a block Qt has not laid out yet is measured again next time
                    measured[(start, end, ink)] = found
            screen = []
            for (x, y, width, height), drawn in found:
                box = QRectF(x - scroll_x, y - scroll_y, width, height)
                screen.append((box, box if drawn is None else drawn.translated(-scroll_x, -scroll_y)))
            out.append(screen)
        return out

    def _forget_moved_lines(self) -> None:
        """Drop what was measured and read from Qt when the lines may have moved (:meth:`_layout_key`)."""
        key = self._layout_key()
        if key != self._measured_for or len(self._measured) > MAX_MEASURED:
            self._measured, self._measured_for, self._lines = {}, key, {}

    def _layout_key(self) -> tuple[int, float, float, float]:
        """What moves laid-out lines: a new text, the width text wraps at, the font (zoom). Qt lays
        a document out from the top, so lines already laid out stay where they are otherwise."""
        document = self.edit.document()
        return (
            self._text_generation,
            document.textWidth(),
            document.defaultFont().pointSizeF(),
            document.documentMargin(),
        )

    def _measure(self, start: int, end: int, *, ink: bool) -> tuple[list[Piece], bool]:
        """Pieces in document coordinates, and whether every block they cross was laid out."""
        start16, end16 = self.offsets.to_utf16(start), self.offsets.to_utf16(end)
        last = self._last_block  # marks come in text order: most share the previous one's block
        if last is not None and last[1].position <= start16 < last[1].position + last[1].length:
            block, lines = last
        else:
            block = self.edit.document().findBlock(start16)
            if not block.isValid():
                return [], True
            lines = self._lines_of(block)
        out: list[Piece] = []
        complete = True
        while True:  # the blocks from the one holding start16 to the one holding end16
            if lines is None:
                complete = False
                position, length = block.position(), block.length()
            else:
                self._last_block = (block, lines)
                position, length = lines.position, lines.length
                out += lines.pieces(max(start16 - position, 0), min(end16 - position, length - 1), ink)
            if position + length >= end16:
                return out, complete
            block = block.next()
            if not block.isValid():
                return out, complete
            lines = self._lines_of(block)

    def _lines_of(self, block: QTextBlock) -> _BlockLines | None:
        """A laid-out block's lines as measuring needs them, read from Qt once per layout (a page of
        marks asked Qt for the same few blocks' lines some 30 times), or None."""
        number = block.blockNumber()
        layout = block.layout()
        count = layout.lineCount() if layout is not None else 0
        found = self._lines.get(number)
        if found is not None and len(found.lines) == count:
            return found
        # not read yet, or Qt laid the block out again (a width changed and came back before any
        # paint): its old lines are gone. The origin first: asking for it may lay the block out.
        origin = self.edit.document().documentLayout().blockBoundingRect(block).topLeft()
        layout = block.layout()
        count = layout.lineCount() if layout is not None else 0
        if not count:
            self._lines.pop(number, None)
            return None
        found = _BlockLines(block.position(), block.length(), origin, [layout.lineAt(i) for i in range(count)])
        self._lines[number] = found
        return found

    def text_column(self) -> tuple[float, float]:
        """Left and right edge of the text (inside the document margins), in viewport coordinates:
        outside them is free room, where an arc between two lines can run without crossing text."""
        margin = self.edit.document().documentMargin()
        scroll_x = self.edit.horizontalScrollBar().value()
        width = self.edit.document().textWidth()
        if width <= 0:
            width = self.edit.viewport().width()
        return margin - scroll_x, width - margin - scroll_x

    def char_at(self, point: QPointF) -> int | None:
        """UTF-16 position of the character drawn under ``point`` (not the nearest gap), or None.

        Qt's hit test returns the nearest position *between* characters, so a press on the
        inner half of a narrow letter lands after it; a drag that starts on a letter should
        include that letter.
        """
        block = self._block_at(point.y() + self.edit.verticalScrollBar().value())
        layout = block.layout()
        if layout is None:
            return None
        local = point - self.block_origin(block)
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            if line.y() <= local.y() < line.y() + line.height():
                if not line.naturalTextRect().adjusted(-1, 0, 1, 0).contains(local):
                    return None
                # xToCursor's "on character" answer is one off in right-to-left runs: check
                # the neighbours' glyphs and keep the one actually drawn under the point
                guess = line.xToCursor(local.x(), line.CursorPosition.CursorOnCharacter)
                first, last = line.textStart(), line.textStart() + line.textLength()
                for rel in (guess, guess - 1, guess + 1, guess - 2, guess + 2):
                    if first <= rel < last and any(
                        r.left() <= local.x() <= r.right() for r in (g.boundingRect() for g in line.glyphRuns(rel, 1))
                    ):
                        return block.position() + rel
                return None
        return None

    def line_top(self, start: int) -> float | None:
        """Top of the line holding code point ``start``, in viewport coordinates."""
        rects = self.rects(start, start + 1)
        return rects[0].top() if rects else None


def _ink(run: QGlyphRun) -> QRectF:
    """The union of the glyphs' own outlines (positions are on the baseline, in layout coordinates)."""
    font = run.rawFont()
    ink = QRectF()
    for glyph, position in zip(run.glyphIndexes(), run.positions(), strict=True):
        ink = ink.united(font.boundingRect(glyph).translated(position))
    return ink


def _merge_touching(pieces: list[tuple[QRectF, QRectF | None]]) -> list[tuple[QRectF, QRectF | None]]:
    """Join runs that touch on one line (font or script changes inside one visual piece)."""
    pieces.sort(key=lambda piece: piece[0].left())
    merged: list[tuple[QRectF, QRectF | None]] = []
    for box, ink in pieces:
        if merged and box.left() <= merged[-1][0].right() + 0.5:
            merged[-1] = (merged[-1][0].united(box), _unite(merged[-1][1], ink))
        else:
            merged.append((box, ink))
    return merged


def _unite(a: QRectF | None, b: QRectF | None) -> QRectF | None:
    """United rectangles, where an empty one (a space has no ink) adds nothing (None: not measured)."""
    if a is None or b is None:
        return None
    if a.isEmpty():
        return b
    return a if b.isEmpty() else a.united(b)
