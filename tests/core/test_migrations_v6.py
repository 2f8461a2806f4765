"""A version-5 project file opens, gains the dismissed-findings table (version 6), and keeps its data and log."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from annotator.consistency.findings import CheckKind, Finding
from annotator.store import Project
from annotator.store.migrations import CURRENT_VERSION, MIGRATIONS
from tests.old_projects import old_project


def make_version_5_project(path: Path) -> Path:
    """A version-5 file as Hashiya wrote it before consistency review: a document, a span, and the
    span's action in alice's log (so an undo after the upgrade reads an action logged before it)."""
    conn = old_project(path, 4, "p5")
    MIGRATIONS[4](conn)  # version 5 is a function of the connection (old_project runs only SQL steps)
    conn.execute("INSERT INTO documents VALUES ('d1', 'old', 'زار بوتين موسكو', 'sha', 15, '{}', NULL, 't', '[]', 0)")
    conn.execute("INSERT INTO segmentation VALUES ('d1', 'camel-tools', 0, x'', 0, x'')")
    conn.execute("INSERT INTO annotators VALUES ('a1', 'alice', 't')")
    conn.execute("INSERT INTO spans VALUES ('s1', 'd1', 'a1', 4, 9, 'PERS', 'manual', '{}', 't')")
    ops = (
        '[{"op": "insert_span", "row": {"id": "s1", "document_id": "d1", "annotator_id": "a1", "start": 4, '
        '"end": 9, "label": "PERS", "origin": "manual", "attributes": "{}", "created_at": "t"}}]'
    )
    conn.execute(
        "INSERT INTO actions (id, annotator_id, document_id, kind, ops, state, created_at) "
        "VALUES ('x1', 'a1', 'd1', 'add_span', ?, 'done', 't')",
        (ops,),
    )
    conn.execute("PRAGMA user_version = 5")
    conn.commit()
    conn.close()
    return path


def test_a_version_5_file_gains_dismissals_and_keeps_its_spans_and_log(tmp_path):
    path = make_version_5_project(tmp_path / "v5.db")
    found = Finding(CheckKind.VARIATION, "alice\x1fبوتين", 0.5, "«بوتين»: PERS ×1, ORG ×1", "choose one", ())
    with Project.open(path) as project:
        assert project.database.pragma("user_version") == CURRENT_VERSION
        assert project.dismissed_findings() == set()
        assert [(s.id, s.label) for s in project.spans("d1", "alice")] == [("s1", "PERS")]
        project.dismiss_finding("alice", found)
    with Project.open(path) as project:
        assert project.dismissed_findings() == {found.key}
        project.undo("alice")  # the dismissal
        project.undo("alice")  # the span, logged by the older version
        assert project.dismissed_findings() == set() and project.spans("d1") == []
    conn = sqlite3.connect(path)
    try:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(dismissed_findings)")]
        assert columns == ["key", "kind", "summary", "annotator_id", "dismissed_at"]
    finally:
        conn.close()
