"""Blind annotation through the store and session API: nothing of alice's reaches bob's spans,
suggestions or exports before curation; once the curator marks gold done, gold teaches everyone.

The story is the one a linguist hit (issue 11): alice tagged «حسني مبارك» and, unusually, «وإسرائيل»
with its conjunction; bob, annotating the same articles, was then offered exactly those spans.
"""

from __future__ import annotations

import json

import pytest

from annotator.errors import NotFoundError
from annotator.exporting import ExportOptions, export_project
from annotator.model import GOLD, DocStatus, IncomingDocument
from annotator.recommenders.base import DocumentInput, Prediction, Suggestion
from annotator.recommenders.blind import training_layers
from annotator.recommenders.crf_training import project_examples
from annotator.recommenders.harmonize import harmonize
from annotator.recommenders.registry import RecommenderSettings, availability, build
from annotator.recommenders.runner import run_recommenders
from annotator.sessions.curation import Curation
from annotator.sessions.suggestions import SuggestionCursor

pytestmark = pytest.mark.both_backends  # tests taking a project run on SQLite and on a PostgreSQL server

DOC1 = "التقى الرئيس حسني مبارك وفدا من مصر وإسرائيل في القاهرة ."
DOC2 = "أعلن حسني مبارك في القاهرة أن العلاقات بين مصر وإسرائيل مستقرة ."
ALICE = {("حسني مبارك", "PERS"), ("وإسرائيل", "GPE")}  # her unusual span keeps the conjunction
BOB = {("مبارك", "PERS")}


def tag(project, document_id: str, who: str, text: str, label: str) -> None:
    start = project.document(document_id).text.index(text)
    project.add_span(document_id, who, start, start + len(text), label)


@pytest.fixture
def two(project):
    """Both annotators finished the first article, each blind to the other."""
    outcomes, _ = project.add_documents(
        [IncomingDocument("d1", DOC1, "d1.txt"), IncomingDocument("d2", DOC2, "d2.txt")]
    )
    d1, d2 = (o.document_id for o in outcomes)
    for text, label in sorted(ALICE):
        tag(project, d1, "alice", text, label)
    for text, label in sorted(BOB):
        tag(project, d1, "bob", text, label)
    for who in ("alice", "bob"):
        project.set_status(d1, who, DocStatus.DONE)
    return project, d1, d2


def preannotate(project, annotator, names=("strings", "gazetteer")) -> None:
    """What the window's Pre-annotate does for the annotator at the keyboard (it runs as them)."""
    run_recommenders(project, build(list(names), project, RecommenderSettings(), annotator), lift_for=annotator)


def offered(project, document_id: str, who: str | None) -> set[tuple[str, str]]:
    """(text, label) of every suggestion listed for ``who``, decided or not."""
    text = project.document(document_id).text
    return {(s.text_in(text), s.label) for s in project.suggestions(document_id, who, include_decided=True)}


def pending(project, document_id: str, who: str) -> set[tuple[str, str]]:
    """What the window paints and N/Enter walk through for ``who``."""
    text = project.document(document_id).text
    return {(s.text_in(text), s.label) for s in SuggestionCursor(project, document_id, who).pending()}


def layer(project, document_id: str, who: str) -> set[tuple[str, str]]:
    text = project.document(document_id).text
    return {(text[s.start : s.end], s.label) for s in project.spans(document_id, who)}


def test_string_matching_learns_for_each_annotator_from_their_own_spans_only(two):
    project, d1, d2 = two
    preannotate(project, "alice")
    preannotate(project, "bob")
    assert pending(project, d2, "alice") >= ALICE  # alice is offered her own names elsewhere
    assert pending(project, d2, "bob") >= BOB  # and bob his
    for document_id in (d1, d2):
        assert not offered(project, document_id, "bob") & ALICE
        assert not offered(project, document_id, "alice") & BOB
        assert not offered(project, document_id, None) & (ALICE | BOB)  # nor anyone else (a new annotator)
    assert ("إسرائيل", "GPE") in pending(project, d2, "bob")  # shared recommenders still reach everyone


