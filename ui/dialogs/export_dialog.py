"""File → Export: one annotation layer as training data or another tool's format, in a worker.

The options are those of ``hashiya export`` (:func:`annotator.exporting.export_project`):
format, tagging scheme (CoNLL, Hugging Face), flat output and ``-DOCSTART-`` lines (CoNLL), the
layer (an annotator, or the curated gold layer), the status filter, all or chosen documents,
and the target file or folder. The summary says what was written, split and dropped.

Annotation is blind (docs/blind.md): an annotator may export their own layer, and gold of curated
documents only (gold marked done); the curator (``gold``) may export every layer.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from annotator.exporting import EXPORTERS, ExportOptions, ExportResult, export_project
from annotator.model import GOLD
from annotator.store import Project
from annotator.tagging import SCHEMES
from ui.dialogs.job_dialog import FileJobDialog
from ui.i18n import ltr, say, tr
from ui.workers import cancelling

GOLD_DONE_ONLY = "Gold is exported only for curated documents (gold marked done) until you are the curator"

SUFFIX = {"conll": ".conll", "jsonl": ".jsonl", "doccano": ".jsonl", "label-studio": ".json", "prodigy": ".jsonl"}


def exportable_layers(names: list[str], annotator: str | None) -> list[str]:
    """The layers ``annotator`` may export, gold last: every layer for the curator (``gold``), else their
    own layer and gold (limited to curated documents by the dialog). Another annotator's layer never."""
    if annotator == GOLD:
        layers = [name for name in names if name != GOLD]
    else:
        layers = [name for name in names if name == annotator and name != GOLD]
    return layers + ([GOLD] if GOLD in names else [])


