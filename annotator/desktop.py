"""A menu entry for Hashiya on Linux desktops: ``hashiya --install-desktop`` (and ``--uninstall-desktop``).

An installed wheel (``pipx install``, ``pip install``) gives a ``hashiya`` command but no menu
entry; this writes the freedesktop.org files a desktop reads for one: ``hashiya.desktop`` in
``$XDG_DATA_HOME/applications`` and the icon in every size into the ``hicolor`` icon theme under
``$XDG_DATA_HOME/icons`` (``$XDG_DATA_HOME`` defaults to ``~/.local/share``). Per user, no root
needed. Running it again rewrites the same files (after an upgrade or a move of the command).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from annotator.errors import HashiyaError
from annotator.paths import resource_path

APP_ID = "hashiya"  # the .desktop file name, the icon name and the window's desktop file name (ui/app.py)
WM_CLASS = "Hashiya"  # Qt's X11 window class: the application name set in ui/app.py
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)

# Desktop Entry Specification 1.5, "The Exec key": an argument holding any of these must be quoted.
_EXEC_RESERVED = re.compile(r"""[\s"'\\><~|&;$*?#()`]""")


@dataclass(frozen=True)
class Written:
    """One file the desktop integration wrote (or removed), for the report the command prints."""

    path: Path
    what: str


def data_home(environ: dict[str, str] | None = None) -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share`` when it is unset, empty or relative (as the spec says)."""
    value = (os.environ if environ is None else environ).get("XDG_DATA_HOME", "")
    if value and Path(value).is_absolute():
        return Path(value)
    return Path.home() / ".local" / "share"


def hashiya_command(argv0: str | None = None) -> Path:
    """The installed ``hashiya`` script the menu entry starts: the one running now, else the one on PATH.

    ``sys.argv[0]`` is the console script when ``hashiya`` runs; under ``python -m`` it is a module
    file, so PATH decides. The path is absolute but symlinks are kept (pipx links ``~/.local/bin``).
    """
    candidate = Path(argv0 if argv0 is not None else sys.argv[0])
    if candidate.name.startswith(APP_ID) and candidate.is_file() and os.access(candidate, os.X_OK):
        return Path(os.path.abspath(candidate))
    found = shutil.which(APP_ID)
    if found:
        return Path(os.path.abspath(found))
    raise HashiyaError("cannot find the installed hashiya command (install Hashiya with pipx or pip first)")


def exec_argument(value: str) -> str:
    """One argument of an Exec key: quoted and escaped when it holds a reserved character."""
    if "\n" in value or "\r" in value:
        raise HashiyaError(f"{value!r}: a menu entry cannot start a command whose path holds a line break")
    value = value.replace("%", "%%")  # field codes start with %
    if _EXEC_RESERVED.search(value):
        value = '"' + re.sub(r'(["`$\\])', r"\\\1", value) + '"'
    return value


def escape_value(value: str) -> str:
    """A string value of a desktop entry: backslashes escaped (the spec's general escape rule)."""
    return value.replace("\\", "\\\\")


def desktop_entry(command: Path) -> str:
    """The text of ``hashiya.desktop`` for the ``hashiya`` script at ``command``."""
    exe = str(command)
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Version=1.4",  # the newest version desktop-file-validate 0.26 (Debian 12) knows
            "Name=Hashiya",
            "Name[ar]=حاشية",
            "GenericName=Text Annotation",
            "GenericName[ar]=توسيم النصوص",
            "Comment=Annotate Arabic news articles for NLP training data",
            "Comment[ar]=توسيم الأخبار العربية لبيانات تدريب معالجة اللغة",
            f"Exec={escape_value(exec_argument(exe))} open %f",
            f"TryExec={escape_value(exe)}",
            f"Icon={APP_ID}",
            "Terminal=false",
            "Categories=Office;",
            "Keywords=annotation;NER;named entities;Arabic;corpus;tagging;",
            "Keywords[ar]=توسيم;كيانات;عربي;مدونة;",
            f"StartupWMClass={WM_CLASS}",
            "",
        ]
    )


def icon_files() -> list[tuple[Path, str]]:
    """(shipped icon, its folder in the hicolor theme) for every size, and the scalable SVG."""
    pairs = [(resource_path("icons", f"{APP_ID}-{size}.png"), f"{size}x{size}") for size in ICON_SIZES]
    pairs.append((resource_path("icons", f"{APP_ID}.svg"), "scalable"))
    return pairs


def _check_platform() -> None:
    if sys.platform in ("darwin", "win32", "cygwin"):
        raise HashiyaError("--install-desktop writes a freedesktop.org menu entry, for Linux and BSD desktops only")


def install(home: Path | None = None, command: Path | None = None) -> list[Written]:
    """Write the menu entry and icons under ``home`` (``$XDG_DATA_HOME``); the same files on every run."""
    _check_platform()
    home = home or data_home()
    command = command or hashiya_command()
    written: list[Written] = []
    for source, folder in icon_files():
        target = home / "icons" / "hicolor" / folder / "apps" / f"{APP_ID}{source.suffix}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        written.append(Written(target, f"icon {folder}"))
    entry = home / "applications" / f"{APP_ID}.desktop"
    entry.parent.mkdir(parents=True, exist_ok=True)
    partial = entry.with_name(entry.name + ".partial")  # a menu never reads a half-written entry
    partial.write_text(desktop_entry(command), encoding="utf-8")
    os.replace(partial, entry)
    written.append(Written(entry, f"menu entry, starts {command}"))
    return written


def uninstall(home: Path | None = None) -> list[Written]:
    """Remove what ``install`` wrote under ``home``; files already gone are skipped."""
    _check_platform()
    home = home or data_home()
    targets = [
        (home / "icons" / "hicolor" / folder / "apps" / f"{APP_ID}{source.suffix}", f"icon {folder}")
        for source, folder in icon_files()
    ]
    targets.append((home / "applications" / f"{APP_ID}.desktop", "menu entry"))
    removed = []
    for path, what in targets:
        if path.exists():
            path.unlink()
            removed.append(Written(path, what))
    return removed


class DesktopAction(argparse.Action):
    """``--install-desktop`` / ``--uninstall-desktop``: done at once, like ``--version``; prints each file."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        removing = option_string == "--uninstall-desktop"
        try:
            done = uninstall() if removing else install()
        except (HashiyaError, OSError) as error:
            parser.exit(1, f"hashiya: error: {error}\n")
        verb = "removed" if removing else "wrote"
        for item in done:
            print(f"{verb} {item.path} ({item.what})")
        if removing and not done:
            print(f"no menu entry to remove under {data_home()}")
        parser.exit(0)


def add_options(parser: argparse.ArgumentParser) -> None:
    """The two top-level options of ``hashiya``."""
    parser.add_argument(
        "--install-desktop",
        action=DesktopAction,
        help="add Hashiya to the desktop's application menu, with its icon (Linux; per user)",
    )
    parser.add_argument("--uninstall-desktop", action=DesktopAction, help="remove that menu entry and icon")
