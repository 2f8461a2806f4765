"""The store's door for consistency fixes and dismissals (issue 15): one undoable action each.

A fix over many occurrences is one action in the fixer's log that one undo takes back; a stale
finding is refused before anything is written; an undo that would overwrite someone's later edit
is refused; a dismissal is remembered in the file and undoable.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest

from annotator.consistency.findings import CheckKind, Finding, Fix, FixAction, Occurrence
from annotator.errors import HashiyaError
from annotator.model import DocStatus, IncomingDocument
from annotator.store import ChangeKind, Project
from tests.consistency.conftest import SmallCorpus


def occurrence(corpus: SmallCorpus, doc: str, surface: str, *, annotator: str | None, nth: int = 0, **kw) -> Occurrence:
    """An occurrence of ``surface`` in ``doc`` as a check reports it (label and span id from the store)."""
    start, end = corpus.find(doc, surface, nth)
    document_id = corpus.ids[doc]
    span = next(
        (
            s
            for s in corpus.project.spans(document_id, annotator)
            if (s.start, s.end) == (start, end) and annotator is not None
        ),
        None,
    )
    fields = {
        "label": None if span is None else span.label,
        "span_id": None if span is None else span.id,
        "annotator": annotator,
        **kw,
    }
    return Occurrence(document_id, doc, start, end, surface, "", "", **fields)


def spans_of(corpus: SmallCorpus, annotator: str) -> set[tuple[str, str, str]]:
    """(document, text, label) of every span in one layer: what a fix and its undo must restore."""
    out = set()
    for doc, document_id in corpus.ids.items():
        for span in corpus.project.spans(document_id, annotator):
            out.add((doc, corpus.texts[doc][span.start : span.end], span.label))
    return out


@pytest.fixture
def corpus(consistency_project: SmallCorpus) -> SmallCorpus:
    return consistency_project


def four_fixes(corpus: SmallCorpus) -> list[tuple[Occurrence, Fix]]:
    """A relabel (d3), a resize (d2, the title out), a tag (d3, the untagged «وموسكو» without its
    proclitic) and a removal (d4), in alice's layer: every action a finding proposes."""
    moscow = corpus.find("d3", "وموسكو")
    pairs = [
        (occurrence(corpus, "d3", "بُوتِين", annotator="alice"), Fix(FixAction.RELABEL, label="PERS")),
        (
            occurrence(corpus, "d2", "الرئيس فلاديمير بوتين", annotator="alice"),
            Fix(FixAction.RESIZE, start=corpus.find("d2", "فلاديمير بوتين")[0], end=corpus.find("d2", "بوتين")[1]),
        ),
        (
            occurrence(corpus, "d3", "وموسكو", annotator="alice"),
            Fix(FixAction.ADD, label="GPE", start=moscow[0] + 1, end=moscow[1]),
        ),
        (occurrence(corpus, "d4", "اسطنبول", annotator="alice"), Fix(FixAction.REMOVE)),
    ]
    return [(replace(o, fix=f), f) for o, f in pairs]


def test_every_fix_is_one_action_that_one_undo_takes_back_and_redo_puts_back(corpus):
    project = corpus.project
    before = spans_of(corpus, "alice")
    actions = project.history.count()
    heard = []
    project.subscribe(heard.append)

    change = project.apply_fixes("carol", four_fixes(corpus), what="variation:abc")

    assert change.kind == ChangeKind.FIX_FINDING and project.history.count() == actions + 1
    assert change.annotator_id == project.roster.id_of("carol") and heard == [change]
    assert (len(change.spans_updated), len(change.spans_added), len(change.spans_removed)) == (2, 1, 1)
    after = spans_of(corpus, "alice")
    assert after == (before - {("d3", "بُوتِين", "ORG"), ("d2", "الرئيس فلاديمير بوتين", "PERS")}) - {
        ("d4", "اسطنبول", "GPE")
    } | {("d3", "بُوتِين", "PERS"), ("d2", "فلاديمير بوتين", "PERS"), ("d3", "موسكو", "GPE")}
    row = project.database.conn.execute("SELECT kind, document_id FROM actions ORDER BY seq DESC LIMIT 1").fetchone()
    assert tuple(row) == ("fix_finding:variation:abc", None)  # spans documents: no one document, as a merge

    undone = project.undo("carol")
    assert undone.undone and undone.kind == ChangeKind.FIX_FINDING
    assert spans_of(corpus, "alice") == before
    assert not project.can_undo("carol")
    project.redo("carol")
    assert spans_of(corpus, "alice") == after


