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
from goals import GOALS, Goal

HERE = Path(__file__).resolve().parent
DEFAULT_TIMEOUT_S = 900.0


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
    "actions/s": ("actions/s", 1.0),
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
