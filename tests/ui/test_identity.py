"""Annotator identity: asked once, remembered, overridable from the command line, switchable."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from annotator.store import Project
from ui.identity import AnnotatorDialog, resolve_annotator


def answer_dialog(qtbot, gestures, name: str | None, seen: list[str]) -> None:
    """When the annotator dialog opens, type ``name`` and press Enter (or Esc for None)."""

    def respond() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, AnnotatorDialog):
            QTimer.singleShot(20, respond)
            return
        seen.append(dialog.windowTitle())
        if name is None:
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
            return
        field = dialog.combo.lineEdit()
        field.selectAll()
        gestures.type_text(field, name)
        qtbot.keyClick(field, Qt.Key.Key_Return)

    QTimer.singleShot(0, respond)


def test_asked_once_then_remembered(qtbot, gestures, settings) -> None:
    with Project.memory() as project:
        seen: list[str] = []
        answer_dialog(qtbot, gestures, "ليلى", seen)
        assert resolve_annotator(settings, project, None) == "ليلى"
        assert len(seen) == 1
        assert resolve_annotator(settings, project, None) == "ليلى"  # no dialog the second time
        assert len(seen) == 1
        assert resolve_annotator(settings, project, "omar") == "omar"  # --annotator overrides
        assert settings.annotator == "omar"


def test_cancelled_dialog_opens_nothing(qtbot, gestures, settings) -> None:
    with Project.memory() as project:
        seen: list[str] = []
        answer_dialog(qtbot, gestures, None, seen)
        assert resolve_annotator(settings, project, None) is None
        assert settings.annotator == ""


def test_switch_annotator_from_the_menu_shows_only_their_work(window, qtbot, gestures, seed_text) -> None:
    project, doc = window.session.project, window.session.document_id
    start = seed_text.index("كييف")
    project.add_span(doc, "omar", start, start + 4, "GPE")
    QApplication.processEvents()
    assert window.entity_model.rowCount() == 0
    seen: list[str] = []
    answer_dialog(qtbot, gestures, "omar", seen)
    window.actions_by_name["switch"].trigger()
    assert window.session.annotator.name == "omar"
    assert window.entity_model.rowCount() == 1
    assert "omar" in window.status_annotator.text()
    assert window.settings.annotator == "omar"
