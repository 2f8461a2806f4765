"""The background worker: results, errors and cancellation arrive on the window's thread."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject, QThread

from annotator.errors import HashiyaError
from ui.workers import Cancelled, cancelling, start_job


def _collect(qtbot, work, **extra):
    seen: dict = {"progress": [], "threads": set()}
    main = QThread.currentThread()

    def note(kind):
        def record(*args):
            seen["threads"].add(QThread.currentThread() is main)
            seen[kind] = args

        return record

    def progress(done, total, message):
        seen["threads"].add(QThread.currentThread() is main)
        seen["progress"].append((done, total, message))

    parent = QObject()
    job = start_job(
        parent,
        work,
        on_progress=progress,
        on_done=note("done"),
        on_failed=note("failed"),
        on_cancelled=note("cancelled"),
        **extra,
    )
    return job, seen, parent


def test_result_and_progress_arrive_on_the_window_thread(qtbot):
    worker_threads = []

    def work(progress, cancelled):
        worker_threads.append(threading.get_ident())
        for i in range(1, 1001):
            progress(i, 1000, f"item {i}")
        return 42

    job, seen, _parent = _collect(qtbot, work)
    qtbot.waitUntil(lambda: not job.running, timeout=5000)
    assert seen["done"] == (42,)
    assert seen["threads"] == {True}  # every callback on the window's thread
    assert worker_threads[0] != threading.get_ident()
    assert seen["progress"][-1] == (1000, 1000, "item 1000")  # the last update always arrives
    assert len(seen["progress"]) < 1000  # throttled: the window is not flooded


def test_user_error_is_its_message_and_a_bug_is_one_line(qtbot):
    def bad(progress, cancelled):
        raise HashiyaError("file.conll:3: unknown label FOO")

    job, seen, _parent = _collect(qtbot, bad)
    qtbot.waitUntil(lambda: not job.running, timeout=5000)
    assert seen["failed"] == ("file.conll:3: unknown label FOO",)
    assert isinstance(job.error, HashiyaError)

    def bug(progress, cancelled):
        return {}["missing"]

    job, seen, _parent = _collect(qtbot, bug)
    qtbot.waitUntil(lambda: not job.running, timeout=5000)
    (message,) = seen["failed"]
    assert message.startswith("Unexpected error: KeyError") and "Traceback" not in message and "\n" not in message


def test_cancel_stops_work_that_only_reports_progress(qtbot):
    started = threading.Event()
    steps = []

    def work(progress, cancelled):
        report = cancelling(progress, cancelled)
        for i in range(10_000):
            report(i, 10_000, "")
            steps.append(i)
            started.set()
            time.sleep(0.001)
        return "finished"

    job, seen, _parent = _collect(qtbot, work)
    started.wait(5)
    job.cancel()
    qtbot.waitUntil(lambda: not job.running, timeout=5000)
    assert "cancelled" in seen and "done" not in seen
    assert len(steps) < 10_000


def test_work_that_returns_after_cancel_delivers_its_partial_result(qtbot):
    def work(progress, cancelled):
        while not cancelled():
            time.sleep(0.001)
        return "partial"

    job, seen, _parent = _collect(qtbot, work)
    job.cancel()
    qtbot.waitUntil(lambda: not job.running, timeout=5000)
    assert seen["done"] == ("partial",) and job.cancel_requested


def test_deleting_the_parent_mid_run_drops_callbacks_without_crashing(qtbot):
    release = threading.Event()
    delivered = []

    def work(progress, cancelled):
        release.wait(5)
        raise Cancelled

    parent = QObject()
    job = start_job(parent, work, on_cancelled=lambda: delivered.append(1))
    runner = job._runner
    parent.deleteLater()
    qtbot.wait(10)
    release.set()
    assert runner.wait(5000)
    qtbot.wait(20)
    assert delivered == []


def test_project_jobs_get_their_own_connection(qtbot, tmp_path) -> None:
    from annotator.model import IncomingDocument
    from annotator.store import Project
    from ui.workers import start_project_job

    results = []
    with Project.create(tmp_path / "p.hashiya") as project:

        def add(own, progress, cancelled):
            assert own is not project  # SQLite connections belong to their thread
            own.add_documents([IncomingDocument("a", "نص قصير.", "a.txt")])
            return threading.get_ident()

        job = start_project_job(None, project, add, on_done=results.append)
        qtbot.waitUntil(lambda: not job.running, timeout=5000)
        assert results[0] != threading.get_ident()
        assert project.document_count() == 1  # committed, seen by the window's connection

    with Project.memory() as memory:  # no file to share: runs here, still answers through the event loop
        job = start_project_job(None, memory, lambda own, p, c: own is memory, on_done=results.append)
        assert results[1:] == []
        qtbot.waitUntil(lambda: not job.running, timeout=5000)
        assert results[1] is True
