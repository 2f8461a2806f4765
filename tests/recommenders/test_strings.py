"""Project string matching: what an annotator tagged once is suggested wherever it occurs."""

from __future__ import annotations

from annotator.model import IncomingDocument
from annotator.recommenders.base import DocumentInput
from annotator.recommenders.registry import RecommenderSettings, build
from annotator.recommenders.runner import run_recommenders
from annotator.recommenders.strings import StringMatcher


def test_tagged_text_is_found_elsewhere_with_proclitics_and_variants():
    matcher = StringMatcher([("كراماتورسك", "GPE"), ("ستيف ويتكوف", "PERS")])
    text = "وصل ستيف ويتكوف إلى وكراماتورسك ثم غادر كراماتورسك."
    found = [
        (s.text_in(text), s.label, s.score, s.source)
        for s in matcher.predict(DocumentInput.from_text(text)).suggestions
    ]
    assert found == [
        ("ستيف ويتكوف", "PERS", 1.0, "strings"),
        ("كراماتورسك", "GPE", 1.0, "strings"),
        ("كراماتورسك", "GPE", 1.0, "strings"),
    ]


def test_the_most_frequent_label_wins_with_its_share_as_score():
    matcher = StringMatcher([("الكرملين", "ORG")] * 3 + [("الكرملين", "FAC")])
    (suggestion,) = matcher.predict(DocumentInput.from_text("قال الكرملين")).suggestions
    assert (suggestion.label, suggestion.score) == ("ORG", 0.75)


def test_one_letter_spans_teach_nothing():
    matcher = StringMatcher([("و", "MISC")])
    assert len(matcher) == 0


def test_in_a_project_annotations_of_one_document_suggest_in_another(project):
    outcomes, _ = project.add_documents(
        [
            IncomingDocument("a", "قصفت القوات مدينة كراماتورسك أمس", "a.txt"),
            IncomingDocument("b", "عاد الهدوء إلى كراماتورسك وبوكروفسك", "b.txt"),
        ]
    )
    a, b = (o.document_id for o in outcomes)
    project.add_span(a, "alice", 18, 28, "GPE")
    recommenders = build(["strings"], project, RecommenderSettings(), "alice")
    report = run_recommenders(project, recommenders)
    assert report.suggestions == {"strings": 2}
    text_b = project.document(b).text
    assert [(s.text_in(text_b), s.label) for s in project.suggestions(b, "alice")] == [("كراماتورسك", "GPE")]
    assert project.suggestions(a, "alice") == []  # alice's own span covers it
    assert project.suggestions(b, "bob") == [] and project.suggestions(a, "bob") == []  # blind: alice's alone


def test_a_name_that_folds_onto_a_particle_is_not_suggested_on_the_particle():
    """ى and ي match alike, so a lesson «علي» (Ali) would find every «على» (on): names only."""
    text = "سافر علي إلى القاهرة وجلس على الكرسي وعلي يبتسم"
    found = StringMatcher([("علي", "PERS")]).predict(DocumentInput.from_text(text)).suggestions
    assert [text[s.start : s.end] for s in found] == ["علي", "علي"]
    particle = StringMatcher([("على", "MISC")]).predict(DocumentInput.from_text(text)).suggestions
    assert "على" in [text[s.start : s.end] for s in particle]  # taught as written: the annotator meant it
