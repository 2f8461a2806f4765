"""Curation into the gold layer: pre-accepted agreement, the queue, take/edit/reject, undo."""

from __future__ import annotations

import pytest

from annotator.errors import HashiyaError
from annotator.model import DocStatus
from annotator.sessions.curation import GOLD, Curation
from tests.agreement.conftest import AHMAD, CAIRO, DAMASCUS, MUHAMMAD, TEXT, annotate

pytestmark = pytest.mark.both_backends  # tests taking a project run on SQLite and on a PostgreSQL server


def gold(project, doc):
    return [(s.start, s.end, s.label) for s in project.spans(doc, GOLD)]


@pytest.fixture
def three(project):
    """amal, badr and dina agree on أحمد; differ on محمد's extent, on دمشق's label, on القاهرة,
    and on the met_with relation (amal and badr have it, written in opposite directions)."""
    annotate(project, "amal", TEXT, [(*AHMAD, "PERS"), (*MUHAMMAD, "PERS"), (*DAMASCUS, "GPE")], [(0, 1, "met_with")])
    annotate(project, "badr", TEXT, [(*AHMAD, "PERS"), (*MUHAMMAD, "PERS"), (*DAMASCUS, "LOC")], [(1, 0, "met_with")])
    doc = annotate(project, "dina", TEXT, [(*AHMAD, "PERS"), (28, 30, "PERS"), (*CAIRO, "GPE"), (*DAMASCUS, "GPE")])
    return project, doc


def test_agreed_spans_are_pre_accepted_once(three):
    project, doc = three
    session = Curation(project, doc)
    assert [a.name for a in session.sources] == ["amal", "badr", "dina"]
    assert gold(project, doc) == []
    change = session.accept_agreed()
    assert change.annotator_id == session.gold.id
    assert gold(project, doc) == [(*AHMAD, "PERS")]
    assert project.status(doc, GOLD) == DocStatus.IN_PROGRESS
    session.go_to(1)
    session.take(2)
    project.remove_span(next(s.id for s in project.spans(doc, GOLD) if s.start == AHMAD[0]))  # the curator's call
    assert Curation(project, doc).accept_agreed().empty  # reopening the document does not bring it back
    assert gold(project, doc) == [(28, 30, "PERS")]
    for _ in range(3):
        session.undo()
    assert gold(project, doc) == []
    assert project.status(doc, GOLD) == DocStatus.NEW


def test_the_queue_lists_each_disagreement_with_every_version(three):
    project, doc = three
    session = Curation(project, doc)
    session.accept_agreed()
    kinds = [(item.kind, item.start, item.end) for item in session.items]
    assert kinds == [("span", *CAIRO), ("span", *MUHAMMAD), ("span", *DAMASCUS), ("relation", AHMAD[0], MUHAMMAD[1])]
    muhammad = session.items[1]
    assert [[(s.start, s.end) for s in v] for v in muhammad.versions] == [[MUHAMMAD], [MUHAMMAD], [(28, 30)]]
    cairo = session.items[0]
    assert [len(v) for v in cairo.versions] == [0, 0, 1]  # amal and badr marked nothing there
    relation = session.items[3]
    assert [len(v) for v in relation.versions] == [1, 1, 0]
    assert session.open_count == 4


def test_keys_drive_curation_to_the_expected_gold(three):
    project, doc = three
    session = Curation(project, doc)
    session.accept_agreed()
    assert session.next().start == CAIRO[0]
    session.reject()  # only dina saw a GPE here
    assert session.next().start == MUHAMMAD[0]
    session.take(0)  # amal's محمد
    assert session.next().start == DAMASCUS[0]
    session.take(1)  # badr's LOC
    assert session.next().kind == "relation"
    session.take("amal")
    assert session.next() is None  # the last one
    assert gold(project, doc) == [(*AHMAD, "PERS"), (*MUHAMMAD, "PERS"), (*DAMASCUS, "LOC")]
    (relation,) = project.relations(doc, GOLD)
    heads = {s.id: (s.start, s.end) for s in project.spans(doc, GOLD)}
    assert (heads[relation.head_id], heads[relation.tail_id], relation.label) == (AHMAD, MUHAMMAD, "met_with")
    assert session.open_count == 0
    assert session.previous().start == DAMASCUS[0]
    session.edit(36, 40, "GPE")  # the curator's own decision
    assert gold(project, doc)[-1] == (*DAMASCUS, "GPE")
    session.finish()
    assert project.status(doc, GOLD) == DocStatus.DONE


def test_every_decision_is_one_undoable_step(three):
    project, doc = three
    session = Curation(project, doc)
    session.accept_agreed()
    session.go_to(1)
    session.take(2)  # dina's short محمد
    session.take(0)  # changed mind: amal's
    assert gold(project, doc) == [(*AHMAD, "PERS"), (*MUHAMMAD, "PERS")]
    change = session.undo()
    assert change.undone
    assert gold(project, doc) == [(*AHMAD, "PERS"), (28, 30, "PERS")]
    session.redo()
    assert gold(project, doc) == [(*AHMAD, "PERS"), (*MUHAMMAD, "PERS")]
    assert session.current.start == MUHAMMAD[0]  # the position stays on its item


def test_a_relation_needs_its_spans_in_gold_first(three):
    project, doc = three
    session = Curation(project, doc)
    session.accept_agreed()
    session.go_to(3)
    with pytest.raises(HashiyaError, match="spans of the relation must be in gold first"):
        session.take(0)
    assert project.relations(doc, GOLD) == []
    with pytest.raises(HashiyaError, match="edit changes a span"):
        session.edit(0, 3, "PERS")
    with pytest.raises(HashiyaError, match="there is no annotator 4"):
        session.take(3)
    with pytest.raises(HashiyaError, match="not one of this document's annotators"):
        session.take("gold")


def test_sources_are_who_finished_the_document(three):
    project, doc = three
    project.set_status(doc, "dina", DocStatus.IN_PROGRESS)
    assert [a.name for a in Curation(project, doc).sources] == ["amal", "badr"]
    assert [a.name for a in Curation(project, doc, status="all").sources] == ["amal", "badr", "dina"]
    assert [a.name for a in Curation(project, doc, ["dina", "amal"]).sources] == ["amal", "dina"]
    with pytest.raises(HashiyaError):
        Curation(project, doc, ["nobody"])


def test_next_open_skips_decided_items_and_wraps(three):
    project, doc = three
    session = Curation(project, doc)
    session.accept_agreed()
    session.go_to(1)
    session.take(0)
    session.go_to(0)
    assert session.next_open().start == DAMASCUS[0]
    assert session.next_open().kind == "relation"
    assert session.next_open().start == CAIRO[0]  # wrapped round
