"""Annotate → Guidelines…: the lead edits the guidelines of labels and relation types; others read.

Who the lead is is :func:`annotator.guidelines.is_lead`: the window annotating as ``gold`` (the
curator, who alone sees agreement and curation already), or an annotator the project names as a
lead (``hashiya guidelines P --leads NAME,...``). For anyone else the dialog opens read-only,
with a line saying who may edit.

One label or relation type at a time, in English or Arabic, the four parts of a guideline as
Markdown with a preview. *Save* stores every edit made since the dialog opened as one new schema
version (``Project.set_schema``), so the history shows one guideline change, and the palette's
tooltips and the Guidelines panel follow it.

:func:`register_guidelines_menu` adds the menu entries (one call from ``ui/actions.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from annotator.errors import HashiyaError
from annotator.model import GOLD
from annotator.schema import GUIDELINE_SECTIONS, Guideline, LabelSchema
from annotator.store import Project
from ui.i18n import isolate, ltr, tr
from ui.menus import SEPARATOR, Entry, MenuTable

if TYPE_CHECKING:
    from ui.window import MainWindow

# annotator.guidelines (the Markdown renderer, html) is imported inside the dialog's methods: the menu
# entries are registered at every start-up, the dialog is opened by the lead now and then.

LANGUAGES = (("en", "English"), ("ar", "Arabic"))
READ_ONLY = "Read only: the curator ({gold}) or a lead named with «hashiya guidelines --leads» edits guidelines."


class GuidelinesDialog(QDialog):
    """The four Markdown parts of one item's guideline in one language; Save stores them all."""

    def __init__(self, project: Project, annotator: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guidelinesDialog")
        self.setWindowTitle(tr("Guidelines"))
        self.resize(820, 620)
        self.project = project
        from annotator.guidelines import is_lead

        self.editable = is_lead(project, annotator)
        self.schema: LabelSchema = project.schema  # with the edits made so far
        self.item = QComboBox()
        self.item.setObjectName("guidelineItem")
        for label in self.schema.labels:
            self.item.addItem(label.name, label.name)
        for relation in self.schema.relations:
            self.item.addItem(f"{relation.name} ({tr('relation')})", relation.name)
        self.language = QComboBox()
        self.language.setObjectName("guidelineLanguage")
        for code, name in LANGUAGES:
            self.language.addItem(tr(name), code)
        choose = QHBoxLayout()
        choose.addWidget(self.item, 1)
        choose.addWidget(self.language)
        self.parts: dict[str, QPlainTextEdit] = {}
        form = QFormLayout()
        for key, heading in GUIDELINE_SECTIONS:
            edit = QPlainTextEdit()
            edit.setObjectName(f"guideline_{key}")
            edit.setReadOnly(not self.editable)
            edit.setTabChangesFocus(True)
            edit.textChanged.connect(self._edited)
            self.parts[key] = edit
            form.addRow(tr(heading), edit)
        self.preview = QTextBrowser()
        self.preview.setObjectName("guidelinePreview")
        self.preview.setOpenLinks(False)
        editors = QHBoxLayout()
        editors.addLayout(form, 1)
        editors.addWidget(self.preview, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        if not self.editable:
            note = QLabel(tr(READ_ONLY).format(gold=ltr(GOLD)))
            note.setObjectName("guidelinesReadOnly")
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addLayout(editors, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
            if self.editable
            else QDialogButtonBox.StandardButton.Close
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._loading = False
        self.item.currentIndexChanged.connect(self._load)
        self.language.currentIndexChanged.connect(self._load)
        self._load()

    def choose(self, name: str, language: str = "en") -> None:
        """Show ``name``'s guideline in ``language`` (what a test or the panel asks for)."""
        self.item.setCurrentIndex(max(0, self.item.findData(name)))
        self.language.setCurrentIndex(max(0, self.language.findData(language)))

    def current(self) -> tuple[str, str]:
        return self.item.currentData(), self.language.currentData()

    def _load(self) -> None:
        """Fill the editors from the item and language chosen (edits of others are kept)."""
        name, language = self.current()
        from annotator.guidelines import schema_item

        item = schema_item(self.schema, name)
        guideline = (item.guideline_ar if language == "ar" else item.guideline) if item is not None else Guideline()
        self._loading = True
        for key, edit in self.parts.items():
            edit.setPlainText(getattr(guideline, key))
        self._loading = False
        self._show_preview(guideline)

    def _edited(self) -> None:
        if self._loading or not self.editable:
            return
        name, language = self.current()
        guideline = Guideline(**{key: edit.toPlainText().strip() for key, edit in self.parts.items()})
        self.schema = self.schema.with_guideline(name, guideline, language)
        self._show_preview(guideline)

    def _show_preview(self, guideline: Guideline) -> None:
        _, language = self.current()
        from annotator.guidelines import guideline_html

        html = guideline_html(guideline, language=language)
        self.preview.setHtml(html or f"<p>{tr('No guideline yet.')}</p>")

    def accept(self) -> None:
        """Store the edits as one new schema version (nothing when nothing changed), then close."""
        if self.editable and self.schema != self.project.schema:
            try:
                self.project.set_schema(self.schema)
            except HashiyaError as exc:
                self.setWindowTitle(f"{tr('Guidelines')} — {exc}")
                return
        super().accept()


class GuidelinesFeature:
    """The menu entries' owner: the editor (one at a time) and the panel."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.dialog: GuidelinesDialog | None = None
        panel = getattr(window, "guidelines", None)
        if panel is not None:
            panel.open_editor = self.open_guidelines

    def open_guidelines(self) -> None:
        """Show the editor (read-only for annotators), on the label the panel shows if any."""
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            return
        session = self.window.session
        self.dialog = GuidelinesDialog(session.project, session.annotator.name, self.window)
        panel = getattr(self.window, "guidelines", None)
        if panel is not None and panel.current is not None:
            self.dialog.choose(panel.current)
        self.dialog.open()
        self.window.message(tr("Guidelines of {schema}").format(schema=isolate(session.project.schema.name)))

    def show_panel(self) -> None:
        panel = getattr(self.window, "guidelines", None)
        if panel is not None:
            panel.open_dock()


def register_guidelines_menu(table: MenuTable, window: MainWindow) -> GuidelinesFeature:
    """Add Annotate → Guidelines panel (F2) and Guidelines… to ``table``."""
    feature = GuidelinesFeature(window)
    table.add(
        "annotate",
        SEPARATOR,
        Entry("guidelines_panel", "Show &guidelines", "show_panel", ("F2",)),
        Entry("guidelines_edit", "&Guidelines…", "open_guidelines"),
        owner=feature,
    )
    return feature
