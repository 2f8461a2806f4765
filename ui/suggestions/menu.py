"""The Suggestions menu's entries. The deciding keys (N, P, Enter, Backspace, Shift+Enter, Shift+Backspace) are
handled by the document view, not as window shortcuts: as shortcuts they would take Enter and Backspace
from the search field and the lists. The menu names them, and its items do the same."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.menus import SEPARATOR, Entry, MenuTable

if TYPE_CHECKING:
    from ui.window import MainWindow

DECIDE = (  # handlers on the view's suggestion keys (ui/suggestions/keys.py)
    Entry("suggestion_next", "&Next suggestion (N)", "step", kwargs={"forward": True}),
    Entry("suggestion_previous", "&Previous suggestion (P)", "step", kwargs={"forward": False}),
    Entry("suggestion_accept", "&Accept the suggestion (Enter)", "accept"),
    Entry("suggestion_reject", "&Reject the suggestion (Backspace)", "reject"),
    Entry("suggestion_accept_label", "Accept all of this &label in the document (Shift+Enter)", "accept_label"),
    Entry(
        "suggestion_reject_same",
        "Reject all with this text and label in the &document (Shift+Backspace)",
        "reject_identical",
    ),
    Entry(
        "suggestion_reject_same_project",
        "Reject all with this text and label in the &project",
        "reject_identical_in_project",
    ),
)
FEATURE = (  # handlers on the suggestion feature (ui/suggestions/feature.py)
    Entry("suggestion_threshold", "Accept all above a &score…", "accept_above"),
    SEPARATOR,
    Entry("preannotate", "Pre-&annotate documents…", "preannotate"),
    Entry("train", "&Train the project model…", "train"),
)


def register_suggestion_menu(table: MenuTable, window: MainWindow) -> None:
    """Add the Suggestions menu's entries to ``table``; the import setting is checked as the project has it."""
    after_import = Entry(
        "suggest_after_import",
        "Suggest entities after &import",
        "set_suggest_after_import",
        checked=window.suggestions.suggest_after_import,
        toggled=True,
    )
    table.add("suggestions", *DECIDE, owner=window.controller.suggestions)
    table.add("suggestions", *FEATURE, after_import, owner=window.suggestions)
