"""Run every ``benchmarks/bench_*.py`` and write ``benchmarks/RESULTS.md`` (``make bench``).

Each script runs in its own process with a time limit and prints ``name: value unit`` lines
(lines starting with ``# `` are notes). The report puts each figure beside its goal (the table
below) with pass/fail, lists every goal that was not measured and why (script missing, failed,
timed out, figure not printed), keeps the figures that have no goal, and says which machine it
ran on. Benchmarks measure; they never fail the build unless ``--strict`` is given.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import machine_info

HERE = Path(__file__).resolve().parent
DEFAULT_TIMEOUT_S = 900.0


@dataclass(frozen=True)
class Goal:
    figure: str  # the name a script prints
    what: str
    op: str | None  # "<=", ">=", or None: reported, no fixed goal
    target: float | None
    unit: str
    script: str  # where the figure comes from


_OPEN = "Open the 1 MB, 20,000-span article"
_VS_1MB = "ratio to the floor / the 1 MB article's"
GOALS: tuple[Goal, ...] = (
    # Ratios to a floor measured in the same run (issue 14): these compare across machines.
    Goal("open_vs_floor_ratio", f"{_OPEN}, first paint / bare QTextEdit's", "<=", 3, "x", "bench_view.py"),
    Goal(
        "open_layout_done_vs_floor_ratio",
        f"{_OPEN}, layout complete / bare QTextEdit's complete layout",
        "<=",
        1.5,
        "x",
        "bench_view.py",
    ),
    Goal(
        "tag_vs_floor_repaint_ratio",
        "Tag: key → stored → all events processed / one bare repaint",
        "<=",
        3,
        "x",
        "bench_view.py",
    ),
    Goal(
        "scroll_vs_floor_ratio", "Page down, repainted / the same on a bare QTextEdit", "<=", 1.5, "x", "bench_view.py"
    ),
    Goal(
        "cold_start_vs_bare_qt_ratio",
        "Cold start to the window shown / PySide6 + empty QMainWindow",
        "<=",
        2.5,
        "x",
        "bench_view.py",
    ),
    Goal(
        "agreement_vs_reference_ratio",
        "Agreement report / krippendorff package's α alone",
        "<=",
        1,
        "x",
        "bench_agreement.py",
    ),
    Goal(
        "import_vs_tokenizer_ratio",
        "Import 10,000 articles / camel-tools tokenizer alone",
        "<=",
        1,
        "x",
        "bench_import.py",
    ),
    Goal(
        "export_conll_vs_write_ratio", "Export CoNLL / one write of the same bytes", None, None, "x", "bench_export.py"
    ),
    Goal(
        "scaling_big5mb_open_vs_floor", f"5 MB, 100,000 spans: open, {_VS_1MB}", "<=", 1.5, "x", "bench_view_scaling.py"
    ),
    Goal(
        "scaling_big5mb_open_layout_done_vs_floor",
        f"5 MB, 100,000 spans: open to layout done, {_VS_1MB}",
        "<=",
        1.5,
        "x",
        "bench_view_scaling.py",
    ),
    Goal(
        "scaling_big5mb_tag_vs_floor_repaint",
        f"5 MB, 100,000 spans: tag, {_VS_1MB}",
        "<=",
        1.5,
        "x",
        "bench_view_scaling.py",
    ),
    Goal(
        "scaling_nested_open_vs_floor",
        f"170,000 tokens, 20,000 nested spans: open, {_VS_1MB}",
        "<=",
        1.5,
        "x",
        "bench_view_scaling.py",
    ),
    Goal(
        "scaling_nested_open_layout_done_vs_floor",
        f"170,000 tokens, 20,000 nested spans: open to layout done, {_VS_1MB}",
        "<=",
        1.5,
        "x",
        "bench_view_scaling.py",
    ),
    Goal(
        "scaling_nested_tag_vs_floor_repaint",
        f"170,000 tokens, 20,000 nested spans: tag, {_VS_1MB}",
        "<=",
        1.5,
        "x",
        "bench_view_scaling.py",
    ),
    # Absolute figures: they say how fast this machine was (the ratios above are what compares).
    Goal("open_1mb_20k_spans_s", "Open a 1 MB article with 20,000 spans", "<=", 0.3, "s", "bench_view.py"),
    Goal("open_layout_done_s", "The same open, layout complete", None, None, "s", "bench_view.py"),
    Goal("tag_action_ms", "Tag action: hotkey → stored → repainted", "<=", 16, "ms", "bench_view.py"),
    Goal("cold_start_window_s", "Cold start to the window shown", "<=", 1.5, "s", "bench_view.py"),
    Goal("import_10k_articles_s", "Import 10,000 articles", "<=", 15, "s", "bench_import.py"),
    Goal("export_conll_docs_per_s", "Export CoNLL (10,000 documents)", ">=", 5000, "docs/s", "bench_export.py"),
    Goal("export_jsonl_docs_per_s", "Export JSONL (10,000 documents)", ">=", 5000, "docs/s", "bench_export.py"),
    Goal("agreement_report_s", "Agreement report (2,000 docs × 3 annotators)", "<=", 0.5, "s", "bench_agreement.py"),
    Goal("gazetteer_mb_per_s", "Gazetteer suggestions throughput", ">=", 1, "MB/s", "bench_suggest.py"),
    Goal("ner_adapter_speedup", "camel-tools NER adapter speed-up over predict()", ">=", 2, "x", "bench_ner.py"),
    Goal(
        "rss_10k_docs_mb", "Memory with a 10,000-document project open in the window", "<=", 300, "MB", "bench_rss.py"
    ),
    Goal(
        "suggestion_accept_ms",
        "Accept a suggestion (Enter) in a 20,000-span article",
        "<=",
        16,
        "ms",
        "bench_suggestion_keys.py",
    ),
    Goal(
        "suggestion_next_ms", "Next suggestion (N) in a 20,000-span article", "<=", 16, "ms", "bench_suggestion_keys.py"
    ),
    Goal("curation_take_ms", "Curation: take a version (5,000 disagreements)", "<=", 50, "ms", "bench_curation.py"),
    Goal(
        "default_model_f1_aqmar_heldout", "Default model micro F1, AQMAR held-out", None, None, "", "bench_suggest.py"
    ),
    Goal(
        "news_crf_gain_over_plain_tokens",
        "News CRF over a plain CRF, 5-fold CV on ANERcorp train (micro F1, token boundaries)",
        ">=",
        0.05,
        "",
        "bench_news_model.py",
    ),
    Goal("news_crf_cv_f1_tokens", "News CRF, 5-fold CV micro F1 (tokens)", None, None, "", "bench_news_model.py"),
    Goal("plain_crf_cv_f1_tokens", "Plain CRF, 5-fold CV micro F1 (tokens)", None, None, "", "bench_news_model.py"),
    Goal("news_crf_tokens_per_s", "News CRF tagging speed, one core", ">=", 20000, "tokens/s", "bench_news_model.py"),
    Goal("news_crf_load_s", "News CRF load time", "<=", 1, "s", "bench_news_model.py"),
    Goal("news_crf_size_mb", "News CRF model file size", "<=", 25, "MB", "bench_news_model.py"),
    Goal(
        "news_crf_aqmar_heldout_f1", "News CRF micro F1, AQMAR held-out (exact)", None, None, "", "bench_news_model.py"
    ),
    # Suggestion quality on held-out data, through evaluate and simulate (issue 13, item 3)
    Goal(
        "default_vs_best_member_f1",
        "default minus its best member, micro F1 (tokens), worst of ANERcorp fold 5 and AQMAR held-out",
        ">=",
        0,
        "F1",
        "bench_quality.py",
    ),
    Goal(
        "quality_anercorp_fold5_default_f1_tokens",
        "default micro F1 (tokens), ANERcorp fold 5",
        None,
        None,
        "",
        "bench_quality.py",
    ),
    Goal("quality_aqmar_default_f1_tokens", "default micro F1 (tokens), AQMAR", None, None, "", "bench_quality.py"),
    Goal("calibration_ece", "Expected calibration error of default's scores", None, None, "", "bench_quality.py"),
    Goal(
        "simulate_actions_per_entity",
        "Simulated annotator, actions per gold entity, ANERcorp fold 5",
        "<=",
        1.0,
        "",
        "bench_quality.py",
    ),
    Goal(
        "simulate_actions_per_entity_aqmar", "Simulated annotator, AQMAR held-out", None, None, "", "bench_quality.py"
    ),
    Goal(
        "simulate_actions_per_entity_wojood", "Simulated annotator, Wojood sample", None, None, "", "bench_quality.py"
    ),
    # Corpus consistency review (issue 15, item 4): injected errors in AQMAR and ANERcorp train, and speed
    Goal(
        "consistency_check_vs_span_read_ratio",
        "Consistency checks (all but model disagreement), 10,000 documents / one read of every span",
        None,
        None,
        "x",
        "bench_consistency.py",
    ),
    Goal(
        "consistency_check_10k_docs_s",
        "Consistency checks (all but model disagreement), 10,000 documents",
        "<=",
        10,
        "s",
        "bench_consistency.py",
    ),
    Goal(
        "consistency_recall_at_5pct",
        "Injected flips and boundary shifts found (5 % injected), mean of AQMAR and ANERcorp, 3 seeds",
        ">=",
        0.6,
        "",
        "bench_consistency.py",
    ),
    Goal(
        "consistency_precision_at_100",
        "Top 100 new findings that find an injected error, mean of AQMAR and ANERcorp, 3 seeds",
        ">=",
        0.5,
        "",
        "bench_consistency.py",
    ),
)

# Units a figure may be printed in, as (kind, factor to the kind's base unit).
UNITS = {
    "s": ("time", 1.0),
    "ms": ("time", 1e-3),
    "us": ("time", 1e-6),
    "µs": ("time", 1e-6),
    "min": ("time", 60.0),
    "b": ("size", 1.0),
    "kb": ("size", 1e3),
    "mb": ("size", 1e6),
    "gb": ("size", 1e9),
    "kib": ("size", 2**10),
    "mib": ("size", 2**20),
    "gib": ("size", 2**30),
    "kb/s": ("rate", 1e3),
    "mb/s": ("rate", 1e6),
    "x": ("ratio", 1.0),
    "×": ("ratio", 1.0),
    "docs/s": ("docs/s", 1.0),
}
FIGURE = re.compile(r"^\s*([A-Za-z][\w.]*)\s*:\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)(?:\s+(\S+))?\s*(.*)$")


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    detail: str
    script: str


@dataclass
class Run:
    script: str
    returncode: int | None = None  # None: timed out
    seconds: float = 0.0
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def parse_output(script: str, text: str) -> tuple[list[Figure], list[str]]:
    figures, notes = [], []
    for line in text.splitlines():
        if line.startswith("#"):
            notes.append(line.lstrip("#").strip())
            continue
        match = FIGURE.match(line)
        if match:
            name, value, unit, detail = match.groups()
            figures.append(Figure(name, float(value), unit or "", detail.strip(), script))
    return figures, notes


def run_script(path: Path, timeout: float) -> Run:
    """Run one script in its own process group, so a time-out also stops the processes it started."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=HERE.parent,
        env=env,
        start_new_session=os.name == "posix",
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        if os.name == "posix":
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
        out, _ = proc.communicate()
        figures, notes = parse_output(path.name, out)
        return Run(path.name, None, time.perf_counter() - started, figures, notes, f"timed out after {timeout:.0f} s")
    figures, notes = parse_output(path.name, out)
    error = "" if proc.returncode == 0 else _tail(err or out)
    return Run(path.name, proc.returncode, time.perf_counter() - started, figures, notes, error)


