"""A project on a PostgreSQL server: the same door (:class:`~annotator.store.connection.Database`)
over a server database instead of a file.

What differs from a project file, and why:

- **Writes are serialized per project**, as SQLite serializes them per file: each write
  transaction first takes a transaction-scoped advisory lock. The store's rules (no duplicate
  span, an undo that checks nothing changed since) read, then write; under PostgreSQL's default
  isolation two annotators could otherwise both pass a check. Readers never wait (MVCC), and a
  writer waits at most :data:`~annotator.store.connection.BUSY_TIMEOUT_S` (``lock_timeout``).
- **Snapshots** are ``REPEATABLE READ`` transactions (SQLite's WAL reads see one state anyway).
- **Others' commits** are announced with ``NOTIFY`` inside each write transaction (delivered on
  commit), carrying the writer's backend pid; :meth:`data_version` counts those of other
  connections, which is what the store watcher turns into an external change.
- **The schema version** is the ``schema_version`` row of ``meta`` (SQLite keeps it in
  ``PRAGMA user_version``); the schema itself is the current SQLite schema read through
  :func:`~annotator.store.postgres.dialect.table_definition`, so the two cannot drift.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg

from annotator.errors import ProjectError
from annotator.store import connection as sqlite_side
from annotator.store.postgres import dialect, roles
from annotator.store.postgres.connection import PgConnection
from annotator.store.postgres.pool import Lender
from annotator.store.postgres.urls import ServerAddress

CHANNEL = "hashiya_changes"
VERSION_KEY = "schema_version"
# version → SQL, for each migration after the first server schema (a new project gets the current
# schema at once; these bring an older server project up to date)
POSTGRES_MIGRATIONS: dict[int, str] = {
    8: "ALTER TABLE dismissed_findings DROP CONSTRAINT dismissed_findings_pkey;"
    "ALTER TABLE dismissed_findings ADD PRIMARY KEY (key, annotator_id)",
    9: 'CREATE INDEX IF NOT EXISTS spans_layer ON spans(annotator_id, document_id, start, "end" DESC, label);'
    "DROP INDEX IF EXISTS spans_annotator",
}
FIRST_SERVER_VERSION = 7  # the format of the first server projects
_LOCK = "SELECT pg_advisory_xact_lock(hashtext(current_database() || '.' || current_schema()))"


def connect(address: ServerAddress, *, create: bool) -> PgConnection:
    """Connect to the project at ``address``; refuse a database that is not a Hashiya project (or,
    with ``create``, one that already holds tables). Errors are one line naming what failed."""
    lender = Lender(address.conninfo, lambda: _session(address))
    try:
        conn = PgConnection(lender, str(address))
    except BaseException:
        lender.done()
        raise
    try:
        tables = _tables(conn)
        if create and tables:
            raise ProjectError(f"{address}: the database already holds tables; create the project in an empty one")
        if not create:
            if not {"meta", "documents", "spans", "actions"} <= tables:
                raise ProjectError(
                    f"{address}: a PostgreSQL database, but not a Hashiya project (create one with 'hashiya init')"
                )
            check_version(conn, str(address))
    except psycopg.Error as exc:
        conn.close()
        raise ProjectError(f"{address}: {describe(exc)}") from None
    except BaseException:
        conn.close()
        raise
    return conn


def _session(address: ServerAddress) -> psycopg.Connection:
    """A new connection set up as the store expects: autocommit (the store begins its own
    transactions), a bounded wait for the write lock, and listening for others' commits."""
    try:
        raw = psycopg.connect(address.conninfo, autocommit=True, connect_timeout=10)
    except psycopg.OperationalError as exc:
        raise ProjectError(address.connect_error(exc)) from None
    try:
        raw.execute(f"SET lock_timeout = '{int(sqlite_side.BUSY_TIMEOUT_S * 1000)}ms'")
        raw.execute(f"LISTEN {CHANNEL}")
    except psycopg.Error as exc:
        raw.close()
        raise ProjectError(f"{address}: {describe(exc)}") from None
    return raw


def _tables(conn: PgConnection) -> set[str]:
    rows = conn.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")
    return {row[0] for row in rows}


