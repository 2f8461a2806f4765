"""``init``, ``import``, ``docs`` and ``stats``: creating, filling and inspecting projects.

(``open`` lives in :mod:`annotator.cli.window`: the window's start should not load the importers.)

``import`` pre-annotates what it added (the offline ``default`` recommenders, for the project's
only annotator or everyone, as ``hashiya preannotate`` would) and prints one line of what it
suggested, unless ``--no-suggest`` or the project's setting (``suggest_after_import``) says not to.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from annotator.cli import project_location
from annotator.errors import HashiyaError
from annotator.formats import READERS, ReadOptions
from annotator.importing import ImportReport, import_paths, suggest_imported, suggests_after_import
from annotator.model import DocStatus
from annotator.policies import default_annotator
from annotator.schema import load_schema
from annotator.store import Project


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("init", help="create a new project file")
    p.add_argument("project", type=project_location)
    p.add_argument("--schema", type=Path, help="label schema file (TOML or JSON); default: Arabic news")
    p.set_defaults(run=run_init)

    p = sub.add_parser("import", help="import articles (and annotations) into a project")
    p.add_argument("project", type=project_location)
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    p.add_argument("--format", default="auto", choices=["auto", *READERS], help="input format (default: by extension)")
    p.add_argument("--encoding", help="encoding of text files without a BOM (default: UTF-8, or Windows-1256 detected)")
    p.add_argument(
        "--scheme", choices=["iob1", "iob2", "bioes", "bilou"], help="CoNLL tagging scheme (default: detect)"
    )
    p.add_argument("--annotator", help="annotator that imported annotations belong to")
    p.add_argument("--status", type=DocStatus.parse, help="status for imported annotated documents (default: done)")
    p.add_argument("--add-labels", action="store_true", help="add labels missing from the schema instead of failing")
    p.add_argument("--skip-bad", action="store_true", help="skip bad files (listed) instead of importing nothing")
    p.add_argument(
        "--no-suggest",
        action="store_true",
        help="do not pre-annotate the imported documents (default: suggest entities, unless the project says not to)",
    )
    p.set_defaults(run=run_import)

    p = sub.add_parser("docs", help="list a project's documents")
    p.add_argument("project", type=project_location)
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run_docs)

    p = sub.add_parser("stats", help="count documents, tokens, sentences, spans and relations")
    p.add_argument("project", type=project_location)
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run_stats)


def run_init(args: argparse.Namespace) -> int:
    schema = load_schema(args.schema) if args.schema else None
    with Project.create(args.project, schema) as project:
        print(f"created {args.project} (schema: {project.schema.name}, {len(project.schema.labels)} labels)")
    return 0


def run_import(args: argparse.Namespace) -> int:
    options = ReadOptions(encoding=args.encoding, scheme=args.scheme)
    with Project.open(args.project) as project:
        report = import_paths(
            project,
            args.paths,
            args.format,
            options=options,
            annotator=args.annotator,
            status=args.status,
            add_labels=args.add_labels,
            skip_bad=args.skip_bad,
        )
        for line in report.summary_lines():
            print(line)
        if not args.no_suggest and suggests_after_import(project):
            _suggest(project, report)
    return 0


def _suggest(project: Project, report: ImportReport) -> None:
    """Pre-annotate what the import added and say so in one line. The import is committed
    already: a failure here is reported, not fatal (``hashiya preannotate`` can run it again)."""
    added = list(report.change.documents_added)
    if not added:
        return
    try:
        run = suggest_imported(project, added, annotator=default_annotator(project, None))
    except HashiyaError as error:
        print(f"hashiya: no suggestions stored: {error}", file=sys.stderr)
        return
    found = ", ".join(f"{name} {n}" for name, n in run.suggestions.items())  # where two agree, both count
    print(f"suggested entities in {run.documents} document(s): {found} (--no-suggest skips this)")


def run_docs(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        rows = [
            {"id": d.id, "name": d.name, "characters": d.length, "tokens": len(project.token_offsets(d.id))}
            for d in project.documents()
        ]
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        for row in rows:
            print(f"{row['id']}  {row['characters']:>8} chars  {row['tokens']:>7} tokens  {row['name']}")
    return 0


def run_stats(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        stats = project.stats()
    if args.json:
        json.dump(stats, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    print(f"documents  {stats['documents']}")
    print(f"characters {stats['characters']}")
    print(f"tokens     {stats['tokens']}")
    print(f"sentences  {stats['sentences']}")
    print(f"spans      {stats['spans_total']}")
    for annotator, labels in stats["spans"].items():
        print(f"  {annotator}: " + ", ".join(f"{label} {n}" for label, n in labels.items()))
    print(f"relations  {stats['relations_total']}")
    for annotator, labels in stats["relations"].items():
        print(f"  {annotator}: " + ", ".join(f"{label} {n}" for label, n in labels.items()))
    return 0
