"""Opening project files safely, and write transactions with a bounded wait for locks.

A file that is not a Hashiya project (not SQLite, truncated, from a newer version) is refused
with a clear message before anything is written to it.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.errors import ProjectError
from annotator.store.migrations import check_version

if TYPE_CHECKING:
    from sqlite_utils import Database

# What a damaged project file raises while pages are read; callers outside the store catch it by this name
# (only the store imports sqlite3: an import-linter contract).
DatabaseError = sqlite3.DatabaseError

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


def sqlite_utils_database(conn: sqlite3.Connection) -> Database:
    """Wrap ``conn`` in sqlite-utils, without letting it import pandas.

    sqlite-utils imports pandas when it is installed (camel-tools installs it) only to map
    pandas' Timestamp type; that costs ≈0.5 s and ≈120 MB at every start of the window.
    """
    blocked = "pandas" not in sys.modules
    if blocked:
        sys.modules["pandas"] = None  # type: ignore[assignment]  # makes "import pandas" fail fast
    try:
        from sqlite_utils import Database
    finally:
        if blocked:
            del sys.modules["pandas"]
    return Database(conn, execute_plugins=False, recursive_triggers=False)
