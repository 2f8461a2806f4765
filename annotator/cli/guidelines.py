"""``guidelines``: show, print to HTML, or set the annotation guidelines of a project's labels.

The guidelines are part of the schema (docs/schema.md), so ``--set`` stores a new schema version
and the history shows the edit; ``--html`` writes one page to print, each label with real
examples from the corpus (:mod:`annotator.guidelines`). ``--leads`` names who may edit them in
the window besides the curator.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from annotator.cli import project_location
from annotator.errors import HashiyaError
from annotator.guidelines import leads, schema_item, set_guideline, set_leads, write_page
from annotator.schema import Guideline
from annotator.store import Project


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "guidelines",
        help="show the labels' annotation guidelines, export them to HTML for printing, or set one from Markdown",
    )
    p.add_argument("project", type=project_location)
    p.add_argument("--label", metavar="NAME", help="show this label's (or relation type's) guideline as Markdown")
    p.add_argument("--html", type=Path, metavar="OUT", help="write every guideline with corpus examples to OUT")
    p.add_argument(
        "--set",
        nargs=2,
        metavar=("LABEL", "FILE.md"),
        help="replace LABEL's guideline with FILE.md (## Definition, ## Include, ## Exclude, ## Hard cases)",
    )
    p.add_argument("--lang", choices=("en", "ar"), default="en", help="which guideline: English or Arabic")
    p.add_argument("--leads", metavar="NAMES", help="comma-separated annotators who may edit guidelines in the window")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        if args.leads is not None:
            set_leads(project, args.leads.split(","))
            print(f"leads: gold{''.join(', ' + name for name in leads(project))}")
        if args.set:
            name, source = args.set
            try:
                text = Path(source).read_text(encoding="utf-8-sig")
            except OSError as exc:
                raise HashiyaError(f"{source}: cannot read the guideline: {exc.strerror or exc}") from None
            set_guideline(project, name, Guideline.from_markdown(text), args.lang)
            print(f"{name}: guideline set (schema version {project.schema_version})")
        if args.html:
            write_page(args.html, project, title=f"Annotation guidelines — {project.schema.name}", language=args.lang)
            print(f"wrote {args.html}")
        if args.label:
            item = schema_item(project.schema, args.label)
            if item is None:
                raise HashiyaError(f"no label or relation type named {args.label!r} in the schema")
            guideline = item.guideline_in(args.lang)
            print(guideline.to_markdown() if not guideline.empty else f"{args.label}: no guideline yet")
        if not (args.set or args.html or args.label or args.leads is not None):
            schema = project.schema
            for item in (*schema.labels, *schema.relations):
                summary = item.guideline_in(args.lang).summary(90) or "(no guideline yet)"
                print(f"{item.name}\t{summary}")
    return 0
