"""Server projects (issue 17): a project on a real PostgreSQL server behaves as a project file does.

The store suite itself runs on both engines (modules marked ``both_backends``); these tests cover
what only a server has: addresses and their errors, other connections' writes reaching the change
bus through NOTIFY, writers serialized per project, and ``hashiya copy`` both ways."""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.errors import ProjectError
from annotator.model import DocStatus, IncomingDocument
from annotator.recommenders.base import Prediction, Suggestion
from annotator.store import Project
from annotator.store.copying import copy_project
from annotator.store.postgres import pool
from annotator.store.postgres.database import PostgresDatabase
from annotator.store.watcher import StoreWatcher

pytestmark = pytest.mark.both_backends

TEXT = "زار بوتين موسكو ثم كييف وعاد إلى روسيا"
SECOND = "وقال الكرملين إن بوتين سيزور الصين الشهر المقبل"


def find(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def test_a_postgresql_project_lives_on_the_server(project, backend, pg_cluster) -> None:
    """The parametrized fixture really puts the ``postgresql`` half on the server (else the
    store suite would run twice on SQLite and prove nothing)."""
    assert isinstance(project.database, PostgresDatabase) == (backend == "postgresql")
    if backend == "postgresql":
        database = project.path.split("?")[0].rsplit("/", 1)[1]
        assert pg_cluster.psql("SELECT COUNT(*) FROM label_schemas", db=database) == [(1,)]


def test_another_connections_write_reaches_the_change_bus(pg_url) -> None:
    """A second window (or the CLI) writes; the first window's watcher delivers one external change."""
    first = Project.create(pg_url)
    second = Project.open(pg_url)
    try:
        (outcome,), _ = first.add_documents([IncomingDocument("d", TEXT, "d.txt")])
        watcher = StoreWatcher(first)
        seen = []
        first.subscribe(seen.append)
        assert watcher.check().empty  # nothing from elsewhere yet
        second.add_span(outcome.document_id, "bob", *find(TEXT, "بوتين"), "PERS")
        change = _next_external(watcher)  # NOTIFY arrives just after the other's commit
        assert change.external and seen == [change]
        assert watcher.check().empty  # reported once
        first.add_span(outcome.document_id, "alice", *find(TEXT, "موسكو"), "GPE")
        assert watcher.check().empty  # our own write reaches subscribers already, not as external
    finally:
        first.close()
        second.close()


def _next_external(watcher: StoreWatcher, seconds: float = 5.0):
    deadline = time.monotonic() + seconds
    while (change := watcher.check()).empty and time.monotonic() < deadline:
        time.sleep(0.02)
    return change


def test_two_writers_adding_the_same_span_store_it_once(pg_url) -> None:
    """Writes are serialized per project, so the store's check-then-insert rules hold across machines:
    in each round every client tags the same new span at the same moment, and one span is stored."""
    with Project.create(pg_url) as setup:
        (outcome,), _ = setup.add_documents([IncomingDocument("d", TEXT, "d.txt")])
    doc = outcome.document_id
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", TEXT)]
    clients = [Project.open(pg_url) for _ in range(4)]
    barrier = threading.Barrier(len(clients))
    errors: list[BaseException] = []

    def tag(project: Project) -> None:
        try:
            for start, end in words:
                barrier.wait()
                project.add_span(doc, "alice", start, end, "PERS")
        except BaseException as exc:  # reported below
            errors.append(exc)
            barrier.abort()

    threads = [threading.Thread(target=tag, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert errors == []
        assert [(s.start, s.end) for s in clients[0].spans(doc, "alice")] == words
        assert sum("add_span" in row for row in clients[0].database.table_rows("actions")) == len(words)
    finally:
        for client in clients:
            client.close()


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("postgresql://alice:secret@localhost/news", "never stores one"),
        ("postgresql://alice@localhost/", "names no database"),
    ],
)
def test_addresses_hashiya_refuses_before_connecting(address: str, message: str) -> None:
    with pytest.raises(ProjectError, match=message) as error:
        Project.open(address)
    assert "secret" not in str(error.value) and "\n" not in str(error.value)


def test_connection_errors_are_one_line_naming_what_failed(pg_cluster, tmp_path: Path) -> None:
    empty = pg_cluster.new_database()
    cases = {
        pg_cluster.url("no_such_database"): "no such database",
        pg_cluster.url("postgres", user="nobody_here"): "authentication refused",
        f"postgresql://x@/db?host={tmp_path}&port=1": "cannot reach the PostgreSQL server",
        empty: "not a Hashiya project",
    }
    for address, message in cases.items():
        with pytest.raises(ProjectError, match=message) as error:
            Project.open(address)
        assert "\n" not in str(error.value)
    Project.create(empty).close()
    with pytest.raises(ProjectError, match="already holds tables"):
        Project.create(empty)


def _rich_project(project: Project) -> str:
    """Two annotators, gold, relations, statuses, a suggestion accepted and one rejected, an undo."""
    (one, two), _ = project.add_documents(
        [IncomingDocument("one", TEXT, "1.txt"), IncomingDocument("two", SECOND, "2.txt")]
    )
    doc = one.document_id
    putin = project.add_span(doc, "alice", *find(TEXT, "بوتين"), "PERS").spans_added[0]
    moscow = project.add_span(doc, "alice", *find(TEXT, "موسكو"), "GPE").spans_added[0]
    project.add_relation(putin.id, moscow.id, "leader_of")
    project.add_span(doc, "bob", *find(TEXT, "روسيا"), "GPE")
    project.add_span(doc, "bob", *find(TEXT, "كييف"), "LOC")
    project.undo("bob")
    project.add_span(two.document_id, "gold", *find(SECOND, "الكرملين"), "ORG")
    project.set_status(doc, "alice", DocStatus.DONE)
    kremlin, china = find(SECOND, "الكرملين"), find(SECOND, "الصين")
    project.store_predictions(
        "crf",
        [Prediction(two.document_id, (Suggestion(*kremlin, "ORG", 0.9, "crf"), Suggestion(*china, "GPE", 0.7, "crf")))],
    )
    first, second = project.suggestions(two.document_id, "alice")
    project.accept_suggestion(first.id, "alice")
    project.reject_suggestion(second.id, "alice")
    return doc


def _exports(location: str | Path, out: Path) -> dict[str, bytes]:
    files = {}
    for fmt in ("conll", "jsonl", "brat", "doccano"):
        for who in ("alice", "bob"):
            target = out / f"{fmt}-{who}"
            assert main(["export", str(location), "--format", fmt, "--annotator", who, "--out", str(target)]) == 0
            paths = sorted(target.rglob("*")) if target.is_dir() else [target]
            files.update({f"{fmt}/{who}/{p.relative_to(out)}": p.read_bytes() for p in paths if p.is_file()})
    return files


def test_copy_to_the_server_and_back_is_lossless(pg_cluster, tmp_path: Path) -> None:
    """File → server → file: the exports are byte-identical, and history and decisions come along."""
    source = tmp_path / "team.hashiya"
    with Project.create(source) as project:
        doc = _rich_project(project)
    server, back = pg_cluster.new_database(), tmp_path / "back.hashiya"
    assert main(["copy", str(source), server]) == 0
    report = copy_project(server, back)
    assert report.rows["actions"] > 0 and report.rows["suggestion_decisions"] == 2
    before = _exports(source, tmp_path / "before")
    for copy in (server, back):
        assert _exports(copy, tmp_path / f"after-{Path(str(copy)).name}") == before
    with Project.open(source) as original:
        tables = {table: original.database.table_rows(table) for table in ("suggestion_decisions", "actions", "spans")}
    for location in (source, server, back):
        with Project.open(location) as project:
            assert {table: project.database.table_rows(table) for table in tables} == tables
            project.redo("bob")  # bob's undone span is still in his log, on every copy
            assert [s.label for s in project.spans(doc, "bob")] == ["LOC", "GPE"]
            for _ in range(3):  # alice's rejection, acceptance, then "done" come off
                project.undo("alice")
            assert project.status(doc, "alice") != DocStatus.DONE
            assert [s.label for s in project.spans(doc, "alice")] == ["PERS", "GPE"]


def test_copy_refuses_a_target_that_holds_a_project(pg_cluster, tmp_path: Path) -> None:
    source, server = tmp_path / "p.hashiya", pg_cluster.new_database()
    Project.create(source).close()
    Project.create(server).close()
    with pytest.raises(ProjectError, match="already holds tables"):
        copy_project(source, server)
    with pytest.raises(ProjectError, match="already exists"):
        copy_project(server, source)


def test_after_a_server_restart_the_next_action_reconnects(pg_cluster) -> None:
    """The server restarts between two actions: reads and the next write go on without the user
    doing anything, and the window is told to read again (others may have written meanwhile)."""
    with Project.create(pg_cluster.new_database()) as project:
        (outcome,), _ = project.add_documents([IncomingDocument("d", TEXT, "d.txt")])
        doc = outcome.document_id
        project.add_span(doc, "alice", *find(TEXT, "بوتين"), "PERS")
        watcher = StoreWatcher(project)
        pg_cluster.restart("fast")
        assert [s.label for s in project.spans(doc, "alice")] == ["PERS"]
        project.add_span(doc, "alice", *find(TEXT, "موسكو"), "GPE")
        assert [s.label for s in project.spans(doc, "alice")] == ["PERS", "GPE"]
        assert watcher.check().external
        project.undo("alice")
        assert [s.label for s in project.spans(doc, "alice")] == ["PERS"]


def test_a_closed_project_does_not_reconnect(pg_url) -> None:
    project = Project.create(pg_url)
    project.close()
    with pytest.raises(ProjectError, match="the project is closed"):
        project.documents()


def test_background_jobs_reuse_the_connections_of_an_open_project(pg_cluster) -> None:
    """The window's project stays open; each job opens the project, works and closes it: the jobs
    take turns on one kept connection instead of connecting each time, and once the window closes
    nothing of the project's stays connected to the server."""
    url = pg_cluster.new_database()
    name = url.split("?")[0].rsplit("/", 1)[1]
    sessions = f"SELECT COUNT(*) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()"
    window = Project.create(url)
    backends = set()
    for _ in range(5):
        with Project.open(url) as job:
            backends.add(job.database.conn.raw.info.backend_pid)
            job.documents()
    assert len(backends) == 1 and pool.idle_count(url) == 1
    assert pg_cluster.psql(sessions) == [(2,)]  # the window's and the one kept for jobs
    with Project.open(url) as first, Project.open(url) as second:  # two jobs at once: two connections
        assert first.database.conn.raw.info.backend_pid != second.database.conn.raw.info.backend_pid
    pg_cluster.restart("fast")  # kept connections die with the server: a job gets a live one
    with Project.open(url) as job:
        assert [d.name for d in job.documents()] == []
    window.close()
    assert pool.idle_count(url) == 0
    time.sleep(0.2)
    assert pg_cluster.psql(sessions) == [(0,)]


def test_an_idle_window_keeps_following_others_after_a_server_restart(pg_cluster) -> None:
    """The window only looks (its watcher's timer) while the server restarts: the looks never
    raise (a raise would end the watching), and another's write made after the restart arrives."""
    url = pg_cluster.new_database()
    with Project.create(url) as project, Project.open(url) as other:
        (outcome,), _ = project.add_documents([IncomingDocument("d", TEXT, "d.txt")])
        watcher = StoreWatcher(project)
        pg_cluster.restart("fast")
        for _ in range(3):
            watcher.check()  # the restart itself may be reported (a reconnection); never an error
        other.add_span(outcome.document_id, "bob", *find(TEXT, "بوتين"), "PERS")
        assert _next_external(watcher).external


def test_a_connection_lost_inside_an_operation_fails_it_whole_and_the_next_one_works(pg_cluster) -> None:
    """Killed mid-transaction (two writes deep): one line, nothing of it stored, no statement of it
    run on a new connection on its own; the next action reconnects."""
    url = pg_cluster.new_database()
    with Project.create(url) as project:
        (outcome,), _ = project.add_documents([IncomingDocument("d", TEXT, "d.txt")])
        doc, backend = outcome.document_id, project.database.conn.raw.info.backend_pid

        def two_writes_deep() -> None:
            with project.atomic():
                project.add_span(doc, "alice", *find(TEXT, "بوتين"), "PERS")
                with project.atomic():
                    pg_cluster.psql(f"SELECT pg_terminate_backend({backend})")
                    project.add_span(doc, "alice", *find(TEXT, "موسكو"), "GPE")

        with pytest.raises(ProjectError, match="connection to the server was lost") as lost:
            two_writes_deep()
        assert "\n" not in str(lost.value)
        assert project.spans(doc, "alice") == []
        project.add_span(doc, "alice", *find(TEXT, "كييف"), "LOC")
        assert [s.label for s in project.spans(doc, "alice")] == ["LOC"]


def test_a_commit_whose_reply_was_lost_is_looked_up_by_its_transaction(pg_url) -> None:
    """What ``atomic`` asks after a lost COMMIT: the server's own record of the transaction."""
    with Project.create(pg_url) as project:
        database = project.database
        database.conn.execute("BEGIN")
        committed = database.conn.execute("SELECT CAST(txid_current() AS TEXT)").fetchone()[0]
        database.conn.execute("COMMIT")
        database.conn.execute("BEGIN")
        aborted = database.conn.execute("SELECT CAST(txid_current() AS TEXT)").fetchone()[0]
        database.conn.execute("ROLLBACK")
        assert database._committed(committed) is True
        assert database._committed(aborted) is False


def test_a_copy_that_fails_half_way_leaves_the_target_as_it_was(pg_cluster, tmp_path: Path) -> None:
    source = tmp_path / "p.hashiya"
    with Project.create(source) as project:
        _rich_project(project)
    name = pg_cluster.unique_name()
    target = pg_cluster.new_database(name)

    def interrupted(table: str) -> None:
        if table == "spans":
            raise KeyboardInterrupt  # Ctrl+C in the middle

    with pytest.raises(KeyboardInterrupt):
        copy_project(source, target, progress=interrupted)
    tables = "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'"
    assert pg_cluster.psql(tables, db=name) == [(0,)]
    assert copy_project(source, target).rows["spans"] == 5  # and the copy can simply be run again
    with pytest.raises(KeyboardInterrupt):
        copy_project(target, tmp_path / "back.hashiya", progress=interrupted)
    assert not (tmp_path / "back.hashiya").exists()


def test_a_closed_projects_watcher_never_reads_a_connection_lent_out_since(pg_cluster) -> None:
    """A closed project's connection goes back to the pool and on to a job: the closed project's
    timer must stop (one line), not read the job's notices on it."""
    url = pg_cluster.new_database()
    with Project.create(url) as window:
        first = Project.open(url)
        watcher = StoreWatcher(first)
        lent = first.database.conn.raw
        first.close()
        with Project.open(url) as job:
            assert job.database.conn.raw is lent  # the kept connection, reused
            with pytest.raises(ProjectError, match="the project is closed"):
                watcher.check()
        assert window.documents() == []


def test_the_lead_merges_annotators_files_into_a_server_project_and_undoes_it(pg_cluster, tmp_path: Path) -> None:
    """Teams may mix: an annotator who worked offline in a file is merged into the server project,
    as one action of the import log that ``hashiya undo`` takes back."""
    offline = tmp_path / "sara.hashiya"
    with Project.create(offline) as project:
        (outcome,), _ = project.add_documents([IncomingDocument("d", TEXT, "d.txt")])
        project.add_span(outcome.document_id, "sara", *find(TEXT, "روسيا"), "GPE")
    server = pg_cluster.new_database()
    Project.create(server).close()
    assert main(["merge", server, str(offline)]) == 0
    with Project.open(server) as project:
        assert [s.label for s in project.spans(outcome.document_id, "sara")] == ["GPE"]
    assert main(["merge", server, str(offline)]) == 0  # twice: nothing more, and nothing logged
    assert main(["undo", server]) == 0
    with Project.open(server) as project:
        assert project.documents() == []
