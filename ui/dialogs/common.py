"""Pieces the File dialogs share: a progress row with Cancel, a summary box, the list of chosen
files, the offer to add missing labels and run again, error display, and telling the window about
what a background job wrote.

Errors reach users as the core's :class:`~annotator.errors.HashiyaError` text (which names the
file and line); the worker turns anything else into one line, so no traceback is ever shown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.store import Change
from annotator.store.postgres.urls import is_server_address
from ui.i18n import is_rtl, tr

if TYPE_CHECKING:
    from ui.window import MainWindow

LABELS_MISSING = "not in the project's schema"  # the core's wording when an input brings unknown labels


class ProgressRow(QWidget):
    """A message, a progress bar and Cancel; hidden while nothing runs."""

    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None, *, cancellable: bool = True) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setMinimumWidth(200)
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.setObjectName("cancelJob")
        self.cancel_button.clicked.connect(self._cancel)
        self.cancel_button.setVisible(cancellable)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.bar, 2)
        layout.addWidget(self.cancel_button)
        self.hide()

    def start(self, text: str) -> None:
        self.label.setText(text)
        self.bar.setRange(0, 0)  # busy until the first report
        self.cancel_button.setEnabled(True)
        self.show()

    def report(self, done: int, total: int, message: str) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(min(done, max(total, 1)))
        if message:
            self.bar.setFormat(f"%v / %m — {_short(message)}")
        else:
            self.bar.setFormat("%v / %m")

    def stop(self) -> None:
        self.hide()

    def _cancel(self) -> None:
        self.cancel_button.setEnabled(False)
        self.label.setText(tr("Cancelling…"))
        self.cancelRequested.emit()


def _short(path: str, keep: int = 48) -> str:
    return path if len(path) <= keep else "…" + path[-keep:]


class SummaryBox(QPlainTextEdit):
    """What a finished job did, line by line (selectable, so users can copy it into a bug report)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setObjectName("summary")
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setMinimumHeight(110)
        self.setPlaceholderText(tr("What was done will be shown here."))
        if is_rtl():  # Qt would guess each line's direction from a leading path; a quoted note stays an LTR island
            option = self.document().defaultTextOption()
            option.setTextDirection(Qt.LayoutDirection.RightToLeft)
            option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
            self.document().setDefaultTextOption(option)

    def show_lines(self, lines: Iterable[str]) -> None:
        self.setStyleSheet("")
        self.setPlainText("\n".join(lines))

    def show_error(self, message: str) -> None:
        self.setStyleSheet("QPlainTextEdit { color: #B00020; }")
        self.setPlainText(message)

    @property
    def text(self) -> str:
        return self.toPlainText()


class PathList(QListWidget):
    """The files or folders a job will read, each listed once."""

    def add_paths(self, paths: Iterable[str | Path]) -> None:
        present = set(self.paths())
        for path in map(str, paths):
            if path not in present:
                self.addItem(path)
                present.add(path)

    def paths(self) -> list[str]:
        return [self.item(i).text() for i in range(self.count())]

    def remove_selected(self) -> None:
        for item in self.selectedItems():
            self.takeItem(self.row(item))

    def with_buttons(self, *adders: QPushButton) -> QHBoxLayout:
        """The list with a column beside it: the buttons that add paths, then Remove."""
        remove = QPushButton(tr("Remove"))
        remove.clicked.connect(self.remove_selected)
        column = QVBoxLayout()
        for button in (*adders, remove):
            column.addWidget(button)
        column.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self, 1)
        row.addLayout(column)
        return row


class LabelsRetry(QPushButton):
    """Offered after a job failed on labels the schema lacks: ticks "add labels" and runs again.

    ``needle`` is the part of the core's message that names that failure (merging can add missing
    span labels but not relation types, so it looks for more than importing does).
    """

    def __init__(
        self, text: str, add_labels: QCheckBox, rerun: Callable[[], None], needle: str = LABELS_MISSING
    ) -> None:
        super().__init__(text)
        self.add_labels, self.rerun, self.needle = add_labels, rerun, needle
        self.hide()
        self.clicked.connect(self._retry)

    def offer(self, message: str) -> None:
        """Show the button when ``message`` is that failure and labels were not being added already."""
        self.setVisible(self.needle in message and not self.add_labels.isChecked())

    def _retry(self) -> None:
        self.add_labels.setChecked(True)
        self.rerun()


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    """A user-facing error: the message only (the core's text names file and line)."""
    QMessageBox.warning(parent, title, message)


def save_report(window: QMainWindow, project_path: str, title: str, name: str, filter_: str,
                save: Callable[[str], None]) -> None:  # fmt: skip
    """Ask where to save a report (beside the project file; in the home folder for a project in
    memory or on a server), write it with ``save``, and say so in ``window``'s status bar, or why not."""
    beside = project_path != ":memory:" and not is_server_address(project_path)
    folder = Path(project_path).parent if beside else Path.home()
    path, _ = QFileDialog.getSaveFileName(window, title, str(folder / name), filter_)
    if not path:
        return
    try:
        save(path)
    except OSError as error:
        show_error(window, title, tr("Could not write {path}: {error}").format(path=path, error=error.strerror))
        return
    window.statusBar().showMessage(tr("Saved {path}").format(path=path), 6000)


def after_background_write(window: MainWindow | None, change: Change | None) -> None:
    """A worker wrote through its own connection: tell this connection's subscribers.

    The worker's connection had no subscribers, so its change is delivered here, on the window's
    thread: the window, curation and other open views follow it like any other change (new
    documents become rows, an annotator's merged spans update their counts, new labels reach the
    palette). Nothing is re-read wholesale. While the worker ran, the window's store watcher was
    held (``MultiAnnotator`` connects the dialog's ``jobStarted``/``jobEnded``), so the same
    commit does not also arrive as an external change.
    """
    if window is None or change is None or change.empty:
        return
    window.session.project.deliver(change)
