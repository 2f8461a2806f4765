"""Counts read as Arabic readers expect: the noun agrees with the number (CLDR plural rules).

«اقتراح واحد», «اقتراحان», «3 اقتراحات», «67 اقتراحًا», «100 اقتراح», «103 اقتراحات»: one helper
(``ui.i18n.trn``) picks the form wherever the window shows a count.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from annotator.recommenders.base import Prediction, Suggestion
from annotator.store import Project
from ui import i18n

PENDING = [
    (0, "لا اقتراحات بانتظار القرار"),
    (1, "اقتراح واحد بانتظار القرار"),
    (2, "اقتراحان بانتظار القرار"),
    (3, "3 اقتراحات بانتظار القرار"),
    (10, "10 اقتراحات بانتظار القرار"),
    (11, "11 اقتراحًا بانتظار القرار"),
    (67, "67 اقتراحًا بانتظار القرار"),
    (99, "99 اقتراحًا بانتظار القرار"),
    (100, "100 اقتراح بانتظار القرار"),
    (102, "102 اقتراح بانتظار القرار"),
    (103, "103 اقتراحات بانتظار القرار"),
    (111, "111 اقتراحًا بانتظار القرار"),
    (1000, "1000 اقتراح بانتظار القرار"),
]


@pytest.fixture
def arabic():
    i18n.set_language("ar")
    yield
    i18n.set_language("en")


@pytest.mark.parametrize(("n", "expected"), PENDING)
def test_arabic_noun_agrees_with_every_count(arabic, n, expected) -> None:
    assert i18n.trn("{n} suggestions to decide", n) == expected


@pytest.mark.parametrize(
    ("source", "n", "expected"),
    [
        ("{n} documents compared between {names}.", 1, "قورن مستند واحد بين أ."),  # not «1 مستندًا»
        ("{n} relations", 0, "لا علاقات"),  # not «0 علاقة»
        ("{n} relations", 2, "علاقتان"),
        ("{n} spans", 21, "21 كيانًا"),
        ("Pre-annotation cancelled after {n} documents", 2, "أُلغي التوسيم المسبق بعد مستندين"),
    ],
)
def test_the_words_the_issue_named(arabic, source, n, expected) -> None:
    assert i18n.trn(source, n, names="أ") == expected


def test_english_says_one_and_many() -> None:
    i18n.set_language("en")
    assert i18n.trn("{n} suggestions to decide", 1) == "1 suggestion to decide"
    assert [i18n.trn("{n} spans", n) for n in (0, 2, 67)] == ["0 spans", "2 spans", "67 spans"]


def test_the_arabic_status_bar_counts_agree(open_window, project_path, settings) -> None:
    settings.language = "ar"
    with Project.open(project_path) as project:
        window = open_window(project)
        document_id = window.session.document_id
        text = window.session.text
        words = [(s, e) for s, e in project.token_offsets(document_id) if text[s].isalpha()][:67]
        project.store_predictions(
            "gazetteer", [Prediction(document_id, tuple(Suggestion(s, e, "GPE", 0.9, "gazetteer") for s, e in words))]
        )
        window.open_document(document_id)
        QApplication.processEvents()
        assert window.suggestions.count_label.text() == "67 اقتراحًا بانتظار القرار"
        start, end = words[0]
        project.add_span(document_id, "layla", start, end, "GPE")
        QApplication.processEvents()
        assert window.status_counts.text() == "كيان واحد · لا علاقات"
