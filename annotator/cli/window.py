"""``open``: the window on a project (a bare ``hashiya`` runs it too).

Apart from :mod:`annotator.cli.project` so that starting the window imports neither the
importers nor the file formats: every module a cold start loads is time before the window shows
(``cold_start_vs_bare_qt_ratio`` in ``benchmarks/bench_view.py``).
"""

from __future__ import annotations

import argparse

from annotator.cli import project_location


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("open", help="open a project in the window (default: the sample project)")
    p.add_argument("project", type=project_location, nargs="?")
    p.add_argument("--annotator", help="annotate as this person (default: the one used last)")
    p.set_defaults(run=run_open)


def run_open(args: argparse.Namespace) -> int:
    path = args.project or default_project()
    if args.open_window is not None:
        return args.open_window(path, args)
    from annotator.cli.project import run_stats

    print(f"{path} (the window is not available in this installation):")
    args.project, args.json = path, False
    return run_stats(args)


def default_project():
    """The sample project, created on first use (its import needs the importers: only then)."""
    from annotator.sample import ensure_sample_project

    return ensure_sample_project()
