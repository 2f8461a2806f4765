"""``scripts/check_system_libs.sh``: what `make run` and `make test` do about missing system packages.

The script runs with a list holding one library that no machine has (and a list of the tests' tools holding
one program no machine has), and with fake ``apt-get``, ``id`` and ``python3`` programs first on the PATH: its
decisions (what to check, install or print) are observed without touching the real system.
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
"""
TOOLS = """\
# group  name  package
tool  hashiya-absent-program    hashiya-absent-tool
"""
# a Wayland desktop whose Wayland plugin has everything (libc stands for its libraries) and X11's does not
WAYLAND_OK = LIST + "wayland   libc.so.6   libc6\n"
WAYLAND_BROKEN = LIST + "wayland   libhashiya-absent-wl.so.0   libhashiya-absent-wl0\n"
LOCK = "-o DPkg::Lock::Timeout=300 "  # every apt call waits for PackageKit or unattended-upgrades to finish
# apt-get that records each call; with FAIL_UNTIL_UPDATE it fails to install until an update ran (a stale
# index); with APT_FAILS every call fails as apt does when another package manager keeps the lock.
# An install of python3-venv gives the fake python3 its ensurepip.
FAKE_APT = """\
#!/bin/sh
echo "$*" >> "$APT_LOG"
case " $* " in *" install "*) installing=yes ;; *) installing=no ;; esac
if [ -n "${APT_FAILS:-}" ]; then
    echo "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 812 (packagekitd)" >&2
    exit 100
fi
if [ -n "${FAIL_UNTIL_UPDATE:-}" ] && [ $installing = yes ] && ! grep -q 'update' "$APT_LOG"; then exit 100; fi
case " $* " in *" python3-venv "*) touch "$APT_LOG.venv" ;; esac
exit 0
"""
# Debian's python3 without python3-venv: no ensurepip (until the fake apt installed it)
FAKE_PYTHON = """\
#!/bin/sh
case "$*" in
    *"import ensurepip"*) [ -e "$APT_LOG.venv" ] && exit 0; exit 1 ;;
    *version_info*) echo python3.11-venv ;;
esac
"""

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the script checks Linux systems only")


