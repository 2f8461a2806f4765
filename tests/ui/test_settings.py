"""Settings persist: theme, language, layout, last document."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from annotator.store import Project
from ui.settings import Settings


def test_dark_theme_from_the_menu_is_applied_and_remembered(window) -> None:
    window.actions_by_name["theme_dark"].trigger()
    assert Settings().theme == "dark"
    base = QApplication.palette().color(QPalette.ColorRole.Base)
    assert base.lightness() < 80
    window.actions_by_name["theme_light"].trigger()
    assert QApplication.palette().color(QPalette.ColorRole.Base).lightness() > 200


def test_language_from_the_menu_rebuilds_the_window(window, qtbot) -> None:
    with qtbot.waitSignal(window.restartRequested, timeout=1000):
        window.actions_by_name["language_ar"].trigger()
    assert Settings().language == "ar"


def test_layout_and_last_document_survive_a_restart(open_window, project_path, qtbot) -> None:
    with Project.open(project_path) as project:
        window = open_window(project)
        second = window.session.neighbour(1)
        window.open_document(second)
        window.docks[3].hide()  # close the relations panel
        window.close()
        again = open_window(project)
        assert again.session.document_id == second
        assert not again.docks[3].isVisible()
        assert again.docks[0].isVisible()
