"""A status-bar text that repaints itself without relaying out the window.

A ``QLabel`` whose text changes asks its layout for a new geometry; in the status bar that
relayout ends in a repaint of the lower half of the main window (1280 × 478 pixels on a tag,
measured with a paint-event filter), on every key that changes a count. This widget is only
ever as wide as the longest text it has shown: a text that fits repaints the widget alone; a
longer one asks for room once.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

MARGIN = 4  # pixels on each side of the text, as a label in the status bar has


class StatusText(QWidget):
    """One line of plain text, drawn in the layout direction; its width only grows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._width = 0
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        if text == self._text:
            return
        self._text = text
        width = self.fontMetrics().horizontalAdvance(text) + 2 * MARGIN
        if width > self._width:
            self._width = width
            self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(self._width, self.fontMetrics().height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().windowText().color())
        flags = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeading
        painter.drawText(self.rect().adjusted(MARGIN, 0, -MARGIN, 0), int(flags), self._text)
        painter.end()
