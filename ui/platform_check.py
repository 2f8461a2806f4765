"""Can Qt's platform plugin load on this Linux desktop? If not, which packages would fix it.

Qt aborts the whole process when no platform plugin loads ("no Qt platform plugin could be
initialized"), after a message that names one library at best. ``hashiya`` asks here first and
prints one line instead: what is missing and the command that installs it. The libraries and their
Debian/Ubuntu packages come from ``resources/system/qt-libraries.txt``, the list that
``scripts/check_system_libs.sh`` installs from. This module never imports Qt.

Libraries are not all: when only X11 can serve, the X server named by ``DISPLAY`` must answer. A
stale ``DISPLAY`` (a closed session, ssh without X forwarding) makes Qt abort with a message that
even blames a missing ``libxcb-cursor0``; :func:`x_display_problem` connects once through libxcb, as
Qt's plugin would, and says so instead.
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

LIBRARY_GROUPS = ("any", "xcb", "wayland")  # the tests' tools are in resources/system/test-tools.txt, never read here
PLUGIN_NAMES = {"xcb": "X11 (xcb)", "wayland": "Wayland"}
XConnect = Callable[[str], int | None]  # display name → libxcb's error code (0: it answered), None: cannot ask
X_ERRORS = {  # libxcb's xcb_connection_has_error codes, as a user can act on them
    1: "no X server there accepts a connection: a stale DISPLAY, ssh without X forwarding, or no access granted",
    5: "DISPLAY is not a display name such as :0",
    6: "that display has no such screen",
}


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


def xcb_connection_error(display: str) -> int | None:
    """Connect to the X server ``display`` and disconnect: libxcb's error code (0: it answered).

    None when libxcb cannot be loaded (then the library check has already spoken). ``xcb_connect``
    always returns a connection object, an error one when it failed, which ``xcb_disconnect`` frees.
    """
    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return None
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_connection_has_error.restype = ctypes.c_int
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.restype = None
    connection = xcb.xcb_connect(display.encode(), None)
    try:
        return int(xcb.xcb_connection_has_error(connection))
    finally:
        xcb.xcb_disconnect(connection)


def x_display_problem(display: str, connect: XConnect | None = None) -> str | None:
    """Why the X server ``display`` cannot serve the window, or None when it answers (or cannot be asked)."""
    if not display:
        return "cannot reach an X display: DISPLAY is not set"
    error = (connect or xcb_connection_error)(display)
    if not error:
        return None
    return f"cannot reach the X display {display} ({X_ERRORS.get(error, f'libxcb error {error}')})"


def platform_problem(
    environ: Mapping[str, str] | None = None,
    is_loadable: Callable[[str], bool] | None = None,
    needs: list[Need] | None = None,
    connect: XConnect | None = None,
) -> str | None:
    """One line saying why no desktop plugin can load, or None when one can (or it is not ours to say).

    ``is_loadable`` (default :func:`loadable`), ``needs`` and ``connect`` (default
    :func:`xcb_connection_error`) are there for tests that simulate a missing library or X server.
    """
    if not sys.platform.startswith("linux"):
        return None  # the macOS and Windows wheels bring everything their plugins load
    environ = os.environ if environ is None else environ
    platforms = candidate_platforms(environ)
    if not platforms:
        return None
    needs = read_needs() if needs is None else needs
    check = is_loadable or loadable
    missing = {platform: missing_for(platform, needs, check) for platform in platforms}
    usable = [platform for platform in platforms if not missing[platform]]
    if usable == ["xcb"]:  # only X11 can serve: its server must answer (Wayland's is not ours to probe)
        return x_display_problem(environ.get("DISPLAY", ""), connect)
    if usable:
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
