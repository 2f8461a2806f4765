"""``merge``: bring other project files' annotations (and missing documents) into a project."""

from __future__ import annotations

import argparse
from pathlib import Path

from annotator.cli import project_location
from annotator.store import Project
from annotator.team.merge import merge_projects


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "merge",
        help="merge other project files into a project (documents matched by text; conflicts reported)",
        description="Documents are matched by the SHA-256 of their text and annotators by name. Merging the "
        "same file twice changes nothing; different work under one annotator name is reported, never overwritten.",
    )
    p.add_argument("project", type=project_location, help="the project to merge into")
    p.add_argument("others", nargs="+", type=Path, metavar="OTHER", help="project files to merge from")
    p.add_argument("--add-labels", action="store_true", help="add labels missing from the schema instead of failing")
    p.add_argument(
        "--annotator",
        help="whose log the merge goes to, so `hashiya undo --annotator NAME` takes it back "
        "(default: the project's import log, undone by a plain `hashiya undo`)",
    )
    p.set_defaults(run=run_merge)


def run_merge(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        report = merge_projects(project, args.others, add_labels=args.add_labels, logged_by=args.annotator)
    for line in report.summary_lines():
        print(line)
    return 0
