"""The window's menus and their shortcuts (undo, redo, done-and-next, find, zoom, settings).

The Suggestions menu is built by ``ui/suggestions/menu.py``. In a right-to-left interface each
item's shortcut is shown isolated left-to-right (:func:`shortcuts_read_left_to_right`): otherwise
the bidi algorithm moves a trailing "+" and «Ctrl++» reads «++Ctrl»."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar

from ui.i18n import LRI, PDI, is_rtl, tr

if TYPE_CHECKING:
    from ui.window import MainWindow


def _action(window: MainWindow, text: str, slot, *shortcuts: QKeySequence | str) -> QAction:
    action = QAction(tr(text), window)
    if shortcuts:
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)  # shortcuts work even when the menu bar is hidden
    return action


def build_menus(window: MainWindow) -> dict[str, QAction]:
    bar = window.menuBar()
    actions: dict[str, QAction] = {}

    menu = bar.addMenu(tr("&File"))
    actions["quit"] = _action(window, "&Quit", window.close, QKeySequence.StandardKey.Quit)
    menu.addAction(actions["quit"])

    menu = bar.addMenu(tr("&Edit"))
    actions["undo"] = _action(window, "&Undo", window.undo, "Ctrl+Z")
    actions["redo"] = _action(window, "&Redo", window.redo, "Ctrl+Shift+Z", "Ctrl+Y")
    actions["delete"] = _action(window, "&Delete span or relation", window.controller.delete_selected)
    actions["find"] = _action(window, "&Find in document", window.search_bar.open_bar, "Ctrl+F")
    for key in ("undo", "redo", "delete", "find"):
        menu.addAction(actions[key])

    menu = bar.addMenu(tr("&Annotate"))
    actions["relation"] = _action(
        window, "Start a &relation from the selected span (R)", window.controller.start_relation
    )
    actions["done"] = _action(window, "Mark &done and open the next document", window.done_and_next,
                              "Ctrl+Return", "Ctrl+Enter")  # fmt: skip
    actions["next"] = _action(window, "&Next document", lambda: window.step_document(1), "Ctrl+PgDown")
    actions["previous"] = _action(window, "&Previous document", lambda: window.step_document(-1), "Ctrl+PgUp")
    for key in ("relation", "done", "next", "previous"):
        menu.addAction(actions[key])

    from ui.suggestions.menu import build_suggestion_menu  # imports this module: not at the top

    build_suggestion_menu(window, bar, actions)

    menu = bar.addMenu(tr("&View"))
    actions["zoom_in"] = _action(window, "Zoom &in", lambda: window.zoom(1), "Ctrl++", "Ctrl+=")
    actions["zoom_out"] = _action(window, "Zoom &out", lambda: window.zoom(-1), "Ctrl+-")
    actions["zoom_reset"] = _action(window, "&Reset zoom", lambda: window.zoom(0), "Ctrl+0")
    for key in ("zoom_in", "zoom_out", "zoom_reset"):
        menu.addAction(actions[key])
    actions["tags"] = _action(window, "Show &label names above spans", window.toggle_tags)
    actions["tags"].setCheckable(True)
    actions["tags"].setChecked(True)
    menu.addAction(actions["tags"])
    actions["order_uncertainty"] = QAction(tr("Order documents by model &uncertainty"), window)
    actions["order_uncertainty"].setCheckable(True)
    actions["order_uncertainty"].setChecked(window.suggestions.order_by_uncertainty)
    actions["order_uncertainty"].toggled.connect(window.suggestions.set_order_by_uncertainty)
    menu.addAction(actions["order_uncertainty"])
    menu.addSeparator()
    themes = menu.addMenu(tr("&Theme"))
    group = QActionGroup(window)
    for name, text in (("light", "Light"), ("dark", "Dark")):
        action = _action(window, text, lambda n=name: window.set_theme(n))
        action.setCheckable(True)
        action.setChecked(window.settings.theme == name)
        group.addAction(action)
        themes.addAction(action)
        actions[f"theme_{name}"] = action
    languages = menu.addMenu(tr("&Language"))
    group = QActionGroup(window)
    for code, text in (("en", "English"), ("ar", "العربية")):
        action = QAction(text, window)
        action.setCheckable(True)
        action.setChecked(window.settings.language == code)
        action.triggered.connect(lambda _c=False, c=code: window.set_language(c))
        group.addAction(action)
        languages.addAction(action)
        actions[f"language_{code}"] = action
    menu.addSeparator()
    for dock in window.docks:
        menu.addAction(dock.toggleViewAction())

    menu = bar.addMenu(tr("A&nnotator"))
    actions["switch"] = _action(window, "&Switch annotator…", window.switch_annotator)
    menu.addAction(actions["switch"])

    menu = bar.addMenu(tr("&Help"))
    actions["keys"] = _action(window, "&Keys", window.show_keys, "F1")
    actions["about"] = _action(window, "&About Hashiya", window.suggestions.about)
    menu.addAction(actions["keys"])
    menu.addAction(actions["about"])
    from ui.dialogs.menus import install_menus  # File → Import/Export/Merge; Annotator → Agreement, Curation

    install_menus(window, bar, actions)
    if is_rtl():
        shortcuts_read_left_to_right(bar)
    return actions


def shortcuts_read_left_to_right(bar: QMenuBar) -> None:
    """Show every menu item's first shortcut as an isolated left-to-right run («Ctrl++», not «++Ctrl»).

    QMenu draws the text after a tab in an item's text instead of the shortcut, so the item keeps
    its real shortcut (the key still works) and shows the isolated text.
    """
    menus = [a.menu() for a in bar.actions() if isinstance(a.menu(), QMenu)]
    while menus:
        menu = menus.pop()
        for action in menu.actions():
            if isinstance(action.menu(), QMenu):
                menus.append(action.menu())
            elif not action.shortcut().isEmpty() and "\t" not in action.text():
                shown = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                action.setText(f"{action.text()}\t{LRI}{shown}{PDI}")
