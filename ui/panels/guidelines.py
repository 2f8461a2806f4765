"""The Guidelines panel: the guideline of the label in focus, with real examples from the corpus.

The label in focus is the selected span's, else the label last hovered or chosen in the palette
(a click on a label tags and shows its guideline). The guideline is the schema's
(:class:`~annotator.schema.Guideline`, Markdown made safe HTML by :mod:`annotator.guidelines`), in
Arabic when the window is and the schema has it. Examples are right-to-left concordance lines as
the consistency docks show them (:mod:`ui.consistency.kwic`): gold of curated documents, else done
documents, blind as the window is (an annotator sees their own). A double click opens the place.

Examples are read once per label and kept until a change touches spans, statuses or the schema.
The panel is read-only; its *Edit…* button is on for the lead only (:func:`annotator.guidelines.is_lead`)
and opens the editor (``ui/dialogs/guidelines.py``). :func:`install_guidelines` is the window's one
line of wiring: the dock (closed at first, in the View menu with the other panels) and the links.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QPushButton, QTextBrowser, QTreeView, QVBoxLayout, QWidget

from annotator.consistency.findings import Occurrence
from annotator.guidelines import Examples, examples_caption, guideline_html, is_lead, label_examples, schema_item
from annotator.model import GOLD, DocStatus
from annotator.schema import LabelSchema, SpanLabel
from annotator.store import Change
from ui.consistency.feature import CloseWatch
from ui.consistency.kwic import HIT, alignment, fill, set_up_kwic_view
from ui.consistency.navigate import jump_to
from ui.i18n import is_rtl, language, ltr, tr

if TYPE_CHECKING:
    from collections.abc import Callable

    from ui.window import MainWindow

Index = QModelIndex | QPersistentModelIndex
LEAD_ONLY = "Only the lead edits guidelines: the curator ({gold}) or a lead named with «hashiya guidelines --leads»"


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


class Guidelines(QObject):
    """The panel in a window: which label is in focus, its examples (cached), who may edit."""

    def __init__(self, window: MainWindow, panel: GuidelinesPanel, dock: QDockWidget) -> None:
        super().__init__(window)
        self.window, self.panel, self.dock = window, panel, dock
        self.current: str | None = None
        self._examples: dict[tuple[str, str], Examples] = {}  # (viewer, label) → examples
        self.open_editor: Callable[[], object] | None = None  # set by the menu (ui/dialogs/guidelines.py)
        panel.edit.clicked.connect(self._edit)
        panel.examples.doubleClicked.connect(self._jump)
        self.unsubscribe: Callable[[], object] = window.session.project.subscribe(self.on_change)
        window.controller.selection.selectionChanged.connect(self._selection_changed)
        window.palette_panel.labelHovered.connect(self.show_label)
        window.palette_panel.labelChosen.connect(self.show_label)
        dock.visibilityChanged.connect(self._shown)
        CloseWatch(window, self.unsubscribe)
        self.update_edit_button()

    def show_label(self, name: str) -> None:
        """Show ``name``'s guideline (a label's examples read now unless kept from before). A closed
        dock only remembers the label: reading examples scans the corpus, and a key press selects
        a span (a tag in a 20,000-span article took 24 ms more while the dock was closed)."""
        self.current = name
        if not self.dock.isVisible():
            self.update_edit_button()
            return
        project = self.window.session.project
        schema = project.schema
        examples = None
        if schema.label(name) is not None:
            viewer = self.window.session.annotator.name  # blind: whose examples may be shown
            if (viewer, name) not in self._examples:
                found = label_examples(project, name, viewer=None if viewer == GOLD else viewer)
                self._examples[viewer, name] = found
            examples = self._examples[viewer, name]
        if not self.panel.show_item(schema, name, examples):
            self.current = None
            self.panel.show_nothing()
        self.update_edit_button()

    def update_edit_button(self) -> None:
        lead = is_lead(self.window.session.project, self.window.session.annotator.name)
        self.panel.edit.setEnabled(lead)
        self.panel.edit.setToolTip("" if lead else tr(LEAD_ONLY).format(gold=ltr(GOLD)))

    def open_dock(self) -> None:
        self.dock.show()
        self.dock.raise_()
        selected = self.window.session.selected_span
        mark = self.window.view.spans.get(selected) if selected else None
        if mark is not None:
            self.show_label(mark.label)

    def on_change(self, change: Change) -> None:
        """Examples come from gold and done documents: a change there (or a status, the schema, another
        program) means reading them again when next shown; a tag in a document in progress does not."""
        if self._examples and self._touches_examples(change):  # nothing kept (the dock never opened): no reads
            self._examples.clear()
        if change.schema_changed or change.external:
            self._examples.clear()
            if self.current is not None:
                self.show_label(self.current)

    def _touches_examples(self, change: Change) -> bool:
        if change.statuses or change.external or change.schema_changed:
            return True
        project = self.window.session.project
        gold = project.get_annotator(GOLD)
        for span in (*change.spans_added, *change.spans_removed, *change.spans_updated):
            if gold is not None and span.annotator_id == gold.id:
                return True
            if project.status(span.document_id, span.annotator_id) == DocStatus.DONE:
                return True
        return False

    def _shown(self, visible: bool) -> None:
        if visible and self.current is not None:
            self.show_label(self.current)

    def _selection_changed(self, span_id: str | None, _relation_id: str | None) -> None:
        mark = self.window.view.spans.get(span_id) if span_id else None
        if mark is not None and mark.label:
            self.show_label(mark.label)

    def _jump(self, index: QModelIndex) -> None:
        line = self.panel.model.lines[index.row()]
        jump_to(self.window, line.document_id, line.start, line.end, line.span_id)

    def _edit(self) -> None:
        if self.open_editor is not None:
            self.open_editor()


def install_guidelines(window: MainWindow) -> Guidelines:
    """Add the Guidelines dock to ``window`` (before its menus are built, so View lists it)."""
    panel = GuidelinesPanel()
    dock = QDockWidget(tr("Guidelines"), window)
    dock.setObjectName("dock_guidelines")
    dock.setWidget(panel)
    area = Qt.DockWidgetArea.LeftDockWidgetArea if is_rtl() else Qt.DockWidgetArea.RightDockWidgetArea
    window.addDockWidget(area, dock)  # with the palette: where the labels are
    dock.hide()  # closed until asked for: the window's first look stays as it was
    window.docks.append(dock)
    return Guidelines(window, panel, dock)
