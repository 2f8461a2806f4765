"""The project model stacked on the shipped one: it learns the project's names and keeps the rest."""

from __future__ import annotations

import pytest

from annotator.model import DocStatus, IncomingDocument
from annotator.recommenders.base import DocumentInput
from annotator.recommenders.crf import TrainingCancelled
from annotator.recommenders.crf_training import save_project_model, train_project_model
from annotator.recommenders.gazetteer import builtin_gazetteer
from annotator.recommenders.project_model import StackedCrfRecommender
from annotator.recommenders.project_training import _windows
from annotator.recommenders.registry import RecommenderSettings, build
from annotator.recommenders.runner import run_recommenders
from annotator.store import Project

# A company the shipped model does not know (it suggests nothing, or a person, for it).
COMPANY = "زمردان"
TAUGHT = [
    "أعلنت زمردان أمس خطة للتوسع في المنطقة .",
    "قالت زمردان في بيان إن الأرباح ارتفعت هذا العام .",
    "وقعت زمردان اتفاقا مع الحكومة لبناء مصنع جديد .",
    "افتتحت زمردان فرعا جديدا في المدينة .",
]
NEW = "وتتوقع زمردان نموا في المبيعات . والتقى الرئيس فلاديمير بوتين نظيره في موسكو أمس ."


@pytest.fixture
def project():
    with Project.memory() as p:
        p.ensure_annotator("alice")
        yield p


def finish(project, texts, spans_of) -> list[str]:
    """Add ``texts``, tag what ``spans_of(text)`` says as alice, mark them done."""
    outcomes, _ = project.add_documents([IncomingDocument(f"d{i}", t, f"d{i}.txt") for i, t in enumerate(texts)])
    for outcome, text in zip(outcomes, texts, strict=True):
        for start, end, label in spans_of(text):
            project.add_span(outcome.document_id, "alice", start, end, label)
        project.set_status(outcome.document_id, "alice", DocStatus.DONE)
    return [o.document_id for o in outcomes]


def company(text):
    start = text.index(COMPANY)
    return [(start, start + len(COMPANY), "ORG")]


def suggested(project, text) -> set[tuple[str, str]]:
    (outcome,), _ = project.add_documents([IncomingDocument(f"new{len(project.documents())}", text, "n.txt")])
    run_recommenders(project, build(["crf"], project, RecommenderSettings(), "alice"), [outcome.document_id])
    stored = project.document(outcome.document_id).text
    return {(s.text_in(stored), s.label) for s in project.suggestions(outcome.document_id, "alice")}


def test_the_stacked_model_learns_a_new_name_and_keeps_the_shipped_ones(project):
    before = suggested(project, NEW)
    assert ("زمردان", "ORG") not in before  # the shipped model does not know the company
    assert {("فلاديمير بوتين", "PERS"), ("موسكو", "GPE")} <= before
    finish(project, TAUGHT, company)  # four documents that never mention Putin or Moscow
    report = train_project_model(project, builtin_gazetteer(), annotator="alice", folds=3)
    assert report.model.info["kind"] == "stacked" and report.cross_validation is not None
    assert report.model.info["memory"] == {COMPANY: "ORG"}
    save_project_model(project, report)
    (crf,) = build(["crf"], project, RecommenderSettings(), "alice")
    assert isinstance(crf, StackedCrfRecommender) and crf.audience == "alice"
    after = suggested(project, NEW)
    assert ("زمردان", "ORG") in after  # learnt
    assert {("فلاديمير بوتين", "PERS"), ("موسكو", "GPE")} <= after  # not forgotten


def test_the_annotators_labels_translate_the_shipped_models(project):
    """An annotator who tags countries LOC (the shipped model says GPE) gets LOC from the model,
    also for places the project never mentioned; one word relabelled translates nothing."""
    texts = ["زار الوزير فرنسا أمس .", "عاد الوفد من ألمانيا .", "تحدث الرئيس عن إيطاليا ."]
    finish(project, texts, lambda t: [(s, e, "LOC") for s, e, label in shipped_spans(project, t) if label == "GPE"])
    report = train_project_model(project, builtin_gazetteer(), annotator="alice", folds=3)
    assert report.model.info["translate"] == {"GPE": "LOC"}
    save_project_model(project, report)
    (crf,) = build(["crf"], project, RecommenderSettings(), "alice")
    found = {(s.text_in(NEW), s.label) for s in crf.predict(DocumentInput.from_text(NEW)).suggestions}
    assert {("موسكو", "LOC"), ("فلاديمير بوتين", "PERS")} <= found


def shipped_spans(project, text):
    (crf,) = build(["crf"], project, RecommenderSettings(), "alice")
    return [(s.start, s.end, s.label) for s in crf.predict(DocumentInput.from_text(text)).suggestions]


def test_learning_can_be_cancelled(project):
    finish(project, TAUGHT, company)
    with pytest.raises(TrainingCancelled):
        train_project_model(project, None, annotator="alice", cancelled=lambda: True)


def test_the_stack_trains_on_windows_around_taught_words_without_cutting_entities():
    gold = ["O", "O", "B-PERS", "I-PERS", "I-PERS", "O", "O", "O", "O", "O", "O", "O", "O"]
    base = ["O"] * 13
    assert _windows([1], [gold, base], 13, width=1) == [(0, 5)]  # widened to the end of the name
    assert _windows([1, 3], [gold, base], 13, width=1) == [(0, 5)]  # merged
    assert _windows([1, 10], [gold, base], 13, width=1) == [(0, 5), (9, 12)]
