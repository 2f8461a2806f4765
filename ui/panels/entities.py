"""The entity list of the current document (sortable); activating a row selects the span.

The model sorts itself (:meth:`EntityModel.sort`) instead of sitting behind a
``QSortFilterProxyModel``: a proxy asks the model for its row and column counts hundreds of times
per inserted row, each a call from C++ into Python, which made every tag in a 20,000-span article
cost about 2 ms in this list alone.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QWidget

from annotator.model import Span
from annotator.store import Change
from annotator.store.view_queries import SpanColumns, SpanRef
from ui.panels.tables import DeletableListView, Index, LayerModel

KEY_ROLE = Qt.ItemDataRole.UserRole
_DISPLAY, _KEY = int(Qt.ItemDataRole.DisplayRole), int(KEY_ROLE)
_DECORATION, _ALIGNMENT = int(Qt.ItemDataRole.DecorationRole), int(Qt.ItemDataRole.TextAlignmentRole)
_ANSWERED = frozenset({_DISPLAY, _KEY, _DECORATION, _ALIGNMENT})
_RIGHT = int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight)


class EntityModel(LayerModel):
    """One row per span of this annotator in the open document, in text order.

    A model over columns (:class:`~annotator.store.view_queries.SpanColumns`, the same query the
    view paints from), not a list of span objects: a 20,000-span article is four lists, and a
    row's text is cut from the document only when the table asks for it (the visible rows).
    """

    COLUMNS = ("Text", "Label", "Start", "End")

    def __init__(self) -> None:
        super().__init__()
        self.colours: dict[str, str] = {}
        self._columns = SpanColumns()
        self._sorted_by: tuple[int, Qt.SortOrder] | None = None  # a header clicked; None: text order
        self._order: list[int] = []  # when sorted: the column index shown in each row
        self._row_of: dict[int, int] = {}  # ... and the row of each column index

    def reset(
        self, document_id: str, annotator_id: str, text: str, spans: SpanColumns, colours: dict[str, str]
    ) -> None:
        """Show ``spans`` (kept, not copied: the caller hands over its own columns)."""
        self.beginResetModel()
        self.document_id, self.annotator_id, self.text, self.colours = document_id, annotator_id, text, colours
        self._columns = spans
        self._resort()
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        # the role first: a table asks some eight roles of every visible cell per repaint (about
        # 250 calls when a tag inserts a row), and most of them are answered with None
        if role not in _ANSWERED or not index.isValid():
            return None
        row, column, c = self._at(index.row()), index.column(), self._columns
        if role == _DISPLAY:
            start, end = c.starts[row], c.ends[row]
            # offsets are plain digits (an Arabic locale would show ١٧٥٠٠)
            return (self.text[start:end], c.labels[row], str(start), str(end))[column]
        if role == _KEY:
            return c.ids[row]
        if role == _DECORATION and column == 1:
            return QColor(self.colours.get(c.labels[row], "#8C8C8C"))
        if role == _ALIGNMENT and column >= 2:
            return _RIGHT
        return None

    def span_ids(self) -> list[str]:
        return list(self._columns.ids)

    def row_of(self, key: str) -> int:
        position = self._columns.position(key)
        return position if self._sorted_by is None or position < 0 else self._row_of[position]

    def _at(self, row: int) -> int:
        """The column index shown in ``row``."""
        return row if self._sorted_by is None else self._order[row]

    # -- sorting (a header click): the model's own, no proxy -------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Rows by ``column`` (-1: back to text order); selected rows stay selected."""
        self.layoutAboutToBeChanged.emit()
        kept = self.persistentIndexList()
        positions = [self._at(index.row()) for index in kept]
        self._sorted_by = None if column < 0 else (column, order)
        self._resort()
        rows = [self._row_of[p] if self._sorted_by is not None else p for p in positions]
        self.changePersistentIndexList(kept, [self.index(r, i.column()) for r, i in zip(rows, kept, strict=True)])
        self.layoutChanged.emit()

    def _resort(self) -> None:
        if self._sorted_by is None:
            self._order, self._row_of = [], {}
            return
        column, order = self._sorted_by
        c = self._columns
        keys = (
            [self.text[s:e] for s, e in zip(c.starts, c.ends, strict=True)],
            c.labels,
            c.starts,
            c.ends,
        )[column]
        self._order = sorted(range(len(keys)), key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)
        self._row_of = {position: row for row, position in enumerate(self._order)}

    # -- following the store ---------------------------------------------------------------------

    def _insert(self, span: Span | SpanRef) -> None:
        self._remove(span.id)
        if self._sorted_by is not None:  # sorted by a header: rare, and a resort is simplest
            self.beginResetModel()
            self._columns.insert(span.id, span.start, span.end, span.label)
            self._resort()
            self.endResetModel()
            return
        row = self._columns.insertion_point(span.id, span.start, span.end)
        self.beginInsertRows(QModelIndex(), row, row)
        self._columns.insert(span.id, span.start, span.end, span.label)
        self.endInsertRows()

    def _remove(self, span_id: str) -> None:
        row = self._columns.position(span_id)
        if row < 0:
            return
        if self._sorted_by is not None:
            self.beginResetModel()
            self._columns.remove(span_id)
            self._resort()
            self.endResetModel()
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        self._columns.remove(span_id)
        self.endRemoveRows()

    def apply(self, change: Change) -> None:
        for span in change.spans_removed:
            if self._mine(span):
                self._remove(span.id)
        for span in (*change.spans_updated, *change.spans_added):
            if self._mine(span):
                self._insert(span)


class EntityTable(DeletableListView):
    """Sortable table; Enter or a click selects the span in the view, Delete removes it."""

    spanActivated = Signal(str)
    jumpedToDocument = Signal()

    def __init__(self, model: EntityModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = model
        self.setModel(model)
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
        self.selectRow(row)
        self.scrollTo(self.source.index(row, 0))
