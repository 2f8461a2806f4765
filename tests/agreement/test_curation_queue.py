"""A curation session keeps its queue between decisions instead of re-reading the document: whatever
the curator does (take, reject, edit, undo, redo, finish) and whatever others change meanwhile
(an annotator's span, another program writing to the file), the queue after each decision is the
one a freshly opened session builds from the store, and the layers it paints are the store's."""

from __future__ import annotations

import contextlib
import random

import pytest

from annotator.errors import HashiyaError
from annotator.model import DocStatus, IncomingDocument, NewRelation, NewSpan
from annotator.sessions.curation import GOLD, Curation
from annotator.store import Project
from annotator.store.watcher import StoreWatcher
from annotator.tokens import token_offsets

pytestmark = pytest.mark.both_backends  # tests taking a project run on SQLite and on a PostgreSQL server

TEXT = (
    "التقى أحمد محمد في دمشق ثم سافر علي إلى القاهرة حيث قابل سامي وزار عمان "
    "وقالت هدى إن بيروت وبغداد والرياض تنتظر خالد ومريم في تونس والجزائر"
)
NAMES = ("amal", "badr", "dina")
LABELS = ("PERS", "GPE")


def words(text: str = TEXT) -> list[tuple[int, int]]:
    return token_offsets(text)


def random_layer(rng: random.Random, key_prefix: str = "T"):
    """Spans on random words (sometimes two words), mostly shared labels; relations between some."""
    tokens = words()
    spans = []
    for i, (start, end) in enumerate(tokens[:-1]):
        if rng.random() < 0.55:
            stop = tokens[i + 1][1] if rng.random() < 0.2 else end
            spans.append(NewSpan(start, stop, LABELS[i % 2] if rng.random() < 0.8 else LABELS[(i + 1) % 2]))
    spans = [NewSpan(s.start, s.end, s.label, key=f"{key_prefix}{n}") for n, s in enumerate(spans)]
    relations = []
    people = [s for s in spans if s.label == "PERS"]
    places = [s for s in spans if s.label == "GPE"]
    for _ in range(4):
        if len(people) > 1 and rng.random() < 0.7:
            a, b = rng.sample(people, 2)
            relations.append(NewRelation(a.key, b.key, "met_with"))
        if people and places and rng.random() < 0.7:
            relations.append(NewRelation(rng.choice(people).key, rng.choice(places).key, "leader_of"))
    return tuple(spans), tuple(dict.fromkeys(relations))


def snapshot(session: Curation) -> list[tuple]:
    """Everything the curator sees of the queue, by content (gold by id: the same stored spans)."""
    count = len(session.sources)
    return [
        (
            item.kind,
            item.key,
            item.start,
            item.end,
            [item.version_keys(i) for i in range(count)],
            sorted(x.id for x in item.gold),
        )
        for item in session.items
    ]


def assert_layers_are_the_stores(session: Curation) -> None:
    """What the view paints (every annotator's spans and relations) is what the store holds now."""
    project, doc, everyone = session.project, session.document_id, [*session.sources, session.gold]
    assert session.layers() == {a.name: project.spans(doc, a) for a in everyone}
    assert session.relation_layers() == {a.name: project.relations(doc, a) for a in everyone}


def fresh(project: Project, doc: str) -> Curation:
    return Curation(project, doc, list(NAMES))


def build(project: Project, rng: random.Random) -> str:
    doc = ""
    for name in NAMES:
        spans, relations = random_layer(rng)
        outcomes, _ = project.add_documents(
            [IncomingDocument("doc", TEXT, "doc.jsonl", spans=spans, relations=relations)], name, DocStatus.DONE
        )
        doc = outcomes[0].document_id
        project.set_status(doc, name, DocStatus.DONE)
    return doc


def someone_else(project: Project, doc: str, rng: random.Random) -> None:
    """An annotator changes their layer while the curator works (not through the session)."""
    name = rng.choice(NAMES)
    mine = project.spans(doc, name)
    if mine and rng.random() < 0.5:
        project.remove_span(rng.choice(mine).id)
    else:
        start, end = rng.choice(words())
        with contextlib.suppress(HashiyaError):  # already there
            project.add_span(doc, name, start, end, rng.choice(LABELS))


def curator_step(session: Curation, rng: random.Random) -> bool:
    """One decision; False when it was refused (nothing changed, the queue was not rebuilt)."""
    step = rng.choice(["take", "take", "take", "reject", "edit", "undo", "undo", "redo", "finish"])
    if step in ("take", "reject", "edit") and session.items:
        session.go_to(rng.randrange(len(session.items)))
    try:
        if step == "take":
            session.take(rng.randrange(len(session.sources)))
        elif step == "reject":
            session.reject()
        elif step == "edit":
            start, end = rng.choice(words())
            session.edit(start, end, rng.choice(LABELS))
        elif step == "undo":
            session.undo()
        elif step == "redo":
            session.redo()
        else:
            session.finish()
    except HashiyaError:  # a relation whose spans gold lacks, an edit on a relation, nothing selected
        return False
    return True


@pytest.mark.parametrize("seed", range(6))
def test_the_queue_after_each_decision_is_what_a_new_session_reads(project, seed):
    rng = random.Random(seed)
    doc = build(project, rng)
    session = fresh(project, doc)
    project.subscribe(session.follow)  # as the curation window does: it follows changes, it never polls
    session.accept_agreed()
    assert session.items, "the annotators disagree somewhere"
    made = 0
    for _ in range(40):
        if rng.random() < 0.25:
            someone_else(project, doc, rng)
            assert_layers_are_the_stores(session)
        before = snapshot(session)
        if not curator_step(session, rng):  # refused: nothing changed (the queue is rebuilt at decisions only)
            assert snapshot(session) == before
            assert_layers_are_the_stores(session)
            continue
        made += 1
        assert_layers_are_the_stores(session)
        again = fresh(project, doc)
        assert snapshot(session) == snapshot(again)
        assert (session.agreed_spans, session.agreed_relations) == (again.agreed_spans, again.agreed_relations)
        assert all(item.decided for item in session.items if item.gold)
        gold = {s.id for s in project.spans(doc, GOLD)} | {r.id for r in project.relations(doc, GOLD)}
        assert {x.id for item in session.items for x in item.gold} <= gold
    assert made >= 20, "most decisions must really be made, or the queue is hardly tested"


def test_a_change_from_another_program_shows_at_the_next_decision(tmp_path):
    path = tmp_path / "shared.hashiya"
    amal, badr = [NewSpan(4, 8, "PERS"), NewSpan(19, 23, "GPE")], [NewSpan(4, 8, "GPE")]
    with Project.create(path) as project:
        for name, spans in (("amal", amal), ("badr", badr)):
            (outcome,), _ = project.add_documents(
                [IncomingDocument("doc", TEXT, "doc.txt", spans=tuple(spans))], name, DocStatus.DONE
            )
            project.set_status(outcome.document_id, name, DocStatus.DONE)
        doc = outcome.document_id
        session = Curation(project, doc)
        project.subscribe(session.follow)
        watcher = StoreWatcher(project)  # what the window's timer drives
        assert [(item.start, item.end) for item in session.items] == [(4, 8), (19, 23)]
        with Project.open(path) as other:  # e.g. badr's own window, or a merge run from the command line
            other.add_span(doc, "badr", 19, 23, "GPE")
        watcher.check()
        session.go_to(0)
        session.take("amal")
        assert [(item.start, item.end) for item in session.items] == [(4, 8)]  # they agree on دمشق now
        assert session.items[0].gold and session.current.key == ("span", 4, 8)
