"""The curator's side panel: who is who (colours, layers on and off), the current disagreement,
the decision buttons and the queue. It only shows and forwards; the window decides."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from annotator.model import GOLD, Annotator
from ui.curation.layers import GOLD_COLOUR, GOLD_MARK, colour, letter
from ui.curation.queue import QueueTable
from ui.i18n import tr

KEYS_HELP = (
    "N / P: next / previous disagreement · Tab: next open one · A B C D: take that annotator's version · "
    "E: edit (select text first) · X: reject · Ctrl+Z / Ctrl+Shift+Z: undo / redo · Ctrl+Enter: gold done"
)


def swatch(hex_colour: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(hex_colour))
    return QIcon(pixmap)


def _clear(layout) -> None:
    while layout.count():
        widget = layout.takeAt(0).widget()
        if widget is not None:
            widget.deleteLater()


class SidePanel(QWidget):
    layerToggled = Signal(str, bool)  # annotator name (or gold), shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.legend = QWidget()
        self.legend_layout = QVBoxLayout(self.legend)
        self.legend_layout.setContentsMargins(0, 0, 0, 0)
        self.hide_agreed = QCheckBox(tr("Show agreed spans once, as gold"))
        self.hide_agreed.setChecked(True)
        self.hide_agreed.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.position = QLabel()
        self.position.setObjectName("curationPosition")
        self.detail = QLabel()
        self.detail.setObjectName("curationDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setMinimumHeight(90)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.buttons = QGridLayout()
        self.queue = QueueTable()
        keys = QLabel(tr(KEYS_HELP))
        keys.setWordWrap(True)
        keys.setStyleSheet("color: #6b6b6b;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.legend)
        layout.addWidget(self.hide_agreed)
        layout.addWidget(self.position)
        layout.addWidget(self.detail)
        layout.addLayout(self.buttons)
        layout.addWidget(self.queue, 1)
        layout.addWidget(keys)

    def show_sources(self, sources: list[Annotator], hidden: set[str]) -> None:
        """One check box per source annotator (A, B, C… in their colours) and one for gold."""
        _clear(self.legend_layout)
        entries = [(a.name, colour(i), letter(i)) for i, a in enumerate(sources)]
        entries.append((GOLD, GOLD_COLOUR, GOLD_MARK))
        for name, tint, tag in entries:
            text = f"{tag}  {name}" if name != GOLD else f"{tag}  {tr('gold (the curated layer)')}"
            box = QCheckBox(text)
            box.setObjectName(f"legend_{name}")
            box.setIcon(swatch(tint))
            box.setChecked(name not in hidden)
            box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            box.toggled.connect(lambda on, n=name: self.layerToggled.emit(n, on))
            self.legend_layout.addWidget(box)

    def show_buttons(self, rows: list[tuple[str, Callable[[], None]]]) -> None:
        """Buttons three to a row; they never take the keyboard focus (keys stay with the text)."""
        _clear(self.buttons)
        for n, (text, slot) in enumerate(rows):
            button = QPushButton(text)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _c=False, s=slot: s())
            self.buttons.addWidget(button, n // 3, n % 3)
