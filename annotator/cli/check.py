"""``check``: the consistency review from a shell — likely annotation errors, most likely first.

Text by default (one block per finding, each occurrence a concordance line), ``--json`` for the
findings as data (``Finding.as_json``), ``--html`` for a self-contained concordance report.
Findings dismissed in the window (remembered in the project) are left out. docs/consistency.md
describes the checks and the output.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from annotator.cli import location_name, project_location
from annotator.consistency.findings import CheckKind, Finding, Occurrence
from annotator.errors import HashiyaError, NotFoundError
from annotator.model import GOLD, choices, typed_choice
from annotator.store import Project


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="find inconsistent annotation: the same text tagged differently, missed, ...")
    p.add_argument("project", type=project_location)
    layer = p.add_mutually_exclusive_group()
    layer.add_argument("--annotator", metavar="NAME", help="check this annotator's layer (default: everyone's)")
    layer.add_argument("--gold", action="store_true", help="check the gold (curated) layer")
    p.add_argument(
        "--kind",
        action="extend",
        nargs="+",
        metavar="KIND",
        help=f"only these checks ({choices(CheckKind)}; default: all but disagreement, which trains a model)",
    )
    p.add_argument("--json", action="store_true", help="print the findings as JSON (a list of findings)")
    p.add_argument("--html", type=Path, metavar="FILE", help="also write a concordance report to FILE")
    p.add_argument("--limit", type=int, metavar="N", help="show only the N most likely errors")
    p.set_defaults(run=run_check)


def run_check(args: argparse.Namespace) -> int:
    from annotator.consistency.report_html import write_report
    from annotator.consistency.run import run_checks

    kinds = parse_kinds(args.kind)
    if args.limit is not None and args.limit < 1:
        raise HashiyaError(f"--limit must be at least 1 (got {args.limit})")
    with Project.open(args.project) as project:
        layer = GOLD if args.gold else args.annotator
        if args.annotator and project.get_annotator(args.annotator) is None:
            raise NotFoundError(f"no annotator called {args.annotator!r} in {args.project}")
        dismissed = project.dismissed_findings()
        found = run_checks(project, layer, kinds, dismissed=dismissed)
        schema = project.schema
    left_out = len(dismissed)
    shown = found[: args.limit] if args.limit else found
    if args.html:
        title = f"Consistency — {location_name(args.project)}" + (f" ({layer})" if layer else "")
        write_report(args.html, shown, schema, title=title, dismissed=left_out)
        print(f"wrote {args.html} ({_count(len(shown))})", file=sys.stderr)
    if args.json:
        print(json.dumps([f.as_json() for f in shown], ensure_ascii=False, indent=2))
    else:
        print(render_text(shown, total=len(found), dismissed=left_out))
    return 0


def parse_kinds(values: Sequence[str] | None) -> list[CheckKind] | None:
    """The checks asked for (None: the default set); an unknown name is a one-line error."""
    if not values:
        return None
    kinds = []
    for value in values:
        for part in value.split(","):
            kind = typed_choice(CheckKind, part, "_")
            if kind is None:
                raise HashiyaError(f"unknown check {part!r} (choose from {choices(CheckKind)})")
            if kind not in kinds:
                kinds.append(kind)
    return kinds


def render_text(findings: Sequence[Finding], *, total: int, dismissed: int = 0) -> str:
    """One block per finding: number, kind, score and summary, the proposal, then its occurrences."""
    blocks = []
    for number, finding in enumerate(findings, 1):
        lines = [f"{number}. [{finding.kind}] {finding.score:.2f}  {finding.summary}", f"   fix: {finding.proposal}"]
        lines += [f"   {_occurrence(o)}" for o in finding.occurrences]
        blocks.append("\n".join(lines))
    tail = _count(total) if len(findings) == total else f"{len(findings)} of {_count(total)} shown"
    if dismissed:
        tail += f"; {dismissed} dismissed left out"
    return "\n\n".join([*blocks, tail])


def _occurrence(o: Occurrence) -> str:
    """``doc [start, end) who LABEL → FIX  before «hit» after``."""
    label = o.label or "untagged"
    fix = ""
    if o.fix is not None:
        target = o.fix.label or ""
        extent = f"[{o.fix.start}, {o.fix.end})" if o.fix.start is not None and o.fix.end is not None else ""
        fix = " → " + " ".join(part for part in (str(o.fix.action), target, extent) if part)
    who = f" {o.annotator}" if o.annotator else ""
    return f"{o.document_name} [{o.start}, {o.end}){who} {label}{fix}  {o.left} «{o.text}» {o.right}".rstrip()


def _count(n: int) -> str:
    return f"{n} finding{'s' if n != 1 else ''}"
