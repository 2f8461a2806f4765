"""Project files written by an older Hashiya open and are upgraded in place, data intact."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from annotator.errors import ProjectError
from annotator.schema import default_schema
from annotator.store import Project
from annotator.store.migrations import CURRENT_VERSION, MIGRATIONS, _statements


def make_version_1_project(path: Path) -> Path:
    """A genuine version-1 file, as Hashiya 0.1's first release wrote it: one document, one span."""
    conn = sqlite3.connect(path)
    for statement in _statements(MIGRATIONS[0]):
        conn.execute(statement)
    conn.execute("INSERT INTO meta VALUES ('project_id', 'p1'), ('created_at', 't')")
    conn.execute(
        "INSERT INTO label_schemas VALUES (1, ?, 't')", (json.dumps(default_schema().to_dict(), ensure_ascii=False),)
    )
    conn.execute("INSERT INTO documents VALUES ('d1', 'old', 'زار بوتين موسكو', 'sha', 15, '{}', NULL, 't', '[]', 0)")
    conn.execute("INSERT INTO segmentation VALUES ('d1', 'camel-tools', 0, x'', 0, x'')")
    conn.execute("INSERT INTO annotators VALUES ('a1', 'alice', 't')")
    conn.execute("INSERT INTO spans VALUES ('s1', 'd1', 'a1', 4, 9, 'PERS', 'manual', '{}', 't')")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    return path


def test_a_version_1_file_is_upgraded_and_keeps_its_data(tmp_path):
    path = make_version_1_project(tmp_path / "old.db")
    with Project.open(path) as project:
        assert project._conn.execute("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION
        (span,) = project.spans("d1", "alice")
        assert (span.start, span.end, span.label) == (4, 9, "PERS")
        project.add_span("d1", "alice", 10, 15, "GPE")
    with Project.open(path) as project:
        assert [s.label for s in project.spans("d1")] == ["PERS", "GPE"]


def test_a_file_from_a_newer_hashiya_is_refused_untouched(tmp_path):
    path = tmp_path / "new.db"
    Project.create(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {CURRENT_VERSION + 1}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(ProjectError, match=rf"newer Hashiya \(file format {CURRENT_VERSION + 1}"):
        Project.open(path)
    assert path.read_bytes() == before
