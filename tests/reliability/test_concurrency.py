"""Concurrency: two processes annotating one project file, and a project held locked by another.

Two workers (different annotators) start together and make hundreds of calls each: every
returned call is in the file, nothing of the other annotator is touched, the file is sound. A
lock held longer than the busy timeout gives a clear ``ProjectError`` naming the file (API) and
one line, exit 1 (CLI); a lock released within the timeout is simply waited for.
"""

from __future__ import annotations

import gc
import itertools
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from actionlog import expected_from_log, integrity_problems, read_log, stored_state, undo_walk
from projectfiles import snapshot

import annotator.store.connection as connection
from annotator.cli import main as cli_main
from annotator.errors import ProjectError
from annotator.store import Project

WORKER = Path(__file__).with_name("worker_annotate.py")
CALLS = 250


@pytest.mark.parametrize("pause_ms", [0.0, 1.5], ids=["hammering", "with-think-time"])
def test_two_annotators_at_once_lose_no_write(disk_project, pause_ms):
    """Hammering: back-to-back calls (the lock is almost never free). Think time: calls interleave."""
    logs = {name: disk_project.with_name(f"{name}.log") for name in ("alice", "bob")}
    procs = {}
    for seed, (name, log) in enumerate(logs.items()):
        command = [sys.executable, str(WORKER), "--project", str(disk_project), "--log", str(log)]
        command += ["--annotator", name, "--seed", str(seed), "--actions", str(CALLS), "--wait-go"]
        command += ["--pause-ms", str(pause_ms)]
        procs[name] = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        for proc in procs.values():
            assert proc.stdout.readline().strip() == b"ready", proc.stderr.read().decode()[-2000:]
        for proc in procs.values():
            proc.stdin.write(b"go\n")
            proc.stdin.flush()
        for name, proc in procs.items():
            _, err = proc.communicate(timeout=300)
            assert (proc.returncode, err.decode()) == (0, ""), f"{name} failed"
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                proc.wait()

    assert integrity_problems(disk_project) == []
    states = {}
    for name, log in logs.items():
        records = read_log(log)
        errors = [r for r in records if "error" in r]
        if pause_ms:
            assert errors == [], f"{name}: calls failed while the other process wrote: {errors[:3]}"
        else:  # back-to-back writers can starve each other past the busy timeout on a loaded machine:
            # then the call must be refused cleanly (and, checked below, have stored nothing)
            assert all("busy" in r["message"] for r in errors), errors[:3]
        assert sum(1 for r in records if "change" in r) + len(errors) == CALLS
        states[name] = expected_from_log(records)
        assert stored_state(disk_project, name).state.comparable() == states[name].comparable(), f"{name} lost work"
    if pause_ms:
        _assert_interleaved(disk_project)
    slowest = max(r["s"] for log in logs.values() for r in read_log(log) if "s" in r)
    print(f"slowest call while the other process wrote: {slowest * 1000:.0f} ms")
    undo_walk(disk_project, "alice", states["alice"])  # alice's undo never touches bob's work
    assert stored_state(disk_project, "bob").state.comparable() == states["bob"].comparable()


