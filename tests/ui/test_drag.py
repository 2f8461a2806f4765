"""Mouse drags as a user makes them (QTest press, moves, release on the viewport, then a label key),
asserting on the store: the letters under the press and the release are always in the span, a name is
never cut, and a press in the space after a word does not pull that word in.

Arabic runs right to left: a word's first letter is its rightmost glyph, and a line's end is at its
left. Pixel positions come from the view's own glyph geometry (``text_geometry.rects``).
"""

from __future__ import annotations

import math
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.model import IncomingDocument
from annotator.store import Project
from annotator.tokens import token_offsets

from .conftest import ANNOTATOR

LINES = (
    "وصل برند جوتشولك إلى فرانكفورت",
    "ثم لبنان و بغداد وبغداد",
    "وليد في برلين وفلسطين وفرنسا",
    "زار فلسطين رئيسهما",
)
TEXT = "\n".join(LINES)
TOKENS = token_offsets(TEXT)
# names whose first letter is also a proclitic (ب ل ف و): a drag must never cut it off
NAMES = ("برند", "فرانكفورت", "لبنان", "بغداد", "وليد", "برلين", "فلسطين")
LEFT, NO_MODIFIER = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier


@pytest.fixture
def view_on_names(request, open_window, settings):
    """A window showing ``TEXT``; yields ``(window, project)``. Parametrized indirectly with a language
    ("ar": the Arabic interface, whole window right to left); English otherwise."""
    settings.language = getattr(request, "param", "en")
    with Project.memory() as project:
        project.add_documents([IncomingDocument("names", TEXT, "names.txt")])
        window = open_window(project)
        mirrored = QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert mirrored == (settings.language == "ar")
        yield window, project


def name_tokens() -> list[tuple[int, int]]:
    found = [(a, b) for a, b in TOKENS if TEXT[a:b] in NAMES]
    assert {TEXT[a:b] for a, b in found} == set(NAMES)
    return found


def glyph(view, offset: int) -> QRectF:
    """Where the character at ``offset`` is drawn (viewport pixels), after scrolling it into view."""
    view.scroll_to(offset, offset + 1)
    QApplication.processEvents()
    rects = view.text_geometry.rects(offset, offset + 1)
    assert len(rects) == 1, f"character {offset} is not on screen"
    return rects[0]


def on_letter(view, offset: int, fx: float = 0.5, fy: float = 0.5) -> QPoint:
    """A pixel inside the glyph of ``offset``: ``fx`` 0 is its left edge (a first letter's inner side)."""
    rect = glyph(view, offset)
    return QPoint(int(rect.left() + 1 + fx * (rect.width() - 2)), int(rect.top() + 2 + fy * (rect.height() - 4)))


def past_line_end(view, line: int) -> QPoint:
    """Off the text, left of where line ``line`` ends (its last character is leftmost)."""
    last = glyph(view, line_range(line)[1] - 1)
    return QPoint(int(last.left()) - 30, int(last.center().y()))


def before_line_start(view, line: int) -> QPoint:
    """Off the text, in the margin right of line ``line``'s first character."""
    first = glyph(view, line_range(line)[0])
    return QPoint(int(first.right()) + 12, int(first.center().y()))


def line_range(line: int) -> tuple[int, int]:
    start = sum(len(text) + 1 for text in LINES[:line])
    return start, start + len(LINES[line])


def mouse_drag(view, press: QPoint, release: QPoint, steps: int = 5) -> None:
    """Press, move in ``steps`` with the button held, release: the events a real drag sends.

    A quick flick (or xdotool) sends a single move, straight to where the button is released.
    """
    port = view.viewport()
    QTest.mousePress(port, LEFT, NO_MODIFIER, press)
    for i in range(1, steps + 1):
        p = press + (release - press) * (i / steps)
        QTest.mouseMove(port, QPoint(round(p.x()), round(p.y())))
    QTest.mouseRelease(port, LEFT, NO_MODIFIER, release)
    QApplication.processEvents()


def tag_and_take(window, project: Project) -> tuple[int, int] | None:
    """Press label key 1 and return the span it stored (then Delete it, as the user would)."""
    QTest.keyClick(window.view, Qt.Key.Key_1)
    spans = project.spans(window.session.document_id, ANNOTATOR)
    assert len(spans) <= 1
    if not spans:
        return None
    QTest.keyClick(window.view, Qt.Key.Key_Delete)
    assert project.spans(window.session.document_id, ANNOTATOR) == []
    return spans[0].start, spans[0].end


def words(span: tuple[int, int]) -> str:
    return TEXT[span[0] : span[1]]


