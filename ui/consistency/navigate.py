"""Jumping from a concordance line to its place in the document view.

The window opens the document (as a click in the document list does) unless it is open already;
a span of the window's own layer is then selected as a click on it would (the session owns the
selection: the view, the entity list and the status bar follow), and anything else, untagged text
or a span of another layer the window does not show, is selected as text, as a search hit is,
so a label key tags it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ui.window import MainWindow


def jump_to(window: MainWindow, document_id: str, start: int, end: int, span_id: str | None = None) -> None:
    """Show ``[start, end)`` of a document in ``window``'s view and select it (code points)."""
    if window.session.document_id != document_id:
        window.open_document(document_id)
    view = window.view
    mark = view.spans.get(span_id) if span_id is not None else None
    if mark is not None and (mark.start, mark.end) == (start, end):
        view.clear_text_selection()
        window.controller.select_span(span_id, scroll=True)
        return
    window.controller.select_span(None)
    view.scroll_to(start, end)
    view.select_range(start, end)