def test_a_fix_in_one_document_is_logged_against_it():
    project = Project.memory()
    (outcome,), _ = project.add_documents([IncomingDocument("d", "زار بوتين موسكو", "d.txt")])
    span_id = project.add_span(outcome.document_id, "alice", 4, 9, "ORG").spans_added[0].id
    found = Occurrence(outcome.document_id, "d", 4, 9, "بوتين", "زار", "موسكو", "ORG", "alice", span_id)
    change = project.apply_fixes("alice", [(found, Fix(FixAction.RELABEL, label="PERS"))])
    assert project.span(span_id).label == "PERS"
    row = project.database.conn.execute("SELECT document_id FROM actions WHERE id = ?", (change.action_id,))
    assert row.fetchone()[0] == outcome.document_id


def test_tagging_an_untouched_document_starts_it_and_undo_puts_it_back_to_new(corpus_builder):
    corpus = corpus_builder({"a": "زار بوتين موسكو", "b": "قال بوتين"})
    corpus.tag("a", "alice", "بوتين", "PERS")
    untagged = occurrence(corpus, "b", "بوتين", annotator="alice")
    b = corpus.ids["b"]
    assert corpus.project.status(b, "alice") == DocStatus.NEW

    change = corpus.project.apply_fixes("alice", [(untagged, Fix(FixAction.ADD, label="PERS"))])

    assert [s.label for s in corpus.project.spans(b, "alice")] == ["PERS"]
    assert corpus.project.status(b, "alice") == DocStatus.IN_PROGRESS and change.statuses
    corpus.project.undo("alice")
    assert corpus.project.spans(b, "alice") == [] and corpus.project.status(b, "alice") == DocStatus.NEW


def test_a_stale_finding_is_refused_naming_document_and_text_and_nothing_is_written(corpus):
    project = corpus.project
    fixes = four_fixes(corpus)
    project.relabel_span(fixes[0][0].span_id, "GPE")  # someone edited «بُوتِين» after the checks ran
    before, actions = spans_of(corpus, "alice"), project.history.count()

    with pytest.raises(HashiyaError, match=r"out of date: «بُوتِين» in «d3» is no longer tagged ORG"):
        project.apply_fixes("carol", fixes)

    assert spans_of(corpus, "alice") == before and project.history.count() == actions


def test_a_removed_span_and_a_fix_that_would_duplicate_a_span_are_refused(corpus):
    project = corpus.project
    removal = four_fixes(corpus)[3]
    project.remove_span(removal[0].span_id)
    with pytest.raises(HashiyaError, match=r"«اسطنبول» in «d4» is no longer tagged GPE"):
        project.apply_fixes("carol", [removal])
    tagged = occurrence(corpus, "d1", "موسكو", annotator="alice")  # already GPE: tagging it again is a double
    with pytest.raises(HashiyaError, match=r"already a GPE span .* in that layer"):
        project.apply_fixes("carol", [(tagged, Fix(FixAction.ADD, label="GPE"))])
    with pytest.raises(HashiyaError, match="not in the project's schema"):
        project.apply_fixes("carol", [(four_fixes(corpus)[0][0], Fix(FixAction.RELABEL, label="NOPE"))])


def test_two_fixes_to_one_place_are_refused(corpus):
    moscow = occurrence(corpus, "d3", "وموسكو", annotator="alice")
    fix = Fix(FixAction.ADD, label="GPE")
    with pytest.raises(HashiyaError, match="already a GPE span"):
        corpus.project.apply_fixes("carol", [(moscow, fix), (moscow, fix)])


def test_undo_is_refused_when_someone_changed_a_fixed_span_since(corpus):
    project = corpus.project
    fixes = four_fixes(corpus)
    change = project.apply_fixes("carol", fixes)
    relabelled = fixes[0][0].span_id
    project.resize_span(relabelled, fixes[0][0].start + 1, fixes[0][0].end)  # alice edits it in her own log
    before = spans_of(corpus, "alice")

    with pytest.raises(HashiyaError, match=r"cannot change the PERS span «بُوتِين» in alice's layer of «d3»"):
        project.undo("carol")

    assert spans_of(corpus, "alice") == before and project.can_undo("carol")
    project.undo("alice")  # alice takes her edit back: now the fix undoes cleanly
    project.undo("carol")
    assert ("d3", "بُوتِين", "ORG") in spans_of(corpus, "alice") and change.action_id


def test_undo_is_refused_when_someone_relabelled_a_span_the_fix_added(corpus):
    project = corpus.project
    added = project.apply_fixes("carol", [four_fixes(corpus)[2]]).spans_added[0]
    project.relabel_span(added.id, "LOC")
    with pytest.raises(HashiyaError, match=r"cannot remove the GPE span «موسكو» in alice's layer of «d3»"):
        project.undo("carol")
    assert project.span(added.id).label == "LOC"


