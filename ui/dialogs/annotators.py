"""Annotator → Annotators: everyone who has worked in this project, with how far they got.

Annotation is blind: the main window shows only the current annotator's work. This list is
where a lead sees everyone (documents done and in progress, spans and relations), switches
to annotating as someone, or goes on to the agreement report.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.model import GOLD
from annotator.store import Project
from ui.i18n import tr

COLUMNS = ("Annotator", "Done", "In progress", "Spans", "Relations")


class AnnotatorsDialog(QDialog):
    def __init__(
        self,
        project: Project,
        current: str | None = None,
        parent: QWidget | None = None,
        *,
        switch_to: Callable[[str], None] | None = None,
        show_agreement: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("annotatorsDialog")
        self.setWindowTitle(tr("Annotators"))
        self.project = project
        self.switch_to = switch_to
        intro = QLabel(
            tr(
                "Annotation is blind: each annotator sees only their own spans and relations. "
                "The curator's view shows everyone's work side by side."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("annotatorsTable")
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self._switch())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.switch_button = buttons.addButton(tr("Annotate as this annotator"), QDialogButtonBox.ButtonRole.ActionRole)
        self.switch_button.setObjectName("annotatorsSwitch")
        self.switch_button.clicked.connect(self._switch)
        self.switch_button.setEnabled(switch_to is not None)
        if show_agreement is not None:
            agreement = buttons.addButton(tr("Agreement…"), QDialogButtonBox.ButtonRole.ActionRole)
            agreement.clicked.connect(show_agreement)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(560, 360)
        self.refresh(current)

    def refresh(self, current: str | None = None) -> None:
        stats = self.project.stats()
        names = [a.name for a in self.project.annotators()]
        names.sort(key=lambda n: (n == GOLD, n))  # gold, the curated layer, last
        self.table.setRowCount(len(names))
        for row, name in enumerate(names):
            status = stats["status"].get(name, {})
            cells = [
                tr("{name} (curated gold layer)").format(name=name) if name == GOLD else name,
                str(status.get("done", 0)),
                str(status.get("in_progress", 0)),
                str(sum(stats["spans"].get(name, {}).values())),
                str(sum(stats["relations"].get(name, {}).values())),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, name)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if name == current:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, column, item)
        if current in names:
            self.table.selectRow(names.index(current))

    def names(self) -> list[str]:
        return [self.table.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(self.table.rowCount())]

    def row_values(self, name: str) -> list[str]:
        row = self.names().index(name)
        return [self.table.item(row, c).text() for c in range(self.table.columnCount())]

    def _switch(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if self.switch_to is None or not rows:
            return
        self.switch_to(self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole))
        self.accept()
