"""Undo/redo across restarts, delete, done-and-next, search, zoom: through keys, checked in the store."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.model import DocStatus
from annotator.store import Project

from .conftest import ANNOTATOR


def texts(project: Project, doc: str, text: str) -> list[str]:
    return [s.text_in(text) for s in project.spans(doc, ANNOTATOR)]


def test_undo_redo_then_reopen_and_undo_again(open_window, project_path, qtbot, gestures, seed_text) -> None:
    project = Project.open(project_path)
    window = open_window(project)
    doc = window.session.document_id
    for word, key in (("أوكرانيا", Qt.Key.Key_3), ("الناتو", Qt.Key.Key_2)):
        start = seed_text.index(word)
        gestures.drag_select(window.view, start, start + len(word))
        qtbot.keyClick(window.view, key)
    assert texts(project, doc, seed_text) == ["أوكرانيا", "الناتو"]
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert texts(project, doc, seed_text) == ["أوكرانيا"]
    assert window.entity_model.rowCount() == 1
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert texts(project, doc, seed_text) == ["أوكرانيا", "الناتو"]
    window.close()
    project.close()

    reopened = Project.open(project_path)  # a restart: new project connection, new window
    window = open_window(reopened)
    assert window.entity_model.rowCount() == 2
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert texts(reopened, doc, seed_text) == ["أوكرانيا"]
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert texts(reopened, doc, seed_text) == []
    reopened.close()


def test_undo_follows_the_action_into_another_document(window, qtbot, gestures, seed_text) -> None:
    project = window.session.project
    first = window.session.document_id
    start = seed_text.index("كييف")
    gestures.drag_select(window.view, start, start + 4)
    qtbot.keyClick(window.view, Qt.Key.Key_3)
    qtbot.keyClick(window.view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.session.document_id != first
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert project.spans(first, ANNOTATOR) == []
    assert window.session.document_id == first  # the window shows where the undo happened


def test_ctrl_enter_marks_done_and_opens_the_next(window, qtbot) -> None:
    project = window.session.project
    first = window.session.document_id
    qtbot.keyClick(window.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert project.status(first, ANNOTATOR) == DocStatus.DONE
    second = window.session.document_id
    assert second != first
    assert project.document(second).name == "second"
    model = window.documents.model
    assert model.data(model.index(model.row_of(first), 1)) == "done"
    assert window.documents.progress.value() == 1
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # status change is undoable
    assert project.status(first, ANNOTATOR) == DocStatus.NEW


def test_search_ignores_diacritics_and_a_hit_can_be_tagged(window, qtbot, gestures, seed_text) -> None:
    qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.search_bar
    assert bar.isVisible() and bar.field.hasFocus()
    gestures.type_text(bar.field, "بُوتِين")  # with harakat: still finds the plain spelling
    expected = seed_text.count("بوتين")
    assert bar.count.text() == f"1 / {expected}"
    assert len(bar.hits) == expected and all(seed_text[s:e] == "بوتين" for s, e in bar.hits)
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count.text() == f"2 / {expected}"
    second = bar.hits[1]
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    [span] = window.session.project.spans(window.session.document_id, ANNOTATOR)
    assert (span.start, span.end) == second
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_zoom_keys_change_and_remember_the_text_size(window, qtbot, settings) -> None:
    before = window.view.font().pointSize()
    qtbot.keyClick(window.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.view.font().pointSize() == before + 2
    qtbot.keyClick(window.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert settings.font_size == before + 1


def test_blind_annotation_hides_other_annotators_work(open_window, project_path, seed_text) -> None:
    with Project.open(project_path) as project:
        doc = project.documents()[0].id
        start = seed_text.index("موسكو")
        project.add_span(doc, "someone-else", start, start + 5, "GPE")
        window = open_window(project)
        assert window.entity_model.rowCount() == 0
        project.add_span(doc, "someone-else", 0, 3, "MISC")  # live changes of others stay hidden too
        QApplication.processEvents()
        assert window.entity_model.rowCount() == 0
        assert "0 spans" in window.status_counts.text()
