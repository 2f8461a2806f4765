"""The relation list of the current document: head, type, tail; select and delete from here."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QHeaderView, QWidget

from annotator.model import Relation, Span
from annotator.store import Change
from annotator.store.view_queries import SpanRef
from ui.panels.tables import DeletableListView, Index, LayerModel

KEY_ROLE = Qt.ItemDataRole.UserRole


class RelationModel(LayerModel):
    COLUMNS = ("From", "Relation", "To")

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[Relation] = []
        self._spans: dict[str, Span | SpanRef] = {}

    def reset(
        self, document_id: str, annotator_id: str, text: str, relations: list[Relation], spans: list[Span | SpanRef]
    ):
        self.beginResetModel()
        self.document_id, self.annotator_id, self.text = document_id, annotator_id, text
        self._rows = list(relations)
        self._spans = {s.id: s for s in spans}
        self.endResetModel()

    def _describe(self, span_id: str) -> str:
        span = self._spans.get(span_id)
        return "?" if span is None else f"{span.text_in(self.text)} ({span.label})"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        relation = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (self._describe(relation.head_id), relation.label, self._describe(relation.tail_id))[index.column()]
        if role == KEY_ROLE:
            return relation.id
        return None

    def relation_ids(self) -> list[str]:
        return [r.id for r in self._rows]

    def apply(self, change: Change) -> None:
        for span in (*change.spans_added, *change.spans_updated):
            if self._mine(span):
                self._spans[span.id] = span
        for relation in change.relations_removed:
            row = self.row_of(relation.id)
            if self._mine(relation) and row >= 0:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()
        for relation in change.relations_added:
            if self._mine(relation):
                row = len(self._rows)
                self.beginInsertRows(QModelIndex(), row, row)
                self._rows.append(relation)
                self.endInsertRows()
        if change.spans_updated and self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 2))


class RelationTable(DeletableListView):
    relationActivated = Signal(str)

    def __init__(self, model: RelationModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = model
        self.setModel(model)
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
