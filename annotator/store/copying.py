"""``hashiya copy``: a whole project from one place to another, file ↔ server, row for row.

Moving a team from files to a server (or taking a server project home as a file) must lose
nothing: the action log (so everyone's Ctrl+Z still works), suggestions and decisions, trained
models, activity, dismissed findings. So the copy is every row of every table, in the order the
tables reference each other, in one write transaction on the target, and the target's own
bookkeeping is what differs: SQLite keeps the format version in ``PRAGMA user_version`` and the
server in a ``meta`` row, and the server's action-log sequence is moved past the copied rows.

A file source is read through an in-memory copy (:func:`~annotator.store.connection.read_copy`),
so copying never upgrades or otherwise writes to it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from annotator.errors import ProjectError
from annotator.store.connection import Connection, current_schema, open_database, read_copy
from annotator.store.postgres.urls import is_server_address
from annotator.store.project import Project

_TABLE = re.compile(r'^CREATE TABLE\s+"?(\w+)"?', re.IGNORECASE)
_SERVER_ONLY_META = ("schema_version",)  # the server's version row; a file keeps it in PRAGMA user_version
BATCH = 5000


@dataclass(frozen=True, slots=True)
class CopyReport:
    """What was copied: rows per table."""

    source: str
    target: str
    rows: dict[str, int]

    def summary(self) -> str:
        total = sum(self.rows.values())
        tables = ", ".join(f"{table} {n}" for table, n in self.rows.items() if n)
        return f"copied {self.source} to {self.target}: {total} rows ({tables})"


def tables_in_order() -> list[str]:
    """The project's tables, each after the tables it references (the order the schema creates them)."""
    return [m.group(1) for m in map(_TABLE.match, current_schema()) if m]


def copy_project(source: str | Path, target: str | Path, progress: Callable[[str], None] | None = None) -> CopyReport:
    """Copy the project at ``source`` into a new project at ``target`` (a new file, or an empty
    server database). Nothing is left at ``target`` if the copy fails."""
    if str(source) == str(target):
        raise ProjectError(f"{target}: the source and the target are the same project")
    if is_server_address(str(source)):
        with Project.open(source) as project, project.database.snapshot():
            return _copy_into(lambda table: _read(project.database.conn, table), str(source), target, progress)
    return read_copy(source, lambda conn: _copy_into(lambda table: _read(conn, table), str(source), target, progress))


def _read(conn: Connection, table: str) -> Iterator[tuple[list[str], list[tuple]]]:
    cursor = conn.execute(f'SELECT * FROM "{table}"')
    names = [column[0] for column in cursor.description]
    while batch := cursor.fetchmany(BATCH):
        yield names, [tuple(row) for row in batch]


def _copy_into(
    read: Callable[[str], Iterator[tuple[list[str], list[tuple]]]],
    source: str,
    target: str | Path,
    progress: Callable[[str], None] | None,
) -> CopyReport:
    database = open_database(target, create=True)
    counts: dict[str, int] = {}
    try:
        conn = database.conn
        with database.atomic():  # the tables and every row, or nothing (a server rolls the tables back too)
            database.migrate()
            for table in tables_in_order():
                if progress is not None:
                    progress(table)
                counts[table] = 0
                for names, rows in read(table):
                    if table == "meta":
                        rows = [row for row in rows if row[names.index("key")] not in _SERVER_ONLY_META]
                    if not rows:
                        continue
                    columns = ", ".join(f'"{name}"' for name in names)
                    marks = ", ".join("?" for _ in names)
                    conn.executemany(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', rows)
                    counts[table] += len(rows)
            database.after_bulk_copy()
    except BaseException:
        database.discard()
        raise
    database.close()
    return CopyReport(source, str(target), counts)
