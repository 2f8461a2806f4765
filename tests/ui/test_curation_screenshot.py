"""A screenshot of the curator's view on the sample article with three annotators
(build/screenshots/curation.png), checking what a reader would, on the rendered pixels: each
annotator's version of a disagreement is drawn behind exactly its own letters, in its annotator's
colour (three versions of one word show the three colours laid over each other), and the current
one is on screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from annotator.model import DocStatus, IncomingDocument
from annotator.store import Project

from .conftest import SCREENSHOTS
from .pixels import capture, highlight_problems, on_screen

SECOND = "خبر ثان من موسكو."
THIRD = "التقى ماكرون بزيلينسكي في باريس، ثم سافر الرئيس الفرنسي إلى برلين."
# (word, occurrence) → label per annotator; None: that annotator did not tag it
SEED_WORK = {
    ("ستيف ويتكوف", 0): ("PERS", "PERS", "PERS"),
    ("فلاديمير بوتين", 0): ("PERS", "PERS", None),
    ("الرئيس الروسي فلاديمير بوتين", 0): (None, None, "PERS"),
    ("كييف", 0): ("GPE", "GPE", "GPE"),
    ("موسكو", 0): ("GPE", "GPE", "LOC"),
    ("روسيا", 0): ("GPE", "GPE", "GPE"),
    ("أوكرانيا", 0): ("GPE", "GPE", "GPE"),
    ("واشنطن", 0): ("GPE", "GPE", None),
    ("الكرملين", 0): ("ORG", "FAC", "ORG"),
    ("أوروبا", 0): ("LOC", "GPE", "LOC"),
    ("الأمريكي", 0): ("NORP", None, "NORP"),
    ("تامبوف", 0): (None, None, "GPE"),
}
THIRD_WORK = {
    ("ماكرون", 0): ("PERS", "PERS", "PERS"),
    ("زيلينسكي", 0): ("PERS", "GPE", "PERS"),
    ("باريس", 0): ("GPE", "LOC", "GPE"),
    ("الفرنسي", 0): ("NORP", None, "GPE"),
    ("برلين", 0): ("GPE", "LOC", None),
}
NAMES = ("amal", "badr", "chadi")


def find(text: str, word: str, occurrence: int) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(word, start + 1)
    return start, start + len(word)


def build_team_project(path: Path, seed_text: str, names: tuple[str, ...] = NAMES) -> dict[str, str]:
    """Three documents tagged by ``names`` (a prefix of amal, badr, chadi), all marked done."""
    with Project.create(path) as project:
        outcomes, _ = project.add_documents(
            [
                IncomingDocument("seed", seed_text, "seed.txt"),
                IncomingDocument("second", SECOND, "second.txt"),
                IncomingDocument("third", THIRD, "third.txt"),
            ]
        )
        ids = {o.name: o.document_id for o in outcomes}
        works = {"seed": SEED_WORK, "second": {("موسكو", 0): ("GPE", "GPE", "GPE")}, "third": THIRD_WORK}
        texts = {"seed": seed_text, "second": SECOND, "third": THIRD}
        for doc, work in works.items():
            for a, name in enumerate(names):
                for (word, occurrence), labels in work.items():
                    if labels[a] is not None:
                        project.add_span(ids[doc], name, *find(texts[doc], word, occurrence), labels[a])
                project.set_status(ids[doc], name, DocStatus.DONE)
        for name in names[:2]:  # amal and badr link Putin to Russia; chadi's Putin span differs
            spans = {s.text_in(seed_text): s for s in project.spans(ids["seed"], name)}
            project.add_relation(spans["فلاديمير بوتين"].id, spans["روسيا"].id, "leader_of")
    return ids


@pytest.mark.parametrize("language", ["en", "ar"])
def test_screenshot_curation(qtbot, tmp_path, seed_text, settings, language) -> None:
    from ui.app import prepare

    settings.language = language
    prepare(QApplication.instance(), settings)
    try:
        _curation_screenshot(qtbot, tmp_path, seed_text, "curation.png" if language == "en" else "curation-ar.png")
    finally:
        settings.language = "en"
        prepare(QApplication.instance(), settings)


def _curation_screenshot(qtbot, tmp_path, seed_text, name: str) -> None:
    from ui.curation.layers import colour
    from ui.curation.window import CurationWindow

    ids = build_team_project(tmp_path / "team.hashiya", seed_text)
    with Project.open(tmp_path / "team.hashiya") as project:
        window = CurationWindow(project)
        qtbot.addWidget(window)
        window.resize(1400, 860)
        window.show()
        qtbot.waitExposed(window)
        window.open_document(ids["seed"])
        for _ in range(3):  # to «الكرملين»: A and C say ORG, B says FAC
            window.next()
        item = window.curation.current
        assert seed_text[item.start : item.end] == "موسكو"
        window.take(0)
        window.next_open()
        window.next_open()
        item = window.curation.current
        assert seed_text[item.start : item.end] == "الكرملين"
        QApplication.processEvents()
        window.view.viewport().repaint()
        view = window.view
        versions = [m for m in view.spans.all() if seed_text[m.start : m.end] == "الكرملين"]
        expected = {("A ORG", colour(0)), ("B FAC", colour(1)), ("C ORG", colour(2))}
        assert {(m.label, m.colour) for m in versions} == expected
        shot = capture(view)
        shown = [m for m in view.spans.all() if on_screen(view, m, shot.scale)]
        assert set(versions) <= set(shown), "the current disagreement is on screen"
        problems = highlight_problems(view, shot, shown)
        assert not problems, "\n".join(problems)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / name
        assert window.grab().save(str(path))
        assert path.stat().st_size > 20_000
        window.close()
