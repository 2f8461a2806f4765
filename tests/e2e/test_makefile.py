"""The Makefile's bootstrap on a fresh machine, run for real on a copy of the checkout with stand-ins.

The stand-ins: a system ``python3`` that "creates" a venv, a venv python whose pip calls only get logged, a
``hashiya`` that only logs, and a user id that is not root (so nothing is installed). The libraries' list
has one library no machine has, so the system check has something to say.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("make") is None, reason="the bootstrap is make on Linux"
)
LIST = "any  libc.so.6  libc6\nxcb  libhashiya-absent.so.0  libhashiya-absent0\n"
SYSTEM_PYTHON = """\
#!/bin/sh
echo "python3 $*" >> "$MAKE_LOG"
case "$*" in
    *"import ensurepip"*) exit 0 ;;
    "-m venv --clear .venv")
        mkdir -p .venv/bin && cp "$FAKES/venv-python" .venv/bin/python && cp "$FAKES/hashiya" .venv/bin/ ;;
    *) exit 1 ;;
esac
"""
FAKES = {
    "venv-python": '#!/bin/sh\necho "venv-python $*" >> "$MAKE_LOG"\n',
    "hashiya": '#!/bin/sh\necho "hashiya $*" >> "$MAKE_LOG"\n',
    "id": "#!/bin/sh\necho 1000\n",
}
WARNING = "Qt needs system packages that are missing: libhashiya-absent0"


def checkout(tmp_path: Path) -> Path:
    """A copy of what the bootstrap reads, with the stand-ins beside it."""
    work = tmp_path / "checkout"
    (work / "scripts").mkdir(parents=True)
    (work / "resources" / "system").mkdir(parents=True)
    shutil.copy(ROOT / "Makefile", work)
    shutil.copy(ROOT / "scripts" / "check_system_libs.sh", work / "scripts")
    (work / "resources" / "system" / "qt-libraries.txt").write_text(LIST, encoding="utf-8")
    for name in ("pyproject.toml", "constraints.txt"):
        (work / name).write_text("", encoding="utf-8")
    fakes = tmp_path / "fakes"
    fakes.mkdir()
    for name, body in {**FAKES, "python3": SYSTEM_PYTHON}.items():
        (fakes / name).write_text(body, encoding="utf-8")
        (fakes / name).chmod(0o755)
    return work


def make(work: Path, *targets: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """``make targets`` in ``work`` as a user with a display; the result and the logged commands."""
    fakes = work.parent / "fakes"
    log = work.parent / "make.log"
    log.write_text("", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "MFLAGS", "CI", "WAYLAND"))}
    env.update(DISPLAY=":0", FAKES=str(fakes), MAKE_LOG=str(log), PATH=f"{fakes}{os.pathsep}{env['PATH']}")
    command = ["make", "--no-print-directory", f"PYTHON={fakes / 'python3'}", *targets]
    result = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True, timeout=60)
    return result, log.read_text(encoding="utf-8").splitlines()


def test_a_venv_left_without_pip_by_a_failed_venv_creation_is_created_again(tmp_path) -> None:
    work = checkout(tmp_path)
    broken = work / ".venv" / "bin" / "python"  # what `python3 -m venv` leaves when ensurepip is missing
    broken.parent.mkdir(parents=True)
    broken.write_text("#!/bin/sh\necho 'No module named pip' >&2\nexit 1\n", encoding="utf-8")
    broken.chmod(0o755)
    result, calls = make(work, ".venv/.hashiya-installed")
    assert result.returncode == 0, result.stderr
    assert calls[:2] == ["python3 -c import ensurepip", "python3 -m venv --clear .venv"], calls
    assert any(call.startswith("venv-python -m pip") and " install " in call for call in calls)
    assert (work / ".venv" / ".hashiya-installed").exists()


def test_a_working_venv_is_kept(tmp_path) -> None:
    work = checkout(tmp_path)
    make(work, ".venv/.hashiya-installed")
    (work / ".venv" / ".hashiya-installed").unlink()  # pyproject.toml changed: reinstall, keep the venv
    result, calls = make(work, ".venv/.hashiya-installed")
    assert result.returncode == 0, result.stderr
    assert not [call for call in calls if call.startswith("python3 ")], calls


def test_the_first_make_run_warns_once_about_missing_packages(tmp_path) -> None:
    work = checkout(tmp_path)
    result, calls = make(work, "run")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count(WARNING) == 1, result.stderr
    assert calls[-1] == "hashiya ", "then the app starts"
