"""The "Accept all above a score…" dialog: a spin box that says how many suggestions it would accept."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QLabel, QWidget

from annotator.recommenders.base import best_non_overlapping
from annotator.store.suggestions import StoredSuggestion
from ui.i18n import tr, trn


class ThresholdDialog(QDialog):
    """Choose a score; the label below counts what would be accepted (overlaps: the best one)."""

    def __init__(self, pending: Callable[[], list[StoredSuggestion]], threshold: float, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("thresholdDialog")
        self.setWindowTitle(tr("Accept suggestions above a score"))
        self._pending = pending()
        self.spin = QDoubleSpinBox()
        self.spin.setObjectName("thresholdSpin")
        self.spin.setRange(0.0, 1.0)
        self.spin.setSingleStep(0.05)
        self.spin.setDecimals(2)
        self.spin.setValue(threshold)
        self.count = QLabel()
        self.count.setObjectName("thresholdCount")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(tr("Lowest score to accept:"), self.spin)
        form.addRow(self.count)
        form.addRow(buttons)
        self.spin.valueChanged.connect(self._recount)
        self._recount()

    @property
    def threshold(self) -> float:
        return round(self.spin.value(), 2)

    def would_accept(self) -> int:
        return len(best_non_overlapping([s for s in self._pending if s.score >= self.threshold]))

    def _recount(self) -> None:
        self.count.setText(
            trn(
                "{accepted} of {n} suggestions in this document would be accepted",
                len(self._pending),
                accepted=self.would_accept(),
            )
        )
