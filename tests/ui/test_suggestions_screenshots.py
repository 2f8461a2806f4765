"""Screenshots with suggestions (build/screenshots/window-suggestions*.png), light and dark, for people
to look at; each also checks what a reader would, on the rendered pixels: every suggestion and
accepted span on screen is drawn in its label's colour behind exactly its own letters (faint for
suggestions, stronger for the current one and for spans), and the current suggestion is on screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.recommenders.registry import RecommenderSettings, build
from annotator.recommenders.runner import run_recommenders
from annotator.store import Project

from .conftest import ANNOTATOR, SCREENSHOTS
from .pixels import capture, highlight_problems, on_screen


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screenshot_with_suggestions(open_window, project_path, qtbot, gestures, settings, seed_text, theme) -> None:
    settings.theme = theme
    with Project.open(project_path) as project:
        window = open_window(project)
        document_id = window.session.document_id
        recommenders = build(["gazetteer", "crf"], project, RecommenderSettings())
        run_recommenders(project, recommenders, [document_id])  # stored on this thread: a test shortcut
        view = window.view
        assert len(view.suggestions) > 10
        # the annotator tags one name by hand, accepts two suggestions and rejects one
        start = seed_text.index("ستيف ويتكوف")
        gestures.drag_select(view, start, start + len("ستيف ويتكوف"))
        qtbot.keyClick(view, Qt.Key.Key_1)
        qtbot.keyClick(view, Qt.Key.Key_Escape)
        view.setTextCursor(view.textCursor())
        view.scroll_to(0)
        for key in (Qt.Key.Key_N, Qt.Key.Key_Return, Qt.Key.Key_Return, Qt.Key.Key_Backspace):
            qtbot.keyClick(view, key)
        spans = project.spans(document_id, ANNOTATOR)
        assert sorted(s.origin for s in spans) == ["manual", "suggestion", "suggestion"]
        current = view.current_suggestion
        assert current is not None
        view.scroll_to(0)
        QApplication.processEvents()
        view.viewport().repaint()
        shot = capture(view)
        shown = [m for m in [*view.spans.all(), *view.suggestions.all()] if on_screen(view, m, shot.scale)]
        assert current in {m.key for m in shown}, "the current suggestion is on screen"
        assert {s.id for s in spans} <= {m.key for m in shown}, "the accepted spans are on screen"
        problems = highlight_problems(view, shot, shown)
        assert not problems, "\n".join(problems)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        name = "window-suggestions.png" if theme == "light" else "window-suggestions-dark.png"
        path = SCREENSHOTS / name
        assert window.grab().save(str(path))
        assert path.stat().st_size > 20_000
