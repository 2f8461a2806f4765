"""Can Qt's platform plugin load on this Linux desktop? If not, which packages would fix it.

Qt aborts the whole process when no platform plugin loads ("no Qt platform plugin could be
initialized"), after a message that names one library at best. ``hashiya`` asks here first and
prints one line instead: what is missing and the command that installs it. The libraries and their
Debian/Ubuntu packages come from ``resources/system/qt-libraries.txt``, the list that
``scripts/check_system_libs.sh`` installs from. This module never imports Qt.
"""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from annotator.paths import resource_path

LIBRARY_GROUPS = ("any", "xcb", "wayland")  # the list's other rows (tools) are programs, not libraries
PLUGIN_NAMES = {"xcb": "X11 (xcb)", "wayland": "Wayland"}


@dataclass(frozen=True)
class Need:
    """One row of the list: ``soname`` is needed by ``group`` and installed by ``package``."""

    group: str
    soname: str
    package: str


def libraries_list() -> Path:
    return resource_path("system", "qt-libraries.txt")


def read_needs(path: Path | None = None) -> list[Need]:
    """The library rows of the shared list (comments and tool rows left out); none if it is not installed."""
    try:
        text = (path or libraries_list()).read_text(encoding="utf-8")
    except OSError:  # a packaging mistake must not stop the window: Qt will then speak for itself
        return []
    needs = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) == 3 and not fields[0].startswith("#") and fields[0] in LIBRARY_GROUPS:
            needs.append(Need(*fields))
    return needs


def loadable(soname: str) -> bool:
    """Whether the dynamic loader finds ``soname`` (and what it needs): exactly what Qt will try."""
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def candidate_platforms(environ: Mapping[str, str]) -> list[str] | None:
    """The desktop plugins Qt may use here, or None when it will use another one we do not judge.

    Qt tries each name of ``QT_QPA_PLATFORM`` ("wayland;xcb") in turn and only aborts when none
    loads; unset, it picks Wayland or X11 from the session, so either one loading is enough.
    """
    requested = environ.get("QT_QPA_PLATFORM", "").strip()
    if requested:
        names = [name.split(":")[0].strip() for name in requested.split(";") if name.strip()]
        plugins = ["wayland" if name.startswith("wayland") else name for name in names]
        return plugins if all(p in PLUGIN_NAMES for p in plugins) else None
    found = []
    if environ.get("WAYLAND_DISPLAY"):
        found.append("wayland")
    if environ.get("DISPLAY"):
        found.append("xcb")
    return found


def missing_for(platform: str, needs: Iterable[Need], is_loadable: Callable[[str], bool]) -> list[Need]:
    return [need for need in needs if need.group in ("any", platform) and not is_loadable(need.soname)]


def install_hint(packages: list[str]) -> str:
    if shutil.which("apt-get"):
        return "run: sudo apt-get install " + " ".join(packages)
    return "install them with your package manager (Debian/Ubuntu names: " + " ".join(packages) + ")"


def describe(platform: str, missing: list[Need]) -> str:
    """``Qt's X11 (xcb) plugin needs libxcb-cursor.so.0 (package libxcb-cursor0); run: ...``."""
    packages = list(dict.fromkeys(need.package for need in missing))
    word = "package" if len(packages) == 1 else "packages"
    sonames = ", ".join(need.soname for need in missing)
    return (
        f"Qt's {PLUGIN_NAMES[platform]} plugin needs {sonames} ({word} {', '.join(packages)}); {install_hint(packages)}"
    )


def platform_problem(
    environ: Mapping[str, str] | None = None,
    is_loadable: Callable[[str], bool] | None = None,
    needs: list[Need] | None = None,
) -> str | None:
    """One line saying why no desktop plugin can load, or None when one can (or it is not ours to say).

    ``is_loadable`` (default :func:`loadable`) and ``needs`` are there for tests that simulate a missing library.
    """
    if not sys.platform.startswith("linux"):
        return None  # the macOS and Windows wheels bring everything their plugins load
    platforms = candidate_platforms(os.environ if environ is None else environ)
    if not platforms:
        return None
    needs = read_needs() if needs is None else needs
    check = is_loadable or loadable
    missing = {platform: missing_for(platform, needs, check) for platform in platforms}
    if any(not libs for libs in missing.values()):
        return None
    chosen = "xcb" if "xcb" in missing else platforms[0]  # X11 also serves Wayland desktops (XWayland)
    return describe(chosen, missing[chosen])


def explain_load_error(message: str, needs: list[Need] | None = None) -> str:
    """Qt's import failed on a missing library: name the package that brings it, when we know it."""
    names = set(re.findall(r"lib[\w.+-]*\.so(?:\.\d+)*", message))
    found = [need for need in (read_needs() if needs is None else needs) if need.soname in names]
    if not found:
        return f"Qt cannot load ({message})"
    packages = list(dict.fromkeys(need.package for need in found))
    return f"Qt cannot load {found[0].soname} (package {', '.join(packages)}); {install_hint(packages)}"
