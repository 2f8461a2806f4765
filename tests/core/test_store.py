"""The project store: file settings, operations and their change records, undo/redo, reopening."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import partial

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from annotator.errors import HashiyaError, NotFoundError, ProjectError
from annotator.model import DocStatus, IncomingDocument, NewSpan, Origin
from annotator.store import NO_CHANGE, Change, Project
from annotator.store.migrations import CURRENT_VERSION

pytestmark = pytest.mark.both_backends  # tests taking a project run on SQLite and on a PostgreSQL server


def find(text: str, word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return start, start + len(word)


def test_project_file_settings(tmp_path):
    path = tmp_path / "p.db"
    Project.create(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'spans'").fetchone()[0]
    assert 'CHECK (0 <= start AND start < "end")' in sql
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO spans VALUES ('x', 'd', 'a', 5, 5, 'PERS', 'manual', '{}', 't')")
    conn.rollback()
    conn.close()
    with Project.open(path) as project:
        assert project.database.pragma("foreign_keys") == 1
        assert project.schema_version == 1


def test_create_refuses_to_overwrite(tmp_path):
    path = tmp_path / "p.db"
    path.write_bytes(b"precious")
    with pytest.raises(ProjectError, match="already exists"):
        Project.create(path)
    assert path.read_bytes() == b"precious"


def test_add_span_returns_what_changed(seeded):
    project, doc, text = seeded
    seen = []
    project.subscribe(seen.append)
    start, end = find(text, "بوتين")
    change = project.add_span(doc, "alice", start, end, "PERS")
    (span,) = change.spans_added
    assert (span.start, span.end, span.label, span.origin) == (start, end, "PERS", Origin.MANUAL)
    assert text[span.start : span.end] == "بوتين"
    assert [(s.document_id, s.status) for s in change.statuses] == [(doc, DocStatus.IN_PROGRESS)]
    assert change.document_ids == {doc}
    assert seen == [change]
    assert len(span.id) == 32 and int(span.id, 16)


def test_the_same_span_twice_changes_nothing(seeded):
    project, doc, _ = seeded
    project.add_span(doc, "alice", 0, 3, "MISC")
    assert project.add_span(doc, "alice", 0, 3, "MISC") is NO_CHANGE
    assert len(project.spans(doc, "alice")) == 1


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (3, 3), (5, 2), (0, 10_000)])
def test_spans_outside_the_text_are_refused(seeded, start, end):
    project, doc, _ = seeded
    with pytest.raises(HashiyaError, match="not inside the document"):
        project.add_span(doc, "alice", start, end, "PERS")
    assert project.spans(doc) == []


def test_unknown_label_is_refused(seeded):
    project, doc, _ = seeded
    with pytest.raises(HashiyaError, match="label 'PERSON' is not in the project's schema"):
        project.add_span(doc, "alice", 0, 3, "PERSON")


def test_nested_and_overlapping_spans_are_kept(seeded):
    project, doc, text = seeded
    outer = find(text, "الرئيس الروسي فلاديمير بوتين")
    inner = find(text, "فلاديمير بوتين")
    project.add_span(doc, "alice", *outer, "PERS")
    project.add_span(doc, "alice", *inner, "PERS")
    project.add_span(doc, "alice", inner[0], inner[0] + 3, "MISC")
    assert [(s.start, s.end) for s in project.spans(doc, "alice")] == [outer, inner, (inner[0], inner[0] + 3)]


def test_annotators_see_only_their_own_spans(seeded):
    project, doc, _ = seeded
    project.add_span(doc, "alice", 0, 3, "MISC")
    project.add_span(doc, "bob", 4, 11, "MISC")
    assert [s.start for s in project.spans(doc, "alice")] == [0]
    assert [s.start for s in project.spans(doc, "bob")] == [4]
    assert len(project.spans(doc)) == 2


def test_relations_follow_the_schema(seeded):
    project, doc, text = seeded
    putin = project.add_span(doc, "alice", *find(text, "بوتين"), "PERS").spans_added[0]
    moscow = project.add_span(doc, "alice", *find(text, "موسكو"), "GPE").spans_added[0]
    change = project.add_relation(putin.id, moscow.id, "leader_of")
    assert [(r.head_id, r.tail_id, r.label) for r in change.relations_added] == [(putin.id, moscow.id, "leader_of")]
    with pytest.raises(HashiyaError, match="does not allow leader_of from GPE to PERS"):
        project.add_relation(moscow.id, putin.id, "leader_of")
    with pytest.raises(HashiyaError, match="not in the project's schema"):
        project.add_relation(putin.id, moscow.id, "loves")
    bob = project.add_span(doc, "bob", *find(text, "كييف"), "GPE").spans_added[0]
    with pytest.raises(HashiyaError, match="same document and annotator"):
        project.add_relation(putin.id, bob.id, "leader_of")


def test_undirected_relation_is_not_duplicated_in_reverse(seeded):
    project, doc, text = seeded
    a = project.add_span(doc, "alice", *find(text, "بوتين"), "PERS").spans_added[0]
    b = project.add_span(doc, "alice", *find(text, "ويتكوف"), "PERS").spans_added[0]
    project.add_relation(a.id, b.id, "met_with")
    assert project.add_relation(b.id, a.id, "met_with") is NO_CHANGE


def test_removing_a_span_removes_its_relations_and_undo_restores_both(seeded):
    project, doc, text = seeded
    putin = project.add_span(doc, "alice", *find(text, "بوتين"), "PERS").spans_added[0]
    moscow = project.add_span(doc, "alice", *find(text, "موسكو"), "GPE").spans_added[0]
    relation = project.add_relation(putin.id, moscow.id, "leader_of").relations_added[0]
    change = project.remove_span(putin.id)
    assert change.spans_removed == (putin,) and change.relations_removed == (relation,)
    assert project.relations(doc) == []
    undone = project.undo("alice")
    assert undone.undone and {s.id for s in undone.spans_added} == {putin.id}
    assert project.relations(doc) == [relation]


def test_relabel_and_resize_are_undoable(seeded):
    project, doc, _ = seeded
    span = project.add_span(doc, "alice", 0, 3, "PERS").spans_added[0]
    assert project.relabel_span(span.id, "ORG").spans_updated[0].label == "ORG"
    assert project.resize_span(span.id, 0, 5).spans_updated[0].end == 5
    assert project.relabel_span(span.id, "ORG") is NO_CHANGE
    project.undo("alice")
    project.undo("alice")
    assert (project.span(span.id).label, project.span(span.id).end) == ("PERS", 3)


def test_status_and_undo_of_done(seeded):
    project, doc, _ = seeded
    assert project.status(doc, "alice") == DocStatus.NEW
    change = project.set_status(doc, "alice", DocStatus.DONE)
    assert change.statuses[0].status == DocStatus.DONE
    project.undo("alice")
    assert project.status(doc, "alice") == DocStatus.NEW


def test_undo_redo_across_documents_and_a_new_action_clears_redo(project):
    outcomes, _ = project.add_documents(
        [IncomingDocument("a", "نص أول هنا", "a"), IncomingDocument("b", "نص ثان هنا", "b")]
    )
    a, b = (o.document_id for o in outcomes)
    project.add_span(a, "alice", 0, 2, "MISC")
    project.add_span(b, "alice", 0, 2, "MISC")
    assert project.undo("alice").document_ids == {b}
    assert project.undo("alice").document_ids == {a}
    assert project.undo("alice") is NO_CHANGE
    assert project.redo("alice").document_ids == {a}
    project.add_span(b, "alice", 3, 6, "MISC")
    assert not project.can_redo("alice")
    assert project.redo("alice") is NO_CHANGE


def test_undo_is_per_annotator(seeded):
    project, doc, _ = seeded
    project.add_span(doc, "alice", 0, 3, "MISC")
    project.add_span(doc, "bob", 4, 11, "MISC")
    project.undo("alice")
    assert [s.annotator_id for s in project.spans(doc)] == [project.get_annotator("bob").id]


def test_undo_survives_reopening(tmp_path, seed_text):
    path = tmp_path / "p.db"
    with Project.create(path) as project:
        doc = project.add_documents([IncomingDocument("seed", seed_text, "seed")])[0][0].document_id
        project.add_span(doc, "alice", *find(seed_text, "بوتين"), "PERS")
        project.add_span(doc, "alice", *find(seed_text, "كييف"), "GPE")
    with Project.open(path) as project:
        assert [s.label for s in project.spans(doc)] == ["PERS", "GPE"]
        project.undo("alice")
        assert [s.label for s in project.spans(doc)] == ["PERS"]
    with Project.open(path) as project:
        project.redo("alice")
        assert [s.label for s in project.spans(doc)] == ["PERS", "GPE"]


def test_a_failed_operation_writes_nothing(seeded):
    project, doc, _ = seeded
    span = project.add_span(doc, "alice", 0, 3, "PERS").spans_added[0]
    before = project.history.count()
    with pytest.raises(HashiyaError):
        project.add_spans(doc, "alice", [NewSpan(5, 9, "PERS"), NewSpan(5, 9, "NOPE")])
    assert [s.id for s in project.spans(doc)] == [span.id]
    assert project.history.count() == before


def test_schema_change_cannot_drop_a_used_label(seeded):
    project, doc, _ = seeded
    project.add_span(doc, "alice", 0, 3, "DATE")
    smaller = type(project.schema)("s", tuple(label for label in project.schema.labels if label.name != "DATE"))
    with pytest.raises(HashiyaError, match=r"drops labels still in use: DATE \(1 spans\)"):
        project.set_schema(smaller)
    grown = project.schema.with_labels(["EXTRA"])
    assert project.set_schema(grown).schema_changed
    assert project.schema_version == 2 and project.schema.label("EXTRA")


def test_unknown_ids_are_reported(project):
    with pytest.raises(NotFoundError):
        project.remove_span("0" * 32)
    with pytest.raises(NotFoundError):
        project.document("nope")


# -- properties ------------------------------------------------------------------------------

TEXTS = (
    st.lists(
        st.sampled_from(["موسكو", "بُوتِين", "ـ", "\u200f", "👨\u200d👩\u200d👧", "CNN", "3.5", " ", "\r\n", "\n", "،"]),
        min_size=1,
        max_size=30,
    )
    .map("".join)
    .filter(lambda t: t.strip())
)


@given(
    TEXTS, st.lists(st.tuples(st.integers(0, 200), st.integers(1, 20), st.sampled_from(["PERS", "GPE"])), max_size=8)
)
def test_import_close_reopen_gives_identical_text_tokens_and_spans(text, raw_spans):
    import tempfile
    from pathlib import Path

    from annotator.decoding import normalize_text
    from annotator.tokens import token_offsets

    stored, _ = normalize_text(text, "t")
    spans = [NewSpan(s % len(stored), min(len(stored), s % len(stored) + n), label) for s, n, label in raw_spans]
    spans = [s for s in spans if s.start < s.end]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.db"
        with Project.create(path) as project:
            doc = project.add_documents([IncomingDocument("t", stored, "t", spans=tuple(spans))], "alice")[0][0]
            before = (project.document(doc.document_id).text, project.token_offsets(doc.document_id))
            spans_before = [(s.id, s.start, s.end, s.label) for s in project.spans(doc.document_id)]
        with Project.open(path) as project:
            assert (project.document(doc.document_id).text, project.token_offsets(doc.document_id)) == before
            assert [(s.id, s.start, s.end, s.label) for s in project.spans(doc.document_id)] == spans_before
            assert before[1] == token_offsets(stored)


LABELS = ("PERS", "GPE")
OPS = st.lists(
    st.tuples(st.sampled_from(["add", "remove", "relabel", "resize", "relate", "done"]), st.integers(0, 50)),
    max_size=15,
)


def snapshot(project, doc):
    return (
        sorted((s.id, s.start, s.end, s.label) for s in project.spans(doc)),
        sorted((r.id, r.head_id, r.tail_id, r.label) for r in project.relations(doc)),
        project.status(doc, "alice"),
    )


def held(spans, start: int, end: int, label: str) -> bool:
    """The store's rule: one annotator holds at most one span per (start, end, label) in a document."""
    return any((s.start, s.end, s.label) == (start, end, label) for s in spans)


