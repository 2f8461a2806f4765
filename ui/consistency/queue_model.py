"""The Consistency queue as a two-level tree: findings by score, each over its occurrences.

A finding's row reads as one line (its kind, what it is about, its score); its children are its
occurrences as concordance lines (:mod:`ui.consistency.kwic`), with the label as stored and the fix
proposed for it: ``ORG → PERS`` (relabel), ``+ PERS`` (tag it), ``✕ PERS`` (remove), the new
extent's text (resize). The model holds the findings as the checks returned them (frozen
dataclasses); a fix or a dismissal takes rows out at once, the re-run that follows confirms it.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication

from annotator.consistency.findings import CheckKind, Finding, Fix, FixAction, Occurrence
from ui.consistency.kwic import AFTER, BEFORE, DIRECTION_ROLE, HIT, alignment, fill
from ui.i18n import tr

Index = QModelIndex | QPersistentModelIndex
LABEL, DOCUMENT = 3, 4
COLUMNS = ("Before", "Occurrence", "After", "Label → fix", "Document")
KIND_TEXT = {
    CheckKind.VARIATION: "Label variation",
    CheckKind.MISSED: "Missed occurrence",
    CheckKind.BOUNDARY: "Boundary variation",
    CheckKind.DISAGREEMENT: "Model disagreement",
    CheckKind.DRIFT: "Schema drift",
}
_TOP = 0  # internalId of a finding's row; an occurrence's row holds its finding's row + 1


def fix_text(occurrence: Occurrence) -> str:
    """The label column of an occurrence: its label and, when a fix is proposed, what it becomes."""
    label, fix = occurrence.label or "", occurrence.fix
    if fix is None:
        return label or "—"
    if fix.action == FixAction.RELABEL:
        return f"{label} → {fix.label}"
    if fix.action == FixAction.ADD:
        return f"+ {fix.label}"
    if fix.action == FixAction.REMOVE:
        return f"✕ {label}"
    return f"{label} ↔ {fix.start}–{fix.end}"  # resize: the new extent, in code points


def shown_label(occurrence: Occurrence) -> str | None:
    """The label whose colour an occurrence is filled with: as stored, else the one proposed."""
    fix: Fix | None = occurrence.fix
    return occurrence.label or (fix.label if fix is not None else None)


class QueueModel(QAbstractItemModel):
    """Findings (top level) and their occurrences (children); read-only, reset per run."""

    def __init__(self) -> None:
        super().__init__()
        self.findings: list[Finding] = []
        self.colours: dict[str, str] = {}
        self.alpha = 70

    # -- contents --------------------------------------------------------------------------------

    def set_findings(self, findings: list[Finding]) -> None:
        self.beginResetModel()
        self.findings = list(findings)
        self.endResetModel()

    def remove_finding(self, key: str) -> None:
        row = self.row_of(key)
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.findings[row]
            self.endRemoveRows()

    def remove_occurrence(self, key: str, occurrence: Occurrence) -> None:
        """An occurrence fixed on its own leaves its finding; a finding with no fix left goes."""
        row = self.row_of(key)
        if row < 0:
            return
        finding = self.findings[row]
        if occurrence not in finding.occurrences:
            return
        at = finding.occurrences.index(occurrence)
        rest = finding.occurrences[:at] + finding.occurrences[at + 1 :]
        if not any(o.fix is not None for o in rest):
            self.remove_finding(key)
            return
        self.beginRemoveRows(self.index(row, 0), at, at)
        self.findings[row] = Finding(
            finding.kind, finding.subject, finding.score, finding.summary, finding.proposal, rest, finding.detail
        )
        self.endRemoveRows()

    def row_of(self, key: str) -> int:
        return next((i for i, f in enumerate(self.findings) if f.key == key), -1)

    def finding_at(self, index: Index) -> Finding | None:
        if not index.isValid():
            return None
        row = index.row() if index.internalId() == _TOP else index.internalId() - 1
        return self.findings[row] if 0 <= row < len(self.findings) else None

    def occurrence_at(self, index: Index) -> Occurrence | None:
        if not index.isValid() or index.internalId() == _TOP:
            return None
        finding = self.finding_at(index)
        return finding.occurrences[index.row()] if finding is not None else None

    # -- the tree --------------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, _TOP if not parent.isValid() else parent.row() + 1)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _TOP)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self.findings)
        if parent.internalId() == _TOP and parent.column() == 0:
            return len(self.findings[parent.row()].occurrences)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        occurrence = self.occurrence_at(index)
        if occurrence is None:
            return self._finding_data(self.findings[index.row()], index.column(), role)
        return self._occurrence_data(occurrence, index.column(), role)

    def _finding_data(self, finding: Finding, column: int, role: int):
        if column != 0:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{tr(KIND_TEXT[finding.kind])} · {finding.summary} · {finding.score:.2f}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return finding.proposal
        if role == DIRECTION_ROLE:
            return QGuiApplication.layoutDirection()
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _occurrence_data(self, occurrence: Occurrence, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            cells = {
                BEFORE: occurrence.left,
                HIT: occurrence.text,
                AFTER: occurrence.right,
                LABEL: fix_text(occurrence),
            }
            return cells.get(column, occurrence.document_name)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return alignment(column)
        label = shown_label(occurrence)
        if role == Qt.ItemDataRole.BackgroundRole and column == HIT and occurrence.label is not None:
            return fill(self.colours.get(occurrence.label), self.alpha)  # untagged text stays unfilled
        if role == Qt.ItemDataRole.DecorationRole and column == LABEL and label is not None:
            return QColor(self.colours.get(label, "#8C8C8C"))
        if role == Qt.ItemDataRole.ToolTipRole and occurrence.annotator:
            return occurrence.annotator
        return None
