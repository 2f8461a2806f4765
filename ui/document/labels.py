"""Small labels over the text (span and suggestion tags, relation names), placed so none hides another.

Every label of a paint goes through one :class:`LabelPlacer`: it sits where it wants to (above
where its span starts, or on its arc) when that spot is free, otherwise at the nearest free spot
in the room above its line (the extra line height, see ``text_document``): stacked a row higher
or shifted along the row. Only when that room is full does a label go higher still; labels
never overlap each other. The lowest row keeps :data:`CLEARANCE` pixels above the line, where
outlines drawn outside the letters' ink (a hamza above alef) are.

Label names are Latin in a right-to-left paragraph: drawn as they are, «ORG?» reads «?ORG».
:func:`isolated` wraps them in a directional isolate of their own direction.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from math import ceil

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPixmap

from ui.theme import Theme

TAG_POINT_SIZE = 7.5
CLEARANCE = 5.0  # between a line's top and its lowest row of labels: room for outlines
PADDING = 4.0  # around a label's text inside its box
LRI, RLI, PDI = "\u2066", "\u2067", "\u2069"
# each run starts where the one before it ended, in a right-to-left window too (no mirroring)
RUN_ALIGNMENT = Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def tag_font(*, italic: bool = False) -> QFont:
    font = QFont()
    font.setPointSizeF(TAG_POINT_SIZE)
    font.setBold(True)
    font.setItalic(italic)
    return font


def isolated(text: str) -> str:
    """``text`` as an isolate in its own direction (its first strong letter), whatever surrounds it."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return f"{LRI}{text}{PDI}"
        if kind in ("R", "AL"):
            return f"{RLI}{text}{PDI}"
    return f"{LRI}{text}{PDI}"


@dataclass
class Tag:
    """A placed label: coloured runs of text drawn left to right in ``rect``."""

    rect: QRectF
    runs: list[tuple[str, QColor]]
    italic: bool = False
    chip: QColor | None = None  # a filled background (the current suggestion's tag)

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.runs)


@cache
def tag_metrics(italic: bool = False) -> QFontMetricsF:
    """The tags' font metrics, made once: a paint measures every tag on screen (the tag font is the
    application's default font at a fixed size, which does not change while the program runs)."""
    return QFontMetricsF(tag_font(italic=italic))


@lru_cache(maxsize=4096)
def text_width(text: str, italic: bool = False) -> float:
    """How wide ``text`` is drawn in a tag (as an isolate: see :func:`isolated`)."""
    return tag_metrics(italic).horizontalAdvance(isolated(text))


@cache
def tag_height(italic: bool = False) -> float:
    """How high a tag is (its font's line height; asked once, not for each tag of each paint)."""
    return tag_metrics(italic).height()


def tag_size(runs: list[tuple[str, QColor]], *, italic: bool = False) -> tuple[float, float]:
    if len(runs) == 1:  # a span's or a suggestion's tag: one label name
        return text_width(runs[0][0], italic) + PADDING, tag_height(italic)
    return sum(text_width(text, italic) for text, _ in runs) + PADDING, tag_height(italic)


