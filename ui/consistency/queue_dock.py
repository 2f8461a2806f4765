"""The Consistency dock: the queue of findings, the keys that act on them, and what is being checked.

The keys work while the queue has the keyboard (the buttons say them too): Enter fixes the current
occurrence, Shift+Enter applies the finding's fix to every occurrence (one undoable action),
Delete dismisses the finding, Space or a click shows the occurrence in the document, F5 checks
again. Which layer is checked is the window's annotator's; the curator chooses between gold and
everyone's layers (blind annotation: docs/blind.md).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QTreeView, QVBoxLayout, QWidget

from annotator.model import GOLD
from ui.consistency.kwic import set_up_kwic_view
from ui.consistency.queue_model import QueueModel
from ui.i18n import tr

EVERYONE = ""  # the layer combo's value for every annotator's layer (run_checks takes None)
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class QueueTree(QTreeView):
    """The findings and their occurrences; turns the queue's keys into signals."""

    fixOne = Signal()
    fixAll = Signal()
    dismiss = Signal()
    jump = Signal()
    recheck = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, shift = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if key in ENTER_KEYS:
            (self.fixAll if shift else self.fixOne).emit()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.dismiss.emit()
        elif key == Qt.Key.Key_Space:
            self.jump.emit()
        elif key == Qt.Key.Key_F5:
            self.recheck.emit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()


class QueueDock(QWidget):
    """What the Consistency dock holds; the feature (``ui/consistency/feature.py``) does the work."""

    layerChosen = Signal()
    modelCheck = Signal()

    def __init__(self, model: QueueModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("consistencyQueue")
        self.model = model
        self.layer = QComboBox()
        self.layer.addItem(tr("Gold"), GOLD)
        self.layer.addItem(tr("Everyone"), EVERYONE)
        self.layer.setToolTip(tr("The layer to check (the curator may check gold or everyone's work)"))
        self.recheck = QPushButton(tr("Check again (F5)"))
        self.with_model = QPushButton(tr("Check with the model (slower)"))
        self.with_model.setToolTip(tr("Also compare the annotation with cross-validated predictions of the model"))
        self.status = QLabel()
        self.tree = QueueTree()
        self.tree.setObjectName("consistencyTree")
        self.tree.setModel(model)
        set_up_kwic_view(self.tree, (220, 110, 220, 120, 90))
        self.fix_all = QPushButton(tr("Fix all (Shift+Enter)"))
        self.fix_one = QPushButton(tr("Fix this one (Enter)"))
        self.dismiss = QPushButton(tr("Dismiss (Delete)"))
        for button in (self.fix_all, self.fix_one, self.dismiss, self.recheck, self.with_model):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay with the queue
        top = QHBoxLayout()
        top.addWidget(self.layer)
        top.addWidget(self.recheck)
        top.addWidget(self.with_model)
        top.addWidget(self.status, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.fix_all)
        bottom.addWidget(self.fix_one)
        bottom.addWidget(self.dismiss)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addLayout(bottom)
        self.fix_all.clicked.connect(self.tree.fixAll)
        self.fix_one.clicked.connect(self.tree.fixOne)
        self.dismiss.clicked.connect(self.tree.dismiss)
        self.recheck.clicked.connect(self.tree.recheck)
        self.with_model.clicked.connect(self.modelCheck)
        self.layer.activated.connect(lambda _row: self.layerChosen.emit())
        self.tree.clicked.connect(lambda _index: self.tree.jump.emit())
        model.modelReset.connect(self._after_reset)

    def show_layer_choice(self, curator: bool) -> None:
        """The combo is there only for the curator: an annotator checks their own layer (blind)."""
        self.layer.setVisible(curator)

    def chosen_layer(self) -> str | None:
        """The curator's choice: ``gold``, or None for everyone's layers."""
        return self.layer.currentData() or None

    def current(self) -> QModelIndex:
        return self.tree.currentIndex()

    def where(self) -> tuple[str | None, int]:
        """The current finding's key and row (before a re-run replaces the findings)."""
        index = self.current()
        finding = self.model.finding_at(index)
        if finding is None:
            return None, -1
        top = index if not index.parent().isValid() else index.parent()
        return finding.key, top.row()

    def go_back_to(self, key: str | None, row: int) -> None:
        """After a re-run: the same finding if it is still there, else the one now in its place."""
        if key is None:
            return
        found = self.model.row_of(key)
        row = found if found >= 0 else min(row, self.model.rowCount() - 1)
        if row >= 0:
            self.tree.setCurrentIndex(self.model.index(row, 0))

    def _after_reset(self) -> None:
        """A fresh run: the findings open on their occurrences, the first one current."""
        self.tree.expandAll()
        for row in range(self.model.rowCount()):
            self.tree.setFirstColumnSpanned(row, QModelIndex(), True)
        if self.model.rowCount():
            self.tree.setCurrentIndex(self.model.index(0, 0))
