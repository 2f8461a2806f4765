"""Version 8: a dismissal belongs to a finding and its dismisser (two people may dismiss one finding,
which a server project needs: each sees only their own). A version-7 file keeps its dismissals."""

from __future__ import annotations

import sqlite3

from annotator.consistency.findings import CheckKind, Finding
from annotator.model import IncomingDocument
from annotator.store import Project
from annotator.store.migrations import CURRENT_VERSION, MIGRATIONS
from annotator.store.postgres.database import FIRST_SERVER_VERSION, POSTGRES_MIGRATIONS

FOUND = Finding(CheckKind.VARIATION, "k\x1fبوتين", 0.5, "«بوتين»: PERS ×1, ORG ×1", "choose one", ())


def test_a_version_7_file_keeps_its_dismissals_and_lets_a_second_person_dismiss(tmp_path) -> None:
    path = tmp_path / "v7.hashiya"
    with Project.create(path) as project:
        project.add_documents([IncomingDocument("d", "زار بوتين موسكو", "d.txt")])
        project.dismiss_finding("alice", FOUND)
    conn = sqlite3.connect(path)  # back to version 7: the old table, keyed by the finding alone
    conn.executescript(
        "CREATE TABLE old AS SELECT * FROM dismissed_findings; DROP TABLE dismissed_findings;"
        "CREATE TABLE dismissed_findings (key TEXT PRIMARY KEY, kind TEXT NOT NULL, summary TEXT NOT NULL, "
        "annotator_id TEXT NOT NULL REFERENCES annotators(id), dismissed_at TEXT NOT NULL);"
        "INSERT INTO dismissed_findings SELECT * FROM old; DROP TABLE old; PRAGMA user_version = 7;"
    )
    conn.close()
    with Project.open(path) as project:
        assert project.database.pragma("user_version") == CURRENT_VERSION == len(MIGRATIONS)
        assert project.dismissals.keys() == {FOUND.key}
        assert [d.annotator for d in project.dismissals.all()] == ["alice"]
        project.undo("alice")  # the log written at version 7 still undoes
        assert project.dismissals.keys() == set()


def test_every_file_migration_after_the_first_server_schema_has_its_server_version() -> None:
    assert set(POSTGRES_MIGRATIONS) == set(range(FIRST_SERVER_VERSION + 1, CURRENT_VERSION + 1))


def test_a_version_7_server_project_is_brought_up_to_date(pg_cluster) -> None:
    url = pg_cluster.new_database()
    name = url.split("?")[0].rsplit("/", 1)[1]
    Project.create(url).close()
    pg_cluster.psql(
        "ALTER TABLE dismissed_findings DROP CONSTRAINT dismissed_findings_pkey;"
        "ALTER TABLE dismissed_findings ADD PRIMARY KEY (key);"
        "UPDATE meta SET value = '7' WHERE key = 'schema_version'",
        db=name,
    )
    with Project.open(url) as project:
        assert project.database.pragma("user_version") == CURRENT_VERSION
        project.dismiss_finding("alice", FOUND)
    key = (
        "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
    )
    key += "WHERE i.indrelid = 'dismissed_findings'::regclass AND i.indisprimary ORDER BY a.attname"
    assert pg_cluster.psql(key, db=name) == [("annotator_id",), ("key",)]
