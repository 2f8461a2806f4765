"""``undo`` and ``redo``: step through an annotator's action log (or the project's import log) from a shell.

The import log holds the imports and merges made on the command line without ``--annotator``."""

from __future__ import annotations

import argparse

from annotator.cli import project_location
from annotator.errors import NotFoundError
from annotator.store import Change, Project
from annotator.store.import_log import IMPORT_LOG


def register(sub: argparse._SubParsersAction) -> None:
    for name, verb in (("undo", "undo"), ("redo", "redo")):
        p = sub.add_parser(
            name, help=f"{verb} the latest action of an annotator (default: the latest plain import or merge)"
        )
        p.add_argument("project", type=project_location)
        p.add_argument(
            "--annotator", help="whose log to step through (default: imports and merges made without --annotator)"
        )
        p.set_defaults(run=run_step, undo=name == "undo")


def run_step(args: argparse.Namespace) -> int:
    """One step back (or forward); a refused undo is a one-line error (exit 1) and changes nothing."""
    verb = "undo" if args.undo else "redo"
    log = args.annotator or IMPORT_LOG
    whose = f"{args.annotator}'s log" if args.annotator else "the import log"
    with Project.open(args.project) as project:
        if args.annotator and project.get_annotator(args.annotator) is None:
            raise NotFoundError(f"no annotator called {args.annotator!r} in {args.project}")
        change = project.undo(log) if args.undo else project.redo(log)
    if change.empty:
        print(f"nothing to {verb} in {whose}")
        return 0
    print(f"{'undone' if args.undo else 'redone'}: {describe(change)}")
    return 0


def describe(change: Change) -> str:
    """What a step did, in counts a user can check against ``hashiya docs`` or ``stats``."""
    kind = str(change.kind)
    parts = []
    documents = len(change.documents_removed) + len(change.documents_added)
    if documents:
        parts.append(f"{documents} document{'s' if documents != 1 else ''}")
    spans = len(change.spans_added) + len(change.spans_removed) + len(change.spans_updated)
    if spans:
        parts.append(f"{spans} span{'s' if spans != 1 else ''}")
    relations = len(change.relations_added) + len(change.relations_removed)
    if relations:
        parts.append(f"{relations} relation{'s' if relations != 1 else ''}")
    name = "import" if kind == "add_documents" else kind.replace("_", " ")
    return f"{name} ({', '.join(parts)})" if parts else name