class LabelPlacer:
    """The labels placed so far in one paint, and where the next one can go.

    Taken rectangles are also filed by horizontal bands of :data:`BAND` pixels: a new label is
    checked only against those sharing a band with it. Checking every label placed so far made a
    screen of 30 tags cost some 400 intersection tests, a fifth of a page-down repaint's Python.
    """

    def __init__(self, left: float, right: float) -> None:
        self.left, self.right = left, right  # labels stay inside these x edges
        self.taken: list[QRectF] = []
        self._bands: dict[int, list[Edges]] = {}

    def free(self, rect: QRectF) -> bool:
        return self._free(rect.left(), rect.top(), rect.right(), rect.bottom())

    def _free(self, left: float, top: float, right: float, bottom: float) -> bool:
        """Whether no reserved rectangle intersects these edges (as :meth:`QRectF.intersects` says:
        touching edges do not intersect, nor does a rectangle without area). Compared as numbers:
        a page of tags asked Qt some 200 questions about rectangles here."""
        if left > right:
            left, right = right, left
        if top > bottom:
            top, bottom = bottom, top
        if left == right or top == bottom:
            return True
        bands = self._bands
        for band in range(int(top // BAND), int(bottom // BAND) + 1):
            for other_left, other_top, other_right, other_bottom in bands.get(band, ()):
                if left < other_right and other_left < right and top < other_bottom and other_top < bottom:
                    return False
        return True

    def reserve(self, rect: QRectF) -> None:
        self._reserve(QRectF(rect), rect.left(), rect.top(), rect.right(), rect.bottom())

    def _reserve(self, kept: QRectF, left: float, top: float, right: float, bottom: float) -> None:
        """Take ``kept`` (the placer's own copy), filed by its edges under the bands they reach into."""
        self.taken.append(kept)
        if left > right:
            left, right = right, left
        if top > bottom:
            top, bottom = bottom, top
        if left == right or top == bottom:
            return  # no area: it intersects nothing
        edges = (left, top, right, bottom)
        for band in range(int(top // BAND), int(bottom // BAND) + 1):
            self._bands.setdefault(band, []).append(edges)

    def place(self, want: QRectF, ceiling: float, floor: float, x_range: tuple[float, float] | None = None) -> QRectF:
        """Reserve and return the free spot nearest ``want`` inside the room ``[ceiling, floor]``,
        with its left edge inside ``x_range`` when given (a relation's name stays on its arc)."""
        return self.place_box(want.left(), want.top(), want.width(), want.height(), ceiling, floor, x_range)

    def place_box(
        self,
        left: float,
        top: float,
        width: float,
        height: float,
        ceiling: float,
        floor: float,
        x_range: tuple[float, float] | None = None,
    ) -> QRectF:
        """:meth:`place` for a wanted rectangle given by its numbers (a tag's spot is computed, not
        kept: making it a rectangle only to read it back cost each tag of a page two Qt objects)."""
        lo, hi = x_range if x_range is not None else (self.left, self.right - width)
        lo, hi = max(lo, self.left), min(hi, self.right - width)
        hi = max(hi, lo)
        x = min(max(left, lo), hi)
        right, bottom = x + width, top + height
        if self._free(x, top, right, bottom):
            self._reserve(QRectF(x, top, width, height), x, top, right, bottom)
            return QRectF(x, top, width, height)
        want = QRectF(left, top, width, height)
        start = QRectF(x, top, width, height)
        near = [t for t in self.taken if t.bottom() > ceiling and t.top() < floor]
        xs = {start.left()} | {x for t in near for x in (t.left() - width, t.right()) if lo <= x <= hi}
        rows = [floor - height * (k + 1) for k in range(max(0, int((floor - ceiling) // height)))]
        ys = {y for y in (*rows, start.top()) if ceiling <= y <= floor - height}
        ys |= {y for t in near for y in (t.top() - height, t.bottom()) if ceiling <= y <= floor - height}
        spots = sorted(((x, y) for x in xs for y in ys), key=lambda p: abs(p[0] - want.left()) + abs(p[1] - want.top()))
        for x, y in spots:
            rect = QRectF(x, y, width, height)
            if not any(rect.intersects(t) for t in near):
                self.reserve(rect)
                return rect
        return self._above(start, min(ceiling, start.top()), xs)

    def _above(self, start: QRectF, ceiling: float, xs: set[float]) -> QRectF:
        """The room is full: the first free row above it (covering text is better than hiding a label)."""
        y = ceiling - start.height()
        while True:
            for x in sorted(xs, key=lambda x: abs(x - start.left())):
                rect = QRectF(x, y, start.width(), start.height())
                if self.free(rect):
                    self.reserve(rect)
                    return rect
            y -= start.height()


BAND = 16.0  # pixels: the height of the bands taken rectangles are filed by
Edges = tuple[float, float, float, float]  # left, top, right, bottom


def paint_tag_boxes(painter: QPainter, tags: list[Tag], theme: Theme) -> None:
    """Each tag on a backdrop (so an arc passing under it does not strike its letters), runs left to right.

    A tag is drawn once into a pixmap and then only copied: shaping its text and filling its
    rounded box cost about 14 µs a tag, a copy under 2 µs, and a screen of a news article shows
    some 30 tags, repainted on every key and scroll."""
    ratio = painter.device().devicePixelRatioF()
    backdrop = QColor(theme.base)
    backdrop.setAlpha(215)
    plain, chip_ink = backdrop.rgba(), theme.base.rgba()
    for tag in tags:
        rect = tag.rect
        pixmap = _tag_pixmap(_tag_key(tag, plain, chip_ink, rect.width(), rect.height()), ratio)
        painter.drawPixmap(rect.topLeft(), pixmap)


def _tag_key(tag: Tag, backdrop: int, chip_ink: int, width: float, height: float) -> tuple:
    """What a tag's pixels depend on (not where it is): its runs' text and colour (on a chip, the
    theme's base colour ``chip_ink``), and its chip's colour or the ``backdrop`` (colours as RGBA)."""
    if tag.chip is None:
        runs = tuple((text, colour.rgba()) for text, colour in tag.runs)
        return runs, tag.italic, backdrop, width, height
    return tuple((text, chip_ink) for text, _ in tag.runs), tag.italic, tag.chip.rgba(), width, height


@lru_cache(maxsize=2048)
def _tag_pixmap(key: tuple, ratio: float) -> QPixmap:
    runs, italic, chip, width, height = key
    pixmap = QPixmap(max(1, ceil(width * ratio)), max(1, ceil(height * ratio)))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(tag_font(italic=italic))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor.fromRgba(chip))
    painter.drawRoundedRect(QRectF(0, 0, width, height), 3, 3)
    x = PADDING / 2
    for text, colour in runs:
        # spaces stay outside the isolate: at its end a right-to-left paragraph moves them to its left
        word = text.strip()
        lead = text_width(text[: len(text) - len(text.lstrip())], italic)
        painter.setPen(QColor.fromRgba(colour))
        box = QRectF(x + lead, 0, text_width(word, italic) + 1, height)
        painter.drawText(box, RUN_ALIGNMENT, isolated(word))
        x += text_width(text, italic)
    painter.end()
    return pixmap
