"""A PostgreSQL connection that the store's repositories use as they use SQLite's.

The repositories call ``conn.execute(sql, params)`` and read rows by position or by column name
(``sqlite3.Row``). :class:`PgConnection` offers that same small surface over psycopg 3, rewriting
each statement once through :mod:`annotator.store.postgres.dialect`; the rest of the store does
not know which engine it talks to. Only this package imports psycopg (an import contract), and
only when a ``postgresql://`` project is opened, so the window never pays for it otherwise.

Transactions are explicit, as on SQLite: the connection is in autocommit mode and
:class:`~annotator.store.postgres.database.PostgresDatabase` issues ``BEGIN``/``COMMIT``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg import errors as pg_errors
from psycopg import pq
from psycopg.rows import tuple_row
from psycopg.types.numeric import FloatLoader

from annotator.errors import ProjectError
from annotator.store.connection import BUSY_TIMEOUT_S, IntegrityError
from annotator.store.postgres import dialect
from annotator.store.postgres.pool import Lender

Params = Sequence[Any]


class Row:
    """One result row, read by position or by column name, as ``sqlite3.Row`` is."""

    __slots__ = ("_index", "_values")

    def __init__(self, values: Sequence[Any], index: dict[str, int]) -> None:
        self._values = values
        self._index = index

    def __getitem__(self, key: int | slice | str) -> Any:
        if isinstance(key, str):
            try:
                return self._values[self._index[key]]
            except KeyError:
                return self._values[self._index[key.lower()]]
        return self._values[key]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Row):
            return tuple(self._values) == tuple(other._values) and self._index == other._index
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self._values))

    def __lt__(self, other: Row) -> bool:  # rows sort as their values do (sqlite3.Row's order)
        return tuple(self._values) < tuple(other._values)

    def keys(self) -> list[str]:
        return list(self._index)

    def __repr__(self) -> str:
        return f"Row({dict(zip(self._index, self._values, strict=True))!r})"


def _parameters(params: Params | Mapping[str, Any] | None) -> tuple[Any, ...] | Mapping[str, Any]:
    """Positional parameters as a tuple, named ones (``:name``) as they are; never ``None``, so that
    psycopg always reads the statement's placeholders (and its doubled ``%``)."""
    if isinstance(params, Mapping):
        return params
    return tuple(params or ())


@contextmanager
def _as_store_errors(connection: PgConnection) -> Iterator[None]:
    """Server errors as the store's own: a taken id or a broken rule is the store's
    ``IntegrityError``, as on SQLite, so the repositories say what it means in one place for both
    engines; a lost connection, a refused permission or a lock waited on too long is a one-line
    :class:`ProjectError` naming the project. Anything else (a statement the dialect got wrong)
    stays psycopg's, a bug to see."""
    where = connection.where
    try:
        yield
    except psycopg.IntegrityError as exc:
        raise IntegrityError(_first_line(exc)) from exc
    except pg_errors.InsufficientPrivilege as exc:
        raise ProjectError(f"{where}: permission denied: {_first_line(exc)}") from None
    except pg_errors.LockNotAvailable:
        raise ProjectError(
            f"{where}: the project is busy: another annotator's write held it for {BUSY_TIMEOUT_S:g} s; "
            "nothing was changed, try again"
        ) from None
    except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
        if connection.broken:
            raise ProjectError(f"{where}: the connection to the server was lost ({_first_line(exc)})") from None
        raise ProjectError(f"{where}: the server refused: {_first_line(exc)}") from None


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _rows(cursor: psycopg.Cursor[Any]) -> Callable[[Sequence[Any]], Row]:
    """psycopg's row factory: one shared name → position table per result."""
    index = {column.name: i for i, column in enumerate(cursor.description or ())}
    return lambda values: Row(values, index)


class PgCursor:
    """What ``execute`` returns: iterate it, or ``fetchone``/``fetchall``, as with sqlite3."""

    def __init__(self, connection: PgConnection) -> None:
        self._connection = connection
        # Client-side binding: values are quoted into the statement, as SQLite reads them, so a
        # parameter's type never has to be inferred by the server ("? IS NULL", "CASE ? ...").
        self._cursor = psycopg.ClientCursor(connection.raw, row_factory=_rows)

    def execute(self, sql: str, params: Params | None = ()) -> PgCursor:
        self._connection.traced(sql)
        with _as_store_errors(self._connection):
            self._cursor.execute(dialect.statement(sql), _parameters(params))
        self._connection.count(self._cursor)
        return self

    def executemany(self, sql: str, rows: Iterable[Params]) -> PgCursor:
        self._connection.traced(sql)
        with _as_store_errors(self._connection):
            self._cursor.executemany(dialect.statement(sql), [tuple(row) for row in rows])  # type: ignore[arg-type]
        self._connection.count(self._cursor)
        return self

    @property
    def row_factory(self) -> object:
        return self._cursor.row_factory

    @row_factory.setter
    def row_factory(self, factory: object) -> None:
        """``None`` gives plain tuples, as on sqlite3 (bulk reads that need no names)."""
        self._cursor.row_factory = tuple_row if factory is None else factory  # type: ignore[assignment]

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def description(self) -> Any:
        return self._cursor.description

    def fetchone(self) -> Row | None:
        return self._cursor.fetchone() if self._cursor.description is not None else None

    def fetchall(self) -> list[Row]:
        return self._cursor.fetchall() if self._cursor.description is not None else []

    def fetchmany(self, size: int = 1) -> list[Row]:
        return self._cursor.fetchmany(size) if self._cursor.description is not None else []

    def __iter__(self) -> Iterator[Row]:
        return iter(self.fetchall())

    def close(self) -> None:
        self._cursor.close()


