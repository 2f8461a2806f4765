"""The window's menus and their shortcuts (undo, redo, done-and-next, find, zoom, settings), as one table.

The menus are declared here, in order; each feature adds its own entries through
:class:`ui.menus.MenuTable` (Suggestions: ``ui/suggestions/menu.py``; Import, Export, Merge and the
team windows: ``ui/dialogs/team_windows.py``). In a right-to-left interface each item's shortcut
is shown isolated left-to-right (:func:`shortcuts_read_left_to_right`): otherwise the bidi
algorithm moves a trailing "+" and «Ctrl++» reads «++Ctrl»."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar

from ui.dialogs.convention import register_convention_menu
from ui.dialogs.guidelines import register_guidelines_menu
from ui.dialogs.team_windows import register_team_menus
from ui.i18n import LRI, PDI, is_rtl
from ui.menus import SEPARATOR, Entry, Existing, MenuTable
from ui.panels.work_list import register_work_list_menu
from ui.suggestions.menu import register_suggestion_menu

if TYPE_CHECKING:
    from ui.window import MainWindow

MENUS = (
    ("file", "&File"),
    ("edit", "&Edit"),
    ("annotate", "&Annotate"),
    ("suggestions", "&Suggestions"),
    ("view", "&View"),
    ("annotator", "A&nnotator"),
    ("help", "&Help"),
)
"""The menu bar, in order: (key features add entries under, English title)."""

FILE = (Entry("quit", "&Quit", "close", (QKeySequence.StandardKey.Quit,)),)
EDIT = (
    Entry("undo", "&Undo", "undo", ("Ctrl+Z",)),
    Entry("redo", "&Redo", "redo", ("Ctrl+Shift+Z", "Ctrl+Y")),
    Entry("delete", "&Delete span or relation", "controller.delete_selected"),
    Entry("find", "&Find in document", "search_bar.open_bar", ("Ctrl+F",)),
)
ANNOTATE = (
    Entry("relation", "Start a &relation from the selected span (R)", "controller.start_relation"),
    Entry("done", "Mark &done and open the next document", "done_and_next", ("Ctrl+Return", "Ctrl+Enter")),
    Entry("next", "&Next document", "step_document", ("Ctrl+PgDown",), args=(1,)),
    Entry("previous", "&Previous document", "step_document", ("Ctrl+PgUp",), args=(-1,)),
)
CONSISTENCY = (  # ui/consistency: the queue of likely errors and the corpus-wide search
    Entry("consistency", "&Consistency review", "consistency.open_queue", ("F7",)),
    Entry("concordance", "Search all &documents (concordance)", "consistency.open_concordance", ("Ctrl+Shift+F",)),
)
ZOOM = (
    Entry("zoom_in", "Zoom &in", "zoom", ("Ctrl++", "Ctrl+="), args=(1,)),
    Entry("zoom_out", "Zoom &out", "zoom", ("Ctrl+-",), args=(-1,)),
    Entry("zoom_reset", "&Reset zoom", "zoom", ("Ctrl+0",), args=(0,)),
)
ANNOTATOR = (Entry("switch", "&Switch annotator…", "switch_annotator"),)
HELP = (
    Entry("keys", "&Keys", "show_keys", ("F1",)),
    Entry("about", "&About Hashiya", "suggestions.about"),
)
THEMES = (("light", "Light"), ("dark", "Dark"))
LANGUAGES = (("en", "English"), ("ar", "العربية"))  # each language under its own name, untranslated


def _view_entries(window: MainWindow) -> tuple:
    """The View menu's own entries: their checked state is the window's current settings."""
    return (
        *ZOOM,
        Entry("tags", "Show &label names above spans", "toggle_tags", checked=True),
        Entry(
            "order_uncertainty",
            "Order documents by model &uncertainty",
            "suggestions.set_order_by_uncertainty",
            checked=window.suggestions.order_by_uncertainty,
            toggled=True,
        ),
        SEPARATOR,
    )


def menu_table(window: MainWindow) -> MenuTable:
    """Every menu and entry of ``window``: the core ones declared here, then each feature's."""
    table = MenuTable()
    for key, title in MENUS:
        table.menu(key, title, object_name="suggestionsMenu" if key == "suggestions" else "")
    table.add("file", *FILE)
    table.add("edit", *EDIT)
    table.add("annotate", *ANNOTATE)
    table.add("view", *_view_entries(window))
    table.menu("theme", "&Theme", parent="view")
    themes = (Entry(f"theme_{n}", text, "set_theme", args=(n,), checked=window.settings.theme == n, group="theme")
              for n, text in THEMES)  # fmt: skip
    table.add("theme", *themes)
    table.menu("language", "&Language", parent="view")
    languages = (
        Entry(f"language_{c}", text, "set_language", args=(c,), checked=window.settings.language == c,
              group="language", translate=False)
        for c, text in LANGUAGES
    )  # fmt: skip
    table.add("language", *languages)
    table.add("view", SEPARATOR, Existing(tuple(dock.toggleViewAction() for dock in window.docks)))
    table.add("annotator", *ANNOTATOR)
    table.add("help", *HELP)
    table.add("annotate", SEPARATOR, *CONSISTENCY)
    register_convention_menu(table, window)
    register_guidelines_menu(table, window)
    register_suggestion_menu(table, window)
    register_work_list_menu(table, window)
    team = register_team_menus(table, window)
    table.on_built(team.attach)
    return table


def build_menus(window: MainWindow) -> dict[str, QAction]:
    """Build ``window``'s menu bar from :func:`menu_table`; the actions by entry name."""
    actions = menu_table(window).build(window)
    if is_rtl():
        shortcuts_read_left_to_right(window.menuBar())
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