def test_a_removal_takes_the_relations_of_the_span_and_undo_brings_them_back(corpus):
    project = corpus.project
    head = occurrence(corpus, "d4", "فلاديمير بوتين", annotator="alice")
    tail = occurrence(corpus, "d4", "الأمم المتحدة", annotator="alice")
    relation = project.schema.relation_types_for("PERS", "ORG")[0].name
    relation_id = corpus.relate(head.span_id, tail.span_id, relation)

    change = project.apply_fixes("carol", [(tail, Fix(FixAction.REMOVE))])

    assert [r.id for r in change.relations_removed] == [relation_id]
    assert project.relations(corpus.ids["d4"]) == []
    project.undo("carol")
    assert [r.id for r in project.relations(corpus.ids["d4"])] == [relation_id]


def test_no_fix_to_make_is_no_change(corpus):
    same = occurrence(corpus, "d1", "موسكو", annotator="alice")
    actions = corpus.project.history.count()
    assert corpus.project.apply_fixes("carol", [(same, Fix(FixAction.RELABEL, label="GPE"))]).empty
    assert corpus.project.apply_fixes("carol", []).empty and corpus.project.history.count() == actions


def finding(corpus: SmallCorpus) -> Finding:
    o = occurrence(corpus, "d3", "بُوتِين", annotator="alice")
    return Finding(CheckKind.VARIATION, "alice\x1fبوتين", 0.8, "«بوتين»: PERS ×3, ORG ×1", "relabel", (o,))


def test_a_dismissal_is_one_undoable_action_and_survives_reopening(tmp_path):
    path = tmp_path / "p.hashiya"
    with Project.create(path) as project:
        project.add_documents([IncomingDocument("d3", "أعلنت موسـكو اليوم أن بُوتِين سيزور", "d3.txt")])
        document = project.document(project.documents()[0].id)
        corpus = SmallCorpus(project, {"d3": document.id}, {"d3": document.text})
        corpus.tag("d3", "alice", "بُوتِين", "ORG")
        found = finding(corpus)
        heard = []
        project.subscribe(heard.append)

        change = project.dismiss_finding("alice", found)

        assert change.kind == ChangeKind.DISMISS_FINDING and change.findings_dismissed == (found.key,)
        assert heard == [change] and project.dismissed_findings() == {found.key}
        assert project.dismiss_finding("bob", found).empty  # already dismissed: nothing to log
        undone = project.undo("alice")
        assert undone.findings_dismissed == (found.key,) and not undone.empty
        assert project.dismissed_findings() == set()
        project.redo("alice")
    with Project.open(path) as project:
        assert project.dismissed_findings() == {found.key}
        (listed,) = project.dismissals_list()
        assert (listed.key, listed.kind, listed.summary, listed.annotator) == (
            found.key,
            "variation",
            found.summary,
            "alice",
        )
        project.undo("alice")  # the log is in the file too
        assert project.dismissed_findings() == set()


@dataclass(frozen=True)
class RelationRemoval:
    """A fix removing one relation (schema drift). ``Fix`` has no relation id yet (issue 15 report:
    ``FixAction.REMOVE_RELATION`` with ``Fix.relation_id`` is proposed); the store takes it by shape."""

    relation_id: str
    action: str = "remove_relation"
    label: str | None = None
    start: int | None = None
    end: int | None = None


def test_a_relation_the_schema_no_longer_allows_is_removed_alone_and_undo_brings_it_back(corpus):
    project = corpus.project
    head = occurrence(corpus, "d4", "فلاديمير بوتين", annotator="alice")
    tail = occurrence(corpus, "d4", "الأمم المتحدة", annotator="alice")
    relation_id = corpus.relate(head.span_id, tail.span_id, project.schema.relation_types_for("PERS", "ORG")[0].name)
    spans = spans_of(corpus, "alice")

    change = project.apply_fixes("carol", [(head, RelationRemoval(relation_id))])

    assert [r.id for r in change.relations_removed] == [relation_id] and not change.spans_removed
    assert project.relations(corpus.ids["d4"]) == [] and spans_of(corpus, "alice") == spans
    project.undo("carol")
    assert [r.id for r in project.relations(corpus.ids["d4"])] == [relation_id]
    project.remove_relation(relation_id)
    with pytest.raises(HashiyaError, match=r"the relation at «فلاديمير بوتين» in «d4» is no longer there"):
        project.apply_fixes("carol", [(head, RelationRemoval(relation_id))])