def update_as_modelled(spans, span, update: Callable[[], Change], start: int, end: int, label: str) -> Change:
    """Relabel or resize ``span``: the store refuses to turn it into a copy of another span."""
    if (start, end, label) != (span.start, span.end, span.label) and held(spans, start, end, label):
        with pytest.raises(HashiyaError, match=rf"already a {label} span at \[{start}, {end}\)"):
            update()
        return NO_CHANGE
    change = update()
    assert change.empty == ((start, end, label) == (span.start, span.end, span.label))
    return change


def apply_as_modelled(project, doc, kind: str, n: int) -> Change:
    """Run one generated operation, asserting the model's prediction: accepted, ignored or refused."""
    spans = project.spans(doc, "alice") if project.get_annotator("alice") else []
    label = LABELS[n % 2]
    span = spans[n % len(spans)] if spans else None
    if kind == "add":
        start, end = n % 30, n % 30 + 1 + n % 7
        change = project.add_span(doc, "alice", start, end, label)
        assert change.empty == held(spans, start, end, label)  # the same span twice changes nothing
        return change
    if kind == "remove" and span:
        return project.remove_span(span.id)
    if kind == "relabel" and span:
        relabel = partial(project.relabel_span, span.id, label)
        return update_as_modelled(spans, span, relabel, span.start, span.end, label)
    if kind == "resize" and span:
        end = span.start + 1 + n % 7
        resize = partial(project.resize_span, span.id, span.start, end)
        return update_as_modelled(spans, span, resize, span.start, end, span.label)
    if kind == "relate":
        pers, gpe = ([s for s in spans if s.label == wanted] for wanted in LABELS)
        if not (pers and gpe):
            return NO_CHANGE
        relations = {(r.head_id, r.tail_id, r.label) for r in project.relations(doc)}
        linked = (pers[0].id, gpe[0].id, "leader_of") in relations
        change = project.add_relation(pers[0].id, gpe[0].id, "leader_of")
        assert change.empty == linked
        return change
    if kind == "done":
        was_done = project.status(doc, "alice") == DocStatus.DONE
        change = project.set_status(doc, "alice", DocStatus.DONE)
        assert change.empty == was_done
        return change
    return NO_CHANGE


