"""The sample project as a new user first opens it (issue 13): its article is pre-annotated, and the
window shows the suggestions at once, painted behind exactly their letters in the right-to-left text;
a screenshot for people to look at (build/screenshots/sample-first-open.png)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from annotator.sample import ensure_sample_project
from annotator.store import Project

from .conftest import ANNOTATOR, SCREENSHOTS
from .pixels import capture, highlight_problems, on_screen


def test_the_sample_project_opens_with_its_entities_pre_highlighted(open_window, tmp_path, no_camel) -> None:
    path = ensure_sample_project(tmp_path / "sample.hashiya")
    with Project.open(path) as project:
        window = open_window(project)
        (info,) = project.documents()
        assert window.session.document_id == info.id
        pending = {s.id: (s.start, s.end, s.label) for s in project.suggestions(info.id, ANNOTATOR)}
        assert len(pending) > 20
        marks = {m.key: (m.start, m.end, m.label) for m in window.view.suggestions.all()}
        assert marks == pending, "every pending suggestion is shown, and only those"
        assert window.suggestions.preannotation is None, "shown without running anything"
        assert window.suggestions.count_label.text() == f"{len(pending)} suggestions to decide"

        view = window.view
        view.scroll_to(0)
        QApplication.processEvents()
        view.viewport().repaint()
        shot = capture(view)
        shown = [m for m in view.suggestions.all() if on_screen(view, m, shot.scale)]
        assert len(shown) > 10, "the first screen already holds many highlighted entities"
        text = project.document(info.id).text
        assert {"فلاديمير بوتين", "موسكو"} <= {text[m.start : m.end] for m in shown}
        problems = highlight_problems(view, shot, shown)
        assert not problems, "\n".join(problems)

        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        out = SCREENSHOTS / "sample-first-open.png"
        assert window.grab().save(str(out))
        assert out.stat().st_size > 20_000
