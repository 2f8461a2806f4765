"""What the side panels' tables share: a flat model of rows under translated headers, the open
document's layer of one annotator (entities, relations), and one look.

The panels (documents, entities, relations) each show a read-only list, one row per item, picked
one row at a time; they differ in their columns and in how they follow the store's changes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from annotator.model import Relation, Span
from annotator.store.view_queries import SpanRef
from ui.i18n import tr

Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel):
    """A flat table over ``self._rows`` whose headers are ``COLUMNS`` in the window's language.

    :meth:`row_of` finds an item by its ``id``; a model whose rows keep their id elsewhere says how.
    """

    COLUMNS: tuple[str, ...] = ()

    def __init__(self, rows: list[Any] | None = None) -> None:
        super().__init__()
        self._rows: list[Any] = [] if rows is None else rows

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.COLUMNS[section])
        return None

    def row_of(self, key: str) -> int:
        """The row of the item with id ``key``, or -1."""
        return next((i for i, item in enumerate(self._rows) if item.id == key), -1)


class LayerModel(RowsModel):
    """Rows from one annotator's layer of the open document; ``reset`` fills it, ``apply`` follows changes."""

    def __init__(self) -> None:
        super().__init__()
        self.text = ""
        self.document_id: str | None = None
        self.annotator_id: str | None = None

    def _mine(self, item: Span | SpanRef | Relation) -> bool:
        """Whether a changed span or relation is in the layer shown (changes name every layer)."""
        return item.document_id == self.document_id and item.annotator_id == self.annotator_id


def set_up_list_view(view: QTableView) -> None:
    """Whole rows, one at a time, not editable in place; no row numbers or grid, compact rows."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(24)
    view.setShowGrid(False)


class DeletableListView(QTableView):
    """A list view whose Delete (or Backspace) asks to remove the selected item."""

    deleteRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_up_list_view(self)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.deleteRequested.emit()
            return
        super().keyPressEvent(event)
