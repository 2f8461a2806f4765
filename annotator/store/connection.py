"""The store's database module: the only code that imports ``sqlite3`` (an import contract).

It opens project files safely (a file that is not a Hashiya project, truncated or from a newer
version is refused with a clear message before anything is written to it), and its
:class:`Database` is the one door every store repository goes through: ``atomic()`` writes
with a bounded wait for locks, ``snapshot()`` reads, and the public hooks tests use instead of
reaching into a connection (``trace``, ``pragma``, ``table_rows``).
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote

from annotator.errors import ProjectError
from annotator.store.migrations import CURRENT_VERSION, check_version, migrate, schema_version

if TYPE_CHECKING:
    from sqlite_utils import Database as SqliteUtilsDatabase

# What a damaged project file raises while pages are read; callers outside the store catch it by this name
# (only the store imports sqlite3: an import-linter contract).
DatabaseError = sqlite3.DatabaseError
# The types other store modules name (they import them from here, never ``sqlite3`` itself).
Connection = sqlite3.Connection
Cursor = sqlite3.Cursor
Row = sqlite3.Row
IntegrityError = sqlite3.IntegrityError
OperationalError = sqlite3.OperationalError

T = TypeVar("T")
BUSY_TIMEOUT_S = 5.0
_SQLITE_HEADER = b"SQLite format 3\x00"


def connect(path: str | Path, *, create: bool) -> sqlite3.Connection:
    """Open ``path`` (``":memory:"`` for tests) with the project's settings.

    Autocommit mode: transactions are explicit (``BEGIN IMMEDIATE``), one per operation.
    """
    memory = str(path) == ":memory:"
    verify_pages = False
    if not memory:
        path = Path(path)
        if create:
            if path.exists():
                raise ProjectError(f"{path}: a file with this name already exists")
            if not path.parent.is_dir():
                raise ProjectError(f"{path.parent}: folder does not exist")
        else:
            verify_pages = _check_file(path)
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error as exc:
        raise ProjectError(f"{path}: cannot open project: {exc}") from None
    conn.row_factory = sqlite3.Row
    try:
        if not create and not memory:
            check_version(conn, str(path))
            _check_is_project(conn, path)
            if verify_pages:
                _check_pages(conn, path)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        if not memory:
            conn.execute("PRAGMA journal_mode = WAL")
            # FULL: a committed action survives a power cut, not only a crash of the app.
            conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.OperationalError as exc:
        conn.close()
        locked = _locked(exc, str(path))
        if isinstance(locked, ProjectError):
            raise locked from None
        raise ProjectError(f"{path}: damaged or unreadable project file ({exc})") from None
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise ProjectError(f"{path}: damaged or unreadable project file ({exc})") from None
    except ProjectError:
        conn.close()
        raise
    return conn


def _check_file(path: Path) -> bool:
    """Refuse what is plainly not a project; True when the pages must be checked after opening.

    A file shorter than its header says is truncated, unless a write-ahead log lies beside it:
    a crash while SQLite copies the log into the file (a checkpoint) leaves the header already
    grown and the rest still in the log, and SQLite completes it on opening.
    """
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except FileNotFoundError:
        raise ProjectError(f"{path}: no such project file (create one with 'hashiya init')") from None
    except OSError as exc:
        raise ProjectError(f"{path}: cannot read project file: {exc.strerror or exc}") from None
    if not header.startswith(_SQLITE_HEADER):
        raise ProjectError(f"{path}: not a Hashiya project (the file is not an SQLite database)")
    if len(header) == 100:
        page_size = int.from_bytes(header[16:18], "big")
        page_size = 65536 if page_size == 1 else page_size
        pages = int.from_bytes(header[28:32], "big")
        expected = page_size * pages
        actual = path.stat().st_size
        if pages and actual < expected:
            if _has_wal(path):
                return True
            raise ProjectError(
                f"{path}: the project file is truncated ({actual} of {expected} bytes); restore it from a backup"
            )
    return False


def _has_wal(path: Path) -> bool:
    wal = Path(f"{path}-wal")
    return wal.is_file() and wal.stat().st_size > 0


def _check_pages(conn: sqlite3.Connection, path: Path) -> None:
    """After an interrupted checkpoint: the file and its log together must hold every page."""
    rows = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
    if rows != ["ok"]:
        lines = [line for row in rows for line in row.splitlines() if line and not line.startswith("***")]
        detail = lines[0] if lines else "pages are missing"
        raise ProjectError(f"{path}: the project file is damaged ({detail}); restore it from a backup")


def _check_is_project(conn: sqlite3.Connection, path: Path) -> None:
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not {"meta", "documents", "spans", "actions"} <= tables:
        raise ProjectError(f"{path}: an SQLite database, but not a Hashiya project")


@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """One atomic write: ``BEGIN IMMEDIATE`` takes the write lock up front (waiting up to
    :data:`BUSY_TIMEOUT_S` for another process), so a transaction never fails half-way on a lock.
    Nested use becomes a savepoint."""
    if conn.in_transaction:
        conn.execute("SAVEPOINT nested")
        try:
            yield
        except BaseException:
            conn.execute("ROLLBACK TO SAVEPOINT nested")
            conn.execute("RELEASE SAVEPOINT nested")
            raise
        conn.execute("RELEASE SAVEPOINT nested")
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise _locked(exc, _file_name(conn)) from None
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise _locked(exc, _file_name(conn)) from None


def _file_name(conn: sqlite3.Connection) -> str:
    try:
        row = conn.execute("PRAGMA database_list").fetchone()
    except sqlite3.Error:
        return "the project"
    return row[2] if row is not None and row[2] else "the project"


def _locked(exc: sqlite3.OperationalError, where: str = "the project") -> Exception:
    message = str(exc)
    if "locked" in message or "busy" in message:
        return ProjectError(
            f"{where}: the project is busy: another program kept it locked for {BUSY_TIMEOUT_S:g} s; "
            "nothing was changed, try again"
        )
    if "disk" in message or "full" in message or "readonly" in message:
        return ProjectError(f"{where}: cannot write the project: {message}; nothing was changed")
    return exc


def sqlite_utils_database(conn: sqlite3.Connection) -> SqliteUtilsDatabase:
    """Wrap ``conn`` in sqlite-utils, without letting it import pandas.

    sqlite-utils imports pandas when it is installed (camel-tools installs it) only to map
    pandas' Timestamp type; that costs ≈0.5 s and ≈120 MB at every start of the window.
    """
    blocked = "pandas" not in sys.modules
    if blocked:
        sys.modules["pandas"] = None  # type: ignore[assignment]  # makes "import pandas" fail fast
    try:
        from sqlite_utils import Database as SqliteUtilsDatabase
    finally:
        if blocked:
            del sys.modules["pandas"]
    return SqliteUtilsDatabase(conn, execute_plugins=False, recursive_triggers=False)


def open_read_only(path: Path) -> sqlite3.Connection:
    """Open someone else's project without writing to it. On read-only media a WAL project cannot
    even be read in ``mode=ro`` (SQLite wants to create its -shm file), and that shows only at the
    first query: probe, then fall back to ``immutable=1``."""
    uri = f"file:{quote(str(path.resolve()))}"
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True)
    try:
        conn.execute("PRAGMA user_version").fetchone()
    except sqlite3.OperationalError:
        conn.close()
        return sqlite3.connect(f"{uri}?immutable=1", uri=True)
    return conn


def read_copy(path: str | Path, reader: Callable[[sqlite3.Connection], T]) -> T:
    """``reader``'s result over an in-memory copy of the project file ``path``, brought up to the
    current version there: reading someone else's project never writes to it (a merge source).
    Raise :class:`ProjectError` if it is not a project."""
    path = Path(path)
    _check_file(path)
    memory = sqlite3.connect(":memory:", isolation_level=None)
    memory.row_factory = sqlite3.Row
    try:
        disk = open_read_only(path)
        try:
            check_version(disk, str(path))
            _check_is_project(disk, path)
            disk.backup(memory)
        finally:
            disk.close()
        memory.execute("BEGIN")
        migrate(memory, str(path))
        memory.execute("COMMIT")
        return reader(memory)
    except sqlite3.DatabaseError as exc:
        raise ProjectError(f"{path}: damaged or unreadable project file ({exc})") from None
    finally:
        memory.close()


def current_schema() -> list[str]:
    """The ``CREATE`` statements of a project at :data:`CURRENT_VERSION`, tables before indexes:
    what the migrations leave, read back from SQLite (a server project is created from them)."""
    memory = sqlite3.connect(":memory:", isolation_level=None)
    try:
        memory.execute("BEGIN")
        migrate(memory, ":memory:")
        memory.execute("COMMIT")
        rows = memory.execute(
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite%' "
            "ORDER BY type = 'index', rowid"
        )
        return [row[0] for row in rows]
    finally:
        memory.close()


def open_database(target: str | Path, *, create: bool) -> Database:
    """The door to the project at ``target``: a file (or ``":memory:"``), or a server project
    named by a ``postgresql://`` address (psycopg is imported only then)."""
    from annotator.store.postgres.urls import ServerAddress, is_server_address

    if is_server_address(target):
        from annotator.store.postgres.database import PostgresDatabase
        from annotator.store.postgres.database import connect as connect_server

        address = ServerAddress.parse(str(target))
        return PostgresDatabase(connect_server(address, create=create), address)
    return Database(connect(target, create=create), str(target))


