"""Suggestions in the project file: stored apart, decided per annotator, undoable, persistent."""

from __future__ import annotations

import pytest

from annotator.errors import HashiyaError
from annotator.model import DocStatus, IncomingDocument, Origin
from annotator.recommenders.base import Prediction, Suggestion
from annotator.store import Project
from annotator.store.migrations import MIGRATIONS, _statements


def at(text: str, word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return start, start + len(word)


def suggest(project, doc, source, items, uncertainty=None, lift_for=None):
    """Store ``items`` = [(start, end, label, score)] as one run of ``source`` (run by ``lift_for``)."""
    found = tuple(Suggestion(s, e, label, score, source) for s, e, label, score in items)
    return project.store_predictions(source, [Prediction(doc, found, uncertainty)], lift_for=lift_for)


@pytest.fixture
def suggested(seeded):
    project, doc, text = seeded
    kyiv, moscow, putin = at(text, "كييف"), at(text, "موسكو"), at(text, "بوتين")
    suggest(project, doc, "gazetteer", [(*kyiv, "GPE", 0.9), (*moscow, "GPE", 0.9)])
    suggest(project, doc, "crf", [(*moscow, "GPE", 0.97), (*putin, "PERS", 0.6)])
    return project, doc, text


def keys(suggestions, text):
    return [(s.text_in(text), s.label) for s in suggestions]


def test_suggestions_are_kept_apart_and_merged_over_sources(suggested):
    project, doc, text = suggested
    assert project.spans(doc) == []  # nothing counts as anyone's work yet
    listed = project.suggestions(doc, "alice")
    assert keys(listed, text) == [("بوتين", "PERS"), ("كييف", "GPE"), ("موسكو", "GPE")]  # text order
    moscow = listed[2]
    assert moscow.sources == ("crf", "gazetteer") and moscow.score == 0.97
    assert project.get_annotator("alice") is None  # reading suggestions creates no annotator


def test_accept_creates_a_suggestion_span_and_undo_brings_the_suggestion_back(suggested):
    project, doc, text = suggested
    seen = []
    project.subscribe(seen.append)
    moscow = project.suggestions(doc, "alice")[2]
    change = project.accept_suggestion(moscow.id, "alice")
    (span,) = change.spans_added
    assert (span.text_in(text), span.label, span.origin) == ("موسكو", "GPE", Origin.SUGGESTION)
    assert change.suggestions and doc in change.document_ids and seen == [change]
    assert project.status(doc, "alice") == DocStatus.IN_PROGRESS
    assert keys(project.suggestions(doc, "alice"), text) == [("بوتين", "PERS"), ("كييف", "GPE")]
    assert len(project.suggestions(doc, "bob")) == 3  # decisions belong to one annotator

    undo = project.undo("alice")
    assert undo.spans_removed == (span,) and undo.suggestions
    assert project.spans(doc, "alice") == []
    assert len(project.suggestions(doc, "alice")) == 3
    project.redo("alice")
    assert [s.origin for s in project.spans(doc, "alice")] == [Origin.SUGGESTION]


def test_reject_hides_it_for_that_annotator_and_is_undoable(suggested):
    project, doc, text = suggested
    seen = []
    project.subscribe(seen.append)
    putin = project.suggestions(doc, "alice")[0]
    change = project.reject_suggestion(putin.id, "alice")
    assert not change.empty and seen == [change] and change.spans_added == ()
    assert project.decisions(doc, "alice") == {putin.key: "rejected"}
    assert ("بوتين", "PERS") not in keys(project.suggestions(doc, "alice"), text)
    assert ("بوتين", "PERS") in keys(project.suggestions(doc, "bob"), text)
    project.undo("alice")
    assert ("بوتين", "PERS") in keys(project.suggestions(doc, "alice"), text)


def test_rejected_stays_rejected_until_a_recommender_suggests_it_again(suggested):
    project, doc, text = suggested
    putin = project.suggestions(doc, "alice")[0]
    project.reject_suggestion(putin.id, "alice")
    suggest(project, doc, "gazetteer", [(*at(text, "كييف"), "GPE", 0.9)])  # another recommender re-runs
    assert ("بوتين", "PERS") not in keys(project.suggestions(doc, "alice"), text)
    suggest(project, doc, "crf", [(*at(text, "بوتين"), "PERS", 0.7)], lift_for="alice")  # alice runs the crf again
    assert ("بوتين", "PERS") in keys(project.suggestions(doc, "alice"), text)
    project.undo("alice")  # undoing the old rejection does not fail
    assert ("بوتين", "PERS") in keys(project.suggestions(doc, "alice"), text)


def test_a_rerun_replaces_that_recommenders_suggestions(suggested):
    project, doc, text = suggested
    suggest(project, doc, "crf", [])
    assert keys(project.suggestions(doc), text) == [("كييف", "GPE"), ("موسكو", "GPE")]
    assert project.suggestions(doc)[1].sources == ("gazetteer",)


def test_suggestions_covered_by_the_annotators_spans_are_hidden(suggested):
    project, doc, text = suggested
    project.add_span(doc, "alice", *at(text, "كييف"), "LOC")  # same offsets, other label
    project.add_span(doc, "alice", *at(text, "فلاديمير بوتين"), "PERS")  # overlapping, same label
    assert keys(project.suggestions(doc, "alice"), text) == [("موسكو", "GPE")]


def test_accept_label_and_threshold_are_one_action_each(seeded):
    project, doc, text = seeded
    items = [
        (*at(text, "موسكو", 0), "GPE", 0.9),
        (*at(text, "موسكو", 1), "GPE", 0.5),
        (*at(text, "روسيا"), "GPE", 0.95),
        (*at(text, "بوتين"), "PERS", 0.8),
        (*at(text, "فلاديمير بوتين"), "PERS", 0.85),  # overlaps the one above
    ]
    suggest(project, doc, "crf", items)
    change = project.accept_label(doc, "alice", "GPE")
    assert sorted(s.text_in(text) for s in change.spans_added) == ["روسيا", "موسكو", "موسكو"]
    assert change.kind == "accept_label"
    project.undo("alice")
    assert project.spans(doc, "alice") == []

    change = project.accept_above(doc, "alice", 0.8)
    accepted = sorted((s.text_in(text), s.label) for s in change.spans_added)
    assert accepted == [("روسيا", "GPE"), ("فلاديمير بوتين", "PERS"), ("موسكو", "GPE")]
    # the lower-scoring overlapping «بوتين» is covered now; the 0.5 one is still pending
    assert keys(project.suggestions(doc, "alice"), text) == [("موسكو", "GPE")]
    project.undo("alice")
    assert len(project.suggestions(doc, "alice")) == 5


def test_out_of_range_suggestions_are_refused_and_nothing_is_written(seeded):
    project, doc, text = seeded
    with pytest.raises(HashiyaError, match="outside document"):
        suggest(project, doc, "crf", [(0, 4, "GPE", 0.5), (len(text) - 1, len(text) + 3, "GPE", 0.5)])
    assert project.suggestions(doc) == []


def test_uncertainty_orders_documents_least_confident_first(project):
    outcomes, _ = project.add_documents(
        [IncomingDocument(name, f"نص {name} عن موسكو", f"{name}.txt") for name in ("a", "b", "c", "d")]
    )
    a, b, c, _d = (o.document_id for o in outcomes)
    suggest(project, a, "crf", [], uncertainty=0.1)
    suggest(project, b, "crf", [], uncertainty=0.4)
    suggest(project, c, "crf", [], uncertainty=0.2)
    suggest(project, c, "camel", [], uncertainty=0.5)  # the most unsure model counts
    order = [(info.name, score) for info, score in project.documents_by_uncertainty()]
    assert order == [("c", 0.5), ("b", 0.4), ("a", 0.1), ("d", None)]
    assert [info.name for info, _ in project.documents_by_uncertainty("crf")][:3] == ["b", "c", "a"]


def test_suggestions_and_decisions_survive_reopening(tmp_path, seed_text):
    path = tmp_path / "p.hashiya"
    with Project.create(path) as project:
        (outcome,), _ = project.add_documents([IncomingDocument("seed", seed_text, "seed.txt")])
        doc = outcome.document_id
        suggest(
            project, doc, "gazetteer", [(*at(seed_text, "كييف"), "GPE", 0.9), (*at(seed_text, "موسكو"), "GPE", 0.9)]
        )
        project.reject_suggestion(project.suggestions(doc, "alice")[0].id, "alice")  # كييف
    with Project.open(path) as project:
        assert keys(project.suggestions(doc, "alice"), seed_text) == [("موسكو", "GPE")]
        project.undo("alice")
        assert len(project.suggestions(doc, "alice")) == 2


def test_version_1_project_files_are_migrated(tmp_path):
    from tests.core.test_migrations import make_version_1_project

    path = make_version_1_project(tmp_path / "old.hashiya")
    assert len(MIGRATIONS) >= 2 and "CREATE TABLE suggestions" in MIGRATIONS[1]
    assert all(s.upper().startswith("CREATE") for s in _statements(MIGRATIONS[1]))
    with Project.open(path) as project:
        assert project.database.pragma("user_version") == len(MIGRATIONS)
        (outcome,), _ = project.add_documents([IncomingDocument("x", "زار موسكو", "x.txt")])
        suggest(project, outcome.document_id, "gazetteer", [(4, 9, "GPE", 0.9)])
        assert len(project.suggestions(outcome.document_id)) == 1


def test_models_and_settings_are_kept_in_the_project(project):
    assert project.load_model("crf") is None
    project.save_model("crf", b"\x00model", {"labels": ["O"]})
    assert project.load_model("crf") == (b"\x00model", {"labels": ["O"]})
    project.set_recommender_settings({"label_maps": {"camel": {"LOC": "LOC"}}})
    assert project.recommender_settings()["label_maps"]["camel"] == {"LOC": "LOC"}


def test_accepting_one_suggestion_does_not_read_every_span(seeded, span_builds):
    """Enter must stay instant in an article with thousands of spans."""
    from annotator.model import NewSpan

    project, doc, text = seeded
    tokens = project.token_offsets(doc)
    project.add_spans(doc, "layla", [NewSpan(s, e, "MISC") for s, e in tokens[:300]])
    start = text.index("كييف", tokens[300][1])  # after the tagged part
    suggest(project, doc, "gazetteer", [(start, start + 4, "GPE", 0.9)])
    (pending,) = [s for s in project.suggestions(doc, "layla") if s.start == start]
    before = span_builds()
    change = project.accept_suggestion(pending.id, "layla")
    assert [(s.start, s.origin) for s in change.spans_added] == [(start, Origin.SUGGESTION)]
    built = span_builds() - before
    assert built < 10, f"accepting one suggestion built {built} Span objects"