def describe(exc: psycopg.Error) -> str:
    """One line for a server error met while opening: the server's own words."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def schema_version(conn: PgConnection) -> int:
    """The project's format version; 0 in a database without Hashiya's tables."""
    if "meta" not in _tables(conn):
        return 0
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (VERSION_KEY,)).fetchone()
    return int(row[0]) if row is not None else 0


def check_version(conn: PgConnection, where: str) -> int:
    version = schema_version(conn)
    if version > sqlite_side.CURRENT_VERSION:
        raise ProjectError(
            f"{where}: this project was written by a newer Hashiya (format {version}; "
            f"this version reads up to {sqlite_side.CURRENT_VERSION}). Update Hashiya to open it."
        )
    return version


def migrate(conn: PgConnection, where: str) -> int:
    """Create the schema in an empty database, or bring an older server project up to date.
    The caller holds the transaction. Returns the version it had."""
    version = check_version(conn, where)
    if version == 0:
        for statement in sqlite_side.current_schema():
            conn.execute(dialect.table_definition(statement))
        roles.install(conn)
        conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (VERSION_KEY, str(sqlite_side.CURRENT_VERSION)))
        return 0
    for number in range(version + 1, sqlite_side.CURRENT_VERSION + 1):
        for statement in _split(POSTGRES_MIGRATIONS[number]):
            conn.execute(statement)
        conn.execute("UPDATE meta SET value = ? WHERE key = ?", (str(number), VERSION_KEY))
    return version


def _split(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


class PostgresDatabase(sqlite_side.Database):
    """The store's door over a server project (see the module docstring for what differs)."""

    conn: PgConnection  # type: ignore[assignment]

    def __init__(self, conn: PgConnection, address: ServerAddress) -> None:
        super().__init__(conn, str(address))  # type: ignore[arg-type]
        self.address = address
        self._others = 0  # commits announced by other connections, counted as they arrive
        self._writes_shared: bool | None = None

    def migrate(self) -> int:
        return migrate(self.conn, str(self.address))

    def needs_upgrade(self) -> bool:
        return schema_version(self.conn) < sqlite_side.CURRENT_VERSION

    def after_bulk_copy(self) -> None:
        """The action log's sequence continues after the copied rows (an identity column does not follow
        explicit values by itself)."""
        self.conn.execute(
            "SELECT setval(pg_get_serial_sequence('actions', 'seq'), COALESCE(MAX(seq), 0) + 1, false) FROM actions"
        )

    def discard(self) -> None:
        """A failed creation rolled back with its transaction: only the connection is left to close."""
        self.conn.close()

    @contextmanager
    def atomic(self) -> Iterator[None]:  # type: ignore[override]
        """One all-or-nothing write, as on a file. A lost connection fails it with one line, and
        the next operation reconnects. Only a lost ``COMMIT`` is ambiguous (it may have reached the
        server before the reply was lost): the transaction's id, read just before, is looked up
        on a new connection, so the caller learns whether it happened and a retry never applies
        an action twice."""
        conn = self.conn
        if conn.held:
            with _savepoint(conn):
                yield
            return
        conn.execute("BEGIN")  # reconnects first if the connection was lost while idle
        conn.held = True
        try:
            conn.execute(_LOCK)
            yield
            conn.execute("SELECT pg_notify(?, CAST(pg_backend_pid() AS TEXT))", (CHANNEL,))
            transaction = conn.execute("SELECT CAST(txid_current() AS TEXT)").fetchone()[0]
            try:
                conn.execute("COMMIT")
            except ProjectError:
                if not conn.broken or self._committed(transaction) is not True:
                    raise
        except BaseException:
            self._rollback()
            raise
        finally:
            conn.held = False

    def _committed(self, transaction: str) -> bool | None:
        """After a ``COMMIT`` whose reply was lost: whether it took effect (None: cannot tell now)."""
        try:
            self.conn.reconnect()
            row = self.conn.execute("SELECT txid_status(CAST(? AS BIGINT))", (transaction,)).fetchone()
        except ProjectError:
            return None
        return row is not None and row[0] == "committed"

    def _rollback(self) -> None:
        """Undo the open transaction; on a lost connection the server already dropped it."""
        if not self.conn.broken and self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads that see one state of the project: a ``REPEATABLE READ`` transaction."""
        conn = self.conn
        if conn.held:
            yield
            return
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
        conn.held = True
        try:
            yield
        finally:
            conn.held = False
            if conn.in_transaction and not conn.broken:
                conn.execute("COMMIT")

    def data_version(self) -> tuple[int, int]:
        """This connection's changed rows, and the commits other connections announced so far (a
        reconnection counts as one: what others wrote meanwhile was announced to no one here).

        It never raises for a lost connection: the store watcher asks it on a timer, and a server
        that restarted must not end the watching. It reconnects instead (counted as a change) or,
        while the server is still away, answers as before and tries again at the next look."""
        conn = self.conn
        if conn.closed_for_good:  # its connection went back to the pool: it may be another's now
            raise ProjectError(f"{self.address}: the project is closed")
        if not conn.in_transaction:
            try:
                if conn.broken:
                    conn.reconnect()
                # One round trip first: the server hands over the notices of every commit that
                # completed before it began, so a write that returned elsewhere is seen now.
                conn.raw.execute("SELECT 1")
                mine = str(conn.raw.info.backend_pid)
                for note in conn.raw.notifies(timeout=0):
                    if note.channel == CHANNEL and note.payload != mine:
                        self._others += 1
            except (psycopg.OperationalError, ProjectError):
                pass  # the server is away: the next look reconnects
            self._others += conn.take_reconnections()
        return conn.total_changes, self._others

    def writes_shared(self) -> bool:
        """Whether this login may write runs and models meant for everyone (see :mod:`.roles`)."""
        if self._writes_shared is None:
            self._writes_shared = roles.writes_shared(self.conn)
        return self._writes_shared

    def grant(self, role: str, *, curator: bool = False) -> roles.Grant:
        """Give ``role`` a login on this project, as an annotator or as the curator (one transaction)."""
        with self.atomic():
            return roles.grant(self.conn, role, curator=curator)

    def pragma(self, name: str) -> Any:
        if name == "user_version":
            return schema_version(self.conn)
        raise ValueError(f"{self.address}: PRAGMA {name} is SQLite's; this project is on a PostgreSQL server")

    def set_pragma(self, name: str, value: int) -> None:
        raise ValueError(f"{self.address}: PRAGMA {name} is SQLite's; this project is on a PostgreSQL server")

    def table_rows(self, table: str) -> list[tuple[Any, ...]]:
        if table not in _tables(self.conn):
            raise ValueError(f"no table {table!r} in this project")
        return sorted(tuple(row) for row in self.conn.execute(f'SELECT * FROM "{table}"'))

    def tables(self) -> set[str]:
        return _tables(self.conn)


@contextmanager
def _savepoint(conn: PgConnection) -> Iterator[None]:
    conn.execute("SAVEPOINT nested")
    try:
        yield
    except BaseException:
        if not conn.broken:  # a lost connection took the whole transaction with it
            conn.execute("ROLLBACK TO SAVEPOINT nested")
            conn.execute("RELEASE SAVEPOINT nested")
        raise
    conn.execute("RELEASE SAVEPOINT nested")
