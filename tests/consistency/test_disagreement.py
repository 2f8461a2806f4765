"""Model disagreement: a held-out model that confidently contradicts the annotation makes a finding.

The corpus is six news documents the shipped news model reads with confidence (Putin, Moscow, Kyiv,
the Kremlin). The annotation has one deliberate error of each kind the check proposes a fix for.
"""

from __future__ import annotations

import pytest

from annotator.consistency import disagreement as check
from annotator.consistency.disagreement import disagreements, same_extent
from annotator.consistency.disagreement_cache import DisagreementCache, finding_from_json, forget_memory
from annotator.consistency.disagreement_model import Predicted, base_label_map, blocks
from annotator.consistency.findings import CheckKind, Fix, FixAction
from annotator.conventions import BoundaryConvention, Placement
from annotator.errors import HashiyaError
from annotator.model import Span
from annotator.recommenders.crf import TrainingCancelled
from annotator.recommenders.registry import RecommenderSettings

NEWS = {
    f"n{i}": text
    for i, text in enumerate(
        [
            "قال الرئيس الروسي فلاديمير بوتين في موسكو إن المحادثات مع أوكرانيا فشلت.",
            "وصل فلاديمير بوتين إلى موسكو بعد زيارة إلى الصين، وقال الكرملين إن الزيارة ناجحة.",
            "أعلنت أوكرانيا أن القوات الروسية قصفت مدينة خاركيف، وقال فلاديمير بوتين إن موسكو سترد.",
            "قال دونالد ترامب في واشنطن إن فلاديمير بوتين يريد السلام مع أوكرانيا.",
            "اجتمع فلاديمير بوتين مع دونالد ترامب في موسكو، وأعلن الكرملين عن قمة جديدة.",
            "قصفت روسيا مدينة كييف، وقال فلاديمير بوتين في موسكو إن الحرب ستستمر.",
        ]
    )
}
TAGS = {  # what the annotator tagged right: (surface, label, nth)
    "n0": [("فلاديمير بوتين", "PERS", 0), ("موسكو", "GPE", 0), ("أوكرانيا", "GPE", 0)],
    "n1": [("فلاديمير بوتين", "PERS", 0), ("موسكو", "GPE", 0), ("الكرملين", "ORG", 0)],
    "n2": [("أوكرانيا", "GPE", 0), ("خاركيف", "GPE", 0), ("فلاديمير بوتين", "PERS", 0), ("موسكو", "GPE", 0)],
    "n3": [("دونالد ترامب", "PERS", 0), ("واشنطن", "GPE", 0), ("فلاديمير بوتين", "PERS", 0)],
    "n4": [("فلاديمير بوتين", "PERS", 0), ("دونالد ترامب", "PERS", 0), ("موسكو", "GPE", 0)],
    "n5": [("روسيا", "GPE", 0), ("كييف", "GPE", 0), ("فلاديمير بوتين", "PERS", 0), ("موسكو", "GPE", 0)],
}


@pytest.fixture
def news(corpus_builder):
    """The six documents tagged by alice, with three errors: «موسكو» ORG in n4 (a flip), «أوكرانيا»
    left untagged in n3 (a deletion), «الرئيس الروسي فلاديمير بوتين» in n0 (a title pulled in)."""
    corpus = corpus_builder(NEWS)
    for doc, tags in TAGS.items():
        for surface, label, nth in tags:
            if (doc, surface) == ("n4", "موسكو"):
                label = "ORG"
            if (doc, surface) == ("n0", "فلاديمير بوتين"):
                surface = "الروسي فلاديمير بوتين"
            corpus.tag(doc, "alice", surface, label, nth)
    return corpus


def _by_action(findings, corpus, doc):
    return {
        (f.detail["action"], f.occurrences[0].text): f
        for f in findings
        if f.occurrences[0].document_id == corpus.ids[doc]
    }


def test_a_confident_model_contradiction_is_found_with_its_fix_and_probability(news):
    findings = disagreements(news.project, "alice", folds=3, cache=DisagreementCache(None))
    assert findings and all(f.kind is CheckKind.DISAGREEMENT for f in findings)
    assert [f.score for f in findings] == sorted((f.score for f in findings), reverse=True)

    flip = _by_action(findings, news, "n4")[("relabel", "موسكو")]
    occurrence, fix = flip.fixes[0]
    assert (fix.action, fix.label) == (FixAction.RELABEL, "GPE")
    assert occurrence.label == "ORG" and occurrence.annotator == "alice" and occurrence.span_id
    assert flip.score == flip.detail["probability"] >= 0.8
    assert flip.detail["model_label"] == "GPE" and flip.detail["folds"] == 3

    added = _by_action(findings, news, "n3")[("add", "أوكرانيا")]
    occurrence, fix = added.fixes[0]
    start, end = news.find("n3", "أوكرانيا")
    assert (fix.action, fix.label, fix.start, fix.end) == (FixAction.ADD, "GPE", start, end)
    assert occurrence.span_id is None and occurrence.label is None and occurrence.annotator == "alice"

    resized = _by_action(findings, news, "n0")[("resize", "الروسي فلاديمير بوتين")]
    start, end = news.find("n0", "فلاديمير بوتين")
    assert resized.fixes[0][1] == Fix(FixAction.RESIZE, "PERS", start, end)

    # nothing is proposed where the annotation and the model agree
    assert ("relabel", "موسكو") not in _by_action(findings, news, "n1")
    assert all(f.score >= 0.8 * check.REMOVE_WEIGHT for f in findings)


