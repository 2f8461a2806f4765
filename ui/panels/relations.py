"""The relation list of the current document: head, type, tail; select and delete from here."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from annotator.model import Relation, Span
from annotator.store import Change
from annotator.store.view_queries import SpanRef
from ui.i18n import tr

KEY_ROLE = Qt.ItemDataRole.UserRole
Index = QModelIndex | QPersistentModelIndex


class RelationModel(QAbstractTableModel):
    COLUMNS = ("From", "Relation", "To")

    def __init__(self) -> None:
        super().__init__()
        self.text = ""
        self.document_id: str | None = None
        self.annotator_id: str | None = None
        self._relations: list[Relation] = []
        self._spans: dict[str, Span | SpanRef] = {}

    def reset(
        self, document_id: str, annotator_id: str, text: str, relations: list[Relation], spans: list[Span | SpanRef]
    ):
        self.beginResetModel()
        self.document_id, self.annotator_id, self.text = document_id, annotator_id, text
        self._relations = list(relations)
        self._spans = {s.id: s for s in spans}
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._relations)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.COLUMNS[section])
        return None

    def _describe(self, span_id: str) -> str:
        span = self._spans.get(span_id)
        return "?" if span is None else f"{span.text_in(self.text)} ({span.label})"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        relation = self._relations[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (self._describe(relation.head_id), relation.label, self._describe(relation.tail_id))[index.column()]
        if role == KEY_ROLE:
            return relation.id
        return None

    def row_of(self, relation_id: str) -> int:
        return next((i for i, r in enumerate(self._relations) if r.id == relation_id), -1)

    def relation_ids(self) -> list[str]:
        return [r.id for r in self._relations]

    def apply(self, change: Change) -> None:
        def mine(item: Span | Relation) -> bool:
            return item.document_id == self.document_id and item.annotator_id == self.annotator_id

        for span in (*change.spans_added, *change.spans_updated):
            if mine(span):
                self._spans[span.id] = span
        for relation in change.relations_removed:
            row = self.row_of(relation.id)
            if mine(relation) and row >= 0:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._relations[row]
                self.endRemoveRows()
        for relation in change.relations_added:
            if mine(relation):
                row = len(self._relations)
                self.beginInsertRows(QModelIndex(), row, row)
                self._relations.append(relation)
                self.endInsertRows()
        if change.spans_updated and self._relations:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._relations) - 1, 2))


class RelationTable(QTableView):
    relationActivated = Signal(str)
    deleteRequested = Signal()

    def __init__(self, model: RelationModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = model
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(24)
        self.setShowGrid(False)
        for column in (0, 2):
            self.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.activated.connect(self._activated)
        self.clicked.connect(self._activated)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.relationActivated.emit(index.data(KEY_ROLE))

    def show_relation(self, relation_id: str | None) -> None:
        row = -1 if relation_id is None else self.source.row_of(relation_id)
        if row < 0:
            self.clearSelection()
            return
        self.selectRow(row)
        self.scrollTo(self.source.index(row, 0))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.deleteRequested.emit()
            return
        super().keyPressEvent(event)
