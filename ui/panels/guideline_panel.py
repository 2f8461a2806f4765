"""What the Guidelines dock shows (``ui/panels/guidelines.py``): the guideline and its examples.

Apart from the dock's wiring so that the Markdown renderer, the example reader and the KWIC lines
(:mod:`annotator.guidelines`, :mod:`ui.consistency.kwic`) are imported when the dock is first
shown, not at every start-up while it is closed (``cold_start_vs_bare_qt_ratio``).
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QTextBrowser, QTreeView, QVBoxLayout, QWidget

from annotator.guidelines import examples_caption, guideline_html, schema_item
from annotator.schema import LabelSchema, SpanLabel
from ui.consistency.kwic import HIT, alignment, fill, set_up_kwic_view
from ui.i18n import language, ltr, tr

if TYPE_CHECKING:
    from annotator.consistency.findings import Occurrence
    from annotator.guidelines import Examples

Index = QModelIndex | QPersistentModelIndex


class ExampleModel(QAbstractTableModel):
    """Concordance lines of one label: before, the occurrence (in the label's colour), after, where."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: tuple[Occurrence, ...] = ()
        self.colour = "#8C8C8C"

    def set_lines(self, lines: tuple[Occurrence, ...], colour: str) -> None:
        self.beginResetModel()
        self.lines, self.colour = lines, colour
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(("Before", "Occurrence", "After", "Document")[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        line = self.lines[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (line.left, line.text, line.right, line.document_name)[column]
        if role == Qt.ItemDataRole.BackgroundRole and column == HIT:
            return fill(self.colour)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return alignment(column)
        return None


class GuidelinesPanel(QWidget):
    """What the dock shows: a title, the guideline, its examples, and the lead's *Edit…* button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guidelinesPanel")
        self.title = QLabel()
        self.title.setObjectName("guidelineTitle")
        self.title.setWordWrap(True)
        self.text = QTextBrowser()
        self.text.setObjectName("guidelineText")
        self.text.setOpenLinks(False)  # guideline HTML has no links; nothing typed can open anything
        self.caption = QLabel()
        self.model = ExampleModel()
        self.examples = QTreeView()
        self.examples.setObjectName("guidelineExamples")
        self.examples.setRootIsDecorated(False)
        self.examples.setModel(self.model)
        set_up_kwic_view(self.examples, (160, 90, 160, 70))
        self.edit = QPushButton(tr("Edit guidelines…"))
        self.edit.setObjectName("editGuidelines")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        for widget, stretch in ((self.title, 0), (self.text, 3), (self.caption, 0), (self.examples, 2), (self.edit, 0)):
            layout.addWidget(widget, stretch)
        self.show_nothing()

    def show_nothing(self) -> None:
        self.title.setText(tr("Select a span or point at a label to see its guideline."))
        self.text.clear()
        self.caption.clear()
        self.model.set_lines((), "#8C8C8C")

    def show_item(self, schema: LabelSchema, name: str, examples: Examples | None) -> bool:
        """Show label or relation type ``name`` of ``schema``; False when the schema has no such item."""
        item = schema_item(schema, name)
        if item is None:
            return False
        arabic = language() == "ar"
        description = item.description_ar if isinstance(item, SpanLabel) and arabic else ""
        description = description or item.description
        name_html = f"<b>{escape(ltr(item.name))}</b>"
        self.title.setText(f"{name_html} — {escape(description)}" if description else name_html)
        html = guideline_html(item.guideline_in(language()), language=language())
        self.text.setHtml(html or f"<p>{tr('No guideline yet.')}</p>")
        lines = examples.lines if examples is not None else ()
        self.caption.setText(tr(examples_caption(examples.source)) if lines and examples is not None else "")
        colour = item.colour if isinstance(item, SpanLabel) else "#8C8C8C"
        self.model.set_lines(lines, colour)
        self.examples.setVisible(bool(lines))
        return True