def _tail(text: str, lines: int = 6) -> str:
    kept = [line for line in text.strip().splitlines() if line.strip()][-lines:]
    return "\n".join(kept)


def convert(value: float, unit: str, to: str) -> float | None:
    """``value`` in ``unit`` expressed in ``to``; None when the units are not of one kind."""
    if unit.lower() == to.lower():
        return value
    a, b = UNITS.get(unit.lower()), UNITS.get(to.lower())
    if a is None or b is None or a[0] != b[0]:
        return None
    return value * a[1] / b[1]


@dataclass
class Verdict:
    goal: Goal
    figure: Figure | None
    value: float | None  # in the goal's unit
    result: str  # pass, FAIL, reported, not measured, unit?
    why: str = ""


def judge(goal: Goal, figures: dict[str, Figure], runs: dict[str, Run], scripts: set[str]) -> Verdict:
    figure = figures.get(goal.figure)
    if figure is None:
        return Verdict(goal, None, None, "not measured", _why_missing(goal, runs, scripts))
    if goal.op is None:
        return Verdict(goal, figure, figure.value, "reported")
    value = convert(figure.value, figure.unit, goal.unit)
    if value is None:
        return Verdict(goal, figure, None, "unit?", f"printed in {figure.unit!r}, goal in {goal.unit!r}")
    met = value <= goal.target if goal.op == "<=" else value >= goal.target
    return Verdict(goal, figure, value, "pass" if met else "FAIL")


