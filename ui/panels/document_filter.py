"""The document list's filter bar and the proxy that filters and orders the list (issue 16, item 4).

The bar is one typed query (``status:new source:aljazeera tags:sport has:suggestions``, free words
match the name and any metadata value; Ctrl+L puts the cursor in it) beside a status choice and a
"has suggestions" box, for those who would rather click. All three become one
:class:`~annotator.work_order.WorkFilter`, parsed in the core, so the list shows exactly the
documents "next document" walks through.

The proxy keeps the list's model (``DocumentListModel``) as it is: the window and the features
still find rows there by id. It orders rows by the work-order policy's rank (computed in the core)
and hides those the filter drops; the status it filters on is the model's, which follows every
change live, so a document marked done leaves a "not done" list at once.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from annotator.model import DocStatus
from annotator.store.queries import WorkRow
from annotator.work_order import STATUS_WORDS, WorkFilter
from ui.i18n import tr

Index = QModelIndex | QPersistentModelIndex

STATUS_CHOICES = (  # (English text, the query word it stands for; "" is any status)
    ("Any status", ""),
    ("Not done", "not-done"),
    ("New", "new"),
    ("In progress", "in-progress"),
    ("Done", "done"),
)


class WorkListProxy(QSortFilterProxyModel):
    """Rows of the document list in the policy's order, those the filter keeps."""

    def __init__(self) -> None:
        super().__init__()
        self.rank: dict[str, int] = {}
        self.rows: dict[str, WorkRow] = {}  # metadata and pending suggestions, by document id
        self.work_filter = WorkFilter()
        self.setDynamicSortFilter(True)  # a status change re-filters its row

    def set_work(self, rank: dict[str, int], rows: dict[str, WorkRow], work_filter: WorkFilter) -> None:
        self.beginResetModel()  # one reset: filter and order change together
        self.rank, self.rows, self.work_filter = rank, rows, work_filter
        self.endResetModel()
        self.sort(0)

    def _document(self, source_row: int) -> str:
        return self.sourceModel().document_id(source_row)  # type: ignore[attr-defined]

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self.work_filter.empty:
            return True
        model = self.sourceModel()
        summary = model.summary(source_row)  # type: ignore[attr-defined]
        row = self.rows.get(summary.info.id) or WorkRow(summary, {}, 0)  # new since the last read: no metadata yet
        return self.work_filter.matches(row, summary.status)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        """The model's data; a name's tooltip also lists the document's metadata (what the filter reads)."""
        value = super().data(index, role)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0 and value:
            row = self.rows.get(self._document(self.mapToSource(index).row()))
            if row is not None and row.meta:
                return "\n".join([str(value), *(f"{key}: {_shown(item)}" for key, item in row.meta.items())])
        return value

    def lessThan(self, left: Index, right: Index) -> bool:
        last = len(self.rank)
        a = self.rank.get(self._document(left.row()), last + left.row())
        b = self.rank.get(self._document(right.row()), last + right.row())
        return a < b


def _shown(value: object) -> str:
    """A metadata value as one line (a list of tags as «sport, egypt»)."""
    return ", ".join(map(str, value)) if isinstance(value, list | tuple) else str(value)


class DocumentFilterBar(QWidget):
    """The query field, the status choice and the "has suggestions" box; ``changed`` gives the filter."""

    changed = Signal(object)  # WorkFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = QLineEdit()
        self.field.setObjectName("documentFilter")
        self.field.setClearButtonEnabled(True)
        self.field.setPlaceholderText(tr("Filter: words, source:…, tags:…, has:suggestions"))
        self.field.setToolTip(
            tr("Filter the documents (Ctrl+L). status:new, status:not-done, source:NAME, any metadata KEY:VALUE, "
               "has:suggestions or -has:suggestions; other words match the name and the metadata.")
        )  # fmt: skip
        self.status = QComboBox()
        self.status.setObjectName("documentStatusFilter")
        for text, word in STATUS_CHOICES:
            self.status.addItem(tr(text), word)
        self.suggested = QCheckBox(tr("Has suggestions"))
        self.suggested.setObjectName("documentSuggestedFilter")
        column = QVBoxLayout(self)  # the query gets the panel's whole width; the choices below it
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.field)
        row = QHBoxLayout()
        row.addWidget(self.status)
        row.addWidget(self.suggested)
        row.addStretch(1)
        column.addLayout(row)
        self.field.textChanged.connect(self._emit)
        self.status.currentIndexChanged.connect(self._emit)
        self.suggested.toggled.connect(self._emit)

    def current(self) -> WorkFilter:
        """The typed query, narrowed by the status choice and the box."""
        typed = WorkFilter.parse(self.field.text())
        word = self.status.currentData()
        statuses: frozenset[DocStatus] = typed.statuses
        if word:
            chosen = frozenset(STATUS_WORDS[word])
            statuses = (statuses & chosen) or chosen  # the choice wins over a typed status it excludes
        has = True if self.suggested.isChecked() else typed.has_suggestions
        return WorkFilter(statuses, typed.meta, typed.words, has, typed.errors)

    def focus(self) -> None:
        """Ctrl+L: the cursor in the query field, its text selected (typing replaces it)."""
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def _emit(self, *_args: object) -> None:
        self.changed.emit(self.current())
