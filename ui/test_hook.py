"""Where the window's words are on the screen, for the real-window test (``HASHIYA_TEST_HOOK=file.json``).

The end-to-end test drives the real ``hashiya`` process with X input (xdotool): it has to know where a
word is drawn, in screen pixels, and when the window has been painted. Once the window's first paint
is done, this writes a JSON file with the X window id, the open document and some free words (no span
or suggestion on them) with their offsets ``[start, end)`` and the global position of their centre.
Only positions are reported: what a click does is checked by the test in the project file.
When the variable is unset, the app does not import this module.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

if TYPE_CHECKING:
    from ui.window import MainWindow

MAX_WORDS = 12


def install(window: MainWindow, path: str) -> None:
    """Report once the event loop has shown and painted the window."""
    QTimer.singleShot(0, window, lambda: _report(window, Path(path)))


def _report(window: MainWindow, path: Path) -> None:
    view = window.view
    view.viewport().repaint()  # lays out the visible blocks, as the first paint does
    document_id = window.session.document_id
    words = free_words(window) if document_id else []
    data = {"window": int(window.winId()), "document_id": document_id, "words": words}
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(partial, path)  # the test never reads half a file


def free_words(window: MainWindow) -> list[dict[str, object]]:
    """Visible words of letters only, without a span or suggestion, each drawn as one piece on screen."""
    view = window.view
    start, end = view.text_geometry.visible_range()
    inside = view.viewport().rect().adjusted(4, 4, -4, -4)
    found: list[dict[str, object]] = []
    for token in window.session.project.tokens(window.session.document_id):
        if token.start < start or token.end > end or len(token.text) < 4 or not token.text.isalpha():
            continue
        if view.spans.overlapping(token.start, token.end) or view.suggestions.overlapping(token.start, token.end):
            continue
        rects = view.text_geometry.rects(token.start, token.end)
        if len(rects) != 1 or not inside.contains(rects[0].toRect()):
            continue
        centre = view.viewport().mapToGlobal(rects[0].center().toPoint())
        found.append({"start": token.start, "end": token.end, "text": token.text, "x": centre.x(), "y": centre.y()})
        if len(found) == MAX_WORDS:
            break
    return found
