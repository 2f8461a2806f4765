"""The relation list of the current document: head, type, tail; select and delete from here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QHeaderView, QWidget

from annotator.model import Relation
from annotator.store import Change
from ui.panels.tables import DeletableListView, Index, LayerModel

KEY_ROLE = Qt.ItemDataRole.UserRole


class SpanLike(Protocol):
    """What a relation's row shows of its ends (a view's ``Mark``, a ``Span``)."""

    start: int
    end: int
    label: str


class RelationModel(LayerModel):
    COLUMNS = ("From", "Relation", "To")

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[Relation] = []
        self._span_of: Callable[[str], SpanLike | None] = lambda _key: None

    def reset(
        self,
        document_id: str,
        annotator_id: str,
        text: str,
        relations: list[Relation],
        span_of: Callable[[str], SpanLike | None],
    ):
        """Show ``relations``; ``span_of`` finds a head or tail (the view's marks: no second copy of
        the spans here, and it already follows their changes when this model is asked)."""
        self.beginResetModel()
        self.document_id, self.annotator_id, self.text = document_id, annotator_id, text
        self._rows = list(relations)
        self._span_of = span_of
        self.endResetModel()

    def _describe(self, span_id: str) -> str:
        span = self._span_of(span_id)
        return "?" if span is None else f"{self.text[span.start : span.end]} ({span.label})"

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
