"""Running ``torch_probe.py`` (the window in a fresh interpreter) from a test, and reading its report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

PROBE = Path(__file__).with_name("torch_probe.py")


def run_probe(scenario: str, tmp_path: Path, *args: str) -> dict[str, Any]:
    """The probe's JSON report for ``scenario``, run offscreen with private settings under ``tmp_path``.

    The report is only evidence if torch was not loaded when the probe started: that is asserted.
    """
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HASHIYA_SETTINGS": str(tmp_path / "settings.ini")}
    workdir = tmp_path / f"probe-{scenario}"
    workdir.mkdir()
    done = subprocess.run(
        [sys.executable, str(PROBE), scenario, str(workdir), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["torch_at_start"] is False, "the probe must start without torch, or it proves nothing"
    return report
