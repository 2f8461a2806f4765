"""A read-only table model for the dashboard: each cell a display text and the figure behind it.

The dashboard's tables are small (a row per annotator, day, recommender or label) and are
replaced whole on each refresh, so one generic model serves them all. A cell keeps the number
it shows (:data:`VALUE_ROLE`) beside the formatted text: the text follows the agreement window's
formatting and, in the Arabic window, is isolated left to right, so "-12" never reads "12-";
the tests compare the figure with what :func:`annotator.team.progress.build_progress` reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from annotator.team.agreement.svg import fmt
from ui.i18n import is_rtl, isolate, ltr

Index = QModelIndex | QPersistentModelIndex
VALUE_ROLE = Qt.ItemDataRole.UserRole + 1
RLM = "\u200f"
NUMBER_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
TEXT_ALIGNMENT = Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True, slots=True)
class Cell:
    """What a cell shows, the figure behind it, and whether it is a number (aligned to the right)."""

    text: str
    value: Any = None
    numeric: bool = False


def number(value: float | int | None, digits: int = 3) -> Cell:
    """A figure as the agreement window writes it (``fmt``; counts as integers; "—" for none)."""
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else fmt(value, digits)
    return Cell(ltr(text), value, numeric=True)


def name(text: str) -> Cell:
    """A name (annotator, label, recommender): isolated, so a Latin name keeps its place in Arabic."""
    return Cell(isolate(text), text)


def plain(text: str, value: Any = None) -> Cell:
    """Our own word (already translated), or a date kept left to right by the caller."""
    return Cell(text, text if value is None else value)


class RecordTable(QAbstractTableModel):
    """Rows of :class:`Cell` under translated headers; never editable."""

    def __init__(self, headers: Sequence[str]) -> None:
        super().__init__()
        self.headers = tuple(headers)
        # a right-to-left mark first: a header laid out by its first strong letter would put F1 of «F1 للكيانات» last
        self._shown = tuple(RLM + h if is_rtl() else h for h in self.headers)
        self.rows: list[tuple[Cell, ...]] = []

    def set_rows(self, rows: Sequence[Sequence[Cell]]) -> None:
        self.beginResetModel()
        self.rows = [tuple(row) for row in rows]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._shown[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        cell = self.rows[index.row()][index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return cell.text
        if role == VALUE_ROLE:
            return cell.value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return NUMBER_ALIGNMENT if cell.numeric else TEXT_ALIGNMENT
        return None

    def column(self, header: str) -> list[str]:
        """The display texts of one column (by its header), top to bottom: what a reader sees."""
        c = self.headers.index(header)
        return [row[c].text for row in self.rows]


def table_view(model: RecordTable, object_name: str) -> QTableView:
    """A read-only view of ``model``: whole rows selected, columns as wide as their content."""
    view = QTableView()
    view.setObjectName(object_name)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    rows = view.verticalHeader()
    rows.hide()
    rows.setDefaultSectionSize(view.fontMetrics().height() + 8)  # compact: a dashboard shows many rows at once
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    model.modelReset.connect(view.resizeColumnsToContents)
    return view
