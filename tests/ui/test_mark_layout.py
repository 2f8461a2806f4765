"""Marks never hide text or each other, measured on screen: the tags of nested and overlapping spans
and suggestions do not overlap and stay off the letters, outlines go around the letters' ink (the
hamza of «أ» stays visible under a selected span's thick border), and a suggestion's chip reads
«ORG?» in a right-to-left window, not «?ORG»."""

from __future__ import annotations

from itertools import combinations

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter

from .marks_article import SPANS, SUGGESTIONS, find, line_inks


def test_tags_of_nested_and_overlapping_marks_overlap_neither_each_other_nor_the_text(crowded) -> None:
    window, _ids = crowded
    tags = window.view.painted_tags()
    expected = sorted([label for *_, label in SPANS] + [f"{label}?" for _w, _n, label, _s in SUGGESTIONS])
    assert sorted(t.text for t in tags) == expected, "every span and suggestion has its tag on screen"
    for a, b in combinations(tags, 2):
        assert not a.rect.intersects(b.rect), f"«{a.text}» and «{b.text}» overlap"
    inks = line_inks(window.view)
    for tag in tags:
        assert not any(tag.rect.intersects(ink) for ink in inks), f"«{tag.text}» covers text"
        assert tag.rect.top() >= 0, f"«{tag.text}» is cut off at the top"


def _ink_of(view, word: str) -> QRectF:
    """The tight ink of ``word`` where it is drawn: its letters' boxes across, the font's own
    tight bounding box (the hamza above alef, the descenders) up and down from the baseline."""
    start, end = find(word)
    letters = view.text_geometry.rects(start, end)
    assert len(letters) == 1
    box = letters[0]
    block = view.document().findBlock(view.offsets.to_utf16(start))
    baseline = box.top() + block.layout().lineAt(0).ascent()
    tight = QFontMetricsF(view.font()).tightBoundingRect(word)
    return QRectF(box.left(), baseline + tight.top(), box.width(), tight.height())


def _inside_of_stroke(border: QRectF, width: float) -> QRectF:
    half = width / 2
    return border.adjusted(half, half, -half, -half)


def test_a_selected_span_border_goes_around_the_hamza(crowded) -> None:
    from ui.document.painter import SELECTED_PEN

    window, ids = crowded
    view = window.view
    window.controller.select_span(ids["ألمانيا"])
    view.viewport().repaint()
    ink = _ink_of(view, "ألمانيا")
    [border] = view.painted_mark(ids["ألمانيا"]).borders(SELECTED_PEN)
    inside = _inside_of_stroke(border, SELECTED_PEN)
    assert inside.top() < ink.top(), f"the border's stroke reaches {inside.top()}, the hamza {ink.top()}"
    assert inside.contains(ink)


def test_the_current_suggestion_outline_goes_around_the_letters(crowded, qtbot) -> None:
    from ui.document.suggestion_paint import CURRENT_OUTLINE

    window, _ids = crowded
    view = window.view
    start, end = find("المركزي الأوروبي")  # NORP, nested in an ORG suggestion: an inset box
    [key] = [m.key for m in view.suggestions.all() if (m.start, m.end) == (start, end)]
    window.controller.suggestions.select(key)
    view.viewport().repaint()
    ink = _ink_of(view, "المركزي الأوروبي")
    for border in view.painted_mark(key).borders(CURRENT_OUTLINE):
        assert _inside_of_stroke(border, CURRENT_OUTLINE).contains(ink)


def _chip(direction: Qt.LayoutDirection) -> QImage:
    """A suggestion chip «ORG?» painted as the view paints it, in a painter of ``direction``."""
    from ui.document.labels import Tag, paint_tag_boxes
    from ui.theme import LIGHT

    image = QImage(80, 20, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setLayoutDirection(direction)
    paint_tag_boxes(painter, [Tag(QRectF(4, 2, 60, 14), [("ORG?", QColor("black"))], italic=True)], LIGHT)
    painter.end()
    return image


def test_a_suggestion_chip_reads_label_then_question_mark_in_a_right_to_left_window(qapp) -> None:
    left_to_right = _chip(Qt.LayoutDirection.LeftToRight)
    dark = [(x, y) for x in range(80) for y in range(20) if QColor(left_to_right.pixel(x, y)).lightness() < 100]
    assert len(dark) > 30, "the chip's letters are drawn"
    assert _chip(Qt.LayoutDirection.RightToLeft) == left_to_right, "«?ORG» in a right-to-left window"


labels_wanted = st.lists(
    st.tuples(st.floats(0, 380), st.floats(8, 90), st.sampled_from([0.0, 12.0, 24.0])), min_size=1, max_size=25
)


@given(labels_wanted)
def test_placed_labels_never_overlap_and_a_free_spot_is_kept(wanted) -> None:
    from ui.document.labels import LabelPlacer

    placer = LabelPlacer(0.0, 400.0)
    ceiling, floor, height = 100.0, 136.0, 12.0
    placed = []
    for x, width, up in wanted:
        want = QRectF(x, floor - height - up, width, height)
        free = placer.free(want) and want.right() <= 400.0
        rect = placer.place(want, ceiling, floor)
        if free:
            assert rect == want, "a label is moved only when its own spot is taken"
        assert rect.size() == want.size() and rect.left() >= 0.0 and rect.right() <= 400.0 + 1e-6
        assert rect.bottom() <= floor + 1e-6, "never lower than the room: that is the text line"
        placed.append(rect)
    for a, b in combinations(placed, 2):
        assert not a.intersects(b)
