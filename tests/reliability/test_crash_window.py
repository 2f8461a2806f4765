"""Crash safety through the window: a user annotating offscreen is killed with SIGKILL.

The worker (``worker_window.py``) drives the real main window with keys and menu actions; each
change the store commits is logged. After each kill the project reopens with every logged
change in it, ``PRAGMA integrity_check`` is ok, and at the end undo walks back exactly the
logged actions. The same verifier as the core crash suite (``actionlog.py``) judges it.
"""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

from actionlog import Expected, read_log, undo_walk
from crashharness import assert_killed, spawn, verify, wait_ready

WORKER = Path(__file__).with_name("worker_window.py")
ANNOTATOR = "window-tester"
ROUNDS = 3
SEED = int(os.environ.get("HASHIYA_CRASH_SEED", "7"))


def test_sigkill_while_annotating_in_the_window_loses_nothing(disk_project, tmp_path):
    rng = random.Random(SEED)
    log = disk_project.with_suffix(".log")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HASHIYA_SETTINGS": str(tmp_path / "settings.ini")}
    state, seen = Expected(), 0
    for _ in range(ROUNDS):
        proc = spawn(WORKER, disk_project, log, ANNOTATOR, rng.randrange(2**31), env=env)
        wait_ready(proc)
        time.sleep(rng.uniform(0.3, 1.5))
        proc.send_signal(signal.SIGKILL)
        assert_killed(proc)
        state, seen, _ = verify(disk_project, log, ANNOTATOR, state, seen)
    records = read_log(log)
    errors = [r["exception"] for r in records if "exception" in r]
    assert errors == [], f"the window raised while annotating:\n{errors[0]}"
    changes = sum(1 for r in records if "change" in r)
    assert changes > 20, f"only {changes} changes through the window: the test proved little"
    undo_walk(disk_project, ANNOTATOR, state)
    kinds = sorted({r["change"]["kind"].split(":")[0] for r in records if "change" in r})
    print(f"seed {SEED}: {changes} changes through the window ({', '.join(kinds)}), {len(state.order)} actions")