def test_every_layer_is_checked_on_its_own_and_named(news):
    news.tag("n4", "bob", "موسكو", "ORG")
    news.tag("n1", "bob", "موسكو", "GPE")
    findings = disagreements(news.project, None, folds=3, cache=DisagreementCache(None))
    layers = {f.occurrences[0].annotator for f in findings}
    assert "alice" in layers
    keys = [f.key for f in findings]
    assert len(keys) == len(set(keys))  # the layer is part of the subject: alice's and bob's never collide


def test_findings_are_cached_per_model_and_layer_content(news, tmp_path, monkeypatch):
    cache = DisagreementCache(tmp_path)
    first = disagreements(news.project, "alice", folds=3, cache=cache)
    assert list(tmp_path.glob("*.json"))
    forget_memory()  # as after a restart: the answer must come from the folder

    def no_training(*args, **kwargs):
        raise AssertionError("retrained although neither the model nor the annotation changed")

    monkeypatch.setattr(check, "held_out_predictions", no_training)
    assert disagreements(news.project, "alice", folds=3, cache=cache) == first

    news.tag("n5", "alice", "الحرب", "MISC")  # the layer changed: computed again
    with pytest.raises(AssertionError, match="retrained"):
        disagreements(news.project, "alice", folds=3, cache=cache)


def test_a_base_model_per_fold_reads_each_fold(news):
    """Benchmarks give one base model per fold (one that never saw it); the same model in every
    fold must give what the shared one gives, and the count must match the folds."""
    from annotator.recommenders.crf import CrfRecommender, default_model
    from annotator.recommenders.gazetteer import builtin_gazetteer

    def shipped() -> CrfRecommender:
        return CrfRecommender(default_model(), news.project.schema.label_names, gazetteer=builtin_gazetteer())

    alone = disagreements(news.project, "alice", folds=3, cache=DisagreementCache(None))
    per_fold = disagreements(
        news.project, "alice", folds=3, cache=DisagreementCache(None), fold_bases=[shipped() for _ in range(3)]
    )
    assert per_fold == alone
    with pytest.raises(HashiyaError, match="2 base models for 3 folds"):
        disagreements(news.project, "alice", folds=3, cache=DisagreementCache(None), fold_bases=[shipped()] * 2)


def test_a_cancel_stops_the_check(news):
    with pytest.raises(TrainingCancelled):
        disagreements(news.project, "alice", folds=3, cache=DisagreementCache(None), cancelled=lambda: True)


def test_finding_json_round_trips(news):
    findings = disagreements(news.project, "alice", folds=3, cache=DisagreementCache(None))
    assert [finding_from_json(f.as_json()) for f in findings] == findings


def test_extents_compare_under_the_boundary_convention():
    text = "زار وموسكو"
    model = Predicted(4, 10, "GPE", 0.95)  # the model reads the whole word
    inner = Span("s", "d", "a", 5, 10, "GPE")  # «موسكو» without its proclitic
    assert same_extent(text, inner, model, BoundaryConvention(proclitics=Placement.OUT))
    assert not same_extent(text, inner, model, BoundaryConvention(proclitics=Placement.IN))
    assert same_extent(text, Span("s", "d", "a", 4, 10, "GPE"), model, BoundaryConvention())


def test_news_labels_go_to_the_nearest_schema_label():
    aqmar = base_label_map(RecommenderSettings(), ["PER", "LOC", "ORG", "MIS"])
    assert [aqmar.map(x, ["PER", "LOC", "ORG", "MIS"]) for x in ("PERS", "LOC", "ORG", "MISC")] == [
        "PER",
        "LOC",
        "ORG",
        "MIS",
    ]
    news = base_label_map(RecommenderSettings(), ["PERS", "GPE", "LOC", "ORG"])
    assert news.map("LOC", ["PERS", "GPE", "LOC", "ORG"]) == "GPE"


def test_folds_are_contiguous_blocks():
    assert blocks(7, 3) == [range(0, 2), range(2, 4), range(4, 7)]
    assert blocks(2, 5) == [range(0, 1), range(1, 2)]
