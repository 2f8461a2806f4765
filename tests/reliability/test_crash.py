"""Crash safety of the core store: kill -9 never loses an action that returned, never corrupts.

A subprocess annotates through the core API and logs each call after it returns; it is killed
with SIGKILL at random moments (and, deterministically, just before and just after a COMMIT).
On reopening, every logged action is there, ``PRAGMA integrity_check`` is ok, and undo walks
back exactly the logged actions (plus the one unlogged call, if it committed before the kill).

The same harness takes a window-driven worker once ``ui/`` has a main window: see
``test_crash_window.py``.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from actionlog import (
    Expected,
    expected_from_log,
    integrity_problems,
    pending_intent,
    read_log,
    reconcile,
    stored_state,
    undo_walk,
)
from crashharness import assert_killed, spawn, verify, wait_ready

from annotator.importing import import_paths
from annotator.model import IncomingDocument
from annotator.store import Project

WORKER = Path(__file__).with_name("worker_annotate.py")
ANNOTATOR = "crash-tester"
ROUNDS = 6
SEED = int(os.environ.get("HASHIYA_CRASH_SEED", "7"))


def test_sigkill_at_random_moments_loses_no_logged_action(disk_project):
    rng = random.Random(SEED)
    log = disk_project.with_suffix(".log")
    state, seen, logged, committed_unlogged = Expected(), 0, 0, 0
    for round_number in range(ROUNDS):
        proc = spawn(WORKER, disk_project, log, ANNOTATOR, rng.randrange(2**31))
        if round_number == 0:
            time.sleep(rng.uniform(0.0, 0.6))  # may land while the worker starts and opens the file
        else:
            wait_ready(proc)
            time.sleep(rng.uniform(0.05, 0.9))
        proc.send_signal(signal.SIGKILL)
        assert_killed(proc)
        state, seen, committed = verify(disk_project, log, ANNOTATOR, state, seen)
        committed_unlogged += committed
        logged = sum(1 for r in read_log(log) if "change" in r)
    assert logged > 50, f"the worker managed only {logged} calls: the test proved little"
    assert len(state.order) > 20
    undo_walk(disk_project, ANNOTATOR, state)
    print(f"seed {SEED}: {logged} logged calls, {len(state.order)} actions, {committed_unlogged} unlogged commits")


@pytest.mark.parametrize(("mode", "committed"), [("before-commit", False), ("after-commit", True)])
def test_death_inside_an_action(disk_project, mode, committed):
    """Killed as SQLite starts the COMMIT: the action is absent. Killed after it: present, though unlogged."""
    log = disk_project.with_suffix(".log")
    die_at = random.Random(SEED).randrange(25, 60)
    proc = spawn(WORKER, disk_project, log, ANNOTATOR, SEED, "--die", mode, "--die-at", str(die_at))
    assert_killed(proc)
    records = read_log(log)
    intent = pending_intent(records)
    assert intent is not None and intent["i"] >= die_at, "the worker did not die inside a call"
    state, _, was_committed = verify(disk_project, log, ANNOTATOR, Expected(), 0)
    assert was_committed is committed
    undo_walk(disk_project, ANNOTATOR, state)


def _wal_frames(wal: bytes) -> tuple[int, list[tuple[int, int, bytes]]]:
    """``(page_size, [(page_number, commit_size, page)])`` of a write-ahead log file."""
    page_size = int.from_bytes(wal[8:12], "big")
    frames, offset = [], 32
    while offset + 24 + page_size <= len(wal):
        header = wal[offset : offset + 24]
        page = wal[offset + 24 : offset + 24 + page_size]
        frames.append((int.from_bytes(header[0:4], "big"), int.from_bytes(header[4:8], "big"), page))
        offset += 24 + page_size
    return page_size, frames


def test_crash_during_a_checkpoint_keeps_the_project(disk_project, tmp_path, seed_text):
    """A kill while SQLite copies the log into the file leaves the file shorter than its header says.

    SQLite recovers from the intact -wal; Hashiya must open the project rather than call it truncated.
    The crash image is the files as they are while a connection is open (what SIGKILL leaves), with
    the checkpoint's first write (page 1, which carries the new size) applied to the file.
    """
    project = Project.open(disk_project)
    project.database.set_pragma("wal_autocheckpoint", 0)  # keep every new page in the log
    texts = [f"{seed_text}\n{i}" for i in range(40)]
    outcomes, _ = project.add_documents([IncomingDocument(f"more-{i}", t, f"m{i}.txt") for i, t in enumerate(texts)])
    project.add_span(outcomes[-1].document_id, ANNOTATOR, 0, 4, "GPE")
    image = tmp_path / "image.hashiya"
    shutil.copyfile(disk_project, image)
    shutil.copyfile(f"{disk_project}-wal", f"{image}-wal")
    project.close()

    page_size, frames = _wal_frames(Path(f"{image}-wal").read_bytes())
    last_commit = max(i for i, (_, size, _) in enumerate(frames) if size)
    page_one = next(page for number, _, page in reversed(frames[: last_commit + 1]) if number == 1)
    with image.open("r+b") as handle:
        handle.write(page_one)
    header_size = int.from_bytes(page_one[28:32], "big") * page_size
    assert image.stat().st_size < header_size, "scenario not reached: the file is not shorter than its header"

    with Project.open(image) as reopened:
        assert reopened.document_count() == 3 + len(texts)
        assert [s.label for s in reopened.spans(outcomes[-1].document_id, ANNOTATOR)] == ["GPE"]
    assert integrity_problems(image) == []


@pytest.mark.parametrize("damage", ["lose a span", "flip an undo", "lose an action"])
def test_the_check_notices_a_lost_or_altered_action(disk_project, damage):
    """The verifier itself can fail: damage one logged action in the file and it must object."""
    import sqlite3

    from actionlog import LogWriter
    from worker_annotate import Worker, run

    log = disk_project.with_suffix(".log")
    with Project.open(disk_project) as project:
        project.ensure_annotator(ANNOTATOR)
        writer = LogWriter(log)
        run(Worker(project, ANNOTATOR, random.Random(SEED)), writer, 60)
        writer.close()
    state = expected_from_log(read_log(log))
    assert reconcile(state, None, stored_state(disk_project, ANNOTATOR))[1] is False  # intact: accepted
    statement = {
        "lose a span": "DELETE FROM spans WHERE id = (SELECT MAX(id) FROM spans)",
        "flip an undo": "UPDATE actions SET state = CASE state WHEN 'done' THEN 'undone' ELSE 'done' END "
        "WHERE seq = (SELECT MAX(seq) FROM actions)",
        # the worker's first action (the project's imports are logged actions too, earlier)
        "lose an action": "DELETE FROM actions WHERE seq = "
        "(SELECT MIN(seq) FROM actions WHERE kind <> 'add_documents')",
    }[damage]
    conn = sqlite3.connect(disk_project)
    with conn:
        conn.execute(statement)
    conn.close()
    with pytest.raises(AssertionError, match="does not hold what the log says"):
        reconcile(state, None, stored_state(disk_project, ANNOTATOR))


IMPORT_AND_DIE = """
import os, signal, sys
from annotator.importing import import_paths
from annotator.store import Project

project = Project.open(sys.argv[1])
inserted = []

def trace(sql):  # fault injection: SQLite calls this as each statement starts
    if sql.lstrip().upper().startswith("INSERT INTO DOCUMENTS"):
        inserted.append(sql)
        if len(inserted) == int(sys.argv[3]):
            os.kill(os.getpid(), signal.SIGKILL)

project.database.trace(trace)
import_paths(project, [sys.argv[2]])
"""


def test_kill_in_the_middle_of_an_import_stores_none_of_it(disk_project, tmp_path, seed_text):
    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(40):
        (folder / f"article-{i:02d}.txt").write_text(f"{seed_text}\n{i}", encoding="utf-8")
    before = Project.open(disk_project)
    count = before.document_count()
    before.close()
    proc = subprocess.run(
        [sys.executable, "-c", IMPORT_AND_DIE, str(disk_project), str(folder), "20"], capture_output=True, timeout=120
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()[-2000:]
    assert integrity_problems(disk_project) == []
    with Project.open(disk_project) as project:
        assert project.document_count() == count, "half an import survived the crash"
        report = import_paths(project, [folder])  # and the project is not stuck: the import works now
        assert report.count("added") == 40 and project.document_count() == count + 40
