"""The Suggestions menu. The deciding keys (N, P, Enter, Backspace, Shift+Enter, Shift+Backspace) are handled by
the document view, not as window shortcuts: as shortcuts they would take Enter and Backspace
from the search field and the lists. The menu names them, and its items do the same."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenuBar

from ui.actions import _action
from ui.i18n import tr

if TYPE_CHECKING:
    from ui.window import MainWindow


def build_suggestion_menu(window: MainWindow, bar: QMenuBar, actions: dict[str, QAction]) -> None:
    feature, keys = window.suggestions, window.controller.suggestions
    menu = bar.addMenu(tr("&Suggestions"))
    menu.setObjectName("suggestionsMenu")
    actions["suggestion_next"] = _action(window, "&Next suggestion (N)", lambda: keys.step(forward=True))
    actions["suggestion_previous"] = _action(window, "&Previous suggestion (P)", lambda: keys.step(forward=False))
    actions["suggestion_accept"] = _action(window, "&Accept the suggestion (Enter)", keys.accept)
    actions["suggestion_reject"] = _action(window, "&Reject the suggestion (Backspace)", keys.reject)
    actions["suggestion_accept_label"] = _action(
        window, "Accept all of this &label in the document (Shift+Enter)", keys.accept_label
    )
    actions["suggestion_reject_same"] = _action(
        window, "Reject all with this text and label in the &document (Shift+Backspace)", keys.reject_identical
    )
    actions["suggestion_reject_same_project"] = _action(
        window, "Reject all with this text and label in the &project", keys.reject_identical_in_project
    )
    actions["suggestion_threshold"] = _action(window, "Accept all above a &score…", feature.accept_above)
    decide = ("next", "previous", "accept", "reject", "accept_label", "reject_same", "reject_same_project", "threshold")
    for key in decide:
        menu.addAction(actions[f"suggestion_{key}"])
    menu.addSeparator()
    actions["preannotate"] = _action(window, "Pre-&annotate documents…", feature.preannotate)
    actions["train"] = _action(window, "&Train the project model…", feature.train)
    menu.addAction(actions["preannotate"])
    menu.addAction(actions["train"])