def test_dragging_from_a_names_first_letter_past_the_line_end_keeps_that_letter(view_on_names) -> None:
    window, project = view_on_names
    view = window.view
    start = TEXT.index("فرانكفورت")  # the last word of line 0
    for steps in (1, 5):
        # the press on the inner (left) side of «ف»: Qt's own hit test puts the start after it
        mouse_drag(view, on_letter(view, start, fx=0.1), past_line_end(view, 0), steps)
        assert words(tag_and_take(window, project)) == "فرانكفورت"
        mouse_drag(view, on_letter(view, TEXT.index("برند"), fx=0.1), past_line_end(view, 0), steps)
        assert words(tag_and_take(window, project)) == "برند جوتشولك إلى فرانكفورت"
        # up and off the text: the selection runs back to the document's start, «ف» still in it
        above = on_letter(view, start, fx=0.1) - QPoint(40, 60)
        mouse_drag(view, on_letter(view, start, fx=0.1), above, steps)
        assert words(tag_and_take(window, project)) == LINES[0]


def test_dragging_from_the_margin_keeps_the_letter_under_the_release(view_on_names) -> None:
    window, project = view_on_names
    view = window.view
    suffix = TEXT.index("رئيسهما") + len("رئيس")  # «هما»: a pronoun suffix
    for steps in (1, 5):
        # released on the right side of «ه»: Qt's hit test ends the selection before it, and the
        # span would stop before the suffix («رئيس») although the mouse was released on it
        mouse_drag(view, before_line_start(view, 3), on_letter(view, suffix, fx=0.9), steps)
        assert words(tag_and_take(window, project)) == LINES[3]
        mouse_drag(view, before_line_start(view, 3), on_letter(view, suffix - 1, fx=0.5), steps)
        assert words(tag_and_take(window, project)) == "زار فلسطين رئيس"  # released before the suffix


@pytest.mark.parametrize("view_on_names", ["en", "ar"], indirect=True)
def test_every_letter_of_a_name_dragged_either_way(view_on_names) -> None:
    """From each letter to the name's last one and back: every letter covered, the first one never cut."""
    window, project = view_on_names
    view = window.view
    for start, end in name_tokens():
        for k in range(start, end - 1):
            for press, release in ((k, end - 1), (end - 1, k)):
                for fx in (0.1, 0.9):  # both sides of the pressed letter
                    # released on the far side of the other letter (left of it when dragging onwards)
                    here, there = on_letter(view, press, fx=fx), on_letter(view, release, fx=float(release < press))
                    assert (here - there).manhattanLength() >= 4  # a drag, not a click
                    mouse_drag(view, here, there)
                    stored = tag_and_take(window, project)
                    assert stored is not None and stored[0] <= k and stored[1] == end, (TEXT[start:end], k, stored)
                    if k == start:
                        assert stored == (start, end), f"{TEXT[start:end]} cut to {words(stored)}"


def test_a_press_in_the_space_after_a_word_does_not_pull_it_in(view_on_names) -> None:
    window, project = view_on_names
    view = window.view
    for (_, end), (nxt_start, nxt_end) in pairwise(TOKENS):
        if TEXT[end:nxt_start] != " ":
            continue
        for fx in (0.1, 0.5, 0.9):  # across the space, right next to either word
            mouse_drag(view, on_letter(view, end, fx=fx), on_letter(view, nxt_end - 1, fx=0.5))
            assert tag_and_take(window, project) == (nxt_start, nxt_end), TEXT[nxt_start:nxt_end]


def test_a_shaky_press_in_the_space_beside_a_word_tags_neither_word(view_on_names) -> None:
    """A press in the space right after a word (left of its last letter) or right before the next one,
    with the hand shaking by less than a drag: a click, so a label key tags nothing.

    Qt's own hit test turns that shake into a one-letter selection of the neighbouring word (3 px
    towards «ثم» selected a sliver of it), and the label key then tagged the whole word it snapped to.
    """
    window, project = view_on_names
    view = window.view
    for (start, end), (nxt_start, nxt_end) in pairwise(TOKENS):
        if TEXT[end:nxt_start] != " ":
            continue
        space = glyph(view, end)
        y = int(space.center().y())
        # the pixels inside the space nearest to each word, the hand moving towards and away from it
        for x in (math.ceil(space.right()) - 1, math.floor(space.left()) + 1):
            assert space.left() < x < space.right()
            for shake in (3, -3):
                press = QPoint(x, y)
                mouse_drag(view, press, press + QPoint(shake, 0), steps=1)
                stored = tag_and_take(window, project)
                assert stored is None, (TEXT[start:end], TEXT[nxt_start:nxt_end], x - space.left(), shake, stored)