class ExportDialog(FileJobDialog):
    exported = Signal(object)  # the ExportResult

    def __init__(
        self,
        project: Project,
        annotator: str | None = None,
        document_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            project,
            parent,
            action=tr("Export"),
            action_name="exportStart",
            failure=tr("Nothing was exported: {error}"),
        )
        self.setObjectName("exportDialog")
        self.setWindowTitle(tr("Export annotations"))
        self.export_button = self.action_button
        self.export_result: ExportResult | None = None

        self.format = QComboBox()
        self.format.setObjectName("exportFormat")
        for name, spec in EXPORTERS.items():
            self.format.addItem(f"{ltr(name)} — {tr(spec.description)}", name)
        self.format.currentIndexChanged.connect(self._format_changed)
        self.scheme = QComboBox()
        self.scheme.setObjectName("exportScheme")
        for name in SCHEMES:
            self.scheme.addItem(name.upper(), name)
        self.flat = QCheckBox(tr("Outermost spans only (one tag column)"))
        self.docstart = QCheckBox(tr("A -DOCSTART- line before each document"))
        self.curator = annotator == GOLD
        self.layer = QComboBox()
        self.layer.setObjectName("exportLayer")
        names = [a.name for a in project.annotators()]
        for name in exportable_layers(names, annotator):
            self.layer.addItem(tr("Gold (the curated layer)") if name == GOLD else name, name)
        if annotator is not None and self.layer.findData(annotator) >= 0:
            self.layer.setCurrentIndex(self.layer.findData(annotator))
        self.status = QComboBox()
        self.status.setObjectName("exportStatus")
        self.status.addItem(tr("Only documents marked done"), "done")
        self.status.addItem(tr("All documents"), "all")
        self.layer.currentIndexChanged.connect(self._layer_changed)
        self._layer_changed()

        self.all_documents = QRadioButton(tr("All documents"))
        self.chosen_documents = QRadioButton(tr("Only the documents ticked below"))
        self.all_documents.setObjectName("exportAllDocuments")
        self.chosen_documents.setObjectName("exportChosenDocuments")
        group = QButtonGroup(self)
        group.addButton(self.all_documents)
        group.addButton(self.chosen_documents)
        self.all_documents.setChecked(True)
        self.documents = QListWidget()
        self.documents.setObjectName("exportDocuments")
        self.documents.setMaximumHeight(130)
        for info in project.documents():
            item = QListWidgetItem(info.name)
            item.setData(Qt.ItemDataRole.UserRole, info.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if info.id == document_id else Qt.CheckState.Unchecked)
            self.documents.addItem(item)
        self.documents.itemChanged.connect(lambda _item: self.chosen_documents.setChecked(True))
        documents_box = QVBoxLayout()
        documents_box.addWidget(self.all_documents)
        documents_box.addWidget(self.chosen_documents)
        documents_box.addWidget(self.documents)

        self.target = QLineEdit()
        self.target.setObjectName("exportTarget")
        if str(project.path) != ":memory:":  # beside the project, named after it; the format fits the suffix
            where = Path(str(project.path))
            self.target.setText(str(where.parent / f"{where.stem}-export.conll"))
        browse = QPushButton(tr("Browse…"))
        browse.clicked.connect(self._browse)
        target_row = QHBoxLayout()
        target_row.addWidget(self.target, 1)
        target_row.addWidget(browse)

        form = QFormLayout()
        form.addRow(tr("Format:"), self.format)
        form.addRow(tr("Tagging scheme:"), self.scheme)
        form.addRow("", self.flat)
        form.addRow("", self.docstart)
        form.addRow(tr("Annotations of:"), self.layer)
        form.addRow(tr("Status:"), self.status)
        form.addRow(tr("Documents:"), documents_box)
        form.addRow(tr("Write to:"), target_row)

        self._lay_out(form)
        self.resize(640, 640)
        self._format_changed()

    # -- choosing ------------------------------------------------------------------------------

    def set_format(self, name: str) -> None:
        self.format.setCurrentIndex(self.format.findData(name))

    def _gold_limited(self) -> bool:
        """Whether the export is gold for an annotator: then curated (done) documents only, never gold in the making."""
        return self.layer.currentData() == GOLD and not self.curator

    def _layer_changed(self) -> None:
        limited = self._gold_limited()
        if limited:
            self.status.setCurrentIndex(self.status.findData("done"))
        self.status.setEnabled(not limited)
        self.status.setToolTip(tr(GOLD_DONE_ONLY) if limited else "")

    def _writes_folder(self) -> bool:
        return EXPORTERS[self.format.currentData()].writes_folder

    def _format_changed(self) -> None:
        name = self.format.currentData()
        self.scheme.setEnabled(name in ("conll", "hf"))
        self.flat.setEnabled(name == "conll")
        self.docstart.setEnabled(name == "conll")
        current = self.target.text().strip()
        if current:  # keep the place, fit the name to the format
            path = Path(current)
            if self._writes_folder():
                self.target.setText(str(path.with_suffix("")))
            else:
                self.target.setText(str(path.with_suffix(SUFFIX.get(name, path.suffix))))

    def _browse(self) -> None:
        if self._writes_folder():
            chosen = QFileDialog.getExistingDirectory(self, tr("Folder to export to"), self.target.text())
        else:
            chosen, _ = QFileDialog.getSaveFileName(self, tr("File to export to"), self.target.text())
        if chosen:
            self.target.setText(chosen)

    def chosen_document_ids(self) -> list[str] | None:
        if self.all_documents.isChecked():
            return None
        return [
            self.documents.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.documents.count())
            if self.documents.item(i).checkState() == Qt.CheckState.Checked
        ]

    # -- running -------------------------------------------------------------------------------

    def start(self) -> None:
        target = self.target.text().strip()
        if not target:
            self.summary.show_error(tr("Choose where to write the export first."))
            return
        if self.layer.count() == 0:
            self.summary.show_error(tr("This project has no annotations yet: nothing to export."))
            return
        documents = self.chosen_document_ids()
        if documents is not None and not documents:
            self.summary.show_error(tr("Tick at least one document, or choose all documents."))
            return
        layer = self.layer.currentData()
        options = ExportOptions(
            annotator=None if layer == GOLD else layer,
            gold=layer == GOLD,
            status="done" if self._gold_limited() else self.status.currentData(),
            documents=documents,
            scheme=self.scheme.currentData(),
            flat=self.flat.isChecked() and self.flat.isEnabled(),
            docstart=self.docstart.isChecked() and self.docstart.isEnabled(),
        )
        fmt = self.format.currentData()

        def work(project: Project, progress, cancelled) -> ExportResult:
            return export_project(project, fmt, target, options, progress=cancelling(progress, cancelled))

        self._run_in_project(work, tr("Exporting…"))

    def _done(self, result: ExportResult) -> None:
        self.export_result = result
        self.summary.show_lines([tr("Export finished."), *result.summary_lines(say)])
        self.exported.emit(result)

    def _cancelled(self) -> None:
        note = (
            tr("Export cancelled. Documents written before the cancel stay in the folder.")
            if self._writes_folder()
            else tr("Export cancelled: no file was written.")
        )
        self.summary.show_lines([note])
