"""The label palette: one button per label with its colour, hotkey and description.

Pointing at a label shows its guideline's summary in the tooltip and tells the Guidelines panel
(``labelHovered``), which shows the whole guideline (``ui/panels/guidelines.py``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QScrollArea, QToolButton, QVBoxLayout, QWidget

from annotator.schema import LabelSchema
from ui.i18n import language, ltr, tr


def swatch(colour: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class LabelPalette(QScrollArea):
    """Clicking a label tags the selection (or relabels the selected span), like its hotkey."""

    labelChosen = Signal(str)
    labelHovered = Signal(str)  # the pointer entered a label's button

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.buttons: dict[str, QToolButton] = {}

    def set_schema(self, schema: LabelSchema) -> None:
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        self.buttons.clear()
        for label in schema.labels:
            button = QToolButton()
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setIcon(swatch(label.colour))
            button.setAutoRaise(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keep the keyboard in the document
            arabic = language() == "ar"
            description = label.description_ar if arabic and label.description_ar else label.description
            short = description.split(":")[0].split("(")[0].strip()
            if arabic:  # Arabic first, the Latin label name isolated in brackets: «1 — شخص (PERS)»
                key = f"{label.hotkey} — " if label.hotkey else ""
                button.setText(f"{key}{short or label.name} ({ltr(label.name)})" if short else key + label.name)
            else:
                key = f"[{label.hotkey}] " if label.hotkey else ""
                button.setText(key + label.name + (f" — {short}" if short else ""))
            tip = description
            summary = label.guideline_in(language()).summary()
            if summary:
                tip += "\n\n" + summary
            if label.hotkey:
                tip += "\n" + tr("Hotkey: {key}").format(key=label.hotkey)
            button.setToolTip(tip)
            button.setStyleSheet("QToolButton { text-align: left; padding: 2px 6px; }")
            button.clicked.connect(lambda _checked=False, name=label.name: self.labelChosen.emit(name))
            button.setProperty("label", label.name)
            button.installEventFilter(self)
            layout.addWidget(button)
            self.buttons[label.name] = button
        layout.addStretch(1)
        self.setWidget(body)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A label's button entered: ``labelHovered`` (the event goes on as usual)."""
        if event.type() == QEvent.Type.Enter:
            name = watched.property("label")
            if isinstance(name, str):
                self.labelHovered.emit(name)
        return super().eventFilter(watched, event)
