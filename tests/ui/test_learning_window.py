"""The model learns while you annotate (issue 13): marking documents done in the window retrains the
project model in the background, and the next document's suggestions change through the change bus."""

from __future__ import annotations

from pathlib import Path

from annotator.model import IncomingDocument
from annotator.recommenders.registry import RecommenderSettings, build
from annotator.recommenders.runner import run_recommenders
from annotator.store import Project

from .conftest import ANNOTATOR

COMPANY = "زمردان"  # a company the shipped model does not know
TAUGHT = [
    "أعلنت زمردان أمس خطة للتوسع في المنطقة .",
    "قالت زمردان في بيان إن الأرباح ارتفعت هذا العام .",
    "افتتحت زمردان فرعا جديدا في المدينة .",
]
NEXT = "وتتوقع زمردان نموا في المبيعات . والتقى الرئيس فلاديمير بوتين نظيره في موسكو أمس ."


def _corpus(path: Path) -> None:
    """Three short articles naming the company, then the next one, already pre-annotated by the shipped model."""
    with Project.create(path) as project:
        texts = [*TAUGHT, NEXT]
        outcomes, _ = project.add_documents([IncomingDocument(f"a{i}", t, f"a{i}.txt") for i, t in enumerate(texts)])
        project.ensure_annotator(ANNOTATOR)
        crf = build(["crf"], project, RecommenderSettings(), ANNOTATOR)
        run_recommenders(project, crf, [outcomes[-1].document_id], lift_for=ANNOTATOR)


def _shown(window) -> set[tuple[str, str]]:
    text = window.session.project.document(window.session.document_id).text
    return {(text[m.start : m.end], m.label) for m in window.view.suggestions.all()}


def test_marking_documents_done_teaches_the_next_documents_suggestions(open_window, qtbot, tmp_path, no_camel):
    path = tmp_path / "learn.hashiya"
    _corpus(path)
    with Project.open(path) as project:
        window = open_window(project)
        learning = window.suggestions.learning
        assert learning.strip.label.text() == ""  # no project model yet
        for text in TAUGHT:
            assert project.document(window.session.document_id).text == text
            start = text.index(COMPANY)
            window.session.tag(start, start + len(COMPANY), "ORG")
            window.done_and_next()  # the window's own "done" path: Change(statuses) → learning
        assert project.document(window.session.document_id).text == NEXT
        before = _shown(window)
        assert ("فلاديمير بوتين", "PERS") in before and (COMPANY, "ORG") not in before
        assert learning.running, "learning runs in the background: the window is not blocked"

        def learnt() -> bool:
            busy = learning.running or learning.again or window.suggestions.preannotation is None
            return not busy and not window.suggestions.preannotation.running and learning.lessons >= 2

        qtbot.waitUntil(learnt, timeout=30_000)
        after = _shown(window)
        assert (COMPANY, "ORG") in after  # the new name, learnt, reached the open document's marks
        assert {("فلاديمير بوتين", "PERS"), ("موسكو", "GPE")} <= after  # and nothing was forgotten
        assert learning.strip.label.text().startswith("model F1 ")
        info = learning.model_info()
        assert info is not None and info["documents"] == 3 and info["cross_validation_folds"] == 3


def test_learning_can_be_cancelled_from_the_status_bar(open_window, qtbot, tmp_path, no_camel):
    path = tmp_path / "cancel.hashiya"
    _corpus(path)
    with Project.open(path) as project:
        window = open_window(project)
        learning = window.suggestions.learning
        text = TAUGHT[0]
        start = text.index(COMPANY)
        window.session.tag(start, start + len(COMPANY), "ORG")
        window.done_and_next()
        assert learning.running and learning.strip.cancel_button.isVisible()
        learning.strip.cancel_button.click()
        qtbot.waitUntil(lambda: not learning.running, timeout=30_000)
        assert learning.model_info() is None  # cancelled: nothing saved
        assert not learning.strip.cancel_button.isVisible()
