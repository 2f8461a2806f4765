"""Project → Boundary convention…: the dialog shows the project's convention, OK stores it (and it
survives reopening), Cancel changes nothing, and the open window's snapping follows it at once."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from annotator.conventions import BoundaryConvention, Placement
from annotator.store import Project
from ui.dialogs.convention import ConventionDialog, register_convention_menu
from ui.menus import MenuTable

from .conftest import ANNOTATOR


def stored_convention(path) -> BoundaryConvention:
    with Project.open(path) as project:
        return BoundaryConvention.from_settings(project.recommender_settings())


def choose(dialog: ConventionDialog, qtbot, name: str, placement: Placement) -> None:
    """Click the radio button as a user does (on the shown dialog)."""
    if not dialog.isVisible():
        dialog.show()
        qtbot.waitExposed(dialog)
    button = dialog.findChild(type(dialog.groups[name].buttons()[0]), f"convention_{name}_{placement}")
    # on the indicator: a radio button counts only clicks on its circle and text, not its whole row
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(6, button.height() // 2))
    assert button.isChecked()


def test_ok_stores_the_choice_and_it_survives_reopening(qtbot, project_path) -> None:
    with Project.open(project_path) as project:
        project.set_recommender_settings({"threshold": 0.3})
        dialog = ConventionDialog(project)
        qtbot.addWidget(dialog)
        assert dialog.convention() == BoundaryConvention()  # what a project that never chose gets
        choose(dialog, qtbot, "proclitics", Placement.IN)
        assert dialog.convention() == BoundaryConvention(Placement.IN, Placement.OUT)
        dialog.accept()
    assert stored_convention(project_path) == BoundaryConvention(Placement.IN, Placement.OUT)
    with Project.open(project_path) as project:
        assert project.recommender_settings()["threshold"] == 0.3  # other settings kept
        again = ConventionDialog(project)
        qtbot.addWidget(again)
        assert again.convention() == BoundaryConvention(Placement.IN, Placement.OUT)  # shows what is stored


def test_cancel_changes_nothing(qtbot, project_path) -> None:
    with Project.open(project_path) as project:
        dialog = ConventionDialog(project)
        qtbot.addWidget(dialog)
        choose(dialog, qtbot, "titles", Placement.IN)
        dialog.reject()
    assert stored_convention(project_path) == BoundaryConvention()


def test_the_open_window_snaps_by_the_new_convention(window, qtbot, gestures, seed_text) -> None:
    dialog = ConventionDialog(window.session.project, window)
    choose(dialog, qtbot, "proclitics", Placement.IN)
    dialog.accept()
    word = seed_text.index("وموسكو")
    gestures.drag_select(window.view, word + 2, word + 6)  # «وسكو»: starts inside the word
    qtbot.keyClick(window.view, Qt.Key.Key_3)
    session = window.session
    spans = session.project.spans(session.document_id, ANNOTATOR)
    assert [(s.text_in(session.text), s.label) for s in spans] == [("وموسكو", "GPE")]


def test_the_menu_entry_opens_the_dialog_over_the_windows_project(window, qtbot) -> None:
    """What ``ui/actions.py`` gets from one ``register_convention_menu(table, window)`` call."""
    from PySide6.QtWidgets import QMainWindow

    table = MenuTable()
    table.menu("annotate", "&Annotate")
    feature = register_convention_menu(table, window)
    host = QMainWindow()
    qtbot.addWidget(host)
    actions = table.build(host)
    assert actions["convention"].text() == "&Boundary convention…"
    actions["convention"].trigger()
    assert feature.dialog is not None and feature.dialog.isVisible()
    assert feature.dialog.project is window.session.project
    first = feature.dialog
    actions["convention"].trigger()  # already open: the same dialog comes to the front
    assert feature.dialog is first
    first.reject()
