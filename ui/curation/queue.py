"""The disagreement queue as a table, and the current disagreement spelled out per annotator.

Rows follow :attr:`annotator.sessions.curation.Curation.items` (text order, spans before relations).
Each version is written as label «text» (a relation as type «head» → «tail»), so a curator
can decide from the panel alone; the table never takes keyboard focus (keys stay with the
document view).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from annotator.sessions.curation import Curation, Disagreement
from ui.curation.layers import GOLD_COLOUR, GOLD_MARK, colour, letter
from ui.i18n import isolate, tr

COLUMNS = ("#", "Kind", "Text", "Versions", "Gold")
EXCERPT = 40


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"


def describe_key(text: str, key: tuple) -> str:
    """One span (start, end, label) or relation ((head), (tail), type) by content, for people."""
    if len(key) == 3 and isinstance(key[0], int):
        start, end, label = key
        return f"{label} «{text[start:end]}»"
    head, tail, label = key
    return f"{label} «{text[head[0] : head[1]]}» → «{text[tail[0] : tail[1]]}»"


def version_text(curation: Curation, item: Disagreement, index: int) -> str:
    keys = item.version_keys(index)
    return "; ".join(describe_key(curation.text, k) for k in keys) if keys else "—"


def gold_text(curation: Curation, item: Disagreement) -> str:
    if item.kind == "span":
        keys = sorted((g.start, g.end, g.label) for g in item.gold)
    else:
        spans = {s.id: (s.start, s.end, s.label) for s in curation.layers()[curation.gold.name]}
        keys = sorted((spans[r.head_id], spans[r.tail_id], r.label) for r in item.gold if r.head_id in spans)
    if keys:
        return "; ".join(describe_key(curation.text, k) for k in keys)
    return tr("rejected") if item.decided else tr("open")


class QueueTable(QTableWidget):
    rowChosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setObjectName("curationQueue")
        self.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.verticalHeader().hide()
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.cellClicked.connect(lambda row, _column: self.rowChosen.emit(row))
        self._shown: list[Disagreement] = []  # the (immutable) item each row shows now

    def show_queue(self, curation: Curation) -> None:
        """Show the queue, touching only rows whose text or state changed (a decision changes one)."""
        items = curation.items
        resized = len(items) != self.rowCount()
        self.setRowCount(len(items))
        letters = [letter(i) for i in range(len(curation.sources))]
        shown = self._shown[: len(items)]
        for row, item in enumerate(items):
            if row < len(shown) and shown[row] is item:  # the session reuses items a decision left alone
                continue
            versions = " · ".join(isolate(f"{x}: {version_text(curation, item, i)}") for i, x in enumerate(letters))
            cells = (
                str(row + 1),
                tr("span") if item.kind == "span" else tr("relation"),
                _excerpt(curation.text[item.start : item.end]),
                versions,
                gold_text(curation, item),
            )
            if row < len(shown):
                shown[row] = item
            else:
                shown.append(item)
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                if item.decided:
                    cell.setForeground(QBrush(QColor("#6b6b6b")))
                if column == 4 and not item.decided:
                    font = cell.font()
                    font.setBold(True)
                    cell.setFont(font)
                self.setItem(row, column, cell)
        self._shown = shown
        if resized:  # measuring every row is slow: only when rows came or went
            self.resizeColumnToContents(0)
            self.resizeColumnToContents(1)
            self.setColumnWidth(2, 150)
        self.show_position(curation.position)

    def show_position(self, position: int) -> None:
        if 0 <= position < self.rowCount():
            self.selectRow(position)
            self.scrollToItem(self.item(position, 0))
        else:
            self.clearSelection()


def detail_html(curation: Curation) -> str:
    """The current disagreement: each annotator's version in their colour, and gold's."""
    item = curation.current
    if item is None:
        if not curation.items:
            return escape(tr("No disagreements: the annotators agree on everything in this document."))
        return escape(tr("Press N or Tab to go to the first disagreement."))
    kind = tr("Span") if item.kind == "span" else tr("Relation")
    lines = [f"<b>{escape(kind)}</b> «{escape(_excerpt(curation.text[item.start : item.end]))}»"]
    # each piece isolated, so in the Arabic interface «A amal:» still comes before its version
    for i, source in enumerate(curation.sources):
        lines.append(
            f'<span style="color:{colour(i)}">{escape(isolate(f"{letter(i)} {source.name}:"))}</span> '
            f"{escape(isolate(version_text(curation, item, i)))}"
        )
    lines.append(
        f'<span style="color:{GOLD_COLOUR}">{escape(isolate(GOLD_MARK + " " + tr("gold") + ":"))}</span> '
        f"{escape(isolate(gold_text(curation, item)))}"
    )
    return "<br>".join(lines)
