"""The annotators of a project: who exists, by name or id, and the import log's pseudo-annotator.

Every write names an annotator (whose log the action goes to), and every read may filter by one;
both resolve the same way here, so an :class:`Annotator`, a name, or an id all work everywhere.
"""

from __future__ import annotations

from typing import Any

from annotator.errors import HashiyaError, NotFoundError
from annotator.ids import new_id
from annotator.model import IMPORT_LOG, Annotator
from annotator.store.connection import Database
from annotator.store.rows import annotator_from_row, now

AnnotatorRef = Annotator | str  # an Annotator, an annotator's name, or its id


class Roster:
    """Reads and creates annotators (the ``annotators`` table; every statement on it is here)."""

    def __init__(self, database: Database) -> None:
        self._conn = database.conn
        self._database = database

    def all(self) -> list[Annotator]:
        """Everyone who annotates; the import log's pseudo-annotator only holds plain imports' undo steps."""
        rows = self._conn.execute("SELECT * FROM annotators WHERE name <> ? ORDER BY name", (IMPORT_LOG,))
        return [annotator_from_row(r) for r in rows]

    def get(self, name: str) -> Annotator | None:
        row = self._conn.execute("SELECT * FROM annotators WHERE name = ?", (name,)).fetchone()
        return annotator_from_row(row) if row else None

    def name_of(self, annotator_id: str) -> str | None:
        """One primary-key lookup: who an action's Change names as its initiator."""
        row = self._conn.execute("SELECT name FROM annotators WHERE id = ?", (annotator_id,)).fetchone()
        return None if row is None else row[0]

    def create(self, name: str) -> tuple[Annotator, bool]:
        """The annotator called ``name`` and whether this call created them. Tells no one: inside a
        larger write (an import naming a new annotator) subscribers hear of that write once it commits."""
        name = name.strip()
        if not name:
            raise HashiyaError("an annotator needs a name")
        if name == IMPORT_LOG:
            raise HashiyaError(f"{IMPORT_LOG!r} is reserved for imports made by no one named: choose another name")
        existing = self.get(name)
        if existing:
            return existing, False
        annotator = Annotator(new_id(), name, now())
        with self._database.atomic():
            inserted = self._insert(annotator.id, annotator.name, annotator.created_at, or_ignore=True)
        if not inserted:  # another connection created them meanwhile
            return self.get(name) or annotator, False
        return annotator, True

    def adopt(self, name: str, wanted_id: str) -> tuple[str, bool]:
        """The id of ``name`` here, creating them with ``wanted_id`` when that id is free (a merge
        keeps the source file's ids, so merging the same file twice finds the same people)."""
        found = self.get(name)
        if found:
            return found.id, False
        taken = self._conn.execute("SELECT 1 FROM annotators WHERE id = ?", (wanted_id,)).fetchone()
        annotator_id = new_id() if taken else wanted_id
        self._insert(annotator_id, name, now())
        return annotator_id, True

    def id_of(self, annotator: AnnotatorRef, *, create: bool = False) -> str:
        """Resolve an :class:`Annotator`, a name, or an annotator id (ids are 32 hex digits)."""
        if isinstance(annotator, Annotator):
            return annotator.id
        found = self.get(annotator)
        if found is None:
            row = self._conn.execute("SELECT id FROM annotators WHERE id = ?", (annotator,)).fetchone()
            if row is not None:
                return row[0]
            if create:
                found = self.create(annotator)[0]
        if found is None:
            raise NotFoundError(f"no annotator called {annotator!r} in this project")
        return found.id

    def filter_id(self, annotator: Any) -> str | None:
        """The id to filter reads by: None for everyone; an unknown name matches nothing ("")."""
        if annotator is None:
            return None
        try:
            return self.id_of(annotator)
        except NotFoundError:
            return ""

    def import_log_id(self) -> str:
        """The pseudo-annotator holding plain imports' log (no one imported them by name)."""
        row = self._conn.execute("SELECT id FROM annotators WHERE name = ?", (IMPORT_LOG,)).fetchone()
        if row is not None:
            return row[0]
        log_id = new_id()
        self._insert(log_id, IMPORT_LOG, now())
        return log_id

    def _insert(self, annotator_id: str, name: str, created_at: str, *, or_ignore: bool = False) -> int:
        conflict = " ON CONFLICT (name) DO NOTHING" if or_ignore else ""
        return self._conn.execute(
            f"INSERT INTO annotators (id, name, created_at) VALUES (?, ?, ?){conflict}",
            (annotator_id, name, created_at),
        ).rowcount
