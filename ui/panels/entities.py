"""The entity list of the current document (sortable); activating a row selects the span."""

from __future__ import annotations

from bisect import bisect_left

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QWidget

from annotator.model import Span
from annotator.store import Change
from annotator.store.view_queries import SpanRef
from ui.panels.tables import DeletableListView, Index, LayerModel

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole


def _order(span: Span | SpanRef) -> tuple[int, int, str]:
    return (span.start, -span.end, span.id)


class EntityModel(LayerModel):
    """One row per span of this annotator in the open document, in text order."""

    COLUMNS = ("Text", "Label", "Start", "End")

    def __init__(self) -> None:
        super().__init__()
        self.colours: dict[str, str] = {}
        self._rows: list[Span | SpanRef] = []
        self._keys: list[tuple[int, int, str]] = []

    def reset(
        self, document_id: str, annotator_id: str, text: str, spans: list[Span | SpanRef], colours: dict[str, str]
    ) -> None:
        self.beginResetModel()
        self.document_id, self.annotator_id, self.text, self.colours = document_id, annotator_id, text, colours
        self._rows = sorted(spans, key=_order)
        self._keys = [_order(s) for s in self._rows]
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        span = self._rows[index.row()]
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

    def span_ids(self) -> list[str]:
        return [s.id for s in self._rows]

    def _insert(self, span: Span | SpanRef) -> None:
        key = _order(span)
        row = bisect_left(self._keys, key)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, span)
        self._keys.insert(row, key)
        self.endInsertRows()

    def _remove(self, span_id: str) -> None:
        row = self.row_of(span_id)
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            del self._keys[row]
            self.endRemoveRows()

    def apply(self, change: Change) -> None:
        for span in change.spans_removed:
            if self._mine(span):
                self._remove(span.id)
        for span in change.spans_updated:
            if self._mine(span):
                self._remove(span.id)
                self._insert(span)
        for span in change.spans_added:
            if self._mine(span):
                self._insert(span)


class EntityTable(DeletableListView):
    """Sortable table; Enter or a click selects the span in the view, Delete removes it."""

    spanActivated = Signal(str)
    jumpedToDocument = Signal()

    def __init__(self, model: EntityModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = model
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SORT_ROLE)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # text order until a header is clicked
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