def test_accepting_everything_offered_leaves_agreement_to_what_both_found_on_their_own(two):
    project, d1, d2 = two
    preannotate(project, "alice")
    preannotate(project, "bob")
    for who in ("alice", "bob"):
        for document_id in (d1, d2):
            SuggestionCursor(project, document_id, who).accept_above(0.0)
    assert layer(project, d1, "bob") >= BOB and not layer(project, d1, "bob") & ALICE
    assert layer(project, d2, "bob") >= BOB and not layer(project, d2, "bob") & ALICE
    assert ("حسني مبارك", "PERS") in layer(project, d2, "alice")  # learnt from her own work
    # her unusual «وإسرائيل» overlaps the gazetteer's «إسرائيل»: "accept all" keeps the likelier one
    # (on held-out news a lone string match is right less often than a confident gazetteer match)
    assert len(layer(project, d2, "alice") & {("وإسرائيل", "GPE"), ("إسرائيل", "GPE")}) == 1
    places = {("مصر", "GPE"), ("القاهرة", "GPE"), ("إسرائيل", "GPE")}  # the shared gazetteer offered these to both
    assert layer(project, d2, "alice") & layer(project, d2, "bob") <= places
    assert layer(project, d2, "alice") & layer(project, d2, "bob") >= places - {("إسرائيل", "GPE")}


def test_a_suggestion_learnt_for_alice_cannot_be_decided_by_bob(two):
    project, _d1, d2 = two
    preannotate(project, "alice", ["strings"])
    (hers,) = [s for s in project.suggestions(d2, "alice") if s.label == "PERS"]
    with pytest.raises(NotFoundError):
        project.accept_suggestion(hers.id, "bob")
    with pytest.raises(NotFoundError):
        project.reject_suggestion(hers.id, "bob")
    assert project.spans(d2, "bob") == [] and project.decisions(d2, "bob") == {}
    project.accept_suggestion(hers.id, "alice")
    assert layer(project, d2, "alice") == {("حسني مبارك", "PERS")}


def test_bobs_export_holds_only_his_own_layer(two, tmp_path):
    project, _d1, d2 = two
    preannotate(project, "alice")
    preannotate(project, "bob")
    SuggestionCursor(project, d2, "bob").accept_above(0.0)
    out = tmp_path / "bob.jsonl"
    export_project(project, "jsonl", out, ExportOptions(annotator="bob", status="all"))
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    exported = {(span["text"], span["label"]) for line in lines for span in line["spans"]}
    assert {line["annotator"] for line in lines} == {"bob"} and exported >= BOB
    assert not exported & ALICE


def test_strings_is_offered_to_bob_only_when_he_has_something_to_learn_from(project):
    (outcome,), _ = project.add_documents([IncomingDocument("d1", DOC1, "d1.txt")])
    tag(project, outcome.document_id, "alice", "حسني مبارك", "PERS")
    settings = RecommenderSettings()
    assert availability(project, settings, "alice")["strings"].ok
    assert not availability(project, settings, "bob")["strings"].ok
    tag(project, outcome.document_id, "bob", "مبارك", "PERS")
    assert availability(project, settings, "bob")["strings"].ok


def curate_with_alices_version(project, document_id: str, *, finish: bool) -> None:
    curation = Curation(project, document_id, ["alice", "bob"])
    curation.accept_agreed()
    while curation.next_open() is not None:
        curation.take("alice")
    if finish:
        curation.finish()


def test_gold_teaches_everyone_once_the_curator_marks_it_done(two):
    project, d1, d2 = two
    curate_with_alices_version(project, d1, finish=False)
    assert layer(project, d1, GOLD) == ALICE
    preannotate(project, "bob")
    assert not offered(project, d2, "bob") & ALICE  # curation still under way: gold is not settled
    Curation(project, d1, ["alice", "bob"]).finish()
    preannotate(project, "bob")
    assert pending(project, d2, "bob") >= ALICE  # now the curated names are offered to bob
    preannotate(project, None)  # a run for no one in particular learns from curated gold only
    assert pending(project, d2, "carol") >= ALICE and not offered(project, d2, "carol") & BOB


