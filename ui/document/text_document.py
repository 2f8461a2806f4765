"""The view's QTextDocument: right-to-left paragraphs with room above each line for arcs and tags.

The room is the extra line height, which Qt adds *below* each line: the room above a line is
what the line before it leaves, so the first line gets the same room as a top margin (without
it, tags and arcs of the first line would be cut off at the top of the view).
Built detached and then attached to the view: filling a document that a shown view lays out
costs seconds for a 1 MB article, a detached one milliseconds. The paragraph direction is fixed
before the text goes in (Qt would otherwise guess it per paragraph from its first letter).
"""

from __future__ import annotations

import math
import re

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QTextBlockFormat, QTextCursor, QTextDocument, QTextOption

from ui.offsets import OffsetMap

LINE_HEIGHT_PERCENT = 220  # room above each line: three rows of tags and arcs, and outlines
DOCUMENT_MARGIN = 28
MAX_COMPACTED_LINES = 20_000
_EMPTY_LINE = re.compile(r"(?m)^$")


def build_document(parent: QObject, text: str, font: QFont, offsets: OffsetMap) -> QTextDocument:
    document = QTextDocument(parent)
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    document.setDefaultTextOption(option)
    document.setDefaultFont(font)
    document.setDocumentMargin(DOCUMENT_MARGIN)
    reserve_first_line_room(document, font)
    document.setUndoRedoEnabled(False)
    document.setDefaultCursorMoveStyle(Qt.CursorMoveStyle.VisualMoveStyle)
    block_format = QTextBlockFormat()
    block_format.setLineHeight(LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    block_format.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    block_format.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
    cursor = QTextCursor(document)
    cursor.setBlockFormat(block_format)
    cursor.insertText(text)  # new blocks inherit the block format: one pass, no per-block calls
    _compact_empty_lines(document, text, block_format, offsets)
    return document


def line_gap(line_height: float) -> float:
    """The free room above a text line of ``line_height`` pixels (below the line before it)."""
    return line_height * (LINE_HEIGHT_PERCENT - 100) / 100


def reserve_first_line_room(document: QTextDocument, font: QFont) -> None:
    """Give the first line the room the other lines get from the line before them (again after a zoom)."""
    frame = document.rootFrame()
    frame_format = frame.frameFormat()
    line_height = math.ceil(QFontMetricsF(font).height())  # Qt rounds a line's height up
    frame_format.setTopMargin(document.documentMargin() + math.ceil(line_gap(line_height)))
    frame.setFrameFormat(frame_format)


def _compact_empty_lines(
    document: QTextDocument, text: str, block_format: QTextBlockFormat, offsets: OffsetMap
) -> None:
    """Blank lines between paragraphs need no arc room: give them single line height."""
    empty = [m.start() for m in _EMPTY_LINE.finditer(text)]
    if not empty or len(empty) > MAX_COMPACTED_LINES:
        return
    compact = QTextBlockFormat(block_format)
    compact.setLineHeight(100, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    cursor = QTextCursor(document)
    for offset in empty:
        cursor.setPosition(offsets.to_utf16(offset))
        cursor.setBlockFormat(compact)
