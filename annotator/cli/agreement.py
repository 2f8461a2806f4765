"""``agreement``: inter-annotator agreement as text, JSON (docs/agreement.md) or an HTML report."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.cli import location_name, project_location
from annotator.exporting.files import atomic_write
from annotator.policies import POLICY_NAMES, DocumentPolicy
from annotator.store import Project

if TYPE_CHECKING:  # the report pulls in numpy: imported when the command runs, not at every start
    from annotator.team.agreement.figures import AgreementReport

WORST_SHOWN = 10
COMPARED = {  # how the summary names each document policy (the report's "status")
    "done": "marked done",
    "worked-on": "opened",
    "all": "every document",
    "in-progress-or-done": "in progress or done",
    "overlap": "the overlap sample, marked done",
}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("agreement", help="inter-annotator agreement: span F1, κ, α, unitizing αu, per document")
    p.add_argument("project", type=project_location)
    p.add_argument("--annotators", help="comma-separated names (default: everyone but gold who finished a document)")
    which = p.add_mutually_exclusive_group()
    which.add_argument(
        "--documents",
        choices=POLICY_NAMES,
        help="which documents count for each annotator: done (default), worked-on, in-progress-or-done, "
        "all (unseen documents count as no entities), overlap (the sample `hashiya distribute` gave everyone, "
        "marked done; docs/team.md)",
    )
    which.add_argument(
        "--status",
        choices=["done", "all"],
        default="done",
        help="older spelling: done, or all (= --documents worked-on)",
    )
    p.add_argument("--json", action="store_true", help="print the report as JSON (schema in docs/agreement.md)")
    p.add_argument("--html", type=Path, metavar="FILE", help="also write an HTML report with plots to FILE")
    p.set_defaults(run=run_agreement)


def run_agreement(args: argparse.Namespace) -> int:
    from annotator.team.agreement.report import build_report

    annotators = args.annotators.split(",") if args.annotators else None
    with Project.open(args.project) as project:
        report = build_report(project, annotators, DocumentPolicy(args.documents) if args.documents else args.status)
    if args.html:
        from annotator.team.agreement.html import render_html

        atomic_write(args.html, render_html(report, f"Agreement — {location_name(args.project)}"))
    if args.json:
        print(report.to_json())
    else:
        for line in summary_lines(report):
            print(line)
        if args.html:
            print(f"HTML report written to {args.html}")
    return 0


def summary_lines(report: AgreementReport) -> list[str]:
    from annotator.team.agreement.svg import fmt

    lines = [
        f"annotators  {', '.join(report.annotators)}",
        f"documents   {report.documents} compared ({COMPARED[report.document_policy]})",
        f"Fleiss' κ (tokens)          {fmt(report.fleiss_kappa, 3)}",
        f"Krippendorff's α (tokens)   {fmt(report.krippendorff_alpha, 3)}",
        f"unitizing αu (characters)   {fmt(report.unitizing_alpha.overall, 3)}",
        "",
        "pair                 docs  F1 exact  untyped  overlap  κ tokens  κ entities  rel strict  rel unlab.",
    ]
    for p in report.pairs:
        f1, rel = p.span_f1, p.relation_f1
        lines.append(
            f"{p.a + ' × ' + p.b:<20} {p.documents:>5}  {fmt(f1.exact, 3):>8}  {fmt(f1.untyped, 3):>7}"
            f"  {fmt(f1.overlap, 3):>7}  {fmt(p.token_kappa, 3):>8}  {fmt(p.token_kappa_entities, 3):>10}"
            f"  {fmt(rel.strict, 3):>10}  {fmt(rel.unlabelled, 3):>10}"
        )
    if report.per_label:
        lines += ["", "label        F1 exact  overlap  αu"]
        for label, row in report.per_label.items():
            lines.append(
                f"{label:<12} {fmt(row.span_f1_exact, 3):>8}  {fmt(row.span_f1_overlap, 3):>7}"
                f"  {fmt(row.unitizing_alpha, 3)}"
            )
    worst = [d for d in report.per_document if d.span_f1 is not None and d.span_f1 < 1.0][:WORST_SHOWN]
    if worst:
        lines += ["", "least agreement (span F1, exact)"]
        lines += [f"  {fmt(d.span_f1, 3)}  {d.name}" for d in worst]
    return lines
