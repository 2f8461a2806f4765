"""``scripts/check_system_libs.sh``: what `make run` and `make test` do about missing system packages.

The script runs with a list holding one library that no machine has, and with fake ``apt-get`` and
``id`` programs first on the PATH: its decisions (what to check, install or print) are observed
without touching the real system.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "check_system_libs.sh"
LIST = """\
# group  name  package
any   libc.so.6                 libc6
xcb   libhashiya-absent.so.0    libhashiya-absent0
tool  hashiya-absent-program    hashiya-absent-tool
"""
# apt-get that records each call; with FAIL_UNTIL_UPDATE it fails to install until an update ran (a stale index)
FAKE_APT = """\
#!/bin/sh
echo "$*" >> "$APT_LOG"
if [ -n "${FAIL_UNTIL_UPDATE:-}" ] && [ "$1" = install ] && ! grep -q '^update' "$APT_LOG"; then exit 100; fi
exit 0
"""

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the script checks Linux systems only")


def run_check(tmp_path: Path, *args: str, uid: int = 1000, **env: str) -> tuple[subprocess.CompletedProcess, list]:
    """Run the script as user ``uid`` (faked); return the result and the apt-get calls it made."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    for name, body in (("apt-get", FAKE_APT), ("id", '#!/bin/sh\necho "$FAKE_UID"\n')):
        (bin_dir / name).write_text(body, encoding="utf-8")
        (bin_dir / name).chmod(0o755)
    listed = tmp_path / "libs.txt"
    listed.write_text(LIST, encoding="utf-8")
    log = tmp_path / "apt.log"
    log.write_text("", encoding="utf-8")
    base = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "CI")}
    base.update(PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}", APT_LOG=str(log), FAKE_UID=str(uid), **env)
    result = subprocess.run(
        ["sh", str(SCRIPT), "--list", str(listed), *args], env=base, capture_output=True, text=True, timeout=30
    )
    return result, log.read_text(encoding="utf-8").splitlines()


def test_without_a_display_only_qt_s_own_libraries_are_checked_and_nothing_is_said(tmp_path) -> None:
    result, apt = run_check(tmp_path, uid=0)
    assert (result.returncode, result.stdout, result.stderr, apt) == (0, "", "", [])


def test_a_user_with_a_display_gets_the_one_command_that_installs_what_is_missing(tmp_path) -> None:
    result, apt = run_check(tmp_path, DISPLAY=":0")
    assert result.returncode == 0, "the bootstrap goes on: the core works without the window"
    assert apt == [], "a user who is not root is never made to wait on apt"
    commands = [line.strip() for line in result.stderr.splitlines() if "apt-get" in line]
    assert commands == ["run: sudo apt-get install libhashiya-absent0"]


def test_root_installs_what_is_missing_with_apt(tmp_path) -> None:
    result, apt = run_check(tmp_path, uid=0, DISPLAY=":0")
    assert result.returncode == 0, result.stderr
    assert apt == ["install -y -q libhashiya-absent0"]
    assert "Installing system packages for Qt: libhashiya-absent0" in result.stdout


def test_a_stale_package_index_is_updated_once_then_the_install_is_retried(tmp_path) -> None:
    result, apt = run_check(tmp_path, uid=0, DISPLAY=":0", FAIL_UNTIL_UPDATE="1")
    assert result.returncode == 0, result.stderr
    assert apt == ["install -y -q libhashiya-absent0", "update -q", "install -y -q libhashiya-absent0"]


@pytest.mark.parametrize(("args", "env"), [(("--test",), {}), ((), {"CI": "true"})], ids=["make-test", "CI"])
def test_the_test_run_also_needs_the_x11_plugin_and_the_real_window_tools(tmp_path, args, env) -> None:
    result, apt = run_check(tmp_path, *args, uid=0, **env)  # no DISPLAY: Xvfb is the test's display
    assert apt == ["install -y -q libhashiya-absent0 hashiya-absent-tool"], result.stderr


def test_check_only_reports_and_fails_without_installing(tmp_path) -> None:
    result, apt = run_check(tmp_path, "--check", uid=0, DISPLAY=":0")
    assert result.returncode == 1
    assert apt == []
    assert "sudo apt-get install libhashiya-absent0" in result.stderr