_REPEATABLE = ("SELECT", "WITH", "BEGIN")
_OPEN = (pq.TransactionStatus.ACTIVE, pq.TransactionStatus.INTRANS, pq.TransactionStatus.INERROR)


def _repeatable(sql: str) -> bool:
    """Whether running ``sql`` twice outside a transaction is harmless (a read, or a ``BEGIN``)."""
    return sql.lstrip().upper().startswith(_REPEATABLE)


class PgConnection:
    """The subset of ``sqlite3.Connection`` the store uses, over one psycopg connection."""

    def __init__(self, lender: Lender, where: str) -> None:
        self.where = where  # the project's address, for messages
        self._lender: Lender | None = lender
        self.raw = self._set_up(lender.take())
        self._reconnections = 0
        self.held = False  # inside a write transaction of the store: no reconnection
        self.row_factory: object = None  # rows are always :class:`Row` (sqlite3 callers set this)
        self._changes = 0
        self._trace: Callable[[str], None] | None = None

    @staticmethod
    def _set_up(raw: psycopg.Connection[Any]) -> psycopg.Connection[Any]:
        # SUM and AVG of integers are NUMERIC in PostgreSQL: read them as floats, as SQLite gives them.
        raw.adapters.register_loader("numeric", FloatLoader)
        return raw

    def execute(self, sql: str, params: Params | None = ()) -> PgCursor:
        """Run one statement. Outside the store's transactions, a read or a ``BEGIN`` that meets a
        lost connection (the server restarted, the network dropped) reconnects and runs again: it
        changed nothing. Inside one (:attr:`held`, set by the database's ``atomic``) a lost
        connection is the operation's failure, never a reconnection: a statement run on a new
        connection would commit on its own, outside the transaction it belonged to."""
        if self._lender is None:
            raise ProjectError(f"{self.where}: the project is closed")
        if self.broken and not self.held:
            self.reconnect()
        try:
            return PgCursor(self).execute(sql, params)
        except ProjectError:
            if self.held or not (self.broken and _repeatable(sql)):
                raise
        self.reconnect()
        return PgCursor(self).execute(sql, params)

    @property
    def broken(self) -> bool:
        return self.raw.closed or self.raw.broken

    @property
    def closed_for_good(self) -> bool:
        """Closed by its project (not lost): it never reconnects."""
        return self._lender is None

    def reconnect(self) -> None:
        """Let the lost connection go and take another (a new one: a lost one is never kept)."""
        if self._lender is None:
            raise ProjectError(f"{self.where}: the project is closed")
        self._lender.give_back(self.raw)
        self.raw = self._set_up(self._lender.take())
        self._reconnections += 1

    def take_reconnections(self) -> int:
        """Reconnections since last asked (the database counts each as a possible write by others)."""
        count, self._reconnections = self._reconnections, 0
        return count

    def executemany(self, sql: str, rows: Iterable[Params]) -> PgCursor:
        return PgCursor(self).executemany(sql, rows)

    def cursor(self) -> PgCursor:
        return PgCursor(self)

    @property
    def in_transaction(self) -> bool:
        """A transaction is open (a lost connection has none: its status is UNKNOWN)."""
        return self.raw.info.transaction_status in _OPEN

    @property
    def total_changes(self) -> int:
        """Rows inserted, updated or deleted through this connection (SQLite's counter of the same name)."""
        return self._changes

    def count(self, cursor: psycopg.Cursor[Any]) -> None:
        if cursor.description is None and cursor.rowcount > 0:
            self._changes += cursor.rowcount

    def set_trace_callback(self, callback: Callable[[str], None] | None) -> None:
        self._trace = callback

    def traced(self, sql: str) -> None:
        if self._trace is not None:
            self._trace(sql)

    def close(self) -> None:
        """Close for good (a closed project never reconnects): the connection goes back to the
        address's pool while another project of it is open, else it is closed."""
        lender, self._lender = self._lender, None
        if lender is not None:
            lender.give_back(self.raw)
            lender.done()
