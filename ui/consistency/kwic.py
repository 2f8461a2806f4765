"""Concordance (KWIC) lines as the queue and the concordance search show them: right to left.

A line is three cells: the text before the occurrence, the occurrence, the text after it. The text
is Arabic, so the views are right to left whatever the interface language: the context before sits
on the right and hugs the occurrence, the context after on the left, each cut at its far end
(:class:`KwicDelegate`). The occurrence is filled with its label's colour as the document view
fills a span (the schema colour at the theme's fill strength), so a line reads like the text.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyledItemDelegate, QStyleOptionViewItem, QTreeView

from ui.theme import LIGHT

BEFORE, HIT, AFTER = 0, 1, 2  # the KWIC columns of both views; the views add theirs after these
DIRECTION_ROLE = Qt.ItemDataRole.UserRole + 1  # a row in the interface's language, not a line of the text
UNLABELLED = "#8C8C8C"  # what the window draws a span of an unknown label in

# Alignments in a right-to-left view, where Qt mirrors Left and Right: "AlignRight" draws on the left.
HUGS_LEFT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter  # the context before the hit
HUGS_RIGHT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter  # the context after it
CENTRED = Qt.AlignmentFlag.AlignCenter


def fill(colour: str | None, alpha: int = LIGHT.fill_alpha) -> QColor:
    """A label's colour as the document view fills a span with it (``alpha``: the theme's fill strength)."""
    result = QColor(colour or UNLABELLED)
    result.setAlpha(alpha)
    return result


def alignment(column: int) -> int:
    """The alignment of a KWIC column's text (the context cells hug the occurrence)."""
    return int({BEFORE: HUGS_LEFT, HIT: CENTRED, AFTER: HUGS_RIGHT}.get(column, HUGS_RIGHT))


class KwicDelegate(QStyledItemDelegate):
    """Cuts the context before an occurrence at its start and the context after it at its end, so
    the words next to the occurrence always show; a row that is a sentence of the interface (a
    finding's summary) is laid out in the interface's direction (:data:`DIRECTION_ROLE`)."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        direction = index.data(DIRECTION_ROLE)
        if direction is not None:
            option.direction = direction
            option.displayAlignment = Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter
            return
        if index.column() == BEFORE:
            option.textElideMode = Qt.TextElideMode.ElideLeft
        elif index.column() == AFTER:
            option.textElideMode = Qt.TextElideMode.ElideRight


def set_up_kwic_view(view: QTreeView, widths: tuple[int, ...]) -> None:
    """A tree or table of KWIC lines: right to left, the context columns stretching, no editing."""
    view.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    view.setItemDelegate(KwicDelegate(view))
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setUniformRowHeights(True)
    view.setAllColumnsShowFocus(True)
    header = view.header()
    header.setStretchLastSection(False)
    for column, width in enumerate(widths):
        header.resizeSection(column, width)
    header.setSectionResizeMode(BEFORE, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(AFTER, QHeaderView.ResizeMode.Stretch)