def run_check(
    tmp_path: Path, *args: str, uid: int = 1000, listing: str = LIST, tools: str = TOOLS, **env: str
) -> tuple[subprocess.CompletedProcess, list]:
    """Run the script as user ``uid`` (faked) on ``listing`` and ``tools``; the result and the apt-get calls."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    fakes = (("apt-get", FAKE_APT), ("id", '#!/bin/sh\necho "$FAKE_UID"\n'), ("python3", FAKE_PYTHON))
    for name, body in fakes:
        (bin_dir / name).write_text(body, encoding="utf-8")
        (bin_dir / name).chmod(0o755)
    listed = tmp_path / "libs.txt"
    listed.write_text(listing, encoding="utf-8")
    tools_listed = tmp_path / "tools.txt"
    tools_listed.write_text(tools, encoding="utf-8")
    log = tmp_path / "apt.log"
    log.write_text("", encoding="utf-8")
    base = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "CI")}
    base.update(PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}", APT_LOG=str(log), FAKE_UID=str(uid), **env)
    command = ["sh", str(SCRIPT), "--list", str(listed), "--tools", str(tools_listed), *args]
    result = subprocess.run(command, env=base, capture_output=True, text=True, timeout=30)
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
    assert apt == [LOCK + "install -y -q libhashiya-absent0"]
    assert "Installing system packages for Qt: libhashiya-absent0" in result.stdout


def test_a_stale_package_index_is_updated_once_then_the_install_is_retried(tmp_path) -> None:
    result, apt = run_check(tmp_path, uid=0, DISPLAY=":0", FAIL_UNTIL_UPDATE="1")
    assert result.returncode == 0, result.stderr
    install = LOCK + "install -y -q libhashiya-absent0"
    assert apt == [install, LOCK + "update -q", install]


def test_when_apt_fails_the_user_sees_apt_s_own_reason(tmp_path) -> None:
    result, apt = run_check(tmp_path, uid=0, DISPLAY=":0", APT_FAILS="1")
    assert result.returncode == 1
    assert apt == [LOCK + "install -y -q libhashiya-absent0", LOCK + "update -q"]
    assert "Could not get lock /var/lib/dpkg/lock-frontend" in result.stderr  # why, in apt's words
    assert "Could not install: libhashiya-absent0" in result.stderr


@pytest.mark.parametrize(
    ("args", "env"),
    [(("--test",), {}), ((), {"CI": "true"}), ((), {"CI": "1"}), ((), {"CI": "yes"}), ((), {"CI": "True"})],
    ids=["make-test", "CI=true", "CI=1", "CI=yes", "CI=True"],
)
def test_the_test_run_also_needs_the_x11_plugin_and_the_real_window_tools(tmp_path, args, env) -> None:
    result, apt = run_check(tmp_path, *args, uid=0, **env)  # no DISPLAY: Xvfb is the test's display
    assert apt == [LOCK + "install -y -q libhashiya-absent0 hashiya-absent-tool"], result.stderr


@pytest.mark.parametrize("value", ["false", "0", ""])
def test_ci_values_that_mean_no_leave_the_test_tools_alone(tmp_path, value) -> None:
    result, apt = run_check(tmp_path, uid=0, CI=value)
    assert (result.returncode, apt) == (0, []), result.stderr


# -- Wayland desktops: the script agrees with ui/platform_check.py -----------------------------------------


def test_a_user_on_wayland_is_not_warned_about_x11_libraries_the_window_does_not_need(tmp_path) -> None:
    result, apt = run_check(tmp_path, listing=WAYLAND_OK, DISPLAY=":0", WAYLAND_DISPLAY="wayland-0")
    assert (result.returncode, result.stderr, apt) == (0, "", [])  # `hashiya` starts on Wayland here


def test_root_on_wayland_still_installs_what_x11_lacks(tmp_path) -> None:
    result, apt = run_check(tmp_path, uid=0, listing=WAYLAND_OK, DISPLAY=":0", WAYLAND_DISPLAY="wayland-0")
    assert apt == [LOCK + "install -y -q libhashiya-absent0"], result.stderr  # X11 apps (XWayland) work too


def test_when_neither_plugin_works_the_user_gets_the_x11_command(tmp_path) -> None:
    result, apt = run_check(tmp_path, listing=WAYLAND_BROKEN, DISPLAY=":0", WAYLAND_DISPLAY="wayland-0")
    assert apt == []
    commands = [line.strip() for line in result.stderr.splitlines() if "apt-get" in line]
    assert commands == ["run: sudo apt-get install libhashiya-absent0"]  # X11 serves Wayland too (XWayland)
    assert "the window cannot start" in result.stderr


def test_a_wayland_only_session_missing_wayland_libraries_gets_the_wayland_command(tmp_path) -> None:
    result, _ = run_check(tmp_path, listing=WAYLAND_BROKEN, WAYLAND_DISPLAY="wayland-0")
    commands = [line.strip() for line in result.stderr.splitlines() if "apt-get" in line]
    assert commands == ["run: sudo apt-get install libhashiya-absent-wl0"]


# -- --venv: can `make` create .venv with this python3? ------------------------------------------------------


def test_without_ensurepip_a_user_is_told_to_install_python3_venv_and_make_stops(tmp_path) -> None:
    result, apt = run_check(tmp_path, "--venv")
    assert result.returncode == 1, "make must stop: `python3 -m venv` would leave a venv without pip"
    assert apt == []
    assert "run: sudo apt-get install python3-venv" in result.stderr
    assert "python3.11-venv" in result.stderr  # the versioned package, for a Python other than the system's


def test_without_ensurepip_root_installs_python3_venv(tmp_path) -> None:
    result, apt = run_check(tmp_path, "--venv", uid=0)
    assert result.returncode == 0, result.stderr
    assert apt == [LOCK + "install -y -q python3-venv"]


def test_with_ensurepip_the_venv_check_says_nothing(tmp_path) -> None:
    (tmp_path / "apt.log.venv").touch()  # python3-venv is installed
    result, apt = run_check(tmp_path, "--venv", uid=0)
    assert (result.returncode, result.stdout, result.stderr, apt) == (0, "", "", [])


def test_check_only_reports_and_fails_without_installing(tmp_path) -> None:
    result, apt = run_check(tmp_path, "--check", uid=0, DISPLAY=":0")
    assert result.returncode == 1
    assert apt == []
    assert "sudo apt-get install libhashiya-absent0" in result.stderr


# -- the tests' tools: PostgreSQL's server programs live off PATH, in a folder per major version ---------------


def server_tools(tmp_path: Path, program: str = "hashiya-test-initdb") -> str:
    """A tools list naming ``program`` the way test-tools.txt names initdb: in a version folder, off PATH."""
    return f"tool  {tmp_path}/postgresql/*/bin/{program}  postgresql\n"


def install_server(tmp_path: Path, version: str, program: str = "hashiya-test-initdb", mode: int = 0o755) -> None:
    path = tmp_path / "postgresql" / version / "bin" / program
    path.parent.mkdir(parents=True)
    path.write_text("#!/bin/sh\n", encoding="utf-8")
    path.chmod(mode)


def test_without_postgresql_s_server_a_user_gets_the_one_command_and_the_tests_go_on(tmp_path) -> None:
    result, apt = run_check(tmp_path, "--test", listing="", tools=server_tools(tmp_path))
    assert result.returncode == 0, "the bootstrap goes on: the PostgreSQL tests skip (and fail in CI)"
    assert apt == []
    commands = [line.strip() for line in result.stderr.splitlines() if "apt-get" in line]
    assert commands == ["run: sudo apt-get install postgresql"]
    assert "Qt and the tests need system packages that are missing: postgresql" in result.stderr
    assert "the tests that need them skip (in CI they fail)" in result.stderr


def test_without_postgresql_s_server_root_installs_it_with_apt(tmp_path) -> None:
    result, apt = run_check(tmp_path, uid=0, listing="", tools=server_tools(tmp_path), CI="true")
    assert result.returncode == 0, result.stderr
    assert apt == [LOCK + "install -y -q postgresql"]
    assert "Installing system packages for Qt and the tests: postgresql" in result.stdout


def test_check_only_names_the_missing_server_and_fails(tmp_path) -> None:
    result, apt = run_check(tmp_path, "--test", "--check", uid=0, listing="", tools=server_tools(tmp_path))
    assert (result.returncode, apt) == (1, [])
    assert "sudo apt-get install postgresql" in result.stderr


def test_the_server_in_a_version_folder_counts_as_installed(tmp_path) -> None:
    install_server(tmp_path, "15")
    result, apt = run_check(tmp_path, "--test", "--check", uid=0, listing="", tools=server_tools(tmp_path))
    assert (result.returncode, result.stdout, result.stderr, apt) == (0, "", "", [])


def test_the_server_on_path_counts_as_installed(tmp_path) -> None:
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "hashiya-test-initdb").write_text("#!/bin/sh\n", encoding="utf-8")
    (tmp_path / "bin" / "hashiya-test-initdb").chmod(0o755)  # run_check puts tmp_path/bin first on PATH
    result, apt = run_check(tmp_path, "--test", "--check", uid=0, listing="", tools=server_tools(tmp_path))
    assert (result.returncode, result.stderr, apt) == (0, "", [])


def test_a_file_that_is_not_executable_is_not_a_server(tmp_path) -> None:
    install_server(tmp_path, "15", mode=0o644)  # left behind by a package removed without --purge, say
    result, _ = run_check(tmp_path, "--test", "--check", listing="", tools=server_tools(tmp_path))
    assert result.returncode == 1
    assert "sudo apt-get install postgresql" in result.stderr


def check_without_tools_list(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    """The script with ``--tools`` naming a file that does not exist, as a user, no display, outside CI."""
    listed = tmp_path / "libs.txt"
    listed.write_text(LIST, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "CI")}
    command = ["sh", str(SCRIPT), "--check", "--list", str(listed), "--tools", str(tmp_path / "nowhere.txt"), *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=30)


def test_make_run_reads_no_tools_list(tmp_path) -> None:
    """`make run` needs Qt's list only: a checkout without the tests' list says nothing about it."""
    result = check_without_tools_list(tmp_path)
    assert (result.returncode, result.stderr) == (0, "")


def test_the_test_run_without_its_tools_list_stops_and_says_which_file(tmp_path) -> None:
    result = check_without_tools_list(tmp_path, "--test")
    assert result.returncode == 2
    assert f"cannot read {tmp_path / 'nowhere.txt'}" in result.stderr


def test_the_real_tools_list_names_debian_s_postgresql_server_programs() -> None:
    """The bootstrap installs what tests/postgres_cluster.py looks for, from the package that has it."""
    from tests.postgres_cluster import DEBIAN_BIN_GLOB, SERVER_PROGRAMS

    rows = [line.split() for line in (ROOT / "resources" / "system" / "test-tools.txt").read_text().splitlines()]
    listed = {fields[1]: fields[2] for fields in rows if len(fields) == 3 and fields[0] == "tool"}
    assert {program: listed.get(f"{DEBIAN_BIN_GLOB}/{program}") for program in SERVER_PROGRAMS} == {
        program: "postgresql" for program in SERVER_PROGRAMS
    }
