"""The document list: name, this annotator's status and span count, and overall progress.

It reads ``Project.document_summaries`` (one query, no texts) and then follows the store's
changes row by row, so a 10,000-document project costs a few megabytes, not its texts.
Ordered by model uncertainty (least confident first), it shows a fourth column with it.
The table shows the model through a :class:`~ui.panels.document_filter.WorkListProxy`: the rows in
the work-order policy's order, those the filter bar keeps (``ui/panels/work_list.py`` sets both).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QProgressBar, QTableView, QVBoxLayout, QWidget

from annotator.model import DocStatus
from annotator.store import Change, DocumentSummary
from ui.i18n import tr, trn
from ui.panels.document_filter import DocumentFilterBar, WorkListProxy
from ui.panels.tables import Index, RowsModel, set_up_list_view

STATUS_TEXT = {DocStatus.NEW: "new", DocStatus.IN_PROGRESS: "in progress", DocStatus.DONE: "done"}
STATUS_COLOUR = {DocStatus.NEW: None, DocStatus.IN_PROGRESS: QColor("#B57F00"), DocStatus.DONE: QColor("#2E8B57")}


class DocumentListModel(RowsModel):
    COLUMNS = ("Name", "Status", "Spans", "Uncertainty")

    def __init__(
        self, summaries: list[DocumentSummary], annotator_id: str, uncertainty: dict[str, float | None] | None = None
    ) -> None:
        super().__init__(summaries)
        self.annotator_id = annotator_id
        self.uncertainty = uncertainty  # None: the column is hidden
        self._row_of = {s.info.id: i for i, s in enumerate(summaries)}

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS) - (self.uncertainty is None)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return row.info.name
            if column == 1:
                return tr(STATUS_TEXT[row.status])
            if column == 3:
                value = (self.uncertainty or {}).get(row.info.id)
                return "—" if value is None else f"{value:.2f}"
            return str(row.span_count)
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return STATUS_COLOUR[row.status]
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return f"{row.info.name} — {trn('{n} characters', row.info.length)}"
        if role == Qt.ItemDataRole.UserRole:
            return row.info.id
        return None

    def remove_documents(self, document_ids: tuple[str, ...]) -> bool:
        """Drop rows of documents no longer in the project (an undone import); True when any was there."""
        gone = set(document_ids) & set(self._row_of)
        if not gone:
            return False
        self.beginResetModel()
        self._rows = [r for r in self._rows if r.info.id not in gone]
        self._row_of = {s.info.id: i for i, s in enumerate(self._rows)}
        self.endResetModel()
        return True

    def document_id(self, row: int) -> str:
        return self._rows[row].info.id

    def summary(self, row: int) -> DocumentSummary:
        return self._rows[row]

    def row_of(self, document_id: str) -> int:
        return self._row_of.get(document_id, -1)  # an index: the list may hold 10,000 documents

    def done_count(self) -> int:
        return sum(1 for r in self._rows if r.status == DocStatus.DONE)

    def add_documents(self, summaries: list[DocumentSummary]) -> bool:
        """Append rows for documents new to the project (an import, a merge); True when any was added."""
        new = [s for s in summaries if s.info.id not in self._row_of]
        if not new:
            return False
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
        for summary in new:
            self._row_of[summary.info.id] = len(self._rows)
            self._rows.append(summary)
        self.endInsertRows()
        return True

    def apply(self, change: Change) -> bool:
        """Follow one change of this annotator's work (their own action, or a merge or import that
        brings their items); True when a row changed."""
        if self.annotator_id not in change.annotator_ids:
            return False
        delta: dict[str, int] = {}
        for span in change.spans_added:
            if span.annotator_id == self.annotator_id:
                delta[span.document_id] = delta.get(span.document_id, 0) + 1
        for span in change.spans_removed:
            if span.annotator_id == self.annotator_id:
                delta[span.document_id] = delta.get(span.document_id, 0) - 1
        statuses = {s.document_id: s.status for s in change.statuses if s.annotator_id == self.annotator_id}
        touched = set(delta) | set(statuses)
        for document_id in touched:
            row = self._row_of.get(document_id)
            if row is None:
                continue
            old = self._rows[row]
            self._rows[row] = replace(
                old, span_count=old.span_count + delta.get(document_id, 0), status=statuses.get(document_id, old.status)
            )
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        return bool(touched)


class DocumentList(QWidget):
    """The table, and above it how many documents are done: a label beside a progress bar.

    The text is a label beside the bar, not inside it: a style draws a bar's own text over the
    fill, and in a right-to-left window the fill grows under the words that start the sentence.
    """

    documentActivated = Signal(str)
    modelSet = Signal()  # a new model (another annotator, another order): the work list reads again

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.progress = QProgressBar()
        self.progress.setObjectName("documentsProgress")
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("documentsProgressText")
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress_label)
        progress_row.addWidget(self.progress, 1)
        self.filter_bar = DocumentFilterBar()
        self.proxy = WorkListProxy()
        self.table = QTableView()
        set_up_list_view(self.table)
        self.table.setWordWrap(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(progress_row)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.table)
        self.table.activated.connect(self._activated)
        self.table.clicked.connect(self._activated)
        self.model: DocumentListModel | None = None

    def set_model(self, model: DocumentListModel) -> None:
        self.model = model
        self.proxy.setSourceModel(model)
        if self.table.model() is not self.proxy:
            self.table.setModel(self.proxy)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for column in range(2, model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.update_progress()
        self.modelSet.emit()

    def update_progress(self) -> None:
        if self.model is None:
            return
        total = self.model.rowCount()
        done = self.model.done_count()
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress_label.setText(tr("{done} of {total} done").format(done=done, total=total))

    def show_current(self, document_id: str) -> None:
        if self.model is None:
            return
        row = self.model.row_of(document_id)
        shown = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else QModelIndex()
        if shown.isValid():  # a document the filter hides is open, but not selected in the list
            self.table.selectRow(shown.row())
            self.table.scrollTo(shown)
        else:
            self.table.clearSelection()

    def shown_ids(self) -> list[str]:
        """The documents the list shows, in its order."""
        if self.model is None:
            return []
        rows = (self.proxy.mapToSource(self.proxy.index(r, 0)).row() for r in range(self.proxy.rowCount()))
        return [self.model.document_id(row) for row in rows]

    def list_position(self, document_id: str) -> tuple[int, int]:
        """(1-based row of the document in the list as shown, or 0 when the filter hides it; rows shown):
        what "Document n of N" in the status bar should count once the list is filtered and reordered."""
        if self.model is None:
            return 0, 0
        row = self.model.row_of(document_id)
        shown = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else QModelIndex()
        return (shown.row() + 1 if shown.isValid() else 0), self.proxy.rowCount()

    def _activated(self, index: QModelIndex) -> None:
        if self.model is not None and index.isValid():
            self.documentActivated.emit(self.model.document_id(self.proxy.mapToSource(index).row()))
