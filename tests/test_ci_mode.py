"""The suite under ``CI=true``: the same verdict on every run, and no test quietly vanishing.

Run through pytest in a subprocess, so the conftest's choices are made from the environment
given here, not from the one this suite happens to run in.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_TEST = "tests/core/test_import.py::test_aqmar_as_plain_text_imports"  # needs ../shared/data


def run_pytest(tmp_path: Path, **env: str | None) -> subprocess.CompletedProcess[str]:
    """One data test, verbose (the header names the hypothesis profile), with ``env`` over ours."""
    merged = {**os.environ, "HASHIYA_SHARED_DIR": str(tmp_path / "no-shared-here")}
    merged.pop("HYPOTHESIS_PROFILE", None)
    for key, value in env.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    command = [sys.executable, "-m", "pytest", "-v", "-p", "no:cacheprovider", DATA_TEST]
    return subprocess.run(command, cwd=ROOT, env=merged, capture_output=True, text=True, timeout=300)


def test_in_ci_a_missing_shared_folder_fails_and_hypothesis_is_derandomized(tmp_path):
    result = run_pytest(tmp_path, CI="true")
    assert result.returncode == 1, result.stdout[-2000:]
    assert f"CI=true: {tmp_path / 'no-shared-here' / 'data'} is not available" in result.stdout
    assert "1 error" in result.stdout and "skipped" not in result.stdout
    assert "hypothesis profile 'ci' -> database=None" in result.stdout and "derandomize=True" in result.stdout


def test_locally_a_missing_shared_folder_skips_and_hypothesis_explores(tmp_path):
    result = run_pytest(tmp_path, CI=None)
    assert result.returncode == 0, result.stdout[-2000:]
    assert "1 skipped" in result.stdout and "no-shared-here" in result.stdout
    assert "hypothesis profile 'dev'" in result.stdout
    assert "derandomize" not in result.stdout and "database=None" not in result.stdout  # random, with .hypothesis/


def test_hypothesis_profile_in_the_environment_wins(tmp_path):
    result = run_pytest(tmp_path, CI="true", HYPOTHESIS_PROFILE="dev")
    assert "hypothesis profile 'dev'" in result.stdout, result.stdout[-2000:]