@example([("add", 1), ("relabel", 0), ("add", 1), ("relabel", 0)])  # relabelling onto a twin span is refused
@example([("add", 1), ("add", 31), ("resize", 8)])  # so is resizing onto one
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])  # a new project per example
@given(OPS)
def test_undo_everything_then_redo_everything_restores_each_state(new_project, ops):
    with new_project() as project:
        doc = project.add_documents([IncomingDocument("t", "زار بوتين موسكو ثم كييف وعاد إلى روسيا", "t")])[0][0]
        doc = doc.document_id
        states = [snapshot(project, doc)]
        for kind, n in ops:
            change = apply_as_modelled(project, doc, kind, n)
            if change.empty:  # an ignored or refused operation writes nothing
                assert snapshot(project, doc) == states[-1]
            else:
                states.append(snapshot(project, doc))
        for expected in reversed(states[:-1]):
            assert not project.undo("alice").empty
            assert snapshot(project, doc) == expected
        assert project.undo("alice").empty and not project.can_undo("alice")
        for expected in states[1:]:
            assert not project.redo("alice").empty
            assert snapshot(project, doc) == expected
        assert project.redo("alice").empty


def test_adding_one_span_does_not_read_every_span_of_the_document(seeded, span_builds):
    """A hotkey stores a span within a frame even in an article with 20,000 spans."""
    project, doc, _ = seeded
    tokens = project.token_offsets(doc)
    project.add_spans(doc, "layla", [NewSpan(s, e, "MISC") for s, e in tokens[:300]])
    before = span_builds()
    project.add_span(doc, "layla", *tokens[400], "PERS")
    assert span_builds() - before < 10, f"adding one span built {span_builds() - before} Span objects"
    assert project.add_span(doc, "layla", *tokens[0], "MISC") is NO_CHANGE


