"""Change records: kinds survive the action log, merges name whose work arrived (issue 12)."""

from __future__ import annotations

import pytest

from annotator.model import DocStatus, IncomingDocument, NewSpan
from annotator.store import ChangeKind, Project
from annotator.team.merge import merge_projects

pytestmark = pytest.mark.both_backends  # tests taking a project run on SQLite and on a PostgreSQL server


@pytest.mark.parametrize("kind", list(ChangeKind))
def test_every_kind_reads_back_from_its_logged_text(kind: ChangeKind) -> None:
    """The log stores the kind's text (with an optional detail): an old project file still undoes."""
    assert ChangeKind.from_log(kind.logged()) is kind
    assert ChangeKind.from_log(kind.logged("alice")) is kind
    assert kind.logged() == kind.value


def _project(new_project) -> tuple[Project, str]:
    project = new_project()
    outcomes, _ = project.add_documents([IncomingDocument("d", "زار بوتين موسكو وبكين أمس.", "d.txt")])
    return project, outcomes[0].document_id


ACTIONS = {
    ChangeKind.ADD_SPAN: lambda p, d: p.add_span(d, "bob", 4, 9, "PERS"),
    ChangeKind.ADD_SPANS: lambda p, d: p.add_spans(d, "bob", [_new(10, 15), _new(16, 20)]),
    ChangeKind.SET_STATUS: lambda p, d: p.set_status(d, "bob", DocStatus.DONE),
}


def _new(start: int, end: int):
    return NewSpan(start, end, "LOC", {})


@pytest.mark.parametrize("kind", list(ACTIONS))
def test_undo_and_redo_keep_the_kind_of_the_action(new_project, kind: ChangeKind) -> None:
    project, doc = _project(new_project)
    done = ACTIONS[kind](project, doc)
    assert done.kind is kind and done.initiator == "bob"
    logged = project.db.execute("SELECT kind FROM actions WHERE id = ?", [done.action_id]).fetchone()[0]
    assert logged == kind.value  # the stored text is unchanged
    undone, redone = project.undo("bob"), project.redo("bob")
    assert (undone.kind, undone.undone, undone.redone) == (kind, True, False)
    assert (redone.kind, redone.undone, redone.redone) == (kind, False, True)


def test_span_edits_keep_their_kinds_through_undo(new_project) -> None:
    project, doc = _project(new_project)
    span = project.add_span(doc, "bob", 4, 9, "PERS").spans_added[0]
    for kind, act in [
        (ChangeKind.RELABEL_SPAN, lambda: project.relabel_span(span.id, "LOC")),
        (ChangeKind.RESIZE_SPAN, lambda: project.resize_span(span.id, 4, 8)),
        (ChangeKind.REMOVE_SPAN, lambda: project.remove_span(span.id)),
    ]:
        assert act().kind is kind
        assert project.undo("bob").kind is kind
        assert project.redo("bob").kind is kind


def test_a_merge_names_the_annotators_of_the_merged_work(new_project, tmp_path) -> None:
    other = tmp_path / "other.hashiya"
    with Project.create(other) as source:
        outcomes, _ = source.add_documents([IncomingDocument("x", "وصل الرئيس إلى القاهرة.", "x.txt")])
        source.add_span(outcomes[0].document_id, "bob", 15, 22, "LOC")
        source.add_span(outcomes[0].document_id, "carol", 4, 10, "PERS")
    project, _doc = _project(new_project)
    alice = project.ensure_annotator("alice")
    report = merge_projects(project, [other])
    bob, carol = project.get_annotator("bob"), project.get_annotator("carol")
    assert report.change.kind is ChangeKind.MERGE and report.change.initiator == "merge"
    assert report.change.annotator_ids == {bob.id, carol.id}
    assert set(report.change.annotators_added) == {bob.id, carol.id}
    assert alice.id not in report.change.annotator_ids


def test_a_new_annotator_is_announced_once(new_project) -> None:
    project, _doc = _project(new_project)
    seen = []
    project.subscribe(seen.append)
    first, change = project.add_annotator("dina")
    again, unchanged = project.add_annotator("dina")
    assert change.annotators_added == (first.id,) and again == first
    assert unchanged.empty and [c.kind for c in seen] == [ChangeKind.ADD_ANNOTATOR]


def test_saving_a_model_reports_it(new_project) -> None:
    project, _doc = _project(new_project)
    seen = []
    project.subscribe(seen.append)
    change = project.save_model("crf", b"\x00", {"labels": ["O"]})
    assert change.kind is ChangeKind.MODEL_SAVED and change.models_saved == ("crf",)
    assert seen == [change]