def _assert_interleaved(path: Path) -> None:
    """The two annotators' actions alternate in the log: the processes really wrote at the same time."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    owners = [row[0] for row in conn.execute("SELECT annotator_id FROM actions ORDER BY seq")]
    conn.close()
    switches = sum(1 for a, b in itertools.pairwise(owners) if a != b)
    assert switches >= 4, f"the workers barely overlapped ({switches} switches): not a concurrency test"


@pytest.fixture
def short_timeout(monkeypatch):
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_S", 0.3)
    return 0.3


class Locker:
    """Another program holding the project's write lock (``BEGIN IMMEDIATE``) until released."""

    def __init__(self, path: Path, mode: str = "BEGIN IMMEDIATE") -> None:
        self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        if mode == "exclusive locking mode":  # e.g. a database browser opened with locking_mode=EXCLUSIVE
            self.conn.execute("PRAGMA locking_mode = EXCLUSIVE")
            self.conn.execute("BEGIN EXCLUSIVE")
            self.conn.execute("UPDATE meta SET value = value WHERE key = 'project_id'")
            self.conn.execute("COMMIT")
        else:
            self.conn.execute(mode)

    def release(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
        self.conn.close()


@pytest.mark.parametrize("mode", ["BEGIN IMMEDIATE", "BEGIN EXCLUSIVE"])
def test_a_project_being_written_opens_and_reads(disk_project, short_timeout, mode):
    """In WAL mode a writer does not block readers: stats, export and the window open at once."""
    locker = Locker(disk_project, mode)
    try:
        before = snapshot(disk_project)
        with Project.open(disk_project) as project:
            assert project.stats()["documents"] == project.document_count() == 3
        assert snapshot(disk_project) == before
    finally:
        locker.release()


@pytest.mark.parametrize("mode", ["exclusive locking mode"])
def test_opening_a_locked_project_says_busy_and_changes_nothing(disk_project, short_timeout, mode):
    locker = Locker(disk_project, mode)
    try:
        before = snapshot(disk_project)
        with pytest.raises(ProjectError, match="busy") as error:
            Project.open(disk_project)
        assert str(disk_project) in str(error.value)
        assert "damaged" not in str(error.value)
        assert snapshot(disk_project) == before
    finally:
        locker.release()


def test_an_action_on_a_locked_project_fails_cleanly_then_works(disk_project, short_timeout):
    with Project.open(disk_project) as project:
        doc = project.documents()[0].id
        locker = Locker(disk_project)
        try:
            with pytest.raises(ProjectError, match="busy"):
                project.add_span(doc, "alice", 0, 4, "GPE")
        finally:
            locker.release()
        assert project.spans(doc) == []
        assert not project.can_undo("alice")
        change = project.add_span(doc, "alice", 0, 4, "GPE")
        assert [s.id for s in project.spans(doc)] == [change.spans_added[0].id]
        assert project.undo("alice").action_id == change.action_id


def test_a_lock_released_within_the_timeout_is_waited_for(disk_project, monkeypatch):
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_S", 10.0)
    with Project.open(disk_project) as project:
        doc = project.documents()[0].id
        locker = Locker(disk_project)
        timer = threading.Timer(0.4, locker.release)
        started = time.monotonic()
        timer.start()
        try:
            change = project.add_span(doc, "alice", 0, 4, "GPE")
        finally:
            timer.join()
        assert time.monotonic() - started >= 0.3, "the call did not wait for the lock"
        assert [s.id for s in project.spans(doc, "alice")] == [change.spans_added[0].id]


def test_cli_writing_to_a_locked_project_prints_one_line(disk_project, short_timeout, capsys, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("خبر جديد من بيروت.", encoding="utf-8")
    locker = Locker(disk_project)
    try:
        before = snapshot(disk_project)
        assert cli_main(["import", str(disk_project), str(article)]) == 1
        assert snapshot(disk_project) == before
        capsys.readouterr()
        assert cli_main(["stats", str(disk_project)]) == 0  # reading never waits for the writer
        assert "documents  3" in capsys.readouterr().out
    finally:
        locker.release()
    assert cli_main(["import", str(disk_project), str(article)]) == 0  # and the lock gone, it works


def test_cli_on_an_exclusively_locked_project_prints_one_line(disk_project, short_timeout, capsys):
    locker = Locker(disk_project, "exclusive locking mode")
    try:
        assert cli_main(["stats", str(disk_project)]) == 1
    finally:
        locker.release()
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("hashiya: error: ") and "busy" in err, err


def test_console_script_on_a_locked_project_waits_then_says_busy(disk_project, tmp_path):
    """The real command, real timeout: a bounded wait, then one line and exit 1 — no traceback."""
    article = tmp_path / "article.txt"
    article.write_text("خبر جديد من بيروت.", encoding="utf-8")
    script = Path(sys.executable).with_name("hashiya")
    command = (
        [str(script)] if script.exists() else [sys.executable, "-c", "import sys, ui.entry; sys.exit(ui.entry.main())"]
    )
    locker = Locker(disk_project)
    try:
        started = time.monotonic()
        result = subprocess.run(
            [*command, "import", str(disk_project), str(article)], capture_output=True, text=True, timeout=120
        )
        waited = time.monotonic() - started
    finally:
        locker.release()
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "busy" in result.stderr and "Traceback" not in result.stderr
    assert waited >= connection.BUSY_TIMEOUT_S * 0.8, "gave up without retrying for the busy timeout"


def _as_version_1(path: Path) -> None:
    """Mark ``path`` as written by Hashiya 0.1, so opening it must take the write lock to upgrade it."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA user_version = 1")
    conn.close()


@pytest.mark.parametrize(
    ("mode", "older"),
    [("exclusive locking mode", False), ("BEGIN IMMEDIATE", True)],
    ids=["unreadable-while-locked", "upgrade-cannot-take-the-write-lock"],
)
def test_a_failed_open_lets_go_of_the_file(disk_project, short_timeout, mode, older):
    """Both ways opening can fail on a lock (reading the file, upgrading it) close the connection at once."""
    if older:
        _as_version_1(disk_project)
    gc.disable()  # the leaked connection sits in a reference cycle: make its lifetime deterministic
    try:
        locker = Locker(disk_project, mode)
        try:
            with pytest.raises(ProjectError, match="busy"):  # the failed-open path did run
                Project.open(disk_project)
        finally:
            locker.release()
        assert _handles_on(disk_project) == []  # no file handle kept (on Windows it would block a rename)
        probe = sqlite3.connect(disk_project, isolation_level=None, timeout=0)
        try:
            probe.execute("PRAGMA locking_mode = EXCLUSIVE")
            probe.execute("BEGIN EXCLUSIVE")  # fails while any other connection holds a lock on the file
            probe.execute("COMMIT")
        finally:
            probe.close()
    finally:
        gc.enable()


def _handles_on(path: Path) -> list[str]:
    """This process's open file descriptors on ``path`` or its ``-wal``/``-shm`` (Linux; elsewhere none)."""
    fds = Path("/proc/self/fd")
    if not fds.is_dir():
        return []
    names = {str(path), f"{path}-wal", f"{path}-shm"}
    found = []
    for fd in fds.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:  # closed since listing (the listing's own descriptor)
            continue
        if target in names:
            found.append(target)
    return found
