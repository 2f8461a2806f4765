"""``hashiya check``: text, JSON and an HTML concordance report of the findings; dismissed ones left out."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.consistency.findings import CheckKind
from annotator.consistency.run import run_checks
from annotator.model import IncomingDocument
from annotator.store import Project

TEXTS = {
    "a": "قال بوتين إن موسكو لن تتراجع.",
    "b": "وزار بوتين بكين أمس.",
    "c": "<script>alert(1)</script> أعلن بوتين اليوم.",
    "d": "قال مسؤولون إن بوتين سيزور موسكو.",
}


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    """«بوتين» PERS three times and ORG once (in the document that holds a <script>), in alice's
    layer and, the same way, in bob's: one variation finding per layer."""
    path = tmp_path / "corpus.hashiya"
    with Project.create(path) as project:
        outcomes, _ = project.add_documents([IncomingDocument(n, t, f"{n}.txt") for n, t in TEXTS.items()])
        for outcome in outcomes:
            start = TEXTS[outcome.name].index("بوتين")
            label = "ORG" if outcome.name == "c" else "PERS"
            for who in ("alice", "bob"):
                project.add_span(outcome.document_id, who, start, start + len("بوتين"), label)
    return path


def check(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["check", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_text_output_one_block_per_finding_with_its_concordance_lines(project_file, capsys):
    code, out, _ = check(capsys, str(project_file), "--annotator", "alice")
    assert code == 0
    first, tail = out.strip().split("\n\n")
    lines = first.splitlines()
    assert lines[0].startswith("1. [variation] ") and "«بوتين»: PERS ×3, ORG ×1" in lines[0]
    assert lines[1].startswith("   fix: relabel 1 occurrence")
    assert len(lines) == 2 + 4  # every occurrence, each on its own line
    (fixed,) = [line for line in lines if "→" in line and line.startswith("   c ")]
    assert "alice ORG → relabel PERS" in fixed and "«بوتين» اليوم." in fixed
    assert tail == "1 finding"


def test_json_is_the_findings_of_run_checks_most_likely_first(project_file, capsys):
    code, out, _ = check(capsys, str(project_file), "--json", "--kind", "variation")
    assert code == 0
    data = json.loads(out)
    with Project.open(project_file) as project:
        expected = [f.as_json() for f in run_checks(project, kinds=[CheckKind.VARIATION])]
    assert data == json.loads(json.dumps(expected))
    assert [d["occurrences"][0]["annotator"] for d in data] == ["alice", "bob"]
    assert [d["score"] for d in data] == sorted((d["score"] for d in data), reverse=True)
    fixes = [o["fix"] for o in data[0]["occurrences"] if o["fix"]]
    assert fixes == [{"action": "relabel", "label": "PERS", "start": None, "end": None, "relation_id": None}]
    code, out, _ = check(capsys, str(project_file), "--json", "--limit", "1")
    assert len(json.loads(out)) == 1


def test_the_html_report_is_right_to_left_coloured_by_label_and_escaped(project_file, tmp_path, capsys):
    report = tmp_path / "report.html"
    code, _, err = check(capsys, str(project_file), "--annotator", "alice", "--html", str(report))
    assert code == 0 and f"wrote {report}" in err
    page = report.read_text(encoding="utf-8")
    with Project.open(project_file) as project:
        colours = {name: project.schema.label(name).colour for name in ("PERS", "ORG")}
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert '<table class="kwic" dir="rtl" lang="ar">' in page
    rows = re.findall(r'<td class="before">(.*?)</td><td class="hit"[^>]*>(.*?)</td><td class="after">(.*?)</td>', page)
    assert ("وزار", "بوتين", "بكين أمس.") in rows and len(rows) == 4
    org_row = next(r for r in page.split("<tr>") if "alert(1)" in r)
    assert f"background: {colours['ORG']}40" in org_row  # the hit in its label's colour, as in the window
    assert f"background: {colours['PERS']}" in org_row  # ... and the proposed label's chip in its own
    assert "<link" not in page and "src=" not in page  # self-contained


def test_dismissed_findings_are_left_out_and_undo_brings_them_back(project_file, capsys):
    with Project.open(project_file) as project:
        (finding,) = run_checks(project, "alice")
        project.dismiss_finding("alice", finding)
    code, out, _ = check(capsys, str(project_file), "--annotator", "alice")
    assert code == 0 and out.strip() == "0 findings; 1 dismissed left out"
    _, out, _ = check(capsys, str(project_file), "--annotator", "alice", "--json")
    assert json.loads(out) == []
    assert main(["undo", str(project_file), "--annotator", "alice"]) == 0
    capsys.readouterr()
    _, out, _ = check(capsys, str(project_file), "--annotator", "alice", "--json")
    assert [d["key"] for d in json.loads(out)] == [finding.key]


def test_fixing_every_occurrence_is_one_step_that_hashiya_undo_takes_back(project_file, capsys):
    with Project.open(project_file) as project:
        findings = run_checks(project)
        project.apply_fixes("carol", [fix for f in findings for fix in f.fixes], what="fix all")
    _, out, _ = check(capsys, str(project_file), "--json")
    assert json.loads(out) == []
    assert main(["undo", str(project_file), "--annotator", "carol"]) == 0
    assert "undone: fix finding (2 spans)" in capsys.readouterr().out
    _, out, _ = check(capsys, str(project_file), "--json")
    assert [d["key"] for d in json.loads(out)] == [f.key for f in findings]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--annotator", "nobody"], "no annotator called 'nobody'"),
        (["--kind", "variation", "spelling"], "unknown check 'spelling' (choose from variation, missed"),
        (["--limit", "0"], "--limit must be at least 1"),
        (["--annotator", "alice", "--gold"], "not allowed with argument"),
    ],
)
def test_bad_input_is_one_line_and_exit_1(project_file, capsys, argv, message):
    code, out, err = check(capsys, str(project_file), *argv)
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and message in err


def test_a_project_with_no_gold_layer_has_no_gold_findings(project_file, capsys):
    code, out, _ = check(capsys, str(project_file), "--gold")
    assert code == 0 and out.strip() == "0 findings"
