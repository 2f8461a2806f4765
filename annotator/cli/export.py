"""``export``: one annotation layer of a project as training data or another tool's format.

``hashiya export PROJECT --format conll --out train.conll [--annotator NAME | --gold]
[--scheme iob2|iob1|bioes|bilou] [--documents done|worked-on|in-progress-or-done|all] [--flat] [--docstart]
[--document NAME ...]``
(``import`` lives in :mod:`annotator.cli.project`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from annotator.cli import project_location
from annotator.exporting import EXPORTERS, ExportOptions, export_project
from annotator.policies import POLICY_NAMES, DocumentPolicy
from annotator.store import Project
from annotator.tagging import SCHEMES


def register(sub: argparse._SubParsersAction) -> None:
    formats = ", ".join(f"{name} ({spec.description})" for name, spec in EXPORTERS.items())
    p = sub.add_parser(
        "export",
        help="export annotations: CoNLL, JSONL, brat, Hugging Face, doccano, Label Studio, Prodigy",
        description=f"Formats: {formats}. brat and hf write a folder; the others one file.",
    )
    p.add_argument("project", type=project_location)
    p.add_argument("--format", required=True, choices=list(EXPORTERS), help="output format")
    p.add_argument("--out", required=True, type=Path, help="output file (a folder for brat and hf)")
    layer = p.add_mutually_exclusive_group()
    layer.add_argument("--annotator", help="whose annotations (default: the project's only annotator)")
    layer.add_argument("--gold", action="store_true", help="the curated gold layer")
    p.add_argument("--scheme", default="iob2", choices=SCHEMES, help="CoNLL / Hugging Face tags (default: iob2)")
    which = p.add_mutually_exclusive_group()
    which.add_argument(
        "--documents",
        dest="status",
        choices=POLICY_NAMES,
        help="which documents: done (default: the layer's finished documents), worked-on, in-progress-or-done, "
        "all (docs/cli.md)",
    )
    which.add_argument("--status", choices=["done", "all"], help="older spelling of --documents done|all")
    p.add_argument("--flat", action="store_true", help="CoNLL: outermost spans only, one tag column")
    p.add_argument("--docstart", action="store_true", help="CoNLL: a -DOCSTART- line before each document")
    p.add_argument(
        "--document", action="append", metavar="NAME", help="only this document (name or id); repeat for more"
    )
    p.set_defaults(run=run_export)


def run_export(args: argparse.Namespace) -> int:
    options = ExportOptions(
        annotator=args.annotator,
        gold=args.gold,
        status=args.status or DocumentPolicy.DONE.value,
        documents=args.document,
        scheme=args.scheme,
        flat=args.flat,
        docstart=args.docstart,
    )
    progress = _progress if sys.stderr.isatty() else None
    with Project.open(args.project) as project:
        result = export_project(project, args.format, args.out, options, progress=progress)
    if progress:
        print(file=sys.stderr)
    for line in result.summary_lines():
        print(line)
    return 0


def _progress(done: int, total: int, name: str) -> None:
    print(f"\r{done}/{total} documents", end="", file=sys.stderr, flush=True)