def test_the_curator_learns_from_every_layer_and_keeps_it_to_gold(two):
    project, _d1, d2 = two
    project.ensure_annotator(GOLD)
    text = "قال مبارك إن حسني مبارك زار إسرائيل وإسرائيل"
    learnt = {}
    for who in ("alice", "bob", GOLD):
        (strings,) = build(["strings"], project, RecommenderSettings(), who)
        learnt[who] = {(s.text_in(text), s.label) for s in strings.predict(DocumentInput.from_text(text)).suggestions}
    assert learnt == {"alice": ALICE, "bob": BOB, GOLD: ALICE | BOB}
    preannotate(project, GOLD, ["strings"])
    assert offered(project, d2, GOLD) >= ALICE
    assert not offered(project, d2, "bob") & ALICE and not offered(project, d2, "alice") & BOB


def test_a_model_is_trained_for_someone_from_what_they_may_see(two):
    project, d1, _d2 = two
    ids = {a.name: a.id for a in project.annotators()}
    assert training_layers(project, annotator="alice") == [(d1, ids["alice"])]
    assert training_layers(project, annotator="bob") == [(d1, ids["bob"])]
    assert training_layers(project) == []  # everyone: curated gold only, none yet
    assert sorted(training_layers(project, annotator=GOLD)) == sorted([(d1, ids["alice"]), (d1, ids["bob"])])
    (example,) = project_examples(project, annotator="bob")
    assert {(DOC1[s:e], label) for s, e, label in example.spans} == BOB
    curate_with_alices_version(project, d1, finish=True)
    gold = project.get_annotator(GOLD).id
    for who in ("alice", "bob", None, GOLD):  # the settled version replaces each annotator's own
        assert training_layers(project, annotator=who) == [(d1, gold)], who


def test_a_model_trained_for_alice_suggests_to_alice_only(two):
    project, _d1, d2 = two
    project.save_model("crf@alice", *_tiny_model(project))
    (for_alice,) = build(["crf"], project, RecommenderSettings(), "alice")
    (for_bob,) = build(["crf"], project, RecommenderSettings(), "bob")
    assert for_alice.audience == "alice" and for_alice.model.info.get("trained_for") == "alice"
    assert for_bob.audience is None and for_bob.model.info.get("trained_for") is None  # the shipped model
    run_recommenders(project, [for_alice], [d2])
    assert project.suggestions(d2, "alice") and not project.suggestions(d2, "bob")
    assert not project.suggestions(d2)


def _tiny_model(project) -> tuple[bytes, dict]:
    """A CRF trained on alice's layer (a few iterations): what Train does for her."""
    from annotator.recommenders.crf_training import train_project_model

    report = train_project_model(project, None, annotator="alice", params={"max_iterations": 20})
    return report.model.data, report.model.info


def test_an_annotators_own_run_replaces_the_shared_one_for_them_alone(project):
    (outcome,), _ = project.add_documents([IncomingDocument("d1", DOC1, "d1.txt")])
    doc = outcome.document_id
    project.ensure_annotator("alice")
    shared = Suggestion(0, 5, "PERS", 0.5, "crf")
    own = Suggestion(13, 23, "PERS", 0.9, "crf")
    project.store_predictions("crf", [Prediction(doc, (shared,), 0.2)])
    project.store_predictions("crf", [Prediction(doc, (own,), 0.8, audience="alice")])
    assert [s.key for s in project.suggestions(doc, "alice")] == [(13, 23, "PERS")]
    assert [s.key for s in project.suggestions(doc, "bob")] == [(0, 5, "PERS")]
    assert dict((d.id, u) for d, u in project.documents_by_uncertainty(annotator="alice"))[doc] == 0.8
    assert dict((d.id, u) for d, u in project.documents_by_uncertainty(annotator="bob"))[doc] == 0.2


