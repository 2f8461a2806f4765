"""File → Merge: other project files' annotations (and missing documents) into this project.

Wraps :func:`annotator.merge.merge_projects` in a worker. The merge is one transaction: a bad
file, or labels the project lacks, leave the project untouched; the labels case offers to try
again adding them. Conflicts (two different bodies of work under one annotator name) are
listed and nothing of them is overwritten.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.merge import MergeReport, merge_projects
from annotator.store import Project
from ui.dialogs.common import LABELS_MISSING, ProgressRow, SummaryBox
from ui.i18n import tr
from ui.workers import Job, start_project_job

PROJECT_FILTER = "Hashiya projects (*.hashiya *.db *.sqlite);;All files (*)"


class MergeDialog(QDialog):
    merged = Signal(object)  # the MergeReport, after the project changed

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.setWindowTitle(tr("Merge project files"))
        self.project = project
        self.job: Job | None = None
        self.report: MergeReport | None = None

        intro = QLabel(
            tr(
                "Documents are matched by their text and annotators by name. Merging a file twice changes "
                "nothing; different work under one annotator name is reported and never overwritten."
            )
        )
        intro.setWordWrap(True)
        self.files = QListWidget()
        self.files.setObjectName("mergeFiles")
        add = QPushButton(tr("Add project files…"))
        add.clicked.connect(self._choose)
        remove = QPushButton(tr("Remove"))
        remove.clicked.connect(lambda: [self.files.takeItem(self.files.row(i)) for i in self.files.selectedItems()])
        side = QVBoxLayout()
        side.addWidget(add)
        side.addWidget(remove)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.files, 1)
        row.addLayout(side)
        self.add_labels = QCheckBox(tr("Add labels missing from the schema"))
        self.add_labels.setObjectName("mergeAddLabels")
        self.progress = ProgressRow(cancellable=False)  # one transaction: nothing to stop half-way
        self.summary = SummaryBox()
        self.retry = QPushButton(tr("Add the labels and merge again"))
        self.retry.setObjectName("mergeRetryAddLabels")
        self.retry.hide()
        self.retry.clicked.connect(self._retry_with_labels)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.merge_button = self.buttons.addButton(tr("Merge"), QDialogButtonBox.ButtonRole.ActionRole)
        self.merge_button.setObjectName("mergeStart")
        self.merge_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.add_labels)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary, 1)
        layout.addWidget(self.retry, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.buttons)
        self.resize(640, 480)

    def add_paths(self, paths: list[str | Path]) -> None:
        present = {self.files.item(i).text() for i in range(self.files.count())}
        for path in map(str, paths):
            if path not in present:
                self.files.addItem(path)
                present.add(path)

    def paths(self) -> list[str]:
        return [self.files.item(i).text() for i in range(self.files.count())]

    def _choose(self) -> None:
        chosen, _ = QFileDialog.getOpenFileNames(self, tr("Project files to merge"), "", PROJECT_FILTER)
        self.add_paths(chosen)

    def start(self) -> None:
        paths = self.paths()
        if not paths:
            self.summary.show_error(tr("Choose one or more project files to merge first."))
            return
        own = Path(str(self.project.path))
        if any(Path(p).resolve() == own.resolve() for p in paths if own.exists()):
            self.summary.show_error(tr("A project cannot be merged into itself."))
            return
        add_labels = self.add_labels.isChecked()
        self.merge_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setEnabled(False)
        self.retry.hide()
        self.summary.show_lines([])
        self.progress.start(tr("Merging…"))
        self.job = start_project_job(
            self,
            self.project,
            lambda project, progress, cancelled: merge_projects(project, paths, add_labels=add_labels),
            on_done=self._done,
            on_failed=self._failed,
        )

    def _finish(self) -> None:
        self.job = None
        self.progress.stop()
        self.merge_button.setEnabled(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setEnabled(True)

    def _done(self, report: MergeReport) -> None:
        self._finish()
        self.report = report
        lines = [tr("Merge finished."), *report.summary_lines()]
        if report.conflicts:
            lines.append(
                tr("{n} conflict(s): this project's work was kept; compare them in the curator's view.").format(
                    n=len(report.conflicts)
                )
            )
        self.summary.show_lines(lines)
        self.merged.emit(report)

    def _failed(self, message: str) -> None:
        self._finish()
        self.summary.show_error(tr("Nothing was merged: {error}").format(error=message))
        # unknown span labels can be added; unknown relation types cannot (the merge says so)
        self.retry.setVisible(f"labels {LABELS_MISSING}" in message and not self.add_labels.isChecked())

    def _retry_with_labels(self) -> None:
        self.add_labels.setChecked(True)
        self.start()
