"""A subprocess that annotates through the window (offscreen), as a user does, for the crash suite.

It selects words in the document view and presses label keys, steps through spans with Tab and
deletes or relabels them, and uses the menu actions for undo, redo, next document and "done".
Each change the store commits is logged by a ``Project.subscribe`` listener (so a logged change
is a committed one); an ``intent`` record precedes every user action, because a kill can land
between a commit and the listener. Python exceptions raised inside Qt callbacks (which Qt would
otherwise only print) are logged too: the suite treats them as failures.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import traceback

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from actionlog import LogWriter, change_record
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.store import Project
from ui.app import build_window
from ui.settings import Settings

DIGITS = [getattr(Qt.Key, f"Key_{d}") for d in range(1, 10)]


def user_action(window, project: Project, rng: random.Random) -> None:
    view, actions = window.view, window.actions_by_name
    roll = rng.random()
    if roll < 0.55:  # select one to three words and press a label key
        tokens = project.token_offsets(window.session.document_id)
        first = rng.randrange(len(tokens))
        last = min(len(tokens) - 1, first + rng.choice((0, 0, 1, 2)))
        view.select_range(tokens[first][0], tokens[last][1])
        QTest.keyClick(view, rng.choice(DIGITS))
    elif roll < 0.65:  # next span, then delete it
        QTest.keyClick(view, Qt.Key.Key_Tab)
        QTest.keyClick(view, Qt.Key.Key_Delete)
    elif roll < 0.73:  # next span, then relabel it
        QTest.keyClick(view, Qt.Key.Key_Tab)
        QTest.keyClick(view, rng.choice(DIGITS))
    elif roll < 0.86:
        actions["undo"].trigger()
    elif roll < 0.93:
        actions["redo"].trigger()
    elif roll < 0.97:
        actions["next"].trigger()
    else:
        actions["done"].trigger()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--project", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--annotator", required=True)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    log = LogWriter(args.log)
    sys.excepthook = lambda kind, value, tb: log.write(
        {"exception": "".join(traceback.format_exception(kind, value, tb))[-3000:]}
    )
    project = Project.open(args.project)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    settings = Settings()
    settings.language = "en"
    window = build_window(project, args.annotator, settings)
    window.resize(1280, 820)
    window.show()
    app.processEvents()
    project.subscribe(lambda change: log.write({"done": "window", "change": change_record(change)}))
    print("ready", flush=True)
    rng = random.Random(args.seed)
    while True:
        log.write({"intent": "any"})
        user_action(window, project, rng)
        app.processEvents()


if __name__ == "__main__":
    sys.exit(main())
