"""Missed occurrences: a text tagged twice with one label and left untagged elsewhere in the layer."""

from __future__ import annotations

import pytest

from annotator.consistency.findings import CheckKind, FixAction
from annotator.consistency.run import run_checks
from annotator.conventions import BoundaryConvention, Placement

MISSED = [CheckKind.MISSED]


def missed(corpus, layer="alice"):
    """``(document, text the fix tags, label)`` of every proposed addition."""
    out = []
    for finding in run_checks(corpus.project, layer, MISSED):
        for occurrence, fix in finding.fixes:
            assert fix.action is FixAction.ADD and occurrence.span_id is None and occurrence.label is None
            assert (occurrence.start, occurrence.end) == (fix.start, fix.end)
            out.append(
                (occurrence.document_name, corpus.texts[occurrence.document_name][fix.start : fix.end], fix.label)
            )
    return sorted(out)


@pytest.mark.parametrize(
    ("third", "expected"),
    [
        pytest.param("ثم عاد إلى القاهرة.", [("c", "القاهرة", "GPE")], id="as-written"),
        pytest.param("ثم عاد إلى القاهره.", [("c", "القاهره", "GPE")], id="ta-marbuta"),
        pytest.param("ثم عاد إلى القَاهِرة.", [("c", "القَاهِرة", "GPE")], id="diacritics"),
        pytest.param("ثم عاد إلى القاهـرة.", [("c", "القاهـرة", "GPE")], id="tatweel"),
        pytest.param("ثم عاد وبالقاهرة بقي.", [("c", "القاهرة", "GPE")], id="proclitics-out"),
        pytest.param("ثم عاد إلى مطار القاهرة.", [], id="inside-a-longer-span"),
        pytest.param("ثم عاد إلى الإسكندرية.", [], id="not-there"),
    ],
)
def test_an_untagged_occurrence_of_a_twice_tagged_text_is_proposed(corpus_builder, third, expected):
    corpus = corpus_builder({"a": "وصل إلى القاهرة أمس.", "b": "غادر القاهرة اليوم.", "c": third})
    corpus.tag("a", "alice", "القاهرة", "GPE")
    corpus.tag("b", "alice", "القاهرة", "GPE")
    if "مطار" in third:
        corpus.tag("c", "alice", "مطار القاهرة", "FAC")
    else:
        corpus.tag("c", "alice", "عاد", "EVENT")  # alice worked on c
    assert missed(corpus) == expected


def test_proclitics_in_the_convention_go_inside_the_added_span(corpus_builder):
    corpus = corpus_builder({"a": "في القاهرة.", "b": "من القاهرة.", "c": "عاد وبالقاهرة بقي."})
    project = corpus.project
    project.set_recommender_settings(BoundaryConvention(Placement.IN).to_settings(project.recommender_settings()))
    corpus.tag("a", "alice", "القاهرة", "GPE")
    corpus.tag("b", "alice", "القاهرة", "GPE")
    corpus.tag("c", "alice", "عاد", "EVENT")
    assert missed(corpus) == [("c", "وبالقاهرة", "GPE")]


def test_once_is_not_enough_and_particles_and_ambiguous_names_are_never_proposed(corpus_builder):
    texts = {
        "a": "جلس على الكرسي في صور وزار بيروت ثم مالي.",
        "b": "وقف على الباب في صور ثم مالي.",
        "c": "نام على السرير في صور ووصل مالي وبيروت.",
    }
    corpus = corpus_builder(texts)
    for doc in "ab":
        corpus.tag(doc, "alice", "على", "PERS")  # a particle tagged by mistake, twice
        corpus.tag(doc, "alice", "صور", "GPE")  # a name that is also a word (pictures)
        corpus.tag(doc, "alice", "مالي", "GPE")
    corpus.tag("a", "alice", "بيروت", "GPE")  # once only
    corpus.tag("c", "alice", "نام", "EVENT")
    assert missed(corpus) == []


def test_a_name_that_folds_onto_a_particle_is_proposed_but_never_the_particle(corpus_builder):
    corpus = corpus_builder({"a": "زار علي القاهرة.", "b": "قال علي كلاما.", "c": "جلس علي على الكرسي."})
    corpus.tag("a", "alice", "علي", "PERS")
    corpus.tag("b", "alice", "علي", "PERS")
    corpus.tag("c", "alice", "الكرسي", "FAC")
    assert missed(corpus) == [("c", "علي", "PERS")]  # «على» folds to the same key: never proposed


def test_documents_the_layer_never_worked_on_are_not_scanned(corpus_builder):
    corpus = corpus_builder({"a": "في القاهرة.", "b": "من القاهرة.", "c": "إلى القاهرة."})
    corpus.tag("a", "alice", "القاهرة", "GPE")
    corpus.tag("b", "alice", "القاهرة", "GPE")
    corpus.tag("c", "bob", "القاهرة", "GPE")  # bob's document, new for alice
    assert missed(corpus) == []


def test_the_sample_corpus(consistency_project):
    [finding] = run_checks(consistency_project.project, "alice", MISSED)
    assert finding.detail == {"labels": {"GPE": 2}, "tagged": 2, "untagged": 1, "layer": "alice"}
    [(occurrence, fix)] = finding.fixes
    assert (occurrence.document_name, occurrence.text, fix.label) == ("d3", "موسكو", "GPE")
    assert occurrence.left.endswith("وفي و")  # the proclitic stays outside (default convention)
    assert len(finding.occurrences) == 3  # the untagged one and the two tagged as evidence