def _why_missing(goal: Goal, runs: dict[str, Run], scripts: set[str]) -> str:
    if goal.script not in scripts:
        return f"{goal.script} does not exist yet"
    run = runs.get(goal.script)
    if run is None:
        return f"{goal.script} was not run (--only)"
    if run.returncode is None:
        return f"{goal.script} {run.error}"
    if not run.ok:
        return f"{goal.script} failed (exit {run.returncode})"
    return f"{goal.script} ran but did not print {goal.figure}"


def _number(value: float) -> str:
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    if value == 0 or abs(value) >= 0.01:
        return f"{value:,.3f}".rstrip("0").rstrip(".")
    return f"{value:.3g}"


def _amount(value: float, unit: str) -> str:
    return f"{_number(value)} {unit}" if unit else _number(value)


def is_ratio(goal: Goal) -> bool:
    """A figure divided by a floor measured in the same run (``*_vs_*``), not an absolute one."""
    return "_vs_" in goal.figure


def _goal_row(v: Verdict, notes_by_script: dict[str, list[str]]) -> str:
    goal = f"{v.goal.op} {_amount(v.goal.target, v.goal.unit)}" if v.goal.op else "reported (no fixed goal)"
    if v.figure is None:
        measured = f"not measured: {v.why}"
    elif v.value is not None and v.figure.unit.lower() != v.goal.unit.lower():
        measured = f"{_amount(v.value, v.goal.unit)} ({_amount(v.figure.value, v.figure.unit)})"
    else:
        measured = _amount(v.figure.value, v.figure.unit)
        measured += f" ({v.why})" if v.why else ""
        if is_ratio(v.goal) and v.figure.detail:  # the two absolute figures it divides
            measured += f" {v.figure.detail.split('; goal')[0].rstrip(')')})"
    if v.figure is not None and any(n.startswith("partial") for n in notes_by_script.get(v.figure.script, [])):
        measured += f" — partial, see {v.figure.script} below"
    result = {"pass": "✅ pass", "FAIL": "❌ FAIL"}.get(v.result, v.result)
    return f"| {v.goal.what} | `{v.goal.figure}` | {measured} | {goal} | {result} |"


