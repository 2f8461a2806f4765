"""The ``hashiya`` command line.

Each module in this package adds its subcommands through ``register(subparsers)``; they are
found automatically. :data:`COMMANDS` says which module holds which command, so that running one
command imports only its module: ``hashiya open`` does not load the exporters, the recommenders
and the merge code (about 45 ms of a cold start). A test keeps the table equal to what the
modules register; a command missing from it still works (every module is then imported).
User errors exit 1 with one line on stderr, never a traceback.
The window is injected by the ``ui`` layer (``open_window``), so the core never imports Qt.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from importlib import import_module
from pathlib import Path

from annotator import __version__
from annotator.desktop import add_options as add_desktop_options
from annotator.errors import HashiyaError
from annotator.store.connection import DatabaseError
from annotator.store.postgres.urls import is_server_address

OpenWindow = Callable[[Path, argparse.Namespace], int]


def project_location(text: str) -> Path | str:
    """Every command's project argument: a server project's ``postgresql://`` address as typed
    (``type=Path`` would fold its ``//``), else a file path."""
    return text if is_server_address(text) else Path(text)


def location_name(location: Path | str) -> str:
    """A short name for report titles: the file's name, or the server database's."""
    if isinstance(location, Path):
        return location.name
    return location.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]


class _Parser(argparse.ArgumentParser):
    """Usage mistakes are user errors too: one line, exit 1."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(1, f"{self.prog}: error: {message} (see --help)\n")


# command -> the module of this package that registers it
COMMANDS = {
    "agreement": "agreement",
    "check": "check",
    "convention": "convention",
    "copy": "copy",
    "distribute": "distribute",
    "docs": "project",
    "evaluate": "suggest",
    "export": "export",
    "grant": "grant",
    "guidelines": "guidelines",
    "import": "project",
    "init": "project",
    "merge": "merge",
    "open": "window",
    "preannotate": "suggest",
    "progress": "progress",
    "redo": "history",
    "simulate": "simulate",
    "stats": "project",
    "train": "suggest",
    "undo": "history",
}


def command_modules() -> list[str]:
    """Every module of this package that registers commands."""
    import pkgutil  # only when the command is not in COMMANDS: ``hashiya open`` skips it

    return sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; given the ``command`` about to run, only its module is imported (all otherwise)."""
    parser = _Parser(prog="hashiya", description="Annotate Arabic news articles for NLP training data.")
    parser.add_argument("--version", action="version", version=f"Hashiya {__version__}")
    add_desktop_options(parser)  # --install-desktop, --uninstall-desktop
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    modules = [COMMANDS[command]] if command in COMMANDS else command_modules()
    for name in modules:
        import_module(f"{__name__}.{name}").register(sub)
    return parser


def _command(argv: Sequence[str]) -> str | None:
    """The command ``argv`` runs when it starts with one (options first mean: build everything)."""
    return argv[0] if argv and argv[0] in COMMANDS else None


def main(argv: Sequence[str] | None = None, open_window: OpenWindow | None = None) -> int:
    given = sys.argv[1:] if argv is None else list(argv)
    command = _command(given) if given else "open"  # a bare ``hashiya`` opens the window
    try:
        args = build_parser(command).parse_args(given or ["open"])
        if args.command is None:  # only options (--install-desktop ...), or none: the window
            args = build_parser("open").parse_args(["open", *given])
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
