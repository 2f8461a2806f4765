"""Highlights checked on the rendered pixels: each mark's colour sits behind exactly its characters.

Comparing the view's own rectangles with the geometry it computed them from proves nothing; a
reader looks at the screen. So the view is grabbed twice: as painted, and with every mark hidden
(the text alone). Each character's place on screen is measured independently of the painting
code, from the cursor positions of its two boundaries in the unmarked layout
(``QTextLine.cursorToX``; right-to-left and joined Arabic letters included), and the ink in those
columns is the character's ink. Behind that ink, in the middle of the line (where every nested
box is, away from underlines, tags and arcs), the background must show the stack of fills of the
marks that hold the character, composed in painting order, and nothing more: the character's
own span colour, and not a neighbour's.

Checking a span's characters *and* the words on either side of it catches a highlight shifted by
a word, one letter too short or too long, or painted in the wrong colour.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from math import ceil, floor

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage

from ui.document.marks import Mark, MarkIndex, MarkStyle

Rgb = tuple[int, int, int]
INK = 12  # a pixel of the unmarked text this far (any channel) from the background is ink
TOLERANCE = 6  # per channel: blending is done in integers, a few layers deep
AGREEING = 0.6  # share of a character's background pixels that must show the expected colour
MIN_SAMPLES = 6  # fewer background pixels than this behind a character: it is not judged
VISIBLE = 12  # a mark's fill must change the background by at least this much to be seen


@dataclass(frozen=True)
class Capture:
    """The viewport as painted, and as it looks with no marks (same text, same scroll)."""

    marked: QImage
    plain: QImage
    scale: float  # device pixels per viewport pixel

    def rgb(self, image: QImage, x: int, y: int) -> Rgb:
        c = image.pixel(x, y)
        return (c >> 16) & 0xFF, (c >> 8) & 0xFF, c & 0xFF

    def background(self) -> Rgb:
        """The most common colour of the unmarked view: the page's background."""
        counts = Counter(self.rgb(self.plain, x, y) for x in range(0, self.plain.width(), 7)
                         for y in range(0, self.plain.height(), 7))  # fmt: skip
        return counts.most_common(1)[0][0]


@dataclass(frozen=True)
class CharBox:
    """Where one character is drawn: pixel columns ``[left, right)`` and its line's rows ``[top, bottom)``."""

    offset: int
    char: str
    left: int
    right: int
    top: int
    bottom: int


_HIDDEN = {"spans": MarkIndex, "suggestions": MarkIndex, "search_hits": MarkIndex, "arcs": dict}


def capture(view) -> Capture:
    """Grab ``view``'s viewport as painted and with every mark (and arc, and curation outline) hidden.

    No events are processed between the two grabs, so the caret and scroll are the same in both.
    """
    assert not view.textCursor().hasSelection(), "a text selection would be painted over the marks"
    port = view.viewport()
    marked = port.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    saved = {name: getattr(view, name) for name in _HIDDEN}
    current = getattr(view, "current", None)  # the curator's outlined disagreement
    try:
        for name, empty in _HIDDEN.items():
            setattr(view, name, empty())
        if current is not None:
            view.current = None
        plain = port.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    finally:
        for name, value in saved.items():
            setattr(view, name, value)
        if current is not None:
            view.current = current
        port.repaint()  # what the view remembers of its last paint (arcs, tags) is the marked one again
    assert marked.size() == plain.size()
    return Capture(marked, plain, marked.width() / max(1, port.width()))


def char_box(view, offset: int, scale: float = 1.0) -> CharBox | None:
    """The character at code point ``offset`` on screen, from its cursor positions (None: not laid out)."""
    document = view.document()
    at16, next16 = view.offsets.to_utf16(offset), view.offsets.to_utf16(offset + 1)
    block = document.findBlock(at16)
    layout = block.layout()
    if layout is None or layout.lineCount() == 0:
        return None
    rel, rel_next = at16 - block.position(), next16 - block.position()
    line = layout.lineForTextPosition(rel)
    if not line.isValid():
        return None
    scroll = QPointF(view.horizontalScrollBar().value(), view.verticalScrollBar().value())
    origin = document.documentLayout().blockBoundingRect(block).topLeft() - scroll
    a, b = line.cursorToX(rel)[0], line.cursorToX(min(rel_next, line.textStart() + line.textLength()))[0]
    x0, x1 = (min(a, b) + origin.x()) * scale, (max(a, b) + origin.x()) * scale
    top = (origin.y() + line.y()) * scale
    return CharBox(offset, view.text[offset], ceil(x0), floor(x1), round(top), round(top + line.height() * scale))


def fills_at(view, offset: int) -> list[tuple[QColor, int]]:
    """The fills painted behind the character at ``offset``, bottom first: ``(colour, alpha)``.

    The view paints search hits, then suggestions, then spans, each layer outermost first (in
    its marks' sort order).
    """
    layers = (("search_hits", view.search_hits), ("suggestions", view.suggestions), ("spans", view.spans))
    return [fill(view, mark, name) for name, index in layers for mark in _sorted(index.at(offset))]


