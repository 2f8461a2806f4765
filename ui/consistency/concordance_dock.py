"""The Concordance dock: a word or name searched in every document, one right-to-left line per hit.

Typing searches after a short pause (:data:`TYPING_MS`), in a worker (``ui/workers.py``); a newer
query cancels the older one, and a change to the annotation searches again (for the labels shown).
Each line shows the labels over the hit: blind annotation (docs/blind.md) shows an annotator their
own layer only; the curator (the window annotating as ``gold``) sees every layer, each label with
its annotator's name. Clicking a line, or Enter on
it, opens its document and selects the hit (:mod:`ui.consistency.navigate`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTreeView, QVBoxLayout, QWidget

from annotator.concordance import Concordance, Cover, Hit
from annotator.model import GOLD
from ui.consistency.feature import touches_annotation
from ui.consistency.kwic import AFTER, BEFORE, HIT, alignment, fill, set_up_kwic_view
from ui.consistency.navigate import jump_to
from ui.i18n import tr
from ui.workers import Job, start_project_job

if TYPE_CHECKING:
    from annotator.store import Change
    from ui.window import MainWindow

Index = QModelIndex | QPersistentModelIndex
LABELS, DOCUMENT = 3, 4
COLUMNS = ("Before", "Hit", "After", "Labels", "Document")
TYPING_MS = 250
LIMIT = 2000  # hits shown at most


def covering(hit: Hit) -> Cover | None:
    """The span a line is coloured by: one with the hit's extent, else the first over it."""
    exact = [c for c in hit.spans if c.exact(hit.start, hit.end)]
    return (exact or list(hit.spans) or [None])[0]


class ConcordanceModel(QAbstractTableModel):
    """The hits of the last search, as KWIC lines."""

    def __init__(self) -> None:
        super().__init__()
        self.hits: list[Hit] = []
        self.colours: dict[str, str] = {}
        self.alpha = 70
        self.with_names = False  # the curator sees whose each label is

    def set_hits(self, hits: list[Hit]) -> None:
        self.beginResetModel()
        self.hits = hits
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.hits)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(COLUMNS[section])
        return None

    def labels(self, hit: Hit) -> str:
        parts = [f"{c.label} ({c.annotator})" if self.with_names else c.label for c in hit.spans]
        return ", ".join(dict.fromkeys(parts)) or "—"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        hit, column = self.hits[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            cells = {BEFORE: hit.left, HIT: hit.text, AFTER: hit.right, LABELS: self.labels(hit)}
            return cells.get(column, hit.document_name)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return alignment(column)
        cover = covering(hit)
        if cover is None:
            return None
        if role == Qt.ItemDataRole.BackgroundRole and column == HIT:
            return fill(self.colours.get(cover.label), self.alpha)
        if role == Qt.ItemDataRole.DecorationRole and column == LABELS:
            return QColor(self.colours.get(cover.label, "#8C8C8C"))
        return None


class ConcordanceDock(QWidget):
    """The search box, the count and the lines; searches run in a worker."""

    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("concordance")
        self.window = window
        self.concordance = Concordance()  # keys per document, kept for the window's life (texts never change)
        self.model = ConcordanceModel()
        self.field = QLineEdit()
        self.field.setPlaceholderText(tr("Search all documents (ignores diacritics and proclitics)"))
        self.field.setClearButtonEnabled(True)
        self.count = QLabel()
        self.lines = QTreeView()
        self.lines.setObjectName("concordanceLines")
        self.lines.setRootIsDecorated(False)
        self.lines.setModel(self.model)
        set_up_kwic_view(self.lines, (220, 110, 220, 120, 90))
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Concordance:")))
        top.addWidget(self.field, 1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.lines, 1)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(TYPING_MS)
        self.timer.timeout.connect(self.search)
        self.field.textChanged.connect(lambda _text: self.timer.start())
        self.field.returnPressed.connect(self.search)
        self.lines.clicked.connect(self.jump)
        self.lines.activated.connect(self.jump)
        self.job: Job | None = None

    def search(self) -> None:
        """Search the corpus for the box's text; the labels shown are the ones this window may see."""
        self.timer.stop()
        if self.job is not None and self.job.running:
            self.job.cancel()
        query = self.field.text()
        curator = self.window.session.annotator.name == GOLD
        layer = None if curator else self.window.session.annotator.name
        self.model.with_names = curator
        if not query.strip():
            self.model.set_hits([])
            self.count.setText("")
            return
        concordance = self.concordance
        self.count.setText(tr("Searching…"))
        job = start_project_job(
            self,
            self.window.session.project,
            lambda project, _progress, cancelled: concordance.search(
                project, query, layer=layer, limit=LIMIT, cancelled=cancelled
            ),
        )
        job.on_done = lambda hits: self._found(job, hits)
        self.job = job

    def _found(self, job: Job, hits: list[Hit]) -> None:
        if job is not self.job or job.cancel_requested:
            return  # a newer search is on its way
        self.model.colours, self.model.alpha = self.window.colours, self.window.theme.fill_alpha  # as the view
        self.model.set_hits(hits)
        self.count.setText(tr("Hits: {n}").format(n=len(hits)) if hits else tr("no hits"))

    def jump(self, index: QModelIndex) -> None:
        if index.isValid():
            hit = self.model.hits[index.row()]
            cover = covering(hit)
            span_id = cover.span_id if cover is not None and cover.exact(hit.start, hit.end) else None
            jump_to(self.window, hit.document_id, hit.start, hit.end, span_id)

    def on_change(self, change: Change) -> None:
        """Labels changed somewhere (a fix, a key in the view, an undo): the lines shown search again."""
        if touches_annotation(change) and self.isVisible() and self.field.text().strip():
            self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        if self.job is not None and self.job.running:
            self.job.cancel()