def render(verdicts: list[Verdict], runs: list[Run], machine: dict[str, str], started: datetime) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench` (`benchmarks/run_all.py`) on {started:%Y-%m-%d %H:%M} UTC. Ratio goals divide "
        "a figure by a floor measured in the same run (they compare across machines); absolute figures say "
        "how fast this machine was, under the load below; re-run on your own machine before relying on one.",
    ]
    notes_by_script = {run.script: run.notes for run in runs}
    ratios = [v for v in verdicts if is_ratio(v.goal)]
    for title, chosen in (
        ("Ratio goals (to a floor measured in the same run)", ratios),
        (
            "Other goals, and absolute figures (information about this machine)",
            [v for v in verdicts if v not in ratios],
        ),
    ):
        lines += ["", f"## {title}", "", "| What | Figure | Measured | Goal | Result |", "|---|---|---|---|---|"]
        lines += [_goal_row(v, notes_by_script) for v in chosen]

    goal_names = {v.goal.figure for v in verdicts}
    lines += ["", "## All figures, by script", ""]
    for run in runs:
        state = "ok" if run.ok else (run.error.splitlines()[0] if run.returncode is None else f"exit {run.returncode}")
        lines.append(f"### {run.script} ({run.seconds:.0f} s, {state})")
        lines.append("")
        for figure in run.figures:
            mark = " (goal above)" if figure.name in goal_names else ""
            detail = f" {figure.detail}" if figure.detail else ""
            lines.append(f"- `{figure.name}`: {_amount(figure.value, figure.unit)}{detail}{mark}")
        lines.extend(f"- note: {note}" for note in run.notes)
        if not run.figures and not run.notes:
            lines.append("- (no figures printed)")
        if run.error and run.returncode is not None:
            lines += ["", "```", run.error, "```"]
        lines.append("")

    lines += ["## Machine", "", "| | |", "|---|---|"]
    lines += [f"| {key} | {value} |" for key, value in machine.items()]
    lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the benchmarks and write RESULTS.md.")
    parser.add_argument("--bench-dir", type=Path, default=HERE, help="where the bench_*.py scripts are")
    parser.add_argument("--out", type=Path, help="report file (default: BENCH_DIR/RESULTS.md)")
    parser.add_argument(
        "--timeout", type=float, default=float(os.environ.get("HASHIYA_BENCH_TIMEOUT", DEFAULT_TIMEOUT_S))
    )
    parser.add_argument("--only", nargs="*", metavar="SCRIPT", help="run only these scripts (e.g. bench_rss.py)")
    parser.add_argument("--strict", action="store_true", help="exit 1 if a goal fails or is not measured")
    args = parser.parse_args(argv)
    out = args.out or args.bench_dir / "RESULTS.md"
    started = datetime.now(UTC)
    machine = machine_info()  # before the runs: the load average says how busy the machine was

    scripts = sorted(args.bench_dir.glob("bench_*.py"))
    names = {path.name for path in scripts}
    if args.only:
        scripts = [path for path in scripts if path.name in args.only or path.stem in args.only]
    runs = []
    for path in scripts:
        print(f"{path.name} ...", flush=True)
        run = run_script(path, args.timeout)
        runs.append(run)
        state = "ok" if run.ok else run.error.splitlines()[-1] if run.error else f"exit {run.returncode}"
        print(f"  {run.seconds:.0f} s, {len(run.figures)} figures, {state}", flush=True)

    figures: dict[str, Figure] = {}
    for run in runs:
        for figure in run.figures:
            figures.setdefault(figure.name, figure)
    by_script = {run.script: run for run in runs}
    verdicts = [judge(goal, figures, by_script, names) for goal in GOALS]
    out.write_text(render(verdicts, runs, machine, started), encoding="utf-8")

    for v in verdicts:
        shown = "-" if v.figure is None else _amount(v.figure.value, v.figure.unit)
        goal = f"  goal {v.goal.op} {_amount(v.goal.target, v.goal.unit)}" if v.goal.op else ""
        print(f"{v.result:>12}  {v.goal.figure}: {shown}{goal}" + (f"  ({v.why})" if v.why else ""))
    print(f"wrote {out}")
    bad = any(v.result in ("FAIL", "not measured", "unit?") for v in verdicts) or not all(r.ok for r in runs)
    return 1 if args.strict and bad else 0


if __name__ == "__main__":
    sys.exit(main())