def test_alices_run_does_not_bring_back_what_bob_rejected(project):
    (outcome,), _ = project.add_documents([IncomingDocument("d1", DOC1, "d1.txt")])
    doc = outcome.document_id
    project.ensure_annotator("alice")
    egypt = Suggestion(DOC1.index("مصر"), DOC1.index("مصر") + 3, "GPE", 0.9, "gazetteer")
    project.store_predictions("gazetteer", [Prediction(doc, (egypt,))], lift_for="bob")
    (shown,) = project.suggestions(doc, "bob")
    project.reject_suggestion(shown.id, "bob")
    project.store_predictions("strings", [Prediction(doc, (egypt,), audience="alice")], lift_for="alice")
    assert project.suggestions(doc, "bob") == []  # still rejected: alice's learning says nothing to bob
    project.store_predictions("gazetteer", [Prediction(doc, (egypt,))], lift_for="alice")
    assert project.suggestions(doc, "bob") == []  # nor does alice re-running a shared recommender
    project.store_predictions("gazetteer", [Prediction(doc, (egypt,))])
    assert project.suggestions(doc, "bob") == []  # nor a command-line run for everyone
    project.store_predictions("gazetteer", [Prediction(doc, (egypt,))], lift_for="bob")
    assert len(project.suggestions(doc, "bob")) == 1  # bob's own re-run brings it back


def test_alice_pre_annotating_with_the_gazetteer_keeps_bobs_rejection(two):
    """The review's story: bob rejected «القاهرة»; alice ran the shared gazetteer; bob had it pending again."""
    project, d1, _d2 = two
    preannotate(project, "bob", ["gazetteer"])
    (cairo,) = [s for s in project.suggestions(d1, "bob") if s.text_in(DOC1) == "القاهرة"]
    project.reject_suggestion(cairo.id, "bob")
    preannotate(project, "alice", ["gazetteer"])
    assert ("القاهرة", "GPE") not in pending(project, d1, "bob")
    assert ("القاهرة", "GPE") in pending(project, d1, "alice")
    preannotate(project, "bob", ["gazetteer"])  # bob asking again is how he gets it back
    assert ("القاهرة", "GPE") in pending(project, d1, "bob")


def test_a_shared_model_is_not_trimmed_by_what_string_matching_learnt_for_alice():
    text = "وصل الوفد وموسكو تراقب"
    start = text.index("وموسكو")
    model = Suggestion(start, start + len("وموسكو"), "GPE", 0.8, "crf")
    learnt = Suggestion(start + 1, start + len("وموسكو"), "GPE", 1.0, "strings")
    strings = Prediction("d", (learnt,), audience="alice")
    shared = harmonize(text, {"strings": strings, "crf": Prediction("d", (model,))}, None)
    assert shared["crf"].suggestions[0].text_in(text) == "وموسكو"  # everyone sees the model's own boundary
    hers = harmonize(text, {"strings": strings, "crf": Prediction("d", (model,), audience="alice")}, None)
    assert hers["crf"].suggestions[0].text_in(text) == "موسكو"


@pytest.fixture
def bob_midway(project):
    """alice finished the first article and the curator settled it with her version; bob is mid-way."""
    outcomes, _ = project.add_documents(
        [IncomingDocument("d1", DOC1, "d1.txt"), IncomingDocument("d2", DOC2, "d2.txt")]
    )
    d1, d2 = (o.document_id for o in outcomes)
    for text, label in sorted(ALICE):
        tag(project, d1, "alice", text, label)
    project.set_status(d1, "alice", DocStatus.DONE)
    tag(project, d1, "bob", "مبارك", "PERS")  # in progress
    curation = Curation(project, d1, ["alice"])
    curation.accept_agreed()  # one source: the curator settles her version
    curation.finish()
    assert layer(project, d1, GOLD) == ALICE
    return project, d1, d2


def test_curating_a_document_bob_is_working_on_does_not_hand_him_its_gold(bob_midway):
    project, d1, d2 = bob_midway
    preannotate(project, "bob", ["strings"])
    assert not offered(project, d1, "bob") & ALICE  # not in the document he is still annotating
    assert offered(project, d2, "bob") >= ALICE  # gold of a curated document teaches him elsewhere
    preannotate(project, None, ["strings"])  # nor through a run for everyone (carol: what everyone is shown)
    assert not offered(project, d1, "carol") & ALICE and offered(project, d2, "carol") >= ALICE
    bob = project.get_annotator("bob").id
    assert training_layers(project, (DocStatus.DONE, DocStatus.IN_PROGRESS), annotator="bob") == [(d1, bob)]
    project.set_status(d1, "bob", DocStatus.DONE)  # once he is done, the settled version may teach him there too
    preannotate(project, "bob", ["strings"])
    assert offered(project, d1, "bob") >= ALICE
