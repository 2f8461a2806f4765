"""The Concordance dock: Ctrl+Shift+F, type a name, read every occurrence in the corpus as a
right-to-left line with the labels this window may see (blind: the annotator's own; the curator:
everyone's, with their names); a click opens the document with exactly that occurrence selected.
Also the screenshots of both docks, in English and in Arabic (build/screenshots/consistency-*.png)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.model import GOLD, IncomingDocument
from annotator.store import Project
from ui.consistency.concordance_dock import LABELS

from .conftest import ANNOTATOR, SCREENSHOTS
from .test_consistency_queue import MORE_LABELS, MORE_TEXTS, NAME, build, open_queue

UNTAGGED = "وفي الخبر الأخير التقى ماكرون وبُوتِين مرة أخرى."


@pytest.fixture
def corpus():
    """The «بوتين» corpus, one more document where it is untagged (with diacritics and a و before it),
    and another annotator's different label on the first occurrence."""
    with Project.memory() as project:
        ids = build(project, MORE_TEXTS, MORE_LABELS)
        project.add_documents([IncomingDocument("untagged", UNTAGGED, "untagged.txt")])
        first = MORE_TEXTS[0].index(NAME)
        project.add_span(ids[0], "omar", first, first + len(NAME), "ORG")
        yield project


def search(window, qtbot, gestures, query: str):
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dock = window.consistency.concordance
    assert window.consistency.concordance_dock.isVisible() and dock.field.hasFocus()
    gestures.type_text(dock.field, query)
    QTest.keyClick(dock.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dock.job is not None and not dock.job.running and dock.model.rowCount() > 0)
    return dock


def test_every_occurrence_with_the_annotators_own_labels(open_window, corpus, qtbot, gestures) -> None:
    window = open_window(corpus)
    dock = search(window, qtbot, gestures, "بوتين")
    assert dock.field.text() == "بوتين"
    model = dock.model
    assert model.rowCount() == len(MORE_TEXTS) + 1
    shown = [model.index(row, LABELS).data() for row in range(model.rowCount())]
    assert shown == [*MORE_LABELS, "—"]  # omar's ORG never reaches layla's window (blind)
    assert dock.count.text() == f"Hits: {len(MORE_TEXTS) + 1}"
    untagged = model.hits[-1]
    assert UNTAGGED[untagged.start : untagged.end] == "بُوتِين"  # after the و, with its diacritics
    index = model.index(model.rowCount() - 1, 1)
    QTest.mouseClick(dock.lines.viewport(), Qt.MouseButton.LeftButton, pos=dock.lines.visualRect(index).center())
    QApplication.processEvents()
    assert window.session.document_id == untagged.document_id
    assert window.view.selection_range() == (untagged.start, untagged.end)  # code points
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_1)  # the selection is a hit to tag, as a search hit is
    assert [(s.start, s.end, s.label) for s in corpus.spans(untagged.document_id, ANNOTATOR)] == [
        (untagged.start, untagged.end, "PERS")
    ]
    qtbot.waitUntil(lambda: model.index(model.rowCount() - 1, LABELS).data() == "PERS")  # the lines follow the store


def test_the_curator_sees_every_layer_with_names(open_window, corpus, qtbot, gestures) -> None:
    window = open_window(corpus, GOLD)
    dock = search(window, qtbot, gestures, "بوتين")
    assert dock.model.index(0, LABELS).data() == f"ORG (omar), PERS ({ANNOTATOR})"  # the spans in store order


@pytest.mark.parametrize("language", ["en", "ar"])
def test_screenshots(open_window, corpus, qtbot, gestures, settings, language) -> None:
    settings.language = language
    window = open_window(corpus)
    queue = open_queue(window, qtbot)
    assert queue.model.rowCount() == 1
    window.resizeDocks([window.consistency.queue_dock], [330], Qt.Orientation.Vertical)
    QApplication.processEvents()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    suffix = "" if language == "en" else "-ar"
    for dock, name in ((window.consistency.queue_dock, "consistency-queue"), (window, "consistency-window")):
        path = SCREENSHOTS / f"{name}{suffix}.png"
        assert dock.grab().save(str(path))
        assert path.stat().st_size > 5_000
    search(window, qtbot, gestures, "بوتين")
    path = SCREENSHOTS / f"concordance{suffix}.png"
    assert window.consistency.concordance_dock.grab().save(str(path))
