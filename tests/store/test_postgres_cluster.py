"""The throwaway PostgreSQL server of the tests (tests/postgres_cluster.py), tested on the real server.

What the store's PostgreSQL tests and the fault benchmarks rely on: a private, trusted socket; a database
per test that no other test sees; data that survives a restart, even a crash-like one; roles that log in
without a password; nothing left behind; and a missing server that skips locally but fails in CI.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict

from tests import postgres_cluster
from tests.postgres_cluster import BIN_ENV, SERVER_PROGRAMS, PgCluster, require_server_bin, running_cluster

ROOT = Path(__file__).resolve().parents[2]


def dbname(url: str) -> str:
    return conninfo_to_dict(url)["dbname"]


def test_the_server_listens_on_its_own_socket_only_and_trusts_only_it(pg_cluster: PgCluster) -> None:
    assert pg_cluster.psql("SHOW listen_addresses") == [("",)]  # no TCP at all
    assert pg_cluster.psql("SELECT type, auth_method FROM pg_hba_file_rules") == [("local", "trust")]
    assert pg_cluster.psql("SHOW unix_socket_directories") == [(str(pg_cluster.socket_dir),)]
    assert pg_cluster.socket_dir.parent == pg_cluster.root
    assert pg_cluster.psql("SHOW server_encoding") == [("UTF8",)]  # Arabic text round-trips


def test_the_url_is_a_plain_libpq_url_without_a_password(pg_cluster: PgCluster) -> None:
    url = pg_cluster.url("postgres")
    assert url == f"postgresql://postgres@/postgres?host={pg_cluster.socket_dir}&port={pg_cluster.port}"
    with psycopg.connect(url) as connection:  # any libpq client connects with it as is
        assert connection.execute("SELECT current_user, current_database()").fetchone() == ("postgres", "postgres")


def test_psql_runs_several_statements_and_returns_the_last_rows(pg_url: str, pg_cluster: PgCluster) -> None:
    db = dbname(pg_url)
    rows = pg_cluster.psql("CREATE TABLE t (x int); INSERT INTO t VALUES (2), (1); SELECT x FROM t ORDER BY x", db)
    assert rows == [(1,), (2,)]
    assert pg_cluster.psql("SELECT %s || 'ب'", db, params=["أ"]) == [("أب",)]
    assert pg_cluster.psql("UPDATE t SET x = x + 1", db) == []


def test_two_databases_are_isolated(pg_cluster: PgCluster) -> None:
    first, second = pg_cluster.unique_name(), pg_cluster.unique_name()
    assert first != second
    pg_cluster.new_database(first)
    pg_cluster.new_database(second)
    try:
        pg_cluster.psql("CREATE TABLE spans (id int); INSERT INTO spans VALUES (1)", first)
        assert pg_cluster.psql("SELECT to_regclass('spans') IS NULL", second) == [(True,)]
        assert pg_cluster.psql("SELECT count(*) FROM spans", first) == [(1,)]
    finally:
        pg_cluster.drop_database(first)
        pg_cluster.drop_database(second)
    names = {row[0] for row in pg_cluster.psql("SELECT datname FROM pg_database")}
    assert not {first, second} & names


def test_a_fresh_database_holds_nothing_put_in_template1(pg_cluster: PgCluster) -> None:
    pg_cluster.psql("CREATE TABLE IF NOT EXISTS leaked (x int)", "template1")
    try:
        url = pg_cluster.new_database()
        with psycopg.connect(url) as connection:
            assert connection.execute("SELECT to_regclass('leaked')").fetchone() == (None,)
    finally:
        pg_cluster.psql("DROP TABLE leaked", "template1")


def test_a_database_is_dropped_even_while_a_client_holds_it_open(pg_cluster: PgCluster) -> None:
    name = pg_cluster.unique_name()
    left_open = psycopg.connect(pg_cluster.new_database(name))  # a test that forgot to close its pool
    try:
        pg_cluster.drop_database(name)
        assert pg_cluster.psql("SELECT count(*) FROM pg_database WHERE datname = %s", params=[name]) == [(0,)]
    finally:
        left_open.close()


@pytest.mark.parametrize("mode", ["fast", "immediate"])
def test_a_restart_keeps_committed_data_and_clients_reconnect(pg_cluster: PgCluster, pg_url: str, mode) -> None:
    """``immediate`` is a crash: the server recovers from its WAL, and every commit that returned is there."""
    before = psycopg.connect(pg_url, autocommit=True)
    before.execute("CREATE TABLE actions (id int PRIMARY KEY)")
    before.execute("INSERT INTO actions SELECT generate_series(1, 100)")
    pg_cluster.restart(mode)
    with pytest.raises(psycopg.OperationalError):
        before.execute("SELECT 1")  # the old connection ended with the server
    before.close()
    with psycopg.connect(pg_url) as after:
        assert after.execute("SELECT count(*), max(id) FROM actions").fetchone() == (100, 100)
    assert pg_cluster.running


def test_a_role_logs_in_without_a_password_and_a_nologin_role_cannot(pg_cluster: PgCluster, pg_url: str) -> None:
    annotator, group = pg_cluster.unique_name("annotator"), pg_cluster.unique_name("group")
    pg_cluster.create_role(annotator)
    pg_cluster.create_role(group, login=False)
    db = dbname(pg_url)
    try:
        assert pg_cluster.psql("SELECT current_user", db, user=annotator) == [(annotator,)]
        with psycopg.connect(pg_cluster.url(db, user=annotator)) as connection:
            assert connection.execute("SELECT current_user").fetchone() == (annotator,)
        with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
            pg_cluster.psql("SELECT 1", db, user=group)
    finally:
        pg_cluster.psql(f'DROP ROLE "{annotator}"; DROP ROLE "{group}"')  # roles belong to the whole cluster


def process_ended(pid: int, timeout: float = 10) -> bool:
    """The process is gone (or a zombie its new parent has not reaped yet): pg_ctl -w returns when the
    postmaster removed its pid file, a moment before it exits."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return True
        if state in ("Z", "X") or time.monotonic() > deadline:
            return state in ("Z", "X")
        time.sleep(0.05)


