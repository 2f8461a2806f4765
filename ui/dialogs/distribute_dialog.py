"""File → Distribute…: the lead hands the documents out, one project file per annotator (issue 16).

Wraps :func:`annotator.team.distribute.distribute` (the same run as ``hashiya distribute``). The
form previews the run while the lead edits it: :func:`~annotator.team.distribute.plan_distribution`
is one query that reads no document text, so it follows every edit (after a short pause, so typing
a name does not plan once per letter). The preview and the run use the same seed and the same
documents, so what is previewed is what is written.

The run writes in a worker with a progress bar and Cancel. The core stages every file in a hidden
folder and puts them in place only when all are complete, and the Cancel is honoured up to that
moment: a cancelled or failed run leaves no file behind. Files already in the folder are refused
here, before any work, unless the lead ticks "Replace".
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.errors import HashiyaError
from annotator.model import GOLD
from annotator.store import Project
from annotator.team.distribute import (
    DistributeOptions,
    DistributionPlan,
    DistributionReport,
    NothingToHandOut,
    distribute,
    existing_targets,
    plan_distribution,
    target_of,
    usable_as_file_name,
)
from ui.dialogs.job_dialog import FileJobDialog
from ui.i18n import isolate, say, tr
from ui.workers import cancelling

PREVIEW_DELAY_MS = 150  # a pause in the lead's typing before the plan is made again
ERROR_STYLE = "color: #B00020;"
FILE_LINE = "{file} for {annotator}: documents: {documents}, in the overlap: {overlap}"
FILE_LINE_OWN_WORK = FILE_LINE + ", with their earlier work: {own}"
COLUMNS = ("Annotator", "Documents", "In the overlap", "Own share", "File")


class NameList(QWidget):
    """The annotators to hand documents to: a list the lead edits (double-click renames), a name
    field (Enter or Add puts it in; commas separate several) and Remove."""

    changed = Signal()

    def __init__(self, names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setObjectName("distributeAnnotators")
        self.entry = QLineEdit()
        self.entry.setObjectName("distributeNewName")
        self.entry.setPlaceholderText(tr("Annotator's name"))
        self.entry.returnPressed.connect(self.add_entry)
        add = QPushButton(tr("Add"))
        add.setObjectName("distributeAddName")
        add.clicked.connect(self.add_entry)
        remove = QPushButton(tr("Remove"))
        remove.setObjectName("distributeRemoveName")
        remove.clicked.connect(self.remove_selected)
        for name in names:
            self._append(name)
        model = self.list.model()
        for signal in (model.rowsInserted, model.rowsRemoved, model.dataChanged):
            signal.connect(self.changed)
        entry_row = QHBoxLayout()
        entry_row.addWidget(self.entry, 1)
        entry_row.addWidget(add)
        entry_row.addWidget(remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(entry_row)
        self.list.setMaximumHeight(110)

    def _append(self, name: str) -> None:
        item = QListWidgetItem(name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.list.addItem(item)

    def add_entry(self) -> None:
        for name in self.entry.text().split(","):
            if name.strip():
                self._append(name.strip())
        self.entry.clear()

    def remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))

    def names(self) -> list[str]:
        texts = (self.list.item(i).text().strip() for i in range(self.list.count()))
        return [name for name in texts if name]


class DistributeDialog(FileJobDialog):
    distributed = Signal(object)  # the DistributionReport, once every file is in place

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(
            project,
            parent,
            action=tr("Distribute"),
            action_name="distributeStart",
            failure=tr("Nothing was written: {error}"),
            cancellable=True,  # the files are staged: stopping before they are put in place leaves nothing
        )
        self.setObjectName("distributeDialog")
        self.setWindowTitle(tr("Distribute to annotators"))
        self.plan: DistributionPlan | None = None
        self.report: DistributionReport | None = None

        intro = QLabel(
            tr(
                "Each annotator gets a project file of their own: their share of the documents nobody has "
                "marked done yet, the overlap sample every annotator gets (agreement is measured on it), the "
                "schema and the guidelines. No file carries anyone else's work."
            )
        )
        intro.setWordWrap(True)
        self.names = NameList([a.name for a in project.annotators() if a.name != GOLD])
        self.overlap = QSpinBox(objectName="distributeOverlap")
        self.overlap.setRange(0, 95)
        self.overlap.setSuffix(" %")
        self.overlap.setValue(20)
        self.per_annotator = QSpinBox(objectName="distributePerAnnotator")
        self.per_annotator.setRange(0, 1_000_000)
        self.per_annotator.setSpecialValueText(tr("No limit"))
        self.seed = QSpinBox(objectName="distributeSeed")
        self.seed.setRange(0, 2**31 - 1)
        self.stratify = QComboBox(objectName="distributeStratify")
        self.stratify.addItem(tr("Source"), "source")
        self.stratify.addItem(tr("Length"), "length")
        self.folder = QLineEdit(_first_free_round(project), objectName="distributeFolder")
        choose = QPushButton(tr("Choose…"))
        choose.clicked.connect(self._choose)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(choose)
        self.force = QCheckBox(tr("Replace files that already exist"), objectName="distributeForce")

        form = QFormLayout()
        form.addRow(tr("Annotators:"), self.names)
        form.addRow(tr("Overlap (every annotator):"), self.overlap)
        form.addRow(tr("At most per annotator:"), self.per_annotator)
        form.addRow(tr("Draw the overlap by:"), self.stratify)
        form.addRow(tr("Seed:"), self.seed)
        form.addRow(tr("Output folder:"), folder_row)
        form.addRow("", self.force)

        self.table = QTableWidget(0, len(COLUMNS), objectName="distributePreview")
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.setMaximumHeight(130)
        self.note = QLabel(objectName="distributeNote")  # what the run hands out, skips and holds back
        self.note.setWordWrap(True)
        self.problem = QLabel(objectName="distributeProblem")  # why it cannot run as it stands
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_STYLE)
        preview_title = QLabel(tr("What this run will write:"))

        self._lay_out(intro, form, preview_title, self.table, self.note, self.problem)
        for button in self.findChildren(QPushButton):  # Enter in the name field adds a name, never runs
            button.setAutoDefault(False)
        self.preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self.preview_timer.timeout.connect(self.refresh_preview)
        for signal in (
            self.names.changed,
            self.overlap.valueChanged,
            self.per_annotator.valueChanged,
            self.seed.valueChanged,
            self.stratify.currentIndexChanged,
            self.folder.textChanged,
            self.force.toggled,
        ):
            signal.connect(self.preview_timer.start)
        self.refresh_preview()
        self.resize(760, 820)

    # -- the form -------------------------------------------------------------------------------

    def options(self) -> DistributeOptions:
        return DistributeOptions(
            annotators=tuple(self.names.names()),
            overlap=self.overlap.value() / 100,
            per_annotator=self.per_annotator.value() or None,
            seed=self.seed.value(),
            stratify=self.stratify.currentData(),
            force=self.force.isChecked(),
        )

    def _names_problem(self) -> str | None:
        """What is wrong with the names, in the window's words (the core checks the same again)."""
        names = self.names.names()
        if not names:
            return tr("Add the annotators to hand documents to.")
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            return tr("Named twice: {names}").format(names=", ".join(map(isolate, twice)))
        if GOLD in names:
            return tr("{gold} is the curated layer, not an annotator to hand documents to.").format(gold=isolate(GOLD))
        bad = [n for n in names if not usable_as_file_name(n)]
        if bad:
            return tr("A name must be usable as a file name: {names}").format(names=", ".join(map(isolate, bad)))
        return None

    def _folder_problem(self, folder: str) -> str | None:
        if not folder:
            return tr("Choose the folder for the annotators' files first.")
        own = Path(str(self.project.path)).resolve()
        if any(target_of(folder, n).resolve() == own for n in self.names.names()):
            return tr("An annotator's file would replace this project: choose another folder.")
        if not self.force.isChecked():
            existing = existing_targets(folder, self.names.names())
            if existing:
                files = ", ".join(isolate(p.name) for p in existing)
                return tr(
                    "Already in the folder: {files}. Tick “Replace files that already exist” to overwrite them."
                ).format(files=files)
        return None

    def _choose(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, tr("Folder for the annotators' files"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    # -- the preview ----------------------------------------------------------------------------

    def refresh_preview(self) -> None:
        """Plan the run as the form stands and show it: one row per file, then what the run skips."""
        self.preview_timer.stop()
        self.plan = None
        self.table.setRowCount(0)
        problem = self._names_problem()
        if problem is None:
            try:
                self.plan = plan_distribution(self.project, self.options())
            except NothingToHandOut:
                problem = tr("Every document is marked done already: there is nothing to hand out.")
            except HashiyaError as error:
                problem = str(error)
        if self.plan is None:
            self._show_note([], problem)
            return
        plan, folder = self.plan, self.folder.text().strip()
        overlap = len(plan.split.overlap)
        for row, name in enumerate(plan.annotators):
            size = plan.file_size(name)
            path = target_of(folder, name).name
            self.table.insertRow(row)
            for column, value in enumerate((name, size, overlap, size - overlap, path)):
                self.table.setItem(row, column, QTableWidgetItem(str(value)))
        lines = [
            tr("Documents handed out in this run: {count}").format(count=len(plan.document_ids)),
            tr("In the overlap sample, given to every annotator: {count}").format(count=overlap),
        ]
        if plan.skipped_done:
            lines.append(tr("Marked done already, not handed out again: {count}").format(count=plan.skipped_done))
        if plan.split.held_back:
            lines.append(
                tr("Held back for a later run (the per-annotator limit): {count}").format(
                    count=len(plan.split.held_back)
                )
            )
        self._show_note(lines, self._folder_problem(folder))

    def _show_note(self, lines: list[str], problem: str | None) -> None:
        self.note.setText("\n".join(lines))
        self.note.setVisible(bool(lines))
        self.problem.setText(problem or "")
        self.problem.setVisible(bool(problem))

    # -- the run --------------------------------------------------------------------------------

    def start(self) -> None:
        if self.job is not None:
            return
        if self.preview_timer.isActive():  # the preview shows what runs, the last edit included
            self.refresh_preview()
        folder = self.folder.text().strip()
        problem = self._names_problem() or self._folder_problem(folder)
        if problem:
            self.summary.show_error(problem)
            return
        options = self.options()
        self._run_in_project(
            lambda project, progress, cancelled: distribute(project, folder, options, cancelling(progress, cancelled)),
            tr("Writing the annotators' files…"),
        )

    def _done(self, report: DistributionReport) -> None:
        self.report = report
        folder = report.files[0].path.parent if report.files else ""
        lines = [say("Distribution finished. Files written in {folder}:", folder=folder)]
        for file in report.files:
            template = FILE_LINE_OWN_WORK if file.own_work else FILE_LINE
            lines.append(
                say(
                    template,
                    file=file.path.name,
                    annotator=file.annotator,
                    documents=file.documents,
                    overlap=file.overlap,
                    own=file.own_work,
                )
            )
        overlap = len(report.split.overlap)
        lines.append(
            say(
                "In the overlap sample, given to every annotator: {count} (seed {seed})",
                count=overlap,
                seed=report.seed,
            )
        )
        if report.skipped_done:
            lines.append(say("Marked done already, not handed out again: {count}", count=report.skipped_done))
        if report.split.held_back:
            lines.append(say("Held back for a later run: {count}", count=len(report.split.held_back)))
        lines.append(tr("Bring the files back with File → Merge project files…"))
        self.summary.show_lines(lines)
        self.distributed.emit(report)  # the preview stays as it was: what this run wrote

    def hideEvent(self, event) -> None:
        self.preview_timer.stop()  # a closed dialog plans nothing (its project may be closing)
        super().hideEvent(event)

    def _cancelled(self) -> None:
        self.summary.show_lines([tr("Cancelled: no file was written.")])


def _first_free_round(project: Project) -> str:
    """A folder beside the project for this run's files: ``round-1``, or the first ``round-N`` not there yet."""
    if str(project.path) == ":memory:":
        return ""
    parent = Path(str(project.path)).resolve().parent
    n = 1
    while (parent / f"round-{n}").exists():
        n += 1
    return str(parent / f"round-{n}")
