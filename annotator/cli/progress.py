"""``progress``: time and throughput of an annotation team, as text, JSON or an HTML report (docs/team.md)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.cli import location_name, project_location
from annotator.errors import HashiyaError
from annotator.exporting.files import atomic_write
from annotator.store import Project

if TYPE_CHECKING:  # the report pulls in numpy: imported when the command runs, not at every start
    from annotator.team.progress import ProgressReport


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("progress", help="per annotator and day: documents done, active hours, throughput, agreement")
    p.add_argument("project", type=project_location)
    p.add_argument("--json", action="store_true", help="print the report as JSON (docs/team.md)")
    p.add_argument("--html", type=Path, metavar="OUT", help="also write an HTML report with plots to OUT")
    p.add_argument(
        "--idle-minutes",
        type=float,
        default=5.0,
        metavar="M",
        help="a gap between two events longer than M minutes is not active time (default 5)",
    )
    p.add_argument("--seed", type=int, default=0, help="seed of the bootstrap interval of the time saved (default 0)")
    p.set_defaults(run=run_progress)


def run_progress(args: argparse.Namespace) -> int:
    from annotator.team.progress import build_progress

    if args.idle_minutes <= 0:
        raise HashiyaError(f"--idle-minutes must be above 0 (got {args.idle_minutes:g})")
    with Project.open(args.project) as project:
        report, final = build_progress(project, args.idle_minutes, args.seed)
    if args.html:
        from annotator.team.progress_html import render_html

        atomic_write(args.html, render_html(report, final, f"Team progress — {location_name(args.project)}"))
    if args.json:
        print(report.to_json())
        return 0
    for line in summary_lines(report):
        print(line)
    if args.html:
        print(f"HTML report written to {args.html}")
    return 0


def summary_lines(report: ProgressReport) -> list[str]:
    """One line per annotator, then the time saved and the latest overlap agreement."""
    from annotator.team.agreement.svg import fmt

    lines = [f"{'annotator':<14} {'done':>5} {'hours':>7} {'entities/h':>10} {'median s/doc':>12}"]
    for a in report.annotators:
        t = a.total
        lines.append(
            f"{a.name:<14} {t.documents_done:>5} {fmt(t.active_hours, 2):>7} "
            f"{fmt(t.entities_per_active_hour, 1):>10} {fmt(t.median_seconds_per_document, 0):>12}"
        )
    saved = report.time_saved
    if saved.seconds_saved is not None and saved.interval is not None:
        lines.append(
            f"suggestions saved {fmt(saved.seconds_saved, 0)} s ({fmt(saved.interval[0], 0)} to "
            f"{fmt(saved.interval[1], 0)}, 95%): {fmt(saved.seconds_per_accepted, 1)} s per accepted suggestion, "
            f"{fmt(saved.seconds_per_manual, 1)} s per manual span"
        )
    agreement = report.agreement
    if agreement.trend:
        last = agreement.trend[-1]
        lines.append(f"overlap agreement on {last.day}: span F1 {fmt(last.span_f1, 3)} on {last.documents} document(s)")
    elif agreement.note:
        lines.append(f"overlap agreement: {agreement.note}")
    return lines
