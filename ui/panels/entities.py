"""The entity list of the current document (sortable); activating a row selects the span."""

from __future__ import annotations

from bisect import bisect_left

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from annotator.model import Span
from annotator.store import Change
from annotator.store.view_queries import SpanRef
from ui.i18n import tr

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole
Index = QModelIndex | QPersistentModelIndex


def _order(span: Span | SpanRef) -> tuple[int, int, str]:
    return (span.start, -span.end, span.id)


class EntityModel(QAbstractTableModel):
    """One row per span of this annotator in the open document, in text order."""

    COLUMNS = ("Text", "Label", "Start", "End")

    def __init__(self) -> None:
        super().__init__()
        self.text = ""
        self.document_id: str | None = None
        self.annotator_id: str | None = None
        self.colours: dict[str, str] = {}
        self._spans: list[Span | SpanRef] = []
        self._keys: list[tuple[int, int, str]] = []

    def reset(
        self, document_id: str, annotator_id: str, text: str, spans: list[Span | SpanRef], colours: dict[str, str]
    ) -> None:
        self.beginResetModel()
        self.document_id, self.annotator_id, self.text, self.colours = document_id, annotator_id, text, colours
        self._spans = sorted(spans, key=_order)
        self._keys = [_order(s) for s in self._spans]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._spans)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        span = self._spans[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            # offsets are plain digits (an Arabic locale would show ١٧٥٠٠)
            return (span.text_in(self.text), span.label, str(span.start), str(span.end))[column]
        if role == SORT_ROLE:
            return (span.text_in(self.text), span.label, span.start, span.end)[column]
        if role == KEY_ROLE:
            return span.id
        if role == Qt.ItemDataRole.DecorationRole and column == 1:
            return QColor(self.colours.get(span.label, "#8C8C8C"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 2:
            return int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight)
        return None

    def row_of(self, span_id: str) -> int:
        return next((i for i, s in enumerate(self._spans) if s.id == span_id), -1)

    def span_ids(self) -> list[str]:
        return [s.id for s in self._spans]

    def _insert(self, span: Span | SpanRef) -> None:
        key = _order(span)
        row = bisect_left(self._keys, key)
        self.beginInsertRows(QModelIndex(), row, row)
        self._spans.insert(row, span)
        self._keys.insert(row, key)
        self.endInsertRows()

    def _remove(self, span_id: str) -> None:
        row = self.row_of(span_id)
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._spans[row]
            del self._keys[row]
            self.endRemoveRows()

    def apply(self, change: Change) -> None:
        def mine(span: Span | SpanRef) -> bool:
            return span.document_id == self.document_id and span.annotator_id == self.annotator_id

        for span in change.spans_removed:
            if mine(span):
                self._remove(span.id)
        for span in change.spans_updated:
            if mine(span):
                self._remove(span.id)
                self._insert(span)
        for span in change.spans_added:
            if mine(span):
                self._insert(span)


class EntityTable(QTableView):
    """Sortable table; Enter or a click selects the span in the view, Delete removes it."""

    spanActivated = Signal(str)
    jumpedToDocument = Signal()
    deleteRequested = Signal()

    def __init__(self, model: EntityModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = model
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SORT_ROLE)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # text order until a header is clicked
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(24)
        self.setShowGrid(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 80), (2, 56), (3, 56)):  # fixed: measuring 20,000 rows would stall
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.clicked.connect(lambda index: self._emit(index, jump=False))
        self.activated.connect(lambda index: self._emit(index, jump=True))

    def _emit(self, index: QModelIndex, *, jump: bool) -> None:
        """A click selects the span; Enter or a double click also puts the keyboard in the document."""
        if index.isValid():
            self.spanActivated.emit(index.data(KEY_ROLE))
            if jump:
                self.jumpedToDocument.emit()

    def show_span(self, span_id: str | None) -> None:
        row = -1 if span_id is None else self.source.row_of(span_id)
        if row < 0:
            self.clearSelection()
            return
        index = self.proxy.mapFromSource(self.source.index(row, 0))
        self.selectRow(index.row())
        self.scrollTo(index)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.deleteRequested.emit()
            return
        super().keyPressEvent(event)
