"""A whole paint measures the marks of the lines on screen, not of whole paragraphs, and draws the same.

A paragraph cut by the top or the bottom edge of the view has lines nobody sees; measuring their
marks made Qt shape those lines on every page down. The view measures the lines on screen, the
lines below whose tags stand in the room above them, and nothing else: the pixels must be exactly
those of a paint that measured the whole paragraphs (nested and wrapping marks, suggestions over
spans, a selected span's outline, tags crowding the room above a line).
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from ui.document.marks import Mark, MarkStyle
from ui.document.view import DocumentView

SENTENCE = "وفي برلين اجتمع وزراء خارجية الاتحاد الأوروبي لبحث العقوبات على موسكو وقال مصدر إن المفاوضات ستستمر"
TEXT = "\n\n".join(" ".join([SENTENCE] * 9) for _ in range(8))  # paragraphs of several lines each
COLOURS = ["#E6194B", "#3CB44B", "#4363D8", "#F58231"]


def _marks() -> tuple[list[Mark], list[Mark]]:
    """Spans on every third word, some nested, some wrapping over a word boundary onto the next line;
    suggestions over every seventh word and a little beyond."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", TEXT)]
    spans, suggestions = [], []
    for n, (start, end) in enumerate(words[::3]):
        label = ["PERS", "ORG", "GPE", "LOC"][n % 4]
        spans.append(Mark(f"s{n}", start, end, COLOURS[n % 4], MarkStyle.SOLID, label))
        if n % 5 == 0:  # an outer span over this word and the next two: nested, and across line ends
            outer_end = words[min(3 * n + 2, len(words) - 1)][1]
            spans.append(Mark(f"o{n}", start, outer_end, COLOURS[(n + 1) % 4], MarkStyle.SOLID, "ORG"))
    for n, (start, end) in enumerate(words[::7]):
        suggestions.append(Mark(f"g{n}", start, end + 4, COLOURS[n % 4], MarkStyle.DASHED, "LOC"))
    return spans, suggestions


@pytest.fixture
def view(qtbot):
    view = DocumentView()
    qtbot.addWidget(view)
    view.resize(520, 640)
    view.show()
    view.set_text(TEXT)
    spans, suggestions = _marks()
    view.set_spans(spans)
    view.set_suggestions(suggestions, {})
    QApplication.processEvents()
    view.viewport().repaint()
    return view


def _paint(view: DocumentView) -> QImage:
    view.viewport().repaint()
    return view.viewport().grab().toImage()


def _whole_paragraphs(view: DocumentView, monkeypatch: pytest.MonkeyPatch) -> QImage:
    """The screen painted with the marks of every paragraph reaching that band measured."""
    with monkeypatch.context() as patch:
        patch.setattr(view, "_whole_range", lambda: view.text_geometry.range_between(*view._marks_band()))
        return _paint(view)


def test_the_lines_on_screen_paint_what_whole_paragraphs_paint(view, monkeypatch) -> None:
    bar = view.verticalScrollBar()
    assert bar.maximum() > 3 * view.viewport().height(), "the text is several screens long"
    cut = 0
    for step in range(12):
        bar.setValue(bar.maximum() * step // 11)
        on_screen = view.spans.overlapping(*view.text_geometry.visible_range())
        view.show_selection(on_screen[len(on_screen) // 2].key, None)
        view.current_suggestion = view.suggestions.all()[step].key
        QApplication.processEvents()
        lines = _paint(view)
        measured = set(view._placed)
        assert lines == _whole_paragraphs(view, monkeypatch), f"the screen at {bar.value()} px differs"
        cut += len(set(view._placed) - measured) > 0
    assert cut >= 6, "paragraphs were cut by the screen's edges, and their lines off screen not measured"


def test_a_span_wrapping_off_screen_keeps_the_depth_of_the_marks_nested_in_it(view) -> None:
    """Outlines go around the marks nested inside, also where these are on a line not measured."""
    bar = view.verticalScrollBar()
    geometry = view.text_geometry
    for value in range(0, bar.maximum(), 7):
        bar.setValue(value)
        view.viewport().repaint()
        start, _ = view._whole_range()
        crossing = [m for m in view.spans.overlapping(start, start + 1) if m.start < start]
        nested = [m for m in crossing if any(o.key != m.key and m.start <= o.start < start for o in view.spans.all())]
        if nested:
            break
    else:
        pytest.skip("no span crossing the top edge with a mark nested in its unmeasured part")
    outer = nested[0]
    view.show_selection(outer.key, None)
    view.viewport().repaint()
    placed = view.painted_mark(outer.key)
    assert placed is not None and placed.depth >= 1
    assert geometry.rects(outer.start, outer.end), "the span is measured"