def fill(view, mark: Mark, layer: str) -> tuple[QColor, int]:
    """How ``mark`` of ``layer`` is filled: search hits in the theme's yellow, suggestions faint (the
    current one as strong as a span), spans at the theme's strength (stronger when selected)."""
    theme = view.theme
    if layer == "search_hits" or mark.style is MarkStyle.SEARCH:
        return QColor(theme.search_fill), theme.search_fill.alpha()
    if layer == "suggestions":
        current = mark.key == view.current_suggestion
        return QColor(mark.colour), theme.fill_alpha if current else max(18, theme.fill_alpha // 3)
    if mark.style is MarkStyle.DASHED:
        return QColor(mark.colour), theme.fill_alpha // 2
    return QColor(mark.colour), theme.selected_alpha if mark.key == view.selected_span else theme.fill_alpha


def _sorted(marks: Iterable[Mark]) -> list[Mark]:
    return sorted(marks, key=lambda m: m.sort_key)


def compose(under: Rgb, fills: Iterable[tuple[QColor, int]]) -> Rgb:
    """``under`` with each fill laid over it (source-over), as QPainter blends a translucent brush."""
    r, g, b = (float(v) for v in under)
    for colour, alpha in fills:
        a = alpha / 255
        r, g, b = (colour.red() * a + r * (1 - a), colour.green() * a + g * (1 - a), colour.blue() * a + b * (1 - a))
    return round(r), round(g), round(b)


def _close(a: Rgb, b: Rgb, tolerance: int = TOLERANCE) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=True))


def _ink(shot: Capture, x: int, y: int, page: Rgb) -> bool:
    return not _close(shot.rgb(shot.plain, x, y), page, INK)


def _columns(shot: Capture, box: CharBox, page: Rgb) -> list[int]:
    """The character's ink columns (all its columns for a space), one pixel in from each boundary."""
    inner = [x for x in range(box.left + 1, box.right - 1) if 0 <= x < shot.plain.width()]
    inked = [x for x in inner if any(_ink(shot, x, y, page) for y in range(box.top, box.bottom))]
    return inked or inner


def behind(shot: Capture, box: CharBox, page: Rgb) -> Iterator[tuple[Rgb, Rgb]]:
    """``(unmarked, marked)`` colours of the background pixels behind the character's ink, in the middle
    half of its line (nested boxes are inset at the top and bottom; underlines sit at the bottom)."""
    quarter = (box.bottom - box.top) // 4
    for x in _columns(shot, box, page):
        for y in range(max(0, box.top + quarter), min(shot.plain.height(), box.bottom - quarter)):
            if not _ink(shot, x, y, page):
                yield shot.rgb(shot.plain, x, y), shot.rgb(shot.marked, x, y)


def neighbours(text: str, start: int, end: int) -> list[int]:
    """The offsets of the word before ``start`` and the word after ``end`` (skipping whitespace)."""
    out: list[int] = []
    i = start - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    while i >= 0 and not text[i].isspace():
        out.append(i)
        i -= 1
    i = end
    while i < len(text) and text[i].isspace():
        i += 1
    while i < len(text) and not text[i].isspace():
        out.append(i)
        i += 1
    return out


def on_screen(view, mark: Mark, scale: float = 1.0) -> bool:
    """Every character of ``mark`` is laid out inside the viewport."""
    port = view.viewport()
    width, height = port.width() * scale, port.height() * scale
    for offset in range(mark.start, mark.end):
        box = char_box(view, offset, scale)
        if box is None or box.top < 0 or box.bottom > height or box.left < 0 or box.right > width:
            return False
    return True


@dataclass(frozen=True)
class Verdict:
    """One character's check: whether it was judged (enough background pixels) and what is wrong."""

    judged: bool
    problem: str | None = None


def _judge(view, shot: Capture, offset: int, page: Rgb, mark: Mark, inside: bool) -> Verdict:
    """Whether the background behind the character at ``offset`` shows exactly its marks' fills."""
    box = char_box(view, offset, shot.scale)
    if box is None or box.bottom <= 0 or box.top >= shot.plain.height():
        return Verdict(False, f"{offset} «{view.text[offset]}» is not on screen" if inside else None)
    expected_fills = fills_at(view, offset)
    samples = list(behind(shot, box, page))
    if len(samples) < MIN_SAMPLES:
        return Verdict(False)  # a hairline letter (e.g. a lone alef): the rest of its word decides
    agreeing = sum(_close(shown, compose(under, expected_fills)) for under, shown in samples)
    if agreeing >= AGREEING * len(samples):
        return Verdict(True)
    shown = Counter(s for _, s in samples).most_common(1)[0][0]
    where = "inside" if inside else "next to"
    return Verdict(
        True,
        f"{where} {mark.label or mark.key} «{view.text[mark.start : mark.end]}» [{mark.start}, {mark.end}): "
        f"behind {offset} «{box.char}» (x {box.left}–{box.right}) the screen shows {shown}, "
        f"expected {compose(page, expected_fills)} in {agreeing}/{len(samples)} pixels",
    )


def highlight_problems(view, shot: Capture, marks: Iterable[Mark]) -> list[str]:
    """Everything wrong with how ``marks`` look on screen; empty when each one's colour fills the
    background behind exactly its characters (and the words beside it show no trace of it).

    Most of each mark's letters must be judged (enough background behind them), so a mark can
    never pass by being too thin to measure.
    """
    page = shot.background()
    problems: list[str] = []
    for mark in marks:
        layer = "spans" if mark.key in view.spans else "suggestions" if mark.key in view.suggestions else "search_hits"
        if _close(compose(page, [fill(view, mark, layer)]), page, VISIBLE - 1):
            problems.append(f"{mark.key}: its fill {mark.colour} cannot be told from the page {page}")
        letters = [i for i in range(mark.start, mark.end) if not view.text[i].isspace()]
        verdicts = [_judge(view, shot, i, page, mark, inside=True) for i in range(mark.start, mark.end)]
        beside = neighbours(view.text, mark.start, mark.end)
        verdicts += [_judge(view, shot, i, page, mark, inside=False) for i in beside]
        problems += [v.problem for v in verdicts if v.problem]
        judged = sum(v.judged for v in verdicts[: mark.end - mark.start])
        if judged * 2 < len(letters):
            problems.append(f"{mark.key}: only {judged} of its {len(letters)} letters could be measured")
    return problems
