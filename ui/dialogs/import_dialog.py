"""File → Import: articles and annotations from files or folders, read and stored in a worker.

The options are those of ``hashiya import`` (:func:`annotator.importing.import_paths`): format
(by extension, or one of :data:`~annotator.formats.READERS`), encoding and CoNLL scheme, the
annotator that imported annotations belong to, their status, adding unknown labels, skipping
bad files. Reading reports progress per file and can be cancelled; storing is one transaction,
so a failed or cancelled import leaves the project exactly as it was.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFileDialog, QFormLayout, QPushButton, QWidget

from annotator.formats import READERS, ReadOptions
from annotator.importing import ImportReport, import_paths
from annotator.model import GOLD, DocStatus
from annotator.store import Project
from ui.dialogs.common import LabelsRetry, PathList
from ui.dialogs.job_dialog import FileJobDialog
from ui.i18n import ltr, say, tr
from ui.workers import cancelling

FORMAT_TEXT = {
    "auto": "By file extension",
    "txt": "Plain text articles",
    "jsonl": "Hashiya JSONL",
    "conll": "CoNLL (token and tag columns)",
    "doccano": "doccano JSONL",
    "label-studio": "Label Studio JSON",
    "prodigy": "Prodigy JSONL",
    "brat": "brat standoff folder",
    "hf": "Hugging Face token classification folder",
}
ENCODINGS = ("utf-8", "windows-1256", "iso-8859-6", "utf-16", "cp720")
SCHEMES = ("iob2", "iob1", "bioes", "bilou")


class ImportDialog(FileJobDialog):
    imported = Signal(object)  # the ImportReport, after the project changed

    def __init__(self, project: Project, annotator: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(
            project,
            parent,
            action=tr("Import"),
            action_name="importStart",
            failure=tr("Nothing was imported: {error}"),
        )
        self.setObjectName("importDialog")
        self.setWindowTitle(tr("Import files"))
        self.import_button = self.action_button
        self.report: ImportReport | None = None
        self.importer = annotator  # whose log holds the import: the window's annotator, so Ctrl+Z undoes it

        self.files = PathList()
        self.files.setObjectName("importFiles")
        self.files.setMinimumHeight(90)
        add_files = QPushButton(tr("Add files…"))
        add_files.clicked.connect(self._choose_files)
        add_folder = QPushButton(tr("Add folder…"))
        add_folder.clicked.connect(self._choose_folder)
        file_row = self.files.with_buttons(add_files, add_folder)

        self.format = QComboBox()
        self.format.setObjectName("importFormat")
        for name in ("auto", *READERS):
            self.format.addItem(f"{ltr(name)} — {tr(FORMAT_TEXT.get(name, name))}", name)
        self.format.currentIndexChanged.connect(self._format_changed)
        self.encoding = QComboBox()
        self.encoding.setEditable(True)
        self.encoding.addItem(tr("Detect (UTF-8 or Windows-1256)"), None)
        for name in ENCODINGS:
            self.encoding.addItem(name, name)
        self.scheme = QComboBox()
        self.scheme.addItem(tr("Detect"), None)
        for name in SCHEMES:
            self.scheme.addItem(name.upper(), name)
        self.annotator = QComboBox()
        self.annotator.setObjectName("importAnnotator")
        self.annotator.setEditable(True)
        names = [a.name for a in project.annotators() if a.name != GOLD]
        self.annotator.addItems(names)
        self.annotator.setCurrentText(annotator or (names[0] if names else ""))
        self.status = QComboBox()
        self.status.setObjectName("importStatus")
        self.status.addItem(tr("Done (the default for annotated files)"), None)
        self.status.addItem(tr("In progress"), DocStatus.IN_PROGRESS)
        self.add_labels = QCheckBox(tr("Add labels missing from the schema"))
        self.add_labels.setObjectName("importAddLabels")
        self.skip_bad = QCheckBox(tr("Skip bad files (they are listed) instead of importing nothing"))
        self.skip_bad.setObjectName("importSkipBad")

        form = QFormLayout()
        form.addRow(tr("Files:"), file_row)
        form.addRow(tr("Format:"), self.format)
        form.addRow(tr("Encoding:"), self.encoding)
        form.addRow(tr("CoNLL scheme:"), self.scheme)
        form.addRow(tr("Annotations belong to:"), self.annotator)
        form.addRow(tr("Status of annotated documents:"), self.status)
        form.addRow("", self.add_labels)
        form.addRow("", self.skip_bad)

        self.retry = LabelsRetry(tr("Add the labels and import again"), self.add_labels, self.start)
        self.retry.setObjectName("importRetryAddLabels")
        self._lay_out(form, below=self.retry)
        self.resize(640, 560)
        self._format_changed()

    # -- choosing ------------------------------------------------------------------------------

    def add_paths(self, paths: list[str | Path]) -> None:
        self.files.add_paths(paths)

    def paths(self) -> list[str]:
        return self.files.paths()

    def set_format(self, name: str) -> None:
        self.format.setCurrentIndex(self.format.findData(name))

    def _choose_files(self) -> None:
        chosen, _ = QFileDialog.getOpenFileNames(self, tr("Files to import"))
        self.add_paths(chosen)

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, tr("Folder to import"))
        if chosen:
            self.add_paths([chosen])

    def _format_changed(self) -> None:
        name = self.format.currentData()
        self.annotator.setEnabled(name != "txt")
        self.status.setEnabled(name != "txt")
        self.scheme.setEnabled(name in ("auto", "conll"))

    # -- running -------------------------------------------------------------------------------

    def start(self) -> None:
        paths = self.paths()
        if not paths:
            self.summary.show_error(tr("Choose files or a folder to import first."))
            return
        fmt = self.format.currentData()
        typed = self.encoding.currentText().strip()
        index = self.encoding.findText(typed)
        encoding = self.encoding.itemData(index) if index >= 0 else (typed or None)  # or one the user typed
        options = ReadOptions(encoding=encoding, scheme=self.scheme.currentData())
        annotator = self.annotator.currentText().strip() if fmt != "txt" else ""
        status = self.status.currentData() if fmt != "txt" else None
        add_labels, skip_bad = self.add_labels.isChecked(), self.skip_bad.isChecked()
        importer = self.importer

        def work(project: Project, progress, cancelled) -> ImportReport:
            return import_paths(
                project,
                paths,
                fmt,
                options=options,
                annotator=annotator or None,
                status=status,
                add_labels=add_labels,
                skip_bad=skip_bad,
                progress=cancelling(progress, cancelled),
                logged_by=importer,
            )

        self.retry.hide()
        self._run_in_project(work, tr("Reading files…"))

    def _done(self, report: ImportReport) -> None:
        self.report = report
        self.summary.show_lines([tr("Import finished."), *report.summary_lines(say)])
        self.imported.emit(report)

    def _failed(self, message: str) -> None:
        super()._failed(message)
        self.retry.offer(message)

    def _cancelled(self) -> None:
        self.summary.show_lines([tr("Import cancelled: nothing was imported.")])
