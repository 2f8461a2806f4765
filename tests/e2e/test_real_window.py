"""The real ``hashiya`` program in a real X window, driven by real X input as a new user would.

A fresh settings file, so the app asks who is annotating and the test types the name; then a double
click on a word, its label's hotkey, Ctrl+Z, Ctrl+Shift+Z and Ctrl+Q. Every step is checked in the
project file (read through the store, while the app runs): the span's offsets are those of the word
clicked, undo and redo change the action log. ``make test`` runs offscreen, so the process is started
with ``QT_QPA_PLATFORM=xcb`` on its own Xvfb screen (``x_display``). ``HASHIYA_TEST_HOOK`` makes the
app report where words are drawn (ui/test_hook.py); it says nothing about what a click does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from annotator.sample import ensure_sample_project
from annotator.store import Project

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = ROOT / "build" / "screenshots" / "real-window.png"
NAME = "Layla Haddad"
DIALOG_TITLE = "Who is annotating?"
# The first window may take long on a fresh CI image (imports, compiled caches, fontconfig's cache built
# for the first time); once it is up, every later step answers within seconds.
FIRST_WINDOW_TIMEOUT = 60.0
STEP_TIMEOUT = 15.0
# The developer's scaling would move the words away from where the hook computed them, or resize the screen
# the test clicks on: the app runs at 1:1 whatever the environment says.
SCALING = (
    "QT_SCALE_FACTOR",
    "QT_SCREEN_SCALE_FACTORS",
    "QT_ENABLE_HIGHDPI_SCALING",
    "QT_FONT_DPI",
    "QT_AUTO_SCREEN_SCALE_FACTOR",
)
# Qt's own screen grab of the X root window: no screenshot program needed beyond what the app uses.
GRAB = (
    "import sys\n"
    "from PySide6.QtGui import QGuiApplication\n"
    "app = QGuiApplication(sys.argv[:1])\n"
    "sys.exit(0 if app.primaryScreen().grabWindow(0).save(sys.argv[1]) else 1)\n"
)


def app_environment(environ: Mapping[str, str]) -> dict[str, str]:
    """The test's environment less what would choose another platform or scale the window."""
    dropped = {"WAYLAND_DISPLAY", "QT_QPA_PLATFORM", *SCALING}
    return {k: v for k, v in environ.items() if k not in dropped}


class App:
    """The running ``hashiya`` process and the X display it draws on."""

    def __init__(self, display: str, tmp_path: Path, project: Path) -> None:
        self.hook = tmp_path / "hook.json"
        self.log = tmp_path / "hashiya.log"
        settings = tmp_path / "settings.ini"
        settings.write_text("[ui]\nlanguage=en\n", encoding="utf-8")  # no annotator yet: the app asks
        self.env = app_environment(os.environ)
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

    def wait(self, what: str, found: Callable[[], Any], timeout: float = STEP_TIMEOUT) -> Any:
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
        mine = "SELECT kind, state FROM actions WHERE annotator_id IN (SELECT id FROM annotators WHERE name = ?)"
        actions = [(row["kind"], row["state"]) for row in p.db.query(f"{mine} ORDER BY seq", [NAME])]
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
    dialog = app.wait("the annotator dialog", lambda: app.window_titled(DIALOG_TITLE), FIRST_WINDOW_TIMEOUT)
    app.xdotool("windowfocus", "--sync", dialog)
    app.xdotool("key", "--clearmodifiers", "ctrl+a")
    app.xdotool("type", "--delay", "15", NAME)
    app.xdotool("key", "Return")

    # the main window is built only now (its modules, fonts and models load on this first show): a cold start
    report = app.wait("the window's report of where words are", app.report, FIRST_WINDOW_TIMEOUT)
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


def test_the_app_runs_unscaled_on_the_x_server_whatever_the_developer_s_scaling() -> None:
    """A developer's HiDPI settings would move the words from where the test clicks (or pick Wayland)."""
    mine = {name: "2" for name in SCALING} | {"WAYLAND_DISPLAY": "wayland-0", "QT_QPA_PLATFORM": "offscreen"}
    assert app_environment({**mine, "PATH": "/usr/bin", "LANG": "ar_EG.UTF-8"}) == {
        "PATH": "/usr/bin",
        "LANG": "ar_EG.UTF-8",
    }