def test_a_second_cluster_is_stopped_and_removed_even_when_interrupted(pg_cluster: PgCluster) -> None:
    seen: dict[str, object] = {}

    def interrupted_test() -> None:
        with running_cluster(pg_cluster.bin_dir) as second:
            seen.update(root=second.root, pid=int((second.data / "postmaster.pid").read_text().split()[0]))
            assert second.root != pg_cluster.root and second.port != pg_cluster.port
            assert second.psql("SELECT 1") == [(1,)]
            assert second.root.is_dir()
            raise KeyboardInterrupt  # Ctrl-C in the middle of a test

    with pytest.raises(KeyboardInterrupt):
        interrupted_test()
    assert seen and not Path(seen["root"]).exists()
    assert process_ended(int(seen["pid"])), "the server is gone too, not just its folder"
    assert pg_cluster.psql("SELECT 1") == [(1,)]  # the session's cluster is untouched


# -- finding the server programs, and the CI rule -------------------------------------------------------------


def fake_bin(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for program in SERVER_PROGRAMS:
        (folder / program).write_text("#!/bin/sh\n", encoding="utf-8")
        (folder / program).chmod(0o755)
    return folder


def test_the_newest_debian_version_folder_is_used_when_path_has_none(tmp_path, monkeypatch) -> None:
    for version in ("9.6", "15", "10"):
        fake_bin(tmp_path / "postgresql" / version / "bin")
    (tmp_path / "postgresql" / "16" / "bin").mkdir(parents=True)  # a version whose server package is gone
    monkeypatch.setattr(postgres_cluster, "DEBIAN_BIN_GLOB", f"{tmp_path}/postgresql/*/bin")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.delenv(BIN_ENV, raising=False)
    assert postgres_cluster.find_server_bin() == tmp_path / "postgresql" / "15" / "bin"


def test_path_comes_before_the_debian_folders(tmp_path, monkeypatch) -> None:
    fake_bin(tmp_path / "postgresql" / "15" / "bin")
    own = fake_bin(tmp_path / "own")
    monkeypatch.setattr(postgres_cluster, "DEBIAN_BIN_GLOB", f"{tmp_path}/postgresql/*/bin")
    monkeypatch.setenv("PATH", str(own))
    monkeypatch.delenv(BIN_ENV, raising=False)
    assert postgres_cluster.find_server_bin() == own


@pytest.mark.parametrize(("ci", "outcome"), [("true", pytest.fail.Exception), ("", pytest.skip.Exception)])
def test_without_the_server_programs_ci_fails_and_a_developer_skips(tmp_path, monkeypatch, ci, outcome) -> None:
    monkeypatch.setenv(BIN_ENV, str(tmp_path))  # an empty folder: a machine without postgresql
    monkeypatch.setenv("CI", ci)
    with pytest.raises(BaseException, match=f"{BIN_ENV}={tmp_path} holds no initdb, pg_ctl, postgres") as raised:
        require_server_bin()
    assert raised.type is outcome  # caught as such: a skip escaping this test would look like a pass


def test_without_the_server_programs_the_reason_names_the_package(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(postgres_cluster, "DEBIAN_BIN_GLOB", f"{tmp_path}/postgresql/*/bin")
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv(BIN_ENV, raising=False)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(BaseException, match=r"run `sudo apt-get install postgresql`") as raised:
        require_server_bin()
    assert raised.type is pytest.skip.Exception


def test_in_a_real_ci_run_a_test_on_the_cluster_errors_when_the_server_is_missing(tmp_path) -> None:
    """End to end, through pytest and the fixture: under CI=true the test errors, it is not skipped. (The
    local skip is the same function's other branch, tested above without the 4 s of a second pytest.)"""
    env = {**os.environ, BIN_ENV: str(tmp_path), "CI": "true"}
    test = "tests/store/test_postgres_cluster.py::test_the_url_is_a_plain_libpq_url_without_a_password"
    command = [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", test]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stdout[-2000:]
    assert "1 error" in result.stdout and "skipped" not in result.stdout, result.stdout[-2000:]
    assert f"CI=true: {BIN_ENV}={tmp_path} holds no initdb, pg_ctl, postgres" in result.stdout
