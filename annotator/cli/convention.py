"""``convention``: show or set the project's boundary convention (proclitics and titles in or out).

Stored in the project file with the recommender settings, so snapping, the recommenders and the
consistency checks of everyone who opens the project follow it (:mod:`annotator.conventions`).
"""

from __future__ import annotations

import argparse
from dataclasses import replace

from annotator.cli import project_location
from annotator.conventions import BoundaryConvention, Placement
from annotator.store import Project

_CHOICES = [str(p) for p in Placement]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "convention",
        help="show the project's boundary convention, or set it: proclitics and title words in or out of spans",
    )
    p.add_argument("project", type=project_location)
    p.add_argument("--proclitics", choices=_CHOICES, help="و ف ب ك ل and the article inside spans (in) or not (out)")
    p.add_argument("--titles", choices=_CHOICES, help="title words before a person's name inside its span, or not")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the convention; with an option, store the new one first (other settings kept)."""
    with Project.open(args.project) as project:
        settings = project.recommender_settings()
        convention = BoundaryConvention.from_settings(settings)
        changes = {
            name: Placement(value)
            for name, value in (("proclitics", args.proclitics), ("titles", args.titles))
            if value is not None
        }
        if changes:
            convention = replace(convention, **changes)
            project.set_recommender_settings(convention.to_settings(settings))
    print(convention.describe())
    return 0
