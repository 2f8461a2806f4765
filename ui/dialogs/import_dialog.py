"""File → Import: articles and annotations from files or folders, read and stored in a worker.

The options are those of ``hashiya import`` (:func:`annotator.importing.import_paths`): format
(by extension, or one of :data:`~annotator.formats.READERS`), encoding and CoNLL scheme, the
annotator that imported annotations belong to, their status, adding unknown labels, skipping
bad files. Reading reports progress per file and can be cancelled; storing is one transaction,
so a failed or cancelled import leaves the project exactly as it was.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.curation import GOLD
from annotator.formats import READERS, ReadOptions
from annotator.importing import ImportReport, import_paths
from annotator.model import DocStatus
from annotator.store import Project
from ui.dialogs.common import LABELS_MISSING, ProgressRow, SummaryBox
from ui.i18n import tr
from ui.workers import Job, cancelling, start_project_job

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


class ImportDialog(QDialog):
    imported = Signal(object)  # the ImportReport, after the project changed

    def __init__(self, project: Project, annotator: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(tr("Import files"))
        self.project = project
        self.job: Job | None = None
        self.report: ImportReport | None = None

        self.files = QListWidget()
        self.files.setObjectName("importFiles")
        self.files.setMinimumHeight(90)
        add_files = QPushButton(tr("Add files…"))
        add_files.clicked.connect(self._choose_files)
        add_folder = QPushButton(tr("Add folder…"))
        add_folder.clicked.connect(self._choose_folder)
        remove = QPushButton(tr("Remove"))
        remove.clicked.connect(lambda: [self.files.takeItem(self.files.row(i)) for i in self.files.selectedItems()])
        file_buttons = QVBoxLayout()
        for button in (add_files, add_folder, remove):
            file_buttons.addWidget(button)
        file_buttons.addStretch(1)
        file_row = QHBoxLayout()
        file_row.addWidget(self.files, 1)
        file_row.addLayout(file_buttons)

        self.format = QComboBox()
        self.format.setObjectName("importFormat")
        for name in ("auto", *READERS):
            self.format.addItem(f"{name} — {tr(FORMAT_TEXT.get(name, name))}", name)
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

        self.progress = ProgressRow()
        self.progress.cancelRequested.connect(self.cancel)
        self.summary = SummaryBox()
        self.retry = QPushButton(tr("Add the labels and import again"))
        self.retry.setObjectName("importRetryAddLabels")
        self.retry.hide()
        self.retry.clicked.connect(self._retry_with_labels)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.import_button = self.buttons.addButton(tr("Import"), QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button.setObjectName("importStart")
        self.import_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary, 1)
        layout.addWidget(self.retry, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.buttons)
        self.resize(640, 560)
        self._format_changed()

    # -- choosing ------------------------------------------------------------------------------

    def add_paths(self, paths: list[str | Path]) -> None:
        present = set(self.paths())
        for path in map(str, paths):
            if path not in present:
                self.files.addItem(path)
                present.add(path)

    def paths(self) -> list[str]:
        return [self.files.item(i).text() for i in range(self.files.count())]

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
            )

        self._running(True)
        self.retry.hide()
        self.summary.show_lines([])
        self.progress.start(tr("Reading files…"))
        self.job = start_project_job(
            self,
            self.project,
            work,
            on_progress=self.progress.report,
            on_done=self._done,
            on_failed=self._failed,
            on_cancelled=self._cancelled,
        )

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _running(self, running: bool) -> None:
        self.import_button.setEnabled(not running)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setEnabled(not running)

    def _finish(self) -> None:
        self.job = None
        self.progress.stop()
        self._running(False)

    def _done(self, report: ImportReport) -> None:
        self._finish()
        self.report = report
        self.summary.show_lines([tr("Import finished."), *report.summary_lines()])
        self.imported.emit(report)

    def _failed(self, message: str) -> None:
        self._finish()
        self.summary.show_error(tr("Nothing was imported: {error}").format(error=message))
        self.retry.setVisible(LABELS_MISSING in message and not self.add_labels.isChecked())

    def _cancelled(self) -> None:
        self._finish()
        self.summary.show_lines([tr("Import cancelled: nothing was imported.")])

    def _retry_with_labels(self) -> None:
        self.add_labels.setChecked(True)
        self.start()

    def reject(self) -> None:
        if self.job is not None:  # closing while reading: stop, nothing is stored
            self.job.cancel()
        super().reject()
