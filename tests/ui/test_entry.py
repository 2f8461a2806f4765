"""``hashiya`` on a machine without a desktop says so instead of letting Qt abort."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ui.entry import missing_display


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="DISPLAY is how Linux desktops are found")
def test_no_display_falls_back_to_statistics(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["XDG_DATA_HOME"] = str(tmp_path)  # the sample project is built here, not in the user's data
    exe = Path(sys.executable).with_name("hashiya")
    result = subprocess.run([str(exe)], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "no display" in result.stderr and "Traceback" not in result.stderr
    assert "tokens     483" in result.stdout


def test_a_display_or_a_platform_lets_the_window_start(monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert missing_display() is None
    monkeypatch.delenv("QT_QPA_PLATFORM")
    monkeypatch.setenv("DISPLAY", ":0")
    assert missing_display() is None
