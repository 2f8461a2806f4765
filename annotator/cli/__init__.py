"""The ``hashiya`` command line.

Each module in this package adds its subcommands through ``register(subparsers)``; they are
found automatically. User errors exit 1 with one line on stderr, never a traceback.
The window is injected by the ``ui`` layer (``open_window``), so the core never imports Qt.
"""

from __future__ import annotations

import argparse
import pkgutil
import sys
from collections.abc import Callable, Sequence
from importlib import import_module
from pathlib import Path

from annotator import __version__
from annotator.desktop import add_options as add_desktop_options
from annotator.errors import HashiyaError
from annotator.store.connection import DatabaseError

OpenWindow = Callable[[Path, argparse.Namespace], int]


class _Parser(argparse.ArgumentParser):
    """Usage mistakes are user errors too: one line, exit 1."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(1, f"{self.prog}: error: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="hashiya", description="Annotate Arabic news articles for NLP training data.")
    parser.add_argument("--version", action="version", version=f"Hashiya {__version__}")
    add_desktop_options(parser)  # --install-desktop, --uninstall-desktop
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not module.name.startswith("_"):
            import_module(f"{__name__}.{module.name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None, open_window: OpenWindow | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            args = parser.parse_args(["open", *([] if argv is None else argv)])
    except SystemExit as exit_:  # --help, --version, usage errors: argparse already printed
        return int(exit_.code or 0)
    args.open_window = open_window
    try:
        return int(args.run(args) or 0)
    except HashiyaError as error:
        print(f"hashiya: error: {error}", file=sys.stderr)
        return 1
    except DatabaseError as error:  # damage found only while reading pages
        where = getattr(args, "project", None) or "the project"
        message = f"{where}: the project file is damaged ({error}); restore it from a backup"
        print(f"hashiya: error: {message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("hashiya: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
