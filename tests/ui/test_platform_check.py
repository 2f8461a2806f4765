"""A Qt platform plugin that cannot load is one clear line from ``hashiya``, never Qt's abort.

Missing libraries are simulated with an injected loader, X servers with an injected connector; the
shared list itself is checked against the libraries the installed PySide6 wheel really needs (its ELF
``NEEDED`` entries), and a stale DISPLAY is tried for real, through libxcb and the ``hashiya`` entry point.
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.sample import ensure_sample_project
from tests.conftest import in_ci
from ui import platform_check
from ui.platform_check import (
    explain_load_error,
    loadable,
    platform_problem,
    read_needs,
    xcb_connection_error,
)

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's xcb and Wayland plugins are Linux's")
ROOT = Path(__file__).resolve().parents[2]
NOBODY = ":987"  # an X display nothing listens on (checked before it is relied on)
RUNTIME = {"libc.so.6", "libm.so.6", "libstdc++.so.6", "libgcc_s.so.1", "libpthread.so.0", "libdl.so.2", "librt.so.1"}


def without(*sonames: str):
    """A loader on which ``sonames`` are not installed."""
    return lambda soname: soname not in sonames


def everything(soname: str) -> bool:
    return True


class XServers:
    """A connector to simulated X servers: ``answering`` displays accept, others fail with ``error``."""

    def __init__(self, *answering: str, error: int = 1) -> None:
        self.answering, self.error, self.asked = answering, error, []

    def __call__(self, display: str) -> int:
        self.asked.append(display)
        return 0 if display in self.answering else self.error


@pytest.fixture
def apt(monkeypatch):
    """A Debian-like machine: apt-get is on the PATH."""
    real = platform_check.shutil.which
    monkeypatch.setattr(
        platform_check.shutil, "which", lambda name: "/usr/bin/apt-get" if name == "apt-get" else real(name)
    )


@linux_only
def test_a_missing_xcb_library_is_one_line_with_its_package_and_the_command(apt) -> None:
    line = platform_problem({"DISPLAY": ":0"}, without("libxcb-cursor.so.0"))
    assert line == (
        "Qt's X11 (xcb) plugin needs libxcb-cursor.so.0 (package libxcb-cursor0); "
        "run: sudo apt-get install libxcb-cursor0"
    )


@linux_only
def test_several_missing_libraries_are_one_command_without_repeats(apt) -> None:
    line = platform_problem(
        {"DISPLAY": ":0"},
        without("libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libglib-2.0.so.0", "libgthread-2.0.so.0"),
    )
    assert line is not None and "\n" not in line
    assert line.endswith("run: sudo apt-get install libglib2.0-0 libxcb-icccm4 libxcb-keysyms1")
    assert "libxcb-icccm.so.4" in line and "libxcb-keysyms.so.1" in line


@linux_only
def test_without_apt_the_line_names_the_packages_to_look_for(monkeypatch) -> None:
    monkeypatch.setattr(platform_check.shutil, "which", lambda name: None)
    line = platform_problem({"DISPLAY": ":0"}, without("libxcb-keysyms.so.1"))
    assert line is not None and "sudo" not in line
    assert "Debian/Ubuntu names: libxcb-keysyms1" in line


@linux_only
def test_with_every_library_present_and_the_x_server_answering_the_window_may_start() -> None:
    servers = XServers(":0")
    assert platform_problem({"DISPLAY": ":0"}, everything, connect=servers) is None
    assert servers.asked == [":0"], "the display named by DISPLAY was asked"


@linux_only
def test_an_x_display_that_does_not_answer_is_one_line_naming_it() -> None:
    line = platform_problem({"DISPLAY": "localhost:10.0"}, everything, connect=XServers(":0"))
    assert line == (
        "cannot reach the X display localhost:10.0 (no X server there accepts a connection: a stale DISPLAY, "
        "ssh without X forwarding, or no access granted)"
    )
    bad_name = platform_problem({"DISPLAY": "zero"}, everything, connect=XServers(error=5))
    assert bad_name == "cannot reach the X display zero (DISPLAY is not a display name such as :0)"
    unset = platform_problem({"QT_QPA_PLATFORM": "xcb"}, everything, connect=XServers(":0"))
    assert unset == "cannot reach an X display: DISPLAY is not set", "xcb asked for without a display"


@linux_only
def test_the_x_server_is_asked_only_when_x11_is_what_qt_will_use(apt) -> None:
    servers = XServers()  # no X server anywhere
    both = {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}
    assert platform_problem(both, everything, connect=servers) is None, "Wayland serves the window"
    assert platform_problem({"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"}, everything, connect=servers) is None
    line = platform_problem({"DISPLAY": ":0"}, without("libxcb-cursor.so.0"), connect=servers)
    assert line is not None and line.startswith("Qt's X11 (xcb) plugin needs libxcb-cursor.so.0"), "libraries first"
    assert servers.asked == []
    line = platform_problem(both, without("libwayland-cursor.so.0"), connect=servers)
    assert line is not None and line.startswith("cannot reach the X display :0"), "X11 is all that is left"


@linux_only
def test_libxcb_really_tells_a_stale_display_from_a_bad_name() -> None:
    if not loadable("libxcb.so.1"):
        pytest.skip("libxcb is not installed here")
    assert not Path(f"/tmp/.X11-unix/X{NOBODY[1:]}").exists(), f"something listens on {NOBODY}"
    assert xcb_connection_error(NOBODY) == 1  # XCB_CONN_ERROR: no server there
    assert xcb_connection_error("not a display") == 5  # XCB_CONN_CLOSED_PARSE_ERR


@linux_only
def test_on_a_wayland_desktop_one_working_plugin_is_enough(apt) -> None:
    both = {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}
    x_answers = XServers(":0")
    assert platform_problem(both, without("libwayland-cursor.so.0"), connect=x_answers) is None, "Qt falls back to X11"
    assert platform_problem(both, without("libxcb-cursor.so.0")) is None, "Wayland works"
    line = platform_problem(both, without("libwayland-cursor.so.0", "libxcb-cursor.so.0"))
    assert line is not None and line.startswith("Qt's X11 (xcb) plugin needs libxcb-cursor.so.0")
    wayland_only = platform_problem({"WAYLAND_DISPLAY": "wayland-0"}, without("libwayland-cursor.so.0"))
    assert wayland_only is not None and "Wayland plugin needs libwayland-cursor.so.0 (package libwayland-cursor0)" in (
        wayland_only
    )


@linux_only
def test_the_platform_asked_for_is_the_one_checked(apt) -> None:
    missing = without("libxcb-cursor.so.0")
    assert platform_problem({"QT_QPA_PLATFORM": "xcb"}, missing) is not None, "xcb asked for, even without DISPLAY"
    assert platform_problem({"QT_QPA_PLATFORM": "wayland;xcb", "DISPLAY": ":0"}, missing) is None
    for other in ("offscreen", "vnc", "eglfs:/dev/fb0"):  # not ours to judge: Qt says what it lacks
        assert platform_problem({"QT_QPA_PLATFORM": other, "DISPLAY": ":0"}, lambda soname: False) is None
    assert platform_problem({}, lambda soname: False) is None, "no display: ui.entry says so itself"


@linux_only
def test_loadable_asks_the_real_dynamic_loader() -> None:
    assert loadable("libc.so.6")
    assert not loadable("libhashiya-never-installed.so.7")


def test_a_failed_qt_import_names_the_package_of_the_missing_library(apt) -> None:
    message = "libEGL.so.1: cannot open shared object file: No such file or directory"
    assert (
        explain_load_error(message) == "Qt cannot load libEGL.so.1 (package libegl1); run: sudo apt-get install libegl1"
    )
    assert explain_load_error("libunknown.so.3: cannot open") == "Qt cannot load (libunknown.so.3: cannot open)"


@linux_only
def test_hashiya_says_what_is_missing_instead_of_starting_qt(tmp_path, monkeypatch, capsys, apt) -> None:
    import ui.app
    from ui.entry import main

    def qt_would_abort(*args, **kwargs):
        raise AssertionError("the window was started although Qt's xcb plugin cannot load")

    monkeypatch.setattr(ui.app, "run", qt_would_abort)
    monkeypatch.setattr(platform_check, "loadable", without("libxcb-cursor.so.0"))
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    project = ensure_sample_project(tmp_path / "sample.hashiya")
    assert main(["open", str(project)]) == 0
    out = capsys.readouterr()
    assert out.err == (
        "hashiya: the window cannot start: Qt's X11 (xcb) plugin needs libxcb-cursor.so.0 (package libxcb-cursor0); "
        f"run: sudo apt-get install libxcb-cursor0; showing {project}'s statistics\n"
    )
    assert "tokens     483" in out.out, "the user still sees what the project holds"


@linux_only
def test_hashiya_on_a_stale_display_says_so_in_one_line_instead_of_qts_abort(tmp_path) -> None:
    """For real: a ``hashiya`` process whose DISPLAY names no X server (Qt itself would abort here)."""
    if platform_problem({"DISPLAY": NOBODY}, connect=XServers(NOBODY)) is not None:
        reason = "Qt's xcb libraries are not all installed (make syslibs)"
        if in_ci():
            pytest.fail(f"CI=true: {reason}; CI installs them", pytrace=False)
        pytest.skip(reason)
    assert not Path(f"/tmp/.X11-unix/X{NOBODY[1:]}").exists(), f"something listens on {NOBODY}"
    project = ensure_sample_project(tmp_path / "sample.hashiya")
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "XAUTHORITY")}
    run = subprocess.run(
        [sys.executable, "-c", "import sys; from ui.entry import main; sys.exit(main(sys.argv[1:]))", "open", project],
        env={**env, "DISPLAY": NOBODY, "HASHIYA_SETTINGS": str(tmp_path / "settings.ini")},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (run.returncode, run.stderr) == (
        0,
        f"hashiya: the window cannot start: cannot reach the X display {NOBODY} (no X server there accepts a "
        "connection: a stale DISPLAY, ssh without X forwarding, or no access granted); "
        f"showing {project}'s statistics\n",
    )
    assert "tokens     483" in run.stdout


# -- the shared list against the pinned wheel ---------------------------------------------------------


def needed(path: Path) -> set[str]:
    """The ``DT_NEEDED`` sonames of a 64-bit little-endian ELF file (what the loader must find)."""
    data = path.read_bytes()
    assert data[:4] == b"\x7fELF" and data[4] == 2 and data[5] == 1, f"{path} is not ELF64 LE"
    shoff = struct.unpack_from("<Q", data, 0x28)[0]
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    # section header: name, type, flags, addr, offset, size, link, info, addralign, entsize
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    dynamic = next(s for s in sections if s[1] == 6)  # SHT_DYNAMIC
    strings = sections[dynamic[6]][4]
    names = set()
    for at in range(dynamic[4], dynamic[4] + dynamic[5], 16):
        tag, value = struct.unpack_from("<qQ", data, at)
        if tag == 0:  # DT_NULL
            break
        if tag == 1:  # DT_NEEDED
            start = strings + value
            names.add(data[start : data.index(b"\0", start)].decode())
    return names


def system_needs(qt: Path, *files: str) -> set[str]:
    """What ``files`` load from the system: not shipped in the wheel, not the C/C++ runtime."""
    shipped = {p.name for p in (qt / "lib").iterdir()}
    names = {name for f in files for name in needed(qt / f)} - shipped - RUNTIME
    return {name for name in names if not name.startswith("ld-linux")}  # the loader itself


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the wheel's ELF files are Linux's")
def test_the_shared_list_is_exactly_what_the_installed_qt_plugins_load() -> None:
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    rows = read_needs()
    listed = {group: {n.soname for n in rows if n.group == group} for group in ("any", "xcb", "wayland")}
    core = system_needs(
        qt, "lib/libQt6Core.so.6", "lib/libQt6Gui.so.6", "lib/libQt6Widgets.so.6", "lib/libQt6DBus.so.6"
    )
    xcb = system_needs(qt, "plugins/platforms/libqxcb.so", "lib/libQt6XcbQpa.so.6") - core
    wayland = system_needs(
        qt,
        "plugins/platforms/libqwayland.so",
        "lib/libQt6WaylandClient.so.6",
        "plugins/wayland-shell-integration/libxdg-shell.so",
    )
    assert listed["any"] == core
    assert listed["xcb"] == xcb
    assert listed["wayland"] == wayland - core
    assert all(n.package for n in rows)
