"""A widget that draws one of the core's SVG plots, scaled to fit, with the values on hover.

The plots (:mod:`annotator.team.agreement.plots`) carry a ``<title>`` inside each cell or bar, which
a browser shows as a tooltip; Qt's SVG renderer ignores titles. The widget reads those
rectangles and their titles once per plot, so hovering a heatmap cell or a bar shows the same
text as the HTML report, with no second copy of the plots' layout here.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QHelpEvent, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QFrame, QScrollArea, QSizePolicy, QToolTip, QWidget

SVG = "{http://www.w3.org/2000/svg}"
MIN_SCALE, MAX_SCALE = 0.85, 1.4  # below: scroll (text stays legible); above: no poster-sized cells


def hover_regions(svg: str) -> list[tuple[QRectF, str]]:
    """``(rectangle in SVG units, tooltip)`` for every ``<rect>`` with a ``<title>``."""
    regions = []
    for rect in ET.fromstring(svg).iter(f"{SVG}rect"):
        title = rect.find(f"{SVG}title")
        if title is not None and title.text:
            box = QRectF(*(float(rect.get(k, "0")) for k in ("x", "y", "width", "height")))
            regions.append((box, title.text))
    return regions


class SvgPlot(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.renderer = QSvgRenderer(self)
        self.svg = ""
        self.regions: list[tuple[QRectF, str]] = []
        self.setMouseTracking(True)
        self.setMinimumSize(160, 120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)

    def set_svg(self, svg: str) -> None:
        self.svg = svg
        self.renderer.load(svg.encode("utf-8"))
        self.regions = hover_regions(svg) if svg else []
        size = self.renderer.defaultSize() if svg else QSize()
        if size.isEmpty():
            self.setMinimumSize(160, 120)
        else:
            self.setMinimumSize(round(size.width() * MIN_SCALE), round(size.height() * MIN_SCALE))
        self.updateGeometry()
        self.update()

    @property
    def rendered(self) -> bool:
        """True when a plot is loaded and has a size (what the tests check)."""
        return self.renderer.isValid() and not self.renderer.defaultSize().isEmpty()

    def sizeHint(self) -> QSize:
        return self.renderer.defaultSize() if self.renderer.isValid() else QSize(320, 240)

    def plot_rect(self) -> QRectF:
        """Where the plot is drawn: as large as fits, aspect kept, centred, at most ``MAX_SCALE`` × its size."""
        size = self.renderer.defaultSize()
        if size.isEmpty():
            return QRectF()
        scale = min(self.width() / size.width(), self.height() / size.height(), MAX_SCALE)
        w, h = size.width() * scale, size.height() * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        if self.renderer.isValid():
            self.renderer.render(painter, self.plot_rect())
        painter.end()

    def tip_at(self, point: QPointF) -> str | None:
        """The tooltip of the cell or bar under ``point`` (widget coordinates), if any."""
        target = self.plot_rect()
        size = self.renderer.defaultSize()
        if target.isEmpty() or size.isEmpty():
            return None
        scale = target.width() / size.width()
        x, y = (point.x() - target.left()) / scale, (point.y() - target.top()) / scale
        for box, tip in reversed(self.regions):  # the last drawn is on top
            if box.contains(QPointF(x, y)):
                return tip
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self.tip_at(QPointF(event.pos()))
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)


def scrolling(plot: SvgPlot) -> QScrollArea:
    """``plot`` in a scroll area: it fills the space, and scrolls rather than shrink past legibility."""
    area = QScrollArea()
    area.setWidget(plot)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    return area