def test_a_drag_far_below_an_earlier_selection_selects_there_without_scrolling(open_window) -> None:
    text = "\n".join(LINES * 40)
    with Project.memory() as project:
        project.add_documents([IncomingDocument("long", text, "long.txt")])
        window = open_window(project)
        view = window.view
        view.select_range(0, 3)  # «وصل» selected at the top, not tagged
        bar = view.verticalScrollBar()
        bar.setValue(bar.maximum())  # the wheel: the selection stays where it was
        QApplication.processEvents()
        assert bar.value() > 0 and view.selection_range() == (0, 3)
        start = text.rindex("فرانكفورت")
        end = start + len("فرانكفورت")
        first, last = view.text_geometry.rects(start, start + 1)[0], view.text_geometry.rects(end - 1, end)[0]
        mouse_drag(view, QPoint(int(first.left()) + 1, int(first.center().y())), last.center().toPoint())
        assert bar.value() == bar.maximum()
        assert tag_and_take(window, project) == (start, end)


def test_double_and_triple_clicks_still_select_a_word_and_a_line(view_on_names) -> None:
    window, project = view_on_names
    view, port = window.view, window.view.viewport()
    start = TEXT.index("لبنان")
    point = on_letter(view, start + 2)
    QTest.mouseClick(port, LEFT, NO_MODIFIER, point)
    QTest.mouseDClick(port, LEFT, NO_MODIFIER, point)
    assert tag_and_take(window, project) == (start, start + len("لبنان"))
    QTest.mouseClick(port, LEFT, NO_MODIFIER, point)
    QTest.mouseDClick(port, LEFT, NO_MODIFIER, point)
    QTest.mouseClick(port, LEFT, NO_MODIFIER, point)  # the third click: the whole line
    assert tag_and_take(window, project) == line_range(1)


# an end of a drag: a letter (offset, where in its glyph) or off the text beside the line
ENDS = st.one_of(
    st.tuples(st.just("letter"), st.floats(0, 1), st.floats(0.05, 0.95), st.floats(0.1, 0.9)),
    st.tuples(st.sampled_from(["past end", "before start"]), st.just(0.0), st.just(0.0), st.just(0.0)),
)


def place_end(view, line: int, end: tuple[str, float, float, float]) -> tuple[QPoint, int, int]:
    """The pixel for ``end`` on ``line`` and the characters it stands for: ``[lo, hi)``."""
    kind, where, fx, fy = end
    first, last = line_range(line)
    if kind == "past end":
        return past_line_end(view, line), last, last
    if kind == "before start":
        return before_line_start(view, line), first, first
    offset = first + min(int(where * (last - first)), last - first - 1)
    return on_letter(view, offset, fx, fy), offset, offset + 1


def test_any_drag_keeps_what_is_under_its_ends_and_no_untouched_word(view_on_names) -> None:
    window, project = view_on_names
    view = window.view

    @settings(max_examples=60)
    @given(st.integers(0, len(LINES) - 1), ENDS, ENDS, st.sampled_from([1, 5]))
    def drag_anywhere(line: int, press_end, release_end, steps: int) -> None:
        press, p_lo, p_hi = place_end(view, line, press_end)
        release, r_lo, r_hi = place_end(view, line, release_end)
        mouse_drag(view, press, release, steps)
        stored = tag_and_take(window, project)
        if (press - release).manhattanLength() < 4:
            assert stored is None  # a click selects nothing to tag
            return
        lo, hi = min(p_lo, r_lo), max(p_hi, r_hi)
        while lo < hi and TEXT[lo].isspace():
            lo += 1
        while hi > lo and TEXT[hi - 1].isspace():
            hi -= 1
        if lo == hi:
            assert stored is None
            return
        assert stored is not None and stored[0] <= lo and hi <= stored[1], (TEXT[lo:hi], stored)
        touched = [(a, b) for a, b in TOKENS if a < hi and b > lo]
        assert touched[0][0] <= stored[0] and stored[1] <= touched[-1][1], (TEXT[lo:hi], words(stored))
        for start, end in name_tokens():  # a name whose first letter was dragged over is whole
            if lo <= start < hi:
                assert stored[0] <= start and end <= stored[1], (TEXT[start:end], words(stored))

    drag_anywhere()


def test_the_letters_are_where_the_tests_press(view_on_names) -> None:
    """The pixels used above really are on the intended letters (the view's own hit test agrees)."""
    view = view_on_names[0].view
    start = TEXT.index("لبنان")
    for offset in range(start, start + 5):
        for fx in (0.1, 0.9):
            point = on_letter(view, offset, fx)
            assert view.text_geometry.char_at(QPointF(point)) == view.offsets.to_utf16(offset)
