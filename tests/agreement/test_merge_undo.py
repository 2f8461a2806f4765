"""A merge is one action in the log of whoever merged: `hashiya undo` (or Ctrl+Z) takes it back whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.errors import HashiyaError
from annotator.model import IMPORT_LOG, DocStatus, IncomingDocument
from annotator.store import ChangeKind, Project
from annotator.team.merge import merge_projects
from tests.agreement.conftest import AHMAD, CAIRO, MUHAMMAD, SECOND, TEXT, annotate
from tests.agreement.test_merge_decisions import annotators_file

WORK = ("documents", "segmentation", "spans", "relations", "document_status")  # annotators and labels stay


def work(path: Path) -> dict[str, list[tuple]]:
    with Project.open(path) as project:
        return rows(project)


def rows(project: Project) -> dict[str, list[tuple]]:
    """Every row of the work tables (a status without its time: a redo writes it anew)."""
    tables = {table: project.database.table_rows(table) for table in WORK}
    tables["document_status"] = [row[:3] for row in tables["document_status"]]
    return tables


@pytest.fixture
def files(tmp_path: Path) -> Path:
    """The lead's project (one document, badr's spans on it) and amal's copy with a second document."""
    with Project.create(tmp_path / "lead.hashiya") as lead:
        lead.add_documents([IncomingDocument("doc0", TEXT, "seed")])
        annotate(lead, "badr", TEXT, [(*CAIRO, "GPE")])
    with Project.create(tmp_path / "amal.hashiya") as amal:
        amal.add_documents([IncomingDocument("doc0", TEXT, "seed")])
        annotate(amal, "amal", TEXT, [(*AHMAD, "PERS"), (*MUHAMMAD, "PERS")], [(0, 1, "met_with")])
        annotate(amal, "amal", SECOND, [(17, 22, "PERS")], doc_name="second")
    return tmp_path


def test_cli_merge_then_undo_leaves_the_work_as_before_and_redo_brings_it_back(files, capsys) -> None:
    lead = files / "lead.hashiya"
    before = work(lead)
    assert main(["merge", str(lead), str(files / "amal.hashiya")]) == 0
    merged = work(lead)
    assert len(merged["documents"]) == 2 and len(merged["spans"]) == 4 and len(merged["relations"]) == 1
    capsys.readouterr()

    assert main(["undo", str(lead)]) == 0
    # the spans counted are those on the document that stays; the new one goes whole
    assert capsys.readouterr().out == "undone: merge (1 document, 2 spans, 1 relation)\n"
    assert work(lead) == before  # badr's own work stays; amal's statuses are back to none

    assert main(["redo", str(lead)]) == 0
    assert capsys.readouterr().out == "redone: merge (1 document, 2 spans, 1 relation)\n"
    assert work(lead) == merged  # the same ids, texts and statuses


def test_a_merge_goes_to_the_log_of_who_merged(files, capsys) -> None:
    lead = files / "lead.hashiya"
    before = work(lead)
    assert main(["merge", str(lead), str(files / "amal.hashiya"), "--annotator", "layla"]) == 0
    with Project.open(lead) as project:
        undone = project.undo("layla")
        assert undone.kind is ChangeKind.MERGE and undone.undone
        assert len(undone.documents_removed) == 1
        assert len(undone.spans_removed) == 2  # on the document that stays (the new one goes whole)
    assert work(lead) == before


def test_undo_is_refused_once_someone_worked_on_what_the_merge_added(files) -> None:
    with Project.open(files / "lead.hashiya") as lead:
        report = merge_projects(lead, [files / "amal.hashiya"])
        second = report.change.documents_added[0]
        lead.set_status(second, "omar", DocStatus.IN_PROGRESS)
        merged = rows(lead)
        with pytest.raises(
            HashiyaError, match=r"^cannot undo the merge of 1 document: omar has annotated «second» since$"
        ):
            lead.undo(IMPORT_LOG)
        assert rows(lead) == merged


def test_merging_the_same_file_again_logs_nothing(files) -> None:
    with Project.open(files / "lead.hashiya") as lead:
        merge_projects(lead, [files / "amal.hashiya"])
        actions = lead.history.count()
        again = merge_projects(lead, [files / "amal.hashiya"])
        assert again.change.empty and lead.history.count() == actions


