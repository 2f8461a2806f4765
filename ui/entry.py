"""The ``hashiya`` console script: the core CLI, with the window plugged in.

Importing this module does not import Qt; only opening the window does, so CLI commands
start fast and work on machines without a display.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from annotator.cli import main as cli_main
from ui.platform_check import explain_load_error, platform_problem


def missing_display() -> str | None:
    """Why a window cannot appear here (a Linux machine without a desktop session), or None.

    Qt would abort the process in that case; we say what is wrong instead.
    """
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return "no display (neither DISPLAY nor WAYLAND_DISPLAY is set): run it in a desktop session"


def open_window(path: Path, args: argparse.Namespace) -> int:
    # asked before Qt is imported: a platform plugin that cannot load aborts the process
    reason = missing_display() or platform_problem()
    if reason is None:
        try:
            from ui.app import run
        except ImportError as exc:  # Qt's own system libraries are missing (see `make syslibs`)
            reason = explain_load_error(str(exc))
        else:
            return run(path, annotator=getattr(args, "annotator", None))
    print(f"hashiya: the window cannot start: {reason}; showing {path}'s statistics", file=sys.stderr)
    return cli_main(["stats", str(path)])


def main(argv: list[str] | None = None) -> int:
    return cli_main(argv, open_window=open_window)


if __name__ == "__main__":
    sys.exit(main())
