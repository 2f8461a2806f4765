"""Screenshots of crowded marks for people to look at (build/screenshots/): a relation on the first
line, nested and overlapping suggestions, and the curator's view with two annotators' relations on
the first line. Each also checks what a reader would: every name and tag is on screen, whole, and
none covers another."""

from __future__ import annotations

from itertools import combinations

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QApplication

from annotator.model import DocStatus
from annotator.store import Project

from .conftest import ANNOTATOR, SCREENSHOTS
from .marks_article import SPANS, build, find


def _labels(view) -> list[tuple[str, QRectF]]:
    """Every tag and relation name of the last paint, with where it was drawn."""
    tags = [(t.text, t.rect) for t in view.painted_tags()]
    return tags + [(p.arc.label, p.label_box) for p in view.painted_arcs()]


def _check_labels(view) -> None:
    viewport = QRectF(view.viewport().rect())
    labels = _labels(view)
    for text, rect in labels:
        if rect.bottom() > 0 and rect.top() < viewport.height():
            assert viewport.contains(rect), f"«{text}» is cut off: {rect}"
    for (a, ra), (b, rb) in combinations(labels, 2):
        assert not ra.intersects(rb), f"«{a}» and «{b}» overlap"


def _save(widget, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    assert widget.grab().save(str(path))
    assert path.stat().st_size > 20_000


def test_screenshots_first_line_relation_and_nested_suggestions(open_window, tmp_path) -> None:
    ids = build(tmp_path / "crowded.hashiya", ANNOTATOR)
    with Project.open(tmp_path / "crowded.hashiya") as project:
        window = open_window(project)
        view = window.view
        window.controller.select_span(ids["ألمانيا"])  # its thick border around the hamza
        view.scroll_to(0)
        QApplication.processEvents()
        view.viewport().repaint()
        assert sum(1 for _text, box in _labels(view) if box.top() < 90) >= 3, "the first line's names are drawn"
        _check_labels(view)
        _save(window, "first-line-relation.png")
        start, end = find("المركزي الأوروبي")
        [key] = [m.key for m in view.suggestions.all() if (m.start, m.end) == (start, end)]
        window.controller.suggestions.select(key)
        view.scroll_to(start, end)
        QApplication.processEvents()
        view.viewport().repaint()
        assert view.suggestion_rects(key), "the current suggestion is on screen"
        _check_labels(view)
        _save(window, "nested-suggestions.png")


def test_screenshot_curation_relations_on_the_first_line(qtbot, tmp_path) -> None:
    from ui.curation.window import CurationWindow

    path = tmp_path / "team.hashiya"
    ids = build(path, "amal")
    with Project.open(path) as project:
        doc = project.documents()[0].id
        for word, occurrence, label in SPANS:  # badr read «روسيا» as the state's organisation
            project.add_span(doc, "badr", *find(word, occurrence), "ORG" if word == "روسيا" else label)
        spans = {s.text_in(project.document(doc).text): s.id for s in project.spans(doc, "badr")}
        project.add_relation(spans["فلاديمير بوتين"], spans["روسيا"], "member_of")
        for name in ("amal", "badr"):
            project.set_status(doc, name, DocStatus.DONE)
        assert ids
        window = CurationWindow(project)
        qtbot.addWidget(window)
        window.resize(1400, 860)
        window.show()
        qtbot.waitExposed(window)
        window.open_document(doc)
        window.view.scroll_to(0)
        QApplication.processEvents()
        window.view.viewport().repaint()
        names = {p.arc.label for p in window.view.painted_arcs()}
        assert {"A: leader_of", "B: member_of"} <= names, names
        tags = {t.text for t in window.view.painted_tags()}
        assert "A GPE · B ORG" in tags or "B ORG · A GPE" in tags, tags
        _check_labels(window.view)
        _save(window, "curation-relations.png")
        window.close()
