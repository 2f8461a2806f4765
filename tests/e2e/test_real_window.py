"""The real ``hashiya`` program in a real X window, driven by real X input as a new user would.

A fresh settings file, so the app asks who is annotating and the test types the name; then a double
click on a word, its label's hotkey, Ctrl+Z, Ctrl+Shift+Z and Ctrl+Q. Every step is checked in the
project file (read through the store, while the app runs): the span's offsets are those of the word
clicked, undo and redo change the action log. ``make test`` runs offscreen, so the process is started
with ``QT_QPA_PLATFORM=xcb`` on its own Xvfb screen (``x_display``). ``HASHIYA_TEST_HOOK`` makes the
app report where words are drawn (ui/probe.py); it says nothing about what a click does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from annotator.sample import ensure_sample_project
from annotator.store import Project

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = ROOT / "build" / "screenshots" / "real-window.png"
NAME = "Layla Haddad"
DIALOG_TITLE = "Who is annotating?"
# Qt's own screen grab of the X root window: no screenshot program needed beyond what the app uses.
GRAB = (
    "import sys\n"
    "from PySide6.QtGui import QGuiApplication\n"
    "app = QGuiApplication(sys.argv[:1])\n"
    "sys.exit(0 if app.primaryScreen().grabWindow(0).save(sys.argv[1]) else 1)\n"
)


class App:
    """The running ``hashiya`` process and the X display it draws on."""

    def __init__(self, display: str, tmp_path: Path, project: Path) -> None:
        self.hook = tmp_path / "hook.json"
        self.log = tmp_path / "hashiya.log"
        settings = tmp_path / "settings.ini"
        settings.write_text("[ui]\nlanguage=en\n", encoding="utf-8")  # no annotator yet: the app asks
        self.env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
        self.env.update(
            DISPLAY=display,
            QT_QPA_PLATFORM="xcb",
            HASHIYA_SETTINGS=str(settings),
            XDG_DATA_HOME=str(tmp_path / "data"),
            XDG_CONFIG_HOME=str(tmp_path / "config"),
            HASHIYA_TEST_HOOK=str(self.hook),
        )
        exe = Path(sys.executable).with_name("hashiya")
        with self.log.open("w") as log:
            self.process = subprocess.Popen([str(exe), "open", str(project)], env=self.env, stdout=log, stderr=log)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def xdotool(self, *args: str, check: bool = True) -> str:
        """Real X input (or a window search) on the app's display; a refused command fails the test."""
        result = subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=10)
        if check and result.returncode != 0:
            pytest.fail(f"xdotool {' '.join(args)} failed: {result.stderr.strip()}")
        return result.stdout.strip()

    def wait(self, what: str, found: Callable[[], Any], timeout: float = 15.0) -> Any:
        """Poll ``found`` until it returns something true; fail early if the app has exited."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = found()
            if value:
                return value
            if self.process.poll() is not None:
                pytest.fail(f"hashiya exited ({self.process.returncode}) before {what}:\n{self.output()}")
            time.sleep(0.05)
        pytest.fail(f"timed out waiting for {what}:\n{self.output()}")

    def window_titled(self, title: str) -> str:
        ids = self.xdotool("search", "--onlyvisible", "--name", title, check=False).split()  # 1: none yet
        return ids[0] if ids else ""

    def report(self) -> dict[str, Any] | None:
        return json.loads(self.hook.read_text(encoding="utf-8")) if self.hook.exists() else None

    def screenshot(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-c", GRAB, str(path)], env=self.env, check=True, timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


State = tuple[list[tuple[int, int, str]], list[tuple[str, str]]]


def stored(project: Path, document_id: str) -> State:
    """The annotator's spans and action log as the project file holds them now (read-only)."""
    with Project.open(project) as p:
        spans = [(s.start, s.end, s.label) for s in p.spans(document_id, NAME)]
        actions = [(row["kind"], row["state"]) for row in p.db.query("SELECT kind, state FROM actions ORDER BY seq")]
    return spans, actions


@pytest.fixture
def app(x_display, tmp_path):
    project = ensure_sample_project(tmp_path / "sample.hashiya")
    running = App(x_display, tmp_path, project)
    yield running, project
    running.stop()


def test_a_user_tags_a_word_undoes_and_redoes_in_the_real_window(app) -> None:
    app, project = app
    with Project.open(project) as p:
        document_id = p.documents()[0].id
        text = p.document(document_id).text
        label = p.schema.labels[0]

    def changed_from(before: State) -> Callable[[], State | None]:
        def check() -> State | None:
            now = stored(project, document_id)
            return now if now != before else None

        return check

    # first run: the app asks who is annotating; type the name as a user would
    dialog = app.wait("the annotator dialog", lambda: app.window_titled(DIALOG_TITLE))
    app.xdotool("windowfocus", "--sync", dialog)
    app.xdotool("key", "--clearmodifiers", "ctrl+a")
    app.xdotool("type", "--delay", "15", NAME)
    app.xdotool("key", "Return")

    report = app.wait("the window's report of where words are", app.report)
    assert report["document_id"] == document_id
    word = report["words"][min(4, len(report["words"]) - 1)]
    assert text[word["start"] : word["end"]] == word["text"], "the probe names a word of the stored text"
    untouched: State = ([], [])
    assert stored(project, document_id) == untouched

    app.xdotool("windowfocus", "--sync", str(report["window"]))
    app.xdotool("mousemove", "--sync", str(word["x"]), str(word["y"]))
    app.xdotool("click", "--repeat", "2", "--delay", "80", "1")
    app.xdotool("key", label.hotkey)
    tagged = app.wait("the span in the project file", changed_from(untouched))
    expected = [(word["start"], word["end"], label.name)]
    assert tagged == (expected, [("add_span", "done")]), f"double-click on {word['text']!r}, key {label.hotkey}"

    app.xdotool("key", "ctrl+z")
    assert app.wait("the undo", changed_from(tagged)) == ([], [("add_span", "undone")])

    app.xdotool("key", "ctrl+shift+z")
    assert app.wait("the redo", changed_from(([], [("add_span", "undone")]))) == tagged

    app.screenshot(SCREENSHOT)  # look at it: the word boxed in the label's colour, its tag above
    assert SCREENSHOT.stat().st_size > 10_000

    app.xdotool("key", "ctrl+q")
    assert app.process.wait(timeout=15) == 0, app.output()
    assert stored(project, document_id) == tagged, "the work outlives the window"
    with Project.open(project) as p:
        assert [a.name for a in p.annotators()] == [NAME], "the work is kept under the name typed"
