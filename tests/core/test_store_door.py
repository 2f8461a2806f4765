"""The store has one door: no code outside ``annotator/store/`` touches a database connection.

The import contract keeps ``sqlite3`` inside the store's database module; this test keeps the
connection objects there too, by walking the sources for the attributes that reach one.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from annotator.store import Project

ROOT = Path(__file__).resolve().parents[2]
REACHING = {"conn", "_conn", "database", "executemany", "set_trace_callback"}


def sources_outside_the_store() -> list[Path]:
    files = [*(ROOT / "annotator").rglob("*.py"), *(ROOT / "ui").rglob("*.py")]
    return [f for f in files if (ROOT / "annotator" / "store") not in f.parents]


def reaches(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    return [
        f"{path.name if ROOT not in path.parents else path.relative_to(ROOT)}:{node.lineno} .{node.attr}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr in REACHING
    ]


def test_no_code_outside_the_store_touches_a_connection():
    found = [hit for path in sources_outside_the_store() for hit in reaches(path)]
    assert found == []


def test_the_walk_sees_a_reach_when_there_is_one(tmp_path):
    """The check itself can fail: a module calling ``project.database.conn.execute`` is caught."""
    probe = tmp_path / "door_probe.py"
    probe.write_text("def f(project):\n    return project.database.conn.execute('SELECT 1')\n", encoding="utf-8")
    assert reaches(probe) == ["door_probe.py:2 .conn", "door_probe.py:2 .database"]


def test_the_public_hooks_answer_what_tests_used_to_read_from_the_connection(tmp_path):
    with Project.create(tmp_path / "p.db") as project:
        assert project.database.pragma("foreign_keys") == 1
        assert project.database.pragma("journal_mode") == "wal"
        seen: list[str] = []
        stop = project.database.trace(seen.append)
        project.ensure_annotator("amal")
        stop()
        project.ensure_annotator("badr")
        assert any("INSERT INTO annotators" in sql for sql in seen)
        assert not any("badr" in sql for sql in seen)
        assert sorted(row[1] for row in project.database.table_rows("annotators")) == ["amal", "badr"]
        with pytest.raises(ValueError, match="no table"):
            project.database.table_rows("no_such_table")
