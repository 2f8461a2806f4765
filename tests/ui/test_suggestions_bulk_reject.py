"""Shift+Backspace and the Suggestions menu reject identical suggestions through the store's one
operation (``Project.reject_identical``), and the window moves on to the next suggestion."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from .test_suggestions_keys import BACKSPACE, SHIFT, current_key, identical_suggestions, pending


def changes_of(project) -> list:
    """Every change the store announces from now on (what the window itself is told)."""
    seen: list = []
    project.subscribe(seen.append)
    return seen


def go_to(window, qtbot, key) -> None:
    qtbot.keyClick(window.view, Qt.Key.Key_N)
    while current_key(window) != key:
        qtbot.keyClick(window.view, Qt.Key.Key_N)


def test_shift_backspace_is_the_stores_reject_identical_and_moves_on(window, qtbot, seed_text) -> None:
    project, document_id = window.session.project, window.session.document_id
    made = identical_suggestions(project, document_id, seed_text)
    QApplication.processEvents()
    go_to(window, qtbot, made["GPE"][1])
    seen = changes_of(project)
    qtbot.keyClick(window.view, BACKSPACE, SHIFT)
    assert [c.kind for c in seen] == ["reject_identical"]  # one store operation, one action in the log
    assert sorted(pending(window)) == sorted(made["LOC"] + made["other"])
    after = [k for k in sorted(pending(window)) if k > made["GPE"][1]]
    assert current_key(window) == (after[0] if after else min(pending(window)))  # on to what followed it
    n = len(made["GPE"])
    assert window.statusBar().currentMessage().startswith(f"Rejected {n} suggestions")


def test_the_project_menu_is_the_stores_reject_identical_across_documents(window, qtbot, seed_text) -> None:
    project, document_id = window.session.project, window.session.document_id
    made = identical_suggestions(project, document_id, seed_text)
    QApplication.processEvents()
    go_to(window, qtbot, made["GPE"][0])
    seen = changes_of(project)
    window.actions_by_name["suggestion_reject_same_project"].trigger()
    assert [c.kind for c in seen] == ["reject_identical"]
    assert sorted(pending(window)) == sorted(made["LOC"] + made["other"])
