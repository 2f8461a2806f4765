"""Project files as earlier versions of Hashiya wrote them, for the upgrade tests.

Each upgrade test needs a genuine older file: the migrations of that version and nothing after,
its meta rows and the default schema. This builds that start; the test adds its own rows.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from annotator.schema import default_schema
from annotator.store.migrations import MIGRATIONS, _statements


def old_project(path: Path, version: int, project_id: str) -> sqlite3.Connection:
    """A connection to a new file at ``path`` holding a version-``version`` project with the default
    schema and no documents. The caller adds rows, sets ``PRAGMA user_version``, commits and closes."""
    conn = sqlite3.connect(path)
    for script in MIGRATIONS[:version]:
        for statement in _statements(script):
            conn.execute(statement)
    conn.execute("INSERT INTO meta VALUES ('project_id', ?), ('created_at', 't')", (project_id,))
    conn.execute(
        "INSERT INTO label_schemas VALUES (1, ?, 't')", (json.dumps(default_schema().to_dict(), ensure_ascii=False),)
    )
    return conn
