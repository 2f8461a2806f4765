"""The project's label schema, versioned: every change is a new row, so old versions stay readable.

The current schema is read on every span check, so it is cached by version number and parsed
again only when another write (here or in another process) stored a newer one.
"""

from __future__ import annotations

import json

from annotator.errors import HashiyaError
from annotator.schema import LabelSchema
from annotator.store.connection import Database
from annotator.store.rows import now


class Schemas:
    """The ``label_schemas`` table: the current version, and new versions."""

    def __init__(self, database: Database) -> None:
        self._conn = database.conn
        self._cached: tuple[int, LabelSchema] | None = None

    def current(self) -> tuple[int, LabelSchema]:
        row = self._conn.execute("SELECT version, body FROM label_schemas ORDER BY version DESC LIMIT 1").fetchone()
        if self._cached is None or self._cached[0] != row["version"]:
            self._cached = (row["version"], LabelSchema.from_dict(json.loads(row["body"]), "project schema"))
        return self._cached

    def insert(self, schema: LabelSchema) -> int:
        """Store ``schema`` as the next version; the caller holds the transaction."""
        version = self._conn.execute("SELECT COALESCE(MAX(version), 0) + 1 FROM label_schemas").fetchone()[0]
        self._conn.execute(
            "INSERT INTO label_schemas (version, body, created_at) VALUES (?, ?, ?)",
            (version, json.dumps(schema.to_dict(), ensure_ascii=False), now()),
        )
        return version

    def replace(self, schema: LabelSchema) -> None:
        """Store ``schema`` as a new version unless it drops labels still used by spans."""
        used = {row[0]: row[1] for row in self._conn.execute("SELECT label, COUNT(*) FROM spans GROUP BY label")}
        missing = sorted(set(used) - set(schema.label_names))
        if missing:
            detail = ", ".join(f"{label} ({used[label]} spans)" for label in missing)
            raise HashiyaError(f"the new schema drops labels still in use: {detail}")
        self.insert(schema)
