"""``hashiya --install-desktop``: a menu entry with Hashiya's icon on a Linux desktop, per user."""

from __future__ import annotations

import configparser
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from annotator import desktop
from annotator.errors import HashiyaError
from tests.conftest import in_ci

HASHIYA = Path(sys.executable).with_name("hashiya")  # the console script of this environment
linux_only = pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="freedesktop menus are for Linux and BSD")


def read_entry(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def validate(path: Path) -> None:
    """``desktop-file-validate`` (desktop-file-utils): no error, no warning.

    Called last, after every other check of the test ran. Without the tool the test skips locally,
    saying so; in CI (where ``make test`` installs it) that is a failure, so the check never vanishes.
    """
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        reason = "desktop-file-validate is not installed (package desktop-file-utils)"
        if in_ci():
            pytest.fail(f"CI: {reason}; the menu entry must be validated in CI", pytrace=False)
        pytest.skip(f"{reason}: run `sudo apt-get install desktop-file-utils` (or `make test` as root)")
    result = subprocess.run([tool, str(path)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def run_hashiya(*args: str, data_home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(data_home)}
    return subprocess.run([str(HASHIYA), *args], capture_output=True, text=True, env=env, timeout=60)


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@linux_only
def test_install_desktop_adds_a_menu_entry_that_starts_this_hashiya_with_its_icon(tmp_path):
    home = tmp_path / "share"
    result = run_hashiya("--install-desktop", data_home=home)
    assert result.returncode == 0, result.stderr
    entry_path = home / "applications" / "hashiya.desktop"
    assert f"wrote {entry_path}" in result.stdout  # the user is told where the entry went

    entry = read_entry(entry_path)
    assert entry["Type"] == "Application" and entry["Name"] == "Hashiya" and entry["Name[ar]"] == "حاشية"
    assert entry["Exec"] == f"{HASHIYA} open %f"  # a file opened from the desktop goes to `hashiya open`
    assert entry["TryExec"] == str(HASHIYA)
    assert entry["Terminal"] == "false"
    assert entry["Icon"] == "hashiya"
    validate(entry_path)

    # the icon the entry names, in the user's hicolor theme at every size a menu asks for
    icons = home / "icons" / "hicolor"
    for size in (16, 24, 32, 48, 64, 128, 256):
        icon = icons / f"{size}x{size}" / "apps" / "hashiya.png"
        assert f"wrote {icon}" in result.stdout
        assert png_size(icon) == (size, size)
    assert (icons / "scalable" / "apps" / "hashiya.svg").read_text(encoding="utf-8").startswith("<svg")
    expected = {"applications/hashiya.desktop", "icons/hicolor/scalable/apps/hashiya.svg"}
    expected |= {f"icons/hicolor/{n}x{n}/apps/hashiya.png" for n in (16, 24, 32, 48, 64, 128, 256)}
    assert set(files_under(home)) == expected  # nothing else, no temporary file left behind


@linux_only
def test_installing_twice_leaves_the_same_files(tmp_path):
    home = tmp_path / "share"
    first = run_hashiya("--install-desktop", data_home=home)
    before = files_under(home)
    second = run_hashiya("--install-desktop", data_home=home)
    assert first.returncode == second.returncode == 0
    assert files_under(home) == before  # no duplicate entry, no leftover temporary file
    assert second.stdout == first.stdout


@linux_only
def test_uninstall_desktop_removes_only_what_install_wrote(tmp_path):
    home = tmp_path / "share"
    other = home / "applications" / "other.desktop"
    other.parent.mkdir(parents=True)
    other.write_text("[Desktop Entry]\nType=Application\nName=Other\nExec=other\n", encoding="utf-8")
    assert run_hashiya("--install-desktop", data_home=home).returncode == 0
    result = run_hashiya("--uninstall-desktop", data_home=home)
    assert result.returncode == 0, result.stderr
    assert list(files_under(home)) == ["applications/other.desktop"]
    again = run_hashiya("--uninstall-desktop", data_home=home)
    assert again.returncode == 0 and "no menu entry to remove" in again.stdout


@linux_only
@pytest.mark.parametrize(
    ("command", "exec_line"),
    [
        ("/opt/My Apps/hashiya", '"/opt/My Apps/hashiya" open %f'),  # a space: the path is quoted
        ("/home/a$b/bin/hashiya", '"/home/a\\\\$b/bin/hashiya" open %f'),  # $ escaped inside quotes, then \\
        ("/srv/100%/hashiya", "/srv/100%%/hashiya open %f"),  # % starts a field code: doubled
    ],
)
def test_exec_quotes_a_command_path_as_the_desktop_entry_spec_asks(tmp_path, command, exec_line):
    desktop.install(tmp_path, Path(command))
    entry_path = tmp_path / "applications" / "hashiya.desktop"
    assert read_entry(entry_path)["Exec"] == exec_line
    validate(entry_path)


def test_the_command_is_the_running_script_else_the_one_on_path(tmp_path, monkeypatch):
    script = tmp_path / "bin" / "hashiya"
    script.parent.mkdir()
    script.write_text("#!/bin/sh\n", encoding="utf-8")
    script.chmod(0o755)
    assert desktop.hashiya_command(str(script)) == script
    monkeypatch.setenv("PATH", str(script.parent))
    assert desktop.hashiya_command("/somewhere/ui/entry.py") == script  # `python -m ui.entry`: PATH decides
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(HashiyaError, match="cannot find the installed hashiya command"):
        desktop.hashiya_command("/somewhere/ui/entry.py")


def test_data_home_follows_xdg_and_ignores_a_relative_value(tmp_path):
    assert desktop.data_home({"XDG_DATA_HOME": str(tmp_path)}) == tmp_path
    default = Path.home() / ".local" / "share"
    assert desktop.data_home({"XDG_DATA_HOME": "relative/share"}) == default
    assert desktop.data_home({}) == default


def test_other_systems_get_one_clear_line(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "platform", "darwin")
    with pytest.raises(HashiyaError, match="Linux and BSD desktops only"):
        desktop.install(tmp_path, Path("/usr/bin/hashiya"))
    assert not any(tmp_path.iterdir())
