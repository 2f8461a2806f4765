"""Running a worker subprocess to be killed, and checking the project after each kill (crash suites)."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest
from actionlog import Expected, expected_from_log, integrity_problems, pending_intent, read_log, reconcile, stored_state

from annotator.store import Project


def spawn(worker: Path, project: Path, log: Path, annotator: str, seed: int, *extra: str, env=None) -> subprocess.Popen:
    command = [sys.executable, str(worker), "--project", str(project), "--log", str(log)]
    command += ["--annotator", annotator, "--seed", str(seed), *extra]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env)


def wait_ready(proc: subprocess.Popen) -> None:
    line = proc.stdout.readline()
    if line.strip() != b"ready":
        proc.kill()
        _, err = proc.communicate()
        pytest.fail(f"worker did not start: {line!r} {err.decode(errors='replace')[-2000:]}")


def assert_killed(proc: subprocess.Popen) -> None:
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL, f"worker ended by itself ({proc.returncode}): {err.decode()[-2000:]}"


def verify(path: Path, log: Path, annotator: str, state: Expected, seen: int) -> tuple[Expected, int, bool]:
    """Reopen after a kill and check the file against the log; returns the reconciled state,
    how many log records are now accounted for, and whether the unlogged call had committed."""
    records = read_log(log)
    new = records[seen:]
    state = expected_from_log(new, start=state)
    with Project.open(path) as project:  # the app opens it again (WAL recovery happens here)
        assert project.document_count() > 0
    assert integrity_problems(path) == []
    state, committed = reconcile(state, pending_intent(new), stored_state(path, annotator))
    return state, len(records), committed
