"""The CRF: features, tiny training runs, project training with cross-validation, the shipped model."""

from __future__ import annotations

import pytest

from annotator.errors import HashiyaError
from annotator.model import DocStatus, IncomingDocument
from annotator.recommenders.aqmar import ATTRIBUTION
from annotator.recommenders.base import DocumentInput
from annotator.recommenders.crf import CrfModel, CrfRecommender, TrainingCancelled, default_model_path
from annotator.recommenders.crf_features import gazetteer_tags, sentence_features
from annotator.recommenders.crf_training import (
    Example,
    project_examples,
    save_project_model,
    train_model,
    train_project_model,
)
from annotator.recommenders.gazetteer import builtin_gazetteer
from annotator.recommenders.labels import AQMAR_LABELS, LabelMap
from annotator.recommenders.registry import RecommenderSettings, build
from annotator.recommenders.runner import run_recommenders
from annotator.schema import default_schema

TINY = {"max_iterations": 40}
SENTENCES = [
    ("قال الرئيس {p} في {g} اليوم .", "PERS", "GPE"),
    ("وصل الوزير {p} إلى {g} مساء أمس .", "PERS", "GPE"),
    ("التقى {p} بنظيره في {g} .", "PERS", "GPE"),
]
PEOPLE = ["سمير حداد", "ليلى منصور", "كريم نعمان", "هالة يونس"]
PLACES = ["طرطوس", "صفاقس", "مأدبا", "زحلة"]


def example(pattern: str, person: str, place: str) -> Example:
    text = pattern.format(p=person, g=place)
    p, g = text.index(person), text.index(place)
    return Example(DocumentInput.from_text(text), ((p, p + len(person), "PERS"), (g, g + len(place), "GPE")))


def examples() -> list[Example]:
    return [example(pattern, p, g) for pattern, *_ in SENTENCES for p, g in zip(PEOPLE, PLACES, strict=True)]


def test_features_describe_arabic_words_and_their_neighbours():
    words = ["وقال", "الرئيس", "فلاديمير", "بوتين"]
    feats = sentence_features(words, ["O", "O", "O", "O"])
    assert "w=وقال" in feats[0] and "r=قال" in feats[0]  # the conjunction stripped
    assert "cue=titles" in feats[1] and "1:cue=first_names" in feats[1]
    assert "cue=first_names" in feats[2] and "-1:cue=titles" in feats[2]
    assert "-1:BOS" in feats[0] and "1:EOS" in feats[3]
    assert "s2=ين" in feats[3] and "p1=ب" in feats[3] and "shape=arabic" in feats[3]


def test_gazetteer_hits_become_token_tags():
    text = "بين الولايات المتحدة وروسيا"
    doc = DocumentInput.from_text(text)
    assert gazetteer_tags(text, doc.tokens, builtin_gazetteer()) == ["O", "B-GPE", "I-GPE", "B-GPE"]


def test_a_tiny_model_learns_and_scores_its_suggestions():
    model = train_model(examples(), None, params=TINY)
    assert {"B-PERS", "I-PERS", "B-GPE", "O"} <= set(model.labels)
    recommender = CrfRecommender(model, ["PERS", "GPE"])
    text = "قال الرئيس كريم نعمان في طرطوس اليوم ."
    prediction = recommender.predict(DocumentInput.from_text(text))
    assert [(s.text_in(text), s.label) for s in prediction.suggestions] == [("كريم نعمان", "PERS"), ("طرطوس", "GPE")]
    assert all(0.5 < s.score <= 1 and s.source == "crf" for s in prediction.suggestions)
    assert 0 <= prediction.uncertainty < 0.5


def test_training_can_be_cancelled_and_needs_data():
    with pytest.raises(TrainingCancelled):
        train_model(examples(), None, params=TINY, cancelled=lambda: True)
    with pytest.raises(HashiyaError, match="nothing to train on"):
        train_model([], None, params=TINY)


def test_progress_is_reported_while_training():
    seen = []
    train_model(examples(), None, params=TINY, progress=lambda done, total, message: seen.append((done, total)))
    assert seen and seen[-1][0] <= seen[-1][1] == TINY["max_iterations"]


def annotated_project(project):
    docs = []
    for i, ex in enumerate(examples()):
        docs.append(IncomingDocument(f"d{i}", ex.document.text, f"d{i}.txt"))
    outcomes, _ = project.add_documents(docs)
    for outcome, ex in zip(outcomes, examples(), strict=True):
        for start, end, label in ex.spans:
            project.add_span(outcome.document_id, "alice", start, end, "FAC" if label == "GPE" else label)
        project.set_status(outcome.document_id, "alice", DocStatus.DONE)
    return [o.document_id for o in outcomes]


def test_project_training_uses_done_documents_cross_validates_and_is_used(project):
    ids = annotated_project(project)
    project.set_status(ids[0], "alice", DocStatus.IN_PROGRESS)
    assert len(project_examples(project, annotator="alice")) == len(ids) - 1
    assert project_examples(project) == []  # for everyone: curated gold only, and there is none
    report = train_project_model(project, None, annotator="alice", folds=3, params=TINY)
    assert report.documents == len(ids) - 1
    cv = report.cross_validation.to_dict()
    assert set(cv["per_label"]) == {"PERS", "FAC"} and cv["micro"]["gold"] == 2 * (len(ids) - 1)
    assert cv["micro"]["f1"] > 0.5
    save_project_model(project, report)

    (new,), _ = project.add_documents([IncomingDocument("new", "التقى هالة يونس بنظيره في زحلة .", "new.txt")])
    run_recommenders(project, build(["crf"], project, RecommenderSettings(), "alice"), [new.document_id])
    text = project.document(new.document_id).text
    found = [(s.text_in(text), s.label) for s in project.suggestions(new.document_id, "alice", include_decided=True)]
    assert found == [("هالة يونس", "PERS"), ("زحلة", "FAC")]  # the project's own labels, not AQMAR's


def test_project_training_without_finished_documents_says_why(project):
    with pytest.raises(HashiyaError, match="status done"):
        train_project_model(project, None, params=TINY)


def test_the_shipped_model_is_small_attributed_and_finds_names(seed_text):
    """The AQMAR model (kept, frozen, beside the news model that is now the default)."""
    path = default_model_path().parent / "aqmar-crf.crfsuite"
    assert path.stat().st_size < 5_000_000
    model = CrfModel.read(path)
    assert model.info["attribution"] == ATTRIBUTION and model.info["licence"] == "CC BY-SA 3.0"
    assert set(model.labels) == {"B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "O"}
    recommender = CrfRecommender(model, default_schema().label_names, LabelMap.of(AQMAR_LABELS), builtin_gazetteer())
    found = {
        (s.text_in(seed_text), s.label) for s in recommender.predict(DocumentInput.from_text(seed_text)).suggestions
    }
    assert ("فلاديمير بوتين", "PERS") in found
    assert ("أوكرانيا", "GPE") in found and ("روسيا", "GPE") in found


def test_about_box_notice_names_the_corpus_and_licence():
    from annotator.recommenders import about_notices

    (news_line, model_line, *_rest) = about_notices()
    assert "ANERcorp" in news_line and "CC BY-SA 4.0" in news_line and "news-crf" in news_line
    assert "Wikidata" in news_line and "arabic-names" in news_line
    assert ATTRIBUTION in model_line and "CC BY-SA 3.0" in model_line
    licence = default_model_path().parent / "LICENSE-AQMAR-CC-BY-SA-3.0.txt"
    assert ATTRIBUTION.split(",")[0] in licence.read_text(encoding="utf-8")
