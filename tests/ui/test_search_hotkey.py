"""Ctrl+F, type, Enter, then a label key: the key tags the current hit instead of going into the find
box; digits still reach the box while it holds a number. Driven with keys, asserting on the store."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from annotator.model import IncomingDocument
from annotator.schema import LabelSchema, SpanLabel
from annotator.store import Project
from ui.document.search_bar import continues_query

from .conftest import ANNOTATOR

TEXT = "زار وفد من ألمانيا موسكو في 2023، وقال بيان ألمانيا إن 12 وزيرا و١٢٣ خبيرا حضروا 1234 جلسة مع بوتين وCNN."
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def news_window(open_window):
    """A window on ``TEXT`` with the default schema (1 PERS, 2 ORG, 3 GPE); yields ``(window, project)``."""
    with Project.memory() as project:
        project.add_documents([IncomingDocument("news", TEXT, "news.txt")])
        yield open_window(project), project


def find(window, gestures, query: str):
    """Ctrl+F in the document and type ``query`` (as an Arabic keyboard sends it)."""
    QTest.keyClick(window.view, Qt.Key.Key_F, CTRL)
    bar = window.search_bar
    assert bar.isVisible() and bar.field.hasFocus()
    gestures.type_text(bar.field, query)
    return bar


def stored(window, project: Project) -> set[tuple[int, int, str]]:
    return {(s.start, s.end, s.label) for s in project.spans(window.session.document_id, ANNOTATOR)}


def test_after_find_and_enter_a_label_key_tags_the_hit(news_window, gestures) -> None:
    window, project = news_window
    bar = find(window, gestures, "المانيا")  # no hamza: finds «ألمانيا» twice
    assert bar.count.text() == "1 / 2"
    QTest.keyClick(bar.field, Qt.Key.Key_Return)
    second = bar.hits[bar.current]
    assert TEXT[second[0] : second[1]] == "ألمانيا" and second == bar.hits[1]
    QTest.keyClick(bar.field, Qt.Key.Key_3)
    assert stored(window, project) == {(*second, "GPE")}
    assert bar.field.text() == "المانيا" and bar.count.text() == "2 / 2"  # the 3 did not go into the query
    QTest.keyClick(bar.field, Qt.Key.Key_Return)  # on to the first hit; an Arabic keyboard's ١ is PERS
    first = bar.hits[bar.current]
    gestures.type_text(bar.field, "١")
    assert stored(window, project) == {(*second, "GPE"), (*first, "PERS")}
    gestures.type_text(bar.field, "٢")  # another label key relabels the hit just tagged
    assert stored(window, project) == {(*second, "GPE"), (*first, "ORG")}
    assert bar.field.text() == "المانيا"


def test_a_find_box_holding_digits_takes_more_digits(news_window, gestures) -> None:
    window, project = news_window
    bar = find(window, gestures, "12")
    assert bar.hits and bar.current == 0  # «12», «1234» and «١٢٣» are hits
    QTest.keyClick(bar.field, Qt.Key.Key_3)
    assert bar.field.text() == "123" and len(bar.hits) == 2  # «1234» and «١٢٣»
    bar.field.clear()
    gestures.type_text(bar.field, "١٢")
    assert bar.hits
    gestures.type_text(bar.field, "٣")
    assert bar.field.text() == "١٢٣" and len(bar.hits) == 2
    bar.field.clear()
    QTest.keyClick(bar.field, Qt.Key.Key_2)  # an empty box takes a digit too
    assert bar.field.text() == "2"
    assert stored(window, project) == set()


def test_letter_hotkeys_tag_a_hit_but_latin_text_can_still_be_typed(open_window, gestures) -> None:
    schema = LabelSchema("letters", (SpanLabel("PERS", "#E69F00", "e"), SpanLabel("GPE", "#009E73", "g")))
    with Project.memory(schema) as project:
        project.add_documents([IncomingDocument("news", TEXT, "news.txt")])
        window = open_window(project)
        bar = find(window, gestures, "بوتين")
        hit = bar.hits[bar.current]
        QTest.keyClick(bar.field, Qt.Key.Key_E)
        assert stored(window, project) == {(*hit, "PERS")} and bar.field.text() == "بوتين"
        bar.field.clear()
        QTest.keyClicks(bar.field, "CN")
        assert bar.hits  # «CN» of «CNN»: a hit is current, yet the Latin name is still being typed
        QTest.keyClick(bar.field, Qt.Key.Key_G)
        assert bar.field.text() == "CNg" and stored(window, project) == {(*hit, "PERS")}


@pytest.mark.parametrize(
    ("query", "typed", "goes_in"),
    [
        ("", "3", True),
        ("12", "3", True),
        ("١٢", "٣", True),
        ("1 2", "3", True),
        ("المانيا", "3", False),
        ("المانيا", "٣", False),
        ("G7", "0", False),  # a digit after letters is a label key (paste to search «G70»)
        ("CN", "e", True),
        ("بوتين", "e", False),
        ("بوتين", "ن", True),
        ("12", "e", True),
    ],
)
def test_which_keys_go_into_the_find_box(query: str, typed: str, goes_in: bool) -> None:
    assert continues_query(query, typed) is goes_in
