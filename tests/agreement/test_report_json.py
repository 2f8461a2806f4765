"""The JSON report is a published format (docs/agreement.md): the typed report must print it byte for byte
as the dict-based report did. The golden file was written by the dict-based report on the same project
(document ids, random per project, replaced by ``<id of NAME>``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.model import DocStatus
from annotator.store import Project
from annotator.team.agreement.figures import PairAgreement
from annotator.team.agreement.report import build_report
from tests.agreement.conftest import AHMAD, CAIRO, DAMASCUS, MUHAMMAD, SECOND, TEXT, annotate

GOLDEN = Path(__file__).parent / "golden" / "report_four_annotators.json"


def four_annotators(project: Project) -> None:
    """Disagreements of every kind: labels, boundaries, relations, an unfinished document, a name to escape."""
    spans = [(*AHMAD, "PERS"), (*CAIRO, "GPE"), (*MUHAMMAD, "PERS"), (*DAMASCUS, "GPE")]
    annotate(project, "amal", TEXT, spans, [(0, 2, "met_with")])
    annotate(project, "badr", TEXT, [*spans[:3], (*DAMASCUS, "LOC")], [(2, 0, "met_with")])
    annotate(project, "<كريم & co>", TEXT, spans[:2])
    annotate(project, "amal", SECOND, [(5, 13, "ORG"), (17, 22, "PERS")], doc_name="second")
    annotate(project, "badr", SECOND, [(5, 13, "ORG"), (29, 34, "GPE")], [(1, 0, "member_of")], doc_name="second")
    annotate(project, "dina", SECOND, [(5, 22, "ORG")], status=DocStatus.IN_PROGRESS, doc_name="second")


@pytest.fixture
def project_file(tmp_path):
    path = tmp_path / "four.hashiya"
    with Project.create(path) as project:
        four_annotators(project)
    return path


def without_ids(text: str) -> str:
    for document in json.loads(text)["per_document"]:
        text = text.replace(document["id"], f"<id of {document['name']}>")
    return text


def test_cli_json_is_byte_identical_to_the_published_report(project_file, capsys):
    assert main(["agreement", str(project_file), "--status", "all", "--json"]) == 0
    printed = capsys.readouterr().out
    assert without_ids(printed) == GOLDEN.read_text(encoding="utf-8")
    with Project.open(project_file) as project:
        report = build_report(project, status="all")
    assert printed == report.to_json() + "\n"


def test_to_dict_is_the_json_and_records_are_typed(project_file):
    with Project.open(project_file) as project:
        report = build_report(project, status="all")
    assert report.data == json.loads(report.to_json()) == report.to_dict()
    assert all(isinstance(pair, PairAgreement) for pair in report.pairs)
    pair = report.pair("badr", "amal")
    assert (pair.a, pair.b) == ("amal", "badr")
    assert pair.metric("span_f1.exact") == pair.span_f1.exact == pytest.approx(2 / 3)
    assert pair.metric("span_f1.nothing") is None
    assert report.pair("amal", "nobody") is None
    with pytest.raises(AttributeError):  # frozen: a report is never patched after it is computed
        report.documents = 0  # type: ignore[misc]


def test_the_summary_names_every_document_policy() -> None:
    """`hashiya agreement --documents P` prints how P compared documents: every policy has its words."""
    from annotator.cli.agreement import COMPARED
    from annotator.policies import POLICY_NAMES

    assert set(COMPARED) == set(POLICY_NAMES)
