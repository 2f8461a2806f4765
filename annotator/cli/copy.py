"""``hashiya copy SOURCE TARGET``: move a project between a file and a PostgreSQL server, losslessly."""

from __future__ import annotations

import argparse

from annotator.cli import project_location


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "copy",
        help="copy a whole project (history, suggestions, models included) to a new file or an empty server database",
    )
    p.add_argument("source", type=project_location, help="a project file or postgresql://... address")
    p.add_argument("target", type=project_location, help="a new file, or postgresql://... of an empty database")
    p.set_defaults(run=run_copy)


def run_copy(args: argparse.Namespace) -> int:
    from annotator.store.copying import copy_project

    print(copy_project(args.source, args.target).summary())
    return 0