def test_undo_is_not_stuck_when_an_import_changed_the_status(project):
    """An import logged by someone else (bob) sets alice's status outside her log; undoing her first
    span must still work."""
    text = "زار بوتين موسكو"
    doc = project.add_documents([IncomingDocument("t", text, "t")])[0][0].document_id
    project.add_span(doc, "alice", 4, 9, "PERS")
    attached = IncomingDocument("t", text, "t2", spans=(NewSpan(10, 15, "GPE"),))
    project.add_documents([attached], "alice", logged_by="bob")
    assert project.status(doc, "alice") == DocStatus.DONE
    assert not project.undo("alice").empty
    assert [s.label for s in project.spans(doc)] == ["GPE"]
    assert project.status(doc, "alice") == DocStatus.DONE  # the import's status stands
    assert not project.can_undo("alice")


def test_resize_or_relabel_onto_an_existing_span_is_refused(seeded):
    project, doc, _ = seeded
    project.add_span(doc, "alice", 0, 3, "PERS")
    longer = project.add_span(doc, "alice", 0, 5, "PERS").spans_added[0]
    other_label = project.add_span(doc, "alice", 0, 3, "GPE").spans_added[0]
    with pytest.raises(HashiyaError, match=r"already a PERS span at \[0, 3\)"):
        project.resize_span(longer.id, 0, 3)
    with pytest.raises(HashiyaError, match=r"already a PERS span at \[0, 3\)"):
        project.relabel_span(other_label.id, "PERS")
    assert sorted((s.start, s.end, s.label) for s in project.spans(doc)) == [
        (0, 3, "GPE"),
        (0, 3, "PERS"),
        (0, 5, "PERS"),
    ]


def test_reading_an_up_to_date_project_does_not_wait_for_a_writer(tmp_path):
    path = tmp_path / "p.db"
    Project.create(path).close()
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        with Project.open(path) as project:  # would wait 5 s and fail if opening took the write lock
            assert project.stats()["documents"] == 0
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_reads_and_refused_actions_create_no_annotator(seeded):
    project, doc, _ = seeded
    assert not project.can_undo("typo") and not project.can_redo("typo")
    assert project.undo("typo") is NO_CHANGE
    with pytest.raises(HashiyaError):
        project.add_span(doc, "other", 0, 3, "NOPE")
    assert project.annotators() == []
