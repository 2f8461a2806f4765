"""``hashiya`` with no arguments opens the window on the sample project (a real process, offscreen)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_hashiya_without_arguments_shows_the_window_on_the_sample_project(tmp_path) -> None:
    settings = tmp_path / "settings.ini"
    settings.write_text("[annotator]\nname=tester\n", encoding="utf-8")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(tmp_path / "data"),  # the sample project is built here, not in the real home
        "HASHIYA_SETTINGS": str(settings),
        "HASHIYA_EXIT_WHEN_SHOWN": "1",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import sys; from ui.entry import main; sys.exit(main([]))"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "window shown" in result.stdout
    assert list((tmp_path / "data").rglob("sample.hashiya")), "the sample project was created"


def test_a_bad_project_file_is_one_clear_error(tmp_path) -> None:
    bad = tmp_path / "notes.hashiya"
    bad.write_text("not a database", encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HASHIYA_SETTINGS": str(tmp_path / "s.ini")}
    result = subprocess.run(
        [sys.executable, "-c", f"import sys; from ui.entry import main; sys.exit(main(['open', {str(bad)!r}]))"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "not a Hashiya project" in result.stderr
