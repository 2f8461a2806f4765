"""A merge is one action in the log of whoever merged: `hashiya undo` (or Ctrl+Z) takes it back whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.cli import main
from annotator.errors import HashiyaError
from annotator.model import IMPORT_LOG, DocStatus, IncomingDocument
from annotator.store import ChangeKind, Project
from annotator.team.merge import merge_projects
from tests.agreement.conftest import AHMAD, CAIRO, MUHAMMAD, SECOND, TEXT, annotate

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
