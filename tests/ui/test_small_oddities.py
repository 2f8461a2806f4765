"""Small things a user noticed: each annotator's last document, a stale relation prompt, a
sideways scrollbar on a view that wraps its lines."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu

from annotator.store import Project
from ui.i18n import tr

from .conftest import ANNOTATOR

RELATION_PROMPT = "Relation: click the target span, or Tab to it and press Enter; Esc cancels"


def test_each_annotator_comes_back_to_their_own_last_document(open_window, project_path) -> None:
    with Project.open(project_path) as project:
        layla = open_window(project, "layla")
        first, second = layla.session.document_id, layla.session.neighbour(1)
        layla.open_document(second)
        layla.close()
        omar = open_window(project, "omar")
        assert omar.session.document_id == first  # omar never opened «second»
        omar.close()
        assert open_window(project, "layla").session.document_id == second


def test_the_relation_prompt_goes_once_the_relation_is_made(window, qtbot, gestures, seed_text) -> None:
    project = window.session.project
    document_id = window.session.document_id
    spans = {}
    for word, label in (("فلاديمير بوتين", "PERS"), ("الكرملين", "ORG")):
        start = seed_text.index(word)
        spans[word] = project.add_span(document_id, ANNOTATOR, start, start + len(word), label).spans_added[0]
    QApplication.processEvents()
    putin, kremlin = spans["فلاديمير بوتين"], spans["الكرملين"]
    gestures.click_span(window.view, putin.start, putin.end)
    qtbot.keyClick(window.view, Qt.Key.Key_R)
    assert window.statusBar().currentMessage() == tr(RELATION_PROMPT)
    gestures.click_span(window.view, kremlin.start, kremlin.end)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    qtbot.keyClick(menu, Qt.Key.Key_Return)
    assert [r.label for r in project.relations(document_id)] == ["leader_of"]
    assert window.statusBar().currentMessage() != tr(RELATION_PROMPT)


def test_a_view_that_wraps_lines_never_scrolls_sideways(window) -> None:
    bar = window.view.horizontalScrollBar()
    for width in (1280, 1000, 800):
        window.resize(width, 820)
        for step in (0, 3, 6, 12):
            window.zoom(0)
            for _ in range(step):
                window.zoom(1)
            QApplication.processEvents()
            assert not bar.isVisible(), f"a sideways scrollbar at width {width}, zoom +{step}"
