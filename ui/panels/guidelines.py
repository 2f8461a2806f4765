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

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtWidgets import QDockWidget

from annotator.model import GOLD, DocStatus
from annotator.store import Change
from ui.consistency.close_watch import CloseWatch
from ui.i18n import is_rtl, ltr, tr

if TYPE_CHECKING:
    from collections.abc import Callable

    from annotator.guidelines import Examples
    from annotator.store import Project
    from ui.panels.guideline_panel import GuidelinesPanel
    from ui.window import MainWindow

LEAD_ONLY = "Only the lead edits guidelines: the curator ({gold}) or a lead named with «hashiya guidelines --leads»"


def label_examples(project: Project, name: str, *, viewer: str | None) -> Examples:
    """:func:`annotator.guidelines.label_examples`, imported on the first read (the dock opened)."""
    from annotator.guidelines import label_examples as read

    return read(project, name, viewer=viewer)


class Guidelines(QObject):
    """The panel in a window: which label is in focus, its examples (cached), who may edit."""

    def __init__(self, window: MainWindow, dock: QDockWidget) -> None:
        super().__init__(window)
        self.window, self.dock = window, dock
        self._panel: GuidelinesPanel | None = None  # built when the dock is first shown (see `panel`)
        self.current: str | None = None
        self._examples: dict[tuple[str, str], Examples] = {}  # (viewer, label) → examples
        self.open_editor: Callable[[], object] | None = None  # set by the menu (ui/dialogs/guidelines.py)
        self.unsubscribe: Callable[[], object] = window.session.project.subscribe(self.on_change)
        window.controller.selection.selectionChanged.connect(self._selection_changed)
        window.palette_panel.labelHovered.connect(self.show_label)
        window.palette_panel.labelChosen.connect(self.show_label)
        dock.visibilityChanged.connect(self._shown)
        CloseWatch(window, self.unsubscribe)

    @property
    def panel(self) -> GuidelinesPanel:
        """What the dock shows (see :meth:`ensure_panel`)."""
        return self.ensure_panel()

    def ensure_panel(self) -> GuidelinesPanel:
        """Build the panel and put it in the dock, once: made (with the modules behind it) on first
        use, because the dock is closed at first and building it cost every cold start."""
        if self._panel is None:
            from ui.panels.guideline_panel import GuidelinesPanel

            panel = self._panel = GuidelinesPanel()
            panel.edit.clicked.connect(self._edit)
            panel.examples.doubleClicked.connect(self._jump)
            self.dock.setWidget(panel)
            self.update_edit_button()
        return self._panel

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
        """The *Edit…* button on for the lead only (nothing to update before the panel exists)."""
        if self._panel is None:
            return
        from annotator.guidelines import is_lead

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
        """Shown (a menu, F2, a saved layout): the panel is built the first time, then shows the label."""
        if not visible:
            return
        self.ensure_panel()
        if self.current is not None:
            self.show_label(self.current)

    def _selection_changed(self, span_id: str | None, _relation_id: str | None) -> None:
        mark = self.window.view.spans.get(span_id) if span_id else None
        if mark is not None and mark.label:
            self.show_label(mark.label)

    def _jump(self, index: QModelIndex) -> None:
        from ui.consistency.navigate import jump_to

        line = self.panel.model.lines[index.row()]
        jump_to(self.window, line.document_id, line.start, line.end, line.span_id)

    def _edit(self) -> None:
        if self.open_editor is not None:
            self.open_editor()


def install_guidelines(window: MainWindow) -> Guidelines:
    """Add the Guidelines dock to ``window`` (before its menus are built, so View lists it)."""
    dock = QDockWidget(tr("Guidelines"), window)
    dock.setObjectName("dock_guidelines")
    area = Qt.DockWidgetArea.LeftDockWidgetArea if is_rtl() else Qt.DockWidgetArea.RightDockWidgetArea
    window.addDockWidget(area, dock)  # with the palette: where the labels are
    dock.hide()  # closed until asked for: the window's first look stays as it was
    window.docks.append(dock)
    return Guidelines(window, dock)
