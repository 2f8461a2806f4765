"""Project string matching: what an annotator tagged once is suggested wherever it occurs."""

from __future__ import annotations

from annotator.model import DocStatus, IncomingDocument
from annotator.recommenders.base import DocumentInput
from annotator.recommenders.registry import RecommenderSettings, build
from annotator.recommenders.runner import run_recommenders
from annotator.recommenders.strings import Checked, StringMatcher


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


def _finished(text: str, *tagged: str) -> Checked:
    """A finished layer of ``text`` whose annotator tagged the first occurrence of each of ``tagged``."""
    spans = [(text.index(t), text.index(t) + len(t)) for t in tagged]
    return Checked(DocumentInput.from_text(text), spans)


def test_a_text_passed_over_in_finished_work_is_suggested_with_its_tag_rate():
    """Tagged once in four occurrences, «الأمل» (a party's name, mostly the word "hope") scores a
    quarter; «حسني مبارك», tagged wherever it occurs, keeps its full share."""
    done = "قال حسني مبارك إن الأمل كبير . الأمل باق والأمل يكبر مع الأمل ."
    matcher = StringMatcher(
        [("الأمل", "ORG"), ("حسني مبارك", "PERS")], checked=[_finished(done, "الأمل", "حسني مبارك")]
    )
    text = "التقى حسني مبارك قادة حزب الأمل"
    found = {(s.text_in(text), s.score) for s in matcher.predict(DocumentInput.from_text(text)).suggestions}
    assert found == {("حسني مبارك", 1.0), ("الأمل", 0.25)}


def test_an_occurrence_inside_a_longer_span_is_not_passed_over():
    """«مبارك» inside a tagged «حسني مبارك» was not left untagged: it does not lower «مبارك»."""
    done = "قال حسني مبارك إن مبارك سيعود ."
    checked = Checked(DocumentInput.from_text(done), [(4, 14), (18, 23)])
    assert done[4:14] == "حسني مبارك" and done[18:23] == "مبارك"
    matcher = StringMatcher([("مبارك", "PERS")], checked=[checked])
    (suggestion,) = matcher.predict(DocumentInput.from_text("وصل مبارك")).suggestions
    assert suggestion.score == 1.0


def test_in_a_project_only_the_annotators_done_documents_lower_a_score(project):
    """Bob's open document, where «الأمل» is not tagged yet, says nothing; once he marks it done,
    its untagged occurrences count."""
    outcomes, _ = project.add_documents(
        [
            IncomingDocument("a", "أسس حزب الأمل مكتبا جديدا", "a.txt"),
            IncomingDocument("b", "الأمل كبير والأمل باق", "b.txt"),
            IncomingDocument("c", "فاز حزب الأمل", "c.txt"),
        ]
    )
    a, b, c = (o.document_id for o in outcomes)
    start = project.document(a).text.index("الأمل")
    project.add_span(a, "bob", start, start + len("الأمل"), "ORG")

    def score_in_c() -> float:
        run_recommenders(project, build(["strings"], project, RecommenderSettings(), "bob"))
        (suggestion,) = project.suggestions(c, "bob")
        return suggestion.score

    before = score_in_c()  # calibrated: the shipped curve of lone string matches at 1.0
    project.set_status(b, "bob", DocStatus.DONE)
    assert score_in_c() < before