def test_undo_is_refused_when_a_status_the_merge_set_was_worked_on_since(files) -> None:
    """The merge only moves badr's status on a document already here; badr then works there."""
    other = files / "badr_done.hashiya"
    with Project.create(other) as source:
        source.add_documents([IncomingDocument("doc0", TEXT, "seed")])
        annotate(source, "badr", TEXT, [(*CAIRO, "GPE")])  # the same work as in lead, but done
    with Project.open(files / "lead.hashiya") as lead:
        doc = lead.documents()[0].id
        lead.set_status(doc, "badr", DocStatus.IN_PROGRESS)
        report = merge_projects(lead, [other])
        assert report.change.statuses and lead.status(doc, "badr") is DocStatus.DONE
        span = lead.spans(doc, "badr")[0]
        lead.relabel_span(span.id, "LOC")  # badr works on the document since
        before = rows(lead)
        with pytest.raises(HashiyaError, match=r"^cannot undo the merge: badr has annotated «doc0» since$"):
            lead.undo(IMPORT_LOG)
        assert rows(lead) == before


# -- the decisions and activity a merge copies (issue 16) ---------------------------------------------

BOOKKEEPING = ("suggestion_decisions", "activity")


def bookkeeping(project: Project) -> dict[str, list[tuple]]:
    return {table: project.database.table_rows(table) for table in BOOKKEEPING}


@pytest.fixture
def decided(tmp_path: Path) -> Path:
    """The lead (the first text, with huda's own time on it) and amal's file with decisions on both texts."""
    with Project.create(tmp_path / "lead.hashiya") as lead:
        lead.add_documents([IncomingDocument("doc0", TEXT, "seed")])
        lead.activity.record(lead.ensure_annotator("huda").id, lead.documents()[0].id, 1_700_000_000.0, "open")
    annotators_file(tmp_path / "amal.hashiya", "amal")
    return tmp_path


def test_undo_takes_back_the_merged_decisions_and_activity_and_redo_brings_them_back(decided) -> None:
    with Project.open(decided / "lead.hashiya") as lead:
        stays = lead.documents()[0].id
        before = {**rows(lead), **bookkeeping(lead)}
        merge_projects(lead, [decided / "amal.hashiya"])
        merged = {**rows(lead), **bookkeeping(lead)}
        assert len(merged["suggestion_decisions"]) == 6 and len(merged["activity"]) > len(before["activity"])
        undone = lead.undo(IMPORT_LOG)  # decisions on the new document are the merge's own: not a refusal
        assert undone.undone and stays in undone.suggestions  # the document that stays lists its suggestions again
        assert {**rows(lead), **bookkeeping(lead)} == before
        redone = lead.redo(IMPORT_LOG)
        assert stays in redone.suggestions
        assert {**rows(lead), **bookkeeping(lead)} == merged  # the same ids


def test_a_merge_undone_by_an_older_version_is_redone_whole(decided) -> None:
    """The log of a merge undone before merges copied decisions and activity: no such keys, in the op or
    in the rows it saved. Redo reads it as naming none, and puts back the rest."""
    with Project.open(decided / "lead.hashiya") as lead:
        before = rows(lead)
        merge_projects(lead, [decided / "amal.hashiya"])
        merged = rows(lead)
        lead.undo(IMPORT_LOG)
        conn = lead.database.conn
        seq, ops = conn.execute("SELECT seq, ops FROM actions WHERE state = 'undone'").fetchone()
        op = json.loads(ops)[0]
        for key in ("decisions", "activity"):
            del op[key], op["saved"][key]
        conn.execute("UPDATE actions SET ops = ? WHERE seq = ?", (json.dumps([op]), seq))
        lead.redo(IMPORT_LOG)
        assert rows(lead) == merged
        lead.undo(IMPORT_LOG)
        assert rows(lead) == before


def test_undo_is_refused_once_someone_worked_where_the_merge_only_brought_decisions(decided) -> None:
    with Project.open(decided / "amal.hashiya") as own:
        doc = own.documents()[0].id
        keys = [(s.start, s.end, s.label) for s in own.spans(doc, "amal")]
    with Project.open(decided / "lead.hashiya") as lead:
        annotate(lead, "amal", TEXT, keys)  # amal's work on the first text is here already: only decisions come
        report = merge_projects(lead, [decided / "amal.hashiya"])
        assert report.sources[0].bodies_present == 1 and report.sources[0].decisions_added == 6
        lead.add_span(lead.documents()[0].id, "omar", *CAIRO, "GPE")
        before = {**rows(lead), **bookkeeping(lead)}
        with pytest.raises(HashiyaError, match=r"omar has annotated «doc0» since$"):
            lead.undo(IMPORT_LOG)
        assert {**rows(lead), **bookkeeping(lead)} == before
