"""``make bench``'s runner: figures beside their goals, failures and missing scripts shown, not hidden.

Runs ``benchmarks/run_all.py`` on small fake benchmark scripts (a few ms each, one that hangs),
so the report's logic is tested without running the real, slow benchmarks.
"""

from __future__ import annotations

import importlib.util
import sys
import textwrap
from pathlib import Path

import pytest

RUNNER = Path(__file__).resolve().parents[2] / "benchmarks" / "run_all.py"


@pytest.fixture(scope="module")
def run_all():
    spec = importlib.util.spec_from_file_location("hashiya_bench_run_all", RUNNER)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


FAKES = {
    "bench_view.py": """
        print("open_1mb_20k_spans_s: 0.25 s")
        print("tag_action_ms: 0.02 s")
        print("cold_start_window_s: 900 ms")
        print("document_chars: 528598 chars (1057196 bytes UTF-8), spans: 20000")
        print("# fonts: Amiri")
    """,
    "bench_export.py": """
        import sys
        print("export_conll_docs_per_s: 6000 docs/s", flush=True)
        raise SystemExit("exporter crashed on document 17")
    """,
    "bench_agreement.py": """
        import subprocess, sys, time
        print("agreement_setup_s: 2.5 s", flush=True)
        subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])  # a helper it started
        time.sleep(60)
    """,
    "bench_rss.py": """
        print("rss_10k_docs_mb: 1.2e2 MB")
        print("rss_baseline_mb: 99.5 MB")
        print("# partial: the window cannot be built here")
    """,
}


@pytest.fixture(scope="module")
def report(run_all, tmp_path_factory) -> tuple[int, str]:
    tmp_path = tmp_path_factory.mktemp("bench")
    for name, body in FAKES.items():
        (tmp_path / name).write_text(textwrap.dedent(body), encoding="utf-8")
    out = tmp_path / "RESULTS.md"
    code = run_all.main(["--bench-dir", str(tmp_path), "--out", str(out), "--timeout", "3"])
    return code, out.read_text(encoding="utf-8")


def _row(text: str, figure: str) -> str:
    return next(line for line in text.splitlines() if line.startswith("|") and f"`{figure}`" in line)


def test_each_goal_is_judged_in_its_own_unit(report):
    code, text = report
    assert code == 0
    assert "✅ pass" in _row(text, "open_1mb_20k_spans_s") and "<= 0.3 s" in _row(text, "open_1mb_20k_spans_s")
    assert "20 ms (0.02 s)" in _row(text, "tag_action_ms") and "❌ FAIL" in _row(text, "tag_action_ms")
    assert "0.9 s (900 ms)" in _row(text, "cold_start_window_s") and "pass" in _row(text, "cold_start_window_s")
    assert "120 MB" in _row(text, "rss_10k_docs_mb") and "pass" in _row(text, "rss_10k_docs_mb")
    assert "partial, see bench_rss.py" in _row(text, "rss_10k_docs_mb")
    assert "partial" not in _row(text, "open_1mb_20k_spans_s")
    assert "reported (no fixed goal)" in _row(text, "default_model_f1_aqmar_heldout")


def test_missing_failed_and_hung_scripts_are_listed_not_hidden(report):
    _, text = report
    assert "not measured: bench_import.py does not exist yet" in _row(text, "import_10k_articles_s")
    assert "not measured: bench_ner.py does not exist yet" in _row(text, "ner_adapter_speedup")
    assert "6,000 docs/s" in _row(text, "export_conll_docs_per_s")  # printed before the crash: kept
    assert "bench_export.py failed (exit 1)" in _row(text, "export_jsonl_docs_per_s")
    assert "exporter crashed on document 17" in text
    assert "bench_agreement.py timed out after 3 s" in _row(text, "agreement_report_s")
    assert "`agreement_setup_s`: 2.5 s" in text  # figures printed before the time limit are kept


def test_figures_without_goals_notes_and_machine_are_reported(report):
    _, text = report
    assert "`document_chars`: 528,598 chars (1057196 bytes UTF-8), spans: 20000" in text
    assert "`rss_baseline_mb`: 99.5 MB" in text
    assert "note: fonts: Amiri" in text
    machine = text.split("## Machine", 1)[1]
    for key in ("CPU", "Cores", "RAM", "OS", "Python", "PySide6-Essentials", "camel-tools", "sqlite-utils"):
        assert f"| {key} |" in machine


def test_strict_mode_fails_on_a_missed_goal(run_all, tmp_path):
    (tmp_path / "bench_view.py").write_text('print("tag_action_ms: 40 ms")\n', encoding="utf-8")
    args = ["--bench-dir", str(tmp_path), "--out", str(tmp_path / "R.md"), "--strict"]
    assert run_all.main(args) == 1


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("open_s: 0.25 s", ("open_s", 0.25, "s", "")),
        ("x: -3e-2 ms extra words", ("x", -0.03, "ms", "extra words")),
        ("ner_adapter_speedup: 2.4 x", ("ner_adapter_speedup", 2.4, "x", "")),
        ("count: 7", ("count", 7.0, "", "")),
        ("agreement_alpha: .81", ("agreement_alpha", 0.81, "", "")),
    ],
)
def test_figure_lines_are_parsed(run_all, line, expected):
    (figure,), notes = run_all.parse_output("bench_x.py", line)
    assert (figure.name, figure.value, figure.unit, figure.detail) == expected
    assert notes == []


@pytest.mark.parametrize("line", ["Traceback (most recent call last):", "loading model: done", "note: slow"])
def test_other_lines_are_not_figures(run_all, line):
    assert run_all.parse_output("bench_x.py", line) == ([], [])
