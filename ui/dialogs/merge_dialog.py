"""File → Merge: other project files' annotations (and missing documents) into this project.

Wraps :func:`annotator.team.merge.merge_projects` in a worker. The merge is one transaction: a bad
file, or labels the project lacks, leave the project untouched; the labels case offers to try
again adding them. Conflicts (two different bodies of work under one annotator name) are
listed and nothing of them is overwritten.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QFileDialog, QLabel, QPushButton, QWidget

from annotator.store import Project
from annotator.team.merge import MergeReport, merge_projects
from ui.dialogs.common import LABELS_MISSING, LabelsRetry, PathList
from ui.dialogs.job_dialog import FileJobDialog
from ui.i18n import say, tr, trn

PROJECT_FILTER = "Hashiya projects (*.hashiya *.db *.sqlite);;All files (*)"


class MergeDialog(FileJobDialog):
    merged = Signal(object)  # the MergeReport, after the project changed

    def __init__(self, project: Project, annotator: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(
            project,
            parent,
            action=tr("Merge"),
            action_name="mergeStart",
            failure=tr("Nothing was merged: {error}"),
            cancellable=False,  # one transaction: nothing to stop half-way
        )
        self.setObjectName("mergeDialog")
        self.setWindowTitle(tr("Merge project files"))
        self.merge_button = self.action_button
        self.report: MergeReport | None = None
        self.merger = annotator  # whose log holds the merge: the window's annotator, so Ctrl+Z undoes it

        intro = QLabel(
            tr(
                "Documents are matched by their text and annotators by name. Merging a file twice changes "
                "nothing; different work under one annotator name is reported and never overwritten."
            )
        )
        intro.setWordWrap(True)
        self.files = PathList()
        self.files.setObjectName("mergeFiles")
        add = QPushButton(tr("Add project files…"))
        add.clicked.connect(self._choose)
        self.add_labels = QCheckBox(tr("Add labels missing from the schema"))
        self.add_labels.setObjectName("mergeAddLabels")
        # unknown span labels can be added; unknown relation types cannot (the merge says so)
        self.retry = LabelsRetry(
            tr("Add the labels and merge again"), self.add_labels, self.start, needle=f"labels {LABELS_MISSING}"
        )
        self.retry.setObjectName("mergeRetryAddLabels")
        self._lay_out(intro, self.files.with_buttons(add), self.add_labels, below=self.retry)
        self.resize(640, 480)

    def add_paths(self, paths: list[str | Path]) -> None:
        self.files.add_paths(paths)

    def paths(self) -> list[str]:
        return self.files.paths()

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
        add_labels, merger = self.add_labels.isChecked(), self.merger
        self.retry.hide()
        self._run_in_project(
            lambda project, progress, cancelled: merge_projects(
                project, paths, add_labels=add_labels, logged_by=merger
            ),
            tr("Merging…"),
        )

    def _done(self, report: MergeReport) -> None:
        self.report = report
        lines = [tr("Merge finished."), *report.summary_lines(say)]
        if report.conflicts:
            lines.append(
                trn(
                    "{n} conflicts: this project's work was kept; compare them in the curator's view.",
                    len(report.conflicts),
                )
            )
        self.summary.show_lines(lines)
        self.merged.emit(report)

    def _failed(self, message: str) -> None:
        super()._failed(message)
        self.retry.offer(message)