class Database:
    """One project's connection and the only ways to use it: the door of the store.

    Repositories (:mod:`annotator.store.roster`, :mod:`~annotator.store.history`, ...) hold the
    same :class:`Database` and run their statements on :attr:`conn`; code outside
    ``annotator/store/`` never does (a test walks the sources). Writes go through :meth:`atomic`,
    reads that must agree with each other through :meth:`snapshot`.
    """

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self.conn = conn
        self.path = path

    def migrate(self) -> int:
        """Bring the project to :data:`CURRENT_VERSION` (inside the caller's :meth:`atomic`); the
        version it had, 0 for a new one."""
        return migrate(self.conn, self.path)

    def needs_upgrade(self) -> bool:
        return schema_version(self.conn) < CURRENT_VERSION

    def grant(self, role: str, *, curator: bool = False) -> Any:
        """A login for ``role`` on the project: server projects have logins (``hashiya grant``), a file none."""
        raise ProjectError(f"{self.path}: logins are for server projects (postgresql://...); a file has none")

    def writes_shared(self) -> bool:
        """Whether whoever opened the project may write what every annotator sees (shared suggestion
        runs): always on a file; on a server project, the owner and the curator only."""
        return True

    def after_bulk_copy(self) -> None:
        """Rows were copied in with their own ids: SQLite's action-log counter follows by itself."""

    def discard(self) -> None:
        """Let go of a project whose creation failed, leaving nothing behind."""
        self.conn.close()
        if self.path != ":memory:":
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def atomic(self) -> AbstractContextManager[None]:
        """One all-or-nothing write: several statements, or several store calls (a merge of many
        files). Nested blocks become savepoints, so an operation may run inside a larger one."""
        return write_transaction(self.conn)

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Several reads that see one state of the project while other connections write (WAL): an
        export or a report never pairs a relation with a span it did not read."""
        if self.conn.in_transaction:
            yield
            return
        self.conn.execute("BEGIN")
        try:
            yield
        finally:
            if self.conn.in_transaction:
                self.conn.execute("COMMIT")

    def data_version(self) -> tuple[int, int]:
        """A value that changes whenever anything is written to the project file: the rows this
        connection changed (``total_changes``) and commits by other connections (``PRAGMA
        data_version``). The store's watcher compares it to turn others' writes into a change."""
        return self.conn.total_changes, self.conn.execute("PRAGMA data_version").fetchone()[0]

    def trace(self, callback: Callable[[str], None]) -> Callable[[], None]:
        """Call ``callback(sql)`` for every statement this project runs (the crash tests kill a
        writer at a chosen statement); returns the function that removes the hook."""
        self.conn.set_trace_callback(callback)
        return lambda: self.conn.set_trace_callback(None)

    def pragma(self, name: str) -> Any:
        """The value of ``PRAGMA name`` (``user_version``, ``foreign_keys``, ...), read-only."""
        if not name.replace("_", "").isalnum():
            raise ValueError(f"not a pragma name: {name!r}")
        row = self.conn.execute(f"PRAGMA {name}").fetchone()
        return None if row is None else row[0]

    def set_pragma(self, name: str, value: int) -> None:
        """Set an integer pragma for this connection (``wal_autocheckpoint`` in the crash tests)."""
        if not name.replace("_", "").isalnum():
            raise ValueError(f"not a pragma name: {name!r}")
        self.conn.execute(f"PRAGMA {name} = {int(value)}")

    def table_rows(self, table: str) -> list[tuple[Any, ...]]:
        """Every row of ``table`` as plain tuples, sorted: what tests compare before and after."""
        known = {row[0] for row in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if table not in known:
            raise ValueError(f"no table {table!r} in this project")
        return sorted(tuple(row) for row in self.conn.execute(f'SELECT * FROM "{table}"'))

    def close(self) -> None:
        self.conn.close()
