"""The ``hashiya`` console script: the core CLI, with the window plugged in.

Importing this module does not import Qt; only opening the window does, so CLI commands
start fast and work on machines without a display.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from annotator.cli import main as cli_main


def open_window(path: Path, args: argparse.Namespace) -> int:
    try:
        from ui.app import run
    except ImportError as exc:  # the window is not built yet, or Qt's libraries are missing
        print(f"hashiya: the window cannot start ({exc}); showing the project's statistics", file=sys.stderr)
        return cli_main(["stats", str(path)])
    return run(path, annotator=getattr(args, "annotator", None))


def main(argv: list[str] | None = None) -> int:
    return cli_main(argv, open_window=open_window)


if __name__ == "__main__":
    sys.exit(main())
