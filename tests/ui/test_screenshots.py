"""Screenshots of the window for people to look at (build/screenshots/), in English and Arabic.

Each test also checks what a reader would check, on the rendered pixels: every span's label colour
fills the background behind exactly its letters (not the words beside it; nested spans show both
colours), and the arc joins the two spans.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.store import Project

from .conftest import ANNOTATOR, SCREENSHOTS
from .pixels import capture, highlight_problems

ENTITIES = [
    ("فلاديمير بوتين", Qt.Key.Key_1, 0),
    ("بوتين", Qt.Key.Key_9, 0),  # nested inside «فلاديمير بوتين»
    ("ستيف ويتكوف", Qt.Key.Key_1, 0),
    ("الأمريكي", Qt.Key.Key_6, 0),
    ("كييف", Qt.Key.Key_3, 0),
    ("موسكو", Qt.Key.Key_3, 0),
    ("روسيا", Qt.Key.Key_3, 0),
    ("أوكرانيا", Qt.Key.Key_3, 0),
    ("الكرملين", Qt.Key.Key_2, 0),
    ("أوروبا", Qt.Key.Key_4, 0),
]


def annotate_sample(window, qtbot, gestures, text: str) -> None:
    for word, key, occurrence in ENTITIES:
        start = -1
        for _ in range(occurrence + 1):
            start = text.index(word, start + 1)
        gestures.drag_select(window.view, start, start + len(word))
        qtbot.keyClick(window.view, key)
    project, doc = window.session.project, window.session.document_id
    by_text = {s.text_in(text): s for s in project.spans(doc, ANNOTATOR)}
    project.add_relation(by_text["فلاديمير بوتين"].id, by_text["الكرملين"].id, "leader_of")
    project.add_relation(by_text["ستيف ويتكوف"].id, by_text["فلاديمير بوتين"].id, "met_with")
    window.controller.select_span(by_text["ستيف ويتكوف"].id)
    window.view.scroll_to(0)
    QApplication.processEvents()


def check_and_save(window, name: str, text: str) -> None:
    project, doc = window.session.project, window.session.document_id
    spans = {s.text_in(text): s for s in project.spans(doc, ANNOTATOR)}
    assert len(spans) == len(ENTITIES)
    view = window.view
    view.viewport().repaint()
    assert view.selected_span == spans["ستيف ويتكوف"].id  # drawn stronger: the check expects that
    shot = capture(view)
    problems = highlight_problems(view, shot, [view.spans.get(s.id) for s in spans.values()])
    assert not problems, "\n".join(problems)
    [relation] = [r for r in project.relations(doc) if r.label == "met_with"]
    assert window.view.arc_label_box(relation.id) is not None, "the arc is on screen"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    assert window.grab().save(str(path))
    assert path.stat().st_size > 20_000


def test_screenshot_english(open_window, project_path, qtbot, gestures, seed_text) -> None:
    with Project.open(project_path) as project:
        window = open_window(project)
        annotate_sample(window, qtbot, gestures, seed_text)
        check_and_save(window, "window.png", seed_text)


def test_screenshot_arabic(open_window, project_path, qtbot, gestures, seed_text, settings) -> None:
    settings.language = "ar"
    with Project.open(project_path) as project:
        window = open_window(project)
        annotate_sample(window, qtbot, gestures, seed_text)
        check_and_save(window, "window-ar.png", seed_text)
