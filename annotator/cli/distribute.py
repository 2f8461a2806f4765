"""``distribute``: one project file per annotator, with an overlap sample everyone gets (docs/team.md)."""

from __future__ import annotations

import argparse
from pathlib import Path

from annotator.cli import project_location
from annotator.errors import HashiyaError
from annotator.store import Project
from annotator.team.distribute import STRATA, DistributeOptions, distribute


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "distribute",
        help="hand out documents: one project file per annotator, with an overlap sample for agreement",
        description="Writes DIR/NAME.hashiya for each annotator: their share of the documents not yet marked "
        "done, the overlap sample every annotator gets (stratified by source or length), the schema and the "
        "project's settings. No one's file carries anyone else's work. Bring the files back with `hashiya merge`; "
        "`hashiya agreement P --documents overlap` compares the annotators on the overlap alone.",
    )
    p.add_argument("project", type=project_location, help="the lead's project")
    p.add_argument("--annotators", required=True, help="comma-separated names, e.g. layla,omar,sara")
    p.add_argument("--overlap", type=float, default=0.2, help="fraction of the documents everyone gets (default 0.2)")
    p.add_argument("--per-annotator", type=int, metavar="N", help="at most N documents per file, overlap included")
    p.add_argument("--seed", type=int, default=0, help="the same seed gives the same split (default 0)")
    p.add_argument("--stratify", choices=STRATA, default="source", help="draw the overlap per source or length band")
    p.add_argument("--out", required=True, type=Path, metavar="DIR", help="folder for the annotators' files")
    p.add_argument("--force", action="store_true", help="replace files that already exist in DIR")
    p.set_defaults(run=run_distribute)


def run_distribute(args: argparse.Namespace) -> int:
    if isinstance(args.project, Path) and not args.project.exists():
        raise HashiyaError(f"{args.project}: no such project file")
    options = DistributeOptions(
        annotators=tuple(args.annotators.split(",")),
        overlap=args.overlap,
        per_annotator=args.per_annotator,
        seed=args.seed,
        stratify=args.stratify,
        force=args.force,
    )
    with Project.open(args.project) as project:
        report = distribute(project, args.out, options)
    for line in report.summary_lines():
        print(line)
    return 0
