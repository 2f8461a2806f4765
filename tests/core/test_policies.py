"""Document policies (annotator.policies): one rule table, and each command's default and --documents."""

from __future__ import annotations

import json

import pytest

from annotator.cli import main
from annotator.model import DocStatus, IncomingDocument
from annotator.policies import DocumentPolicy, documents
from annotator.sessions.curation import Curation
from annotator.store import Project

pytestmark = pytest.mark.both_backends  # tests taking a project run on SQLite and on a PostgreSQL server

# document name → what amal and badr did in it: (amal's status, amal has a span, badr's status, badr has a span)
STATES = {
    "new": (None, False, None, False),
    "started": (DocStatus.IN_PROGRESS, False, None, False),
    "finished": (DocStatus.DONE, True, DocStatus.DONE, True),
    "spans-only": (DocStatus.NEW, True, None, False),  # a span, then the status set back to new
    "badr-only": (None, False, DocStatus.DONE, True),
    "reset": (DocStatus.NEW, False, DocStatus.IN_PROGRESS, False),
}


def build(project: Project) -> dict[str, str]:
    """The table's project: one document per state; name → id. (A span sets its document in
    progress, so the status is set after the spans.)"""
    outcomes, _ = project.add_documents([IncomingDocument(n, f"نص {n} هنا", f"{n}.txt") for n in STATES])
    ids = {n: o.document_id for n, o in zip(STATES, outcomes, strict=True)}
    for name, (amal, amal_span, badr, badr_span) in STATES.items():
        for who, status, span in (("amal", amal, amal_span), ("badr", badr, badr_span)):
            if span:
                project.add_span(ids[name], who, 0, 2, "PERS")
            if status is not None:
                project.set_status(ids[name], who, status)
    return ids


@pytest.mark.parametrize(
    ("policy", "who", "expected"),
    [
        (DocumentPolicy.WORKED_ON, ["amal"], ["started", "finished", "spans-only"]),
        (DocumentPolicy.WORKED_ON, ["badr"], ["finished", "badr-only", "reset"]),
        (DocumentPolicy.WORKED_ON, ["amal", "badr"], ["started", "finished", "spans-only", "badr-only", "reset"]),
        (DocumentPolicy.IN_PROGRESS_OR_DONE, ["amal"], ["started", "finished"]),
        (DocumentPolicy.IN_PROGRESS_OR_DONE, ["amal", "badr"], ["started", "finished", "badr-only", "reset"]),
        (DocumentPolicy.DONE, ["amal"], ["finished"]),
        (DocumentPolicy.DONE, ["amal", "badr"], ["finished", "badr-only"]),
        (DocumentPolicy.DONE, [], []),
        (DocumentPolicy.ALL, ["amal"], list(STATES)),
    ],
)
def test_policy_table(project, policy, who, expected):
    ids = build(project)
    names = {v: k for k, v in ids.items()}
    annotator_ids = [project.get_annotator(n).id for n in who]
    assert [names[d] for d in documents(project, policy, annotator_ids)] == expected


def test_curation_sources_follow_the_policy(project):
    ids = build(project)
    assert [a.name for a in Curation(project, ids["finished"]).sources] == ["amal", "badr"]
    assert [a.name for a in Curation(project, ids["reset"]).sources] == []
    assert [a.name for a in Curation(project, ids["reset"], status=DocumentPolicy.WORKED_ON).sources] == ["badr"]
    assert [a.name for a in Curation(project, ids["spans-only"], status="all").sources] == ["amal"]
    assert [a.name for a in Curation(project, ids["spans-only"], status="in-progress-or-done").sources] == []


@pytest.fixture
def saved(tmp_path) -> str:
    path = tmp_path / "p.db"
    with Project.create(path) as project:
        build(project)
    return str(path)


def exported(capsys, saved: str, tmp_path, *flags: str) -> list[str]:
    out = tmp_path / "out.jsonl"
    assert main(["export", saved, "--format", "jsonl", "--out", str(out), "--annotator", "amal", *flags]) == 0
    capsys.readouterr()
    return [json.loads(line)["name"] for line in out.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        ((), ["finished"]),
        (("--documents", "worked-on"), ["started", "finished", "spans-only"]),
        (("--documents", "in-progress-or-done"), ["started", "finished"]),
        (("--documents", "all"), list(STATES)),
        (("--status", "all"), list(STATES)),
    ],
)
def test_export_documents_flag(capsys, saved, tmp_path, flags, expected):
    assert exported(capsys, saved, tmp_path, *flags) == expected


def compared(capsys, saved: str, *flags: str) -> tuple[int, str]:
    assert main(["agreement", saved, "--json", *flags]) == 0
    data = json.loads(capsys.readouterr().out)
    return data["documents"], data["document_policy"]


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        ((), (1, "done")),  # both finished only "finished"
        (("--documents", "worked-on"), (1, "worked-on")),  # "reset" is badr's alone, "spans-only" amal's
        (("--status", "all"), (1, "worked-on")),
        (("--documents", "all"), (len(STATES), "all")),  # unseen documents count as no entities
    ],
)
def test_agreement_documents_flag(capsys, saved, flags, expected):
    assert compared(capsys, saved, *flags) == expected


def test_unknown_policy_is_one_line_error(capsys, saved, tmp_path):
    assert main(["export", saved, "--format", "jsonl", "--out", str(tmp_path / "o"), "--documents", "some"]) != 0
    assert "invalid choice: 'some'" in capsys.readouterr().err
