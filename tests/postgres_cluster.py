"""A throwaway PostgreSQL cluster for the tests: a real server from Debian's ``postgresql`` package.

``initdb`` runs in a fresh temporary folder, the server listens on a Unix socket in that folder only (no TCP:
``listen_addresses = ''``), every local connection is trusted (no password anywhere), and the folder is removed
at the end of the session. The server runs as a user who is not root: ``initdb`` and ``postgres`` refuse root,
so under root (CI) the programs run as ``postgres`` (the user Debian's package creates) through ``runuser``.

Fixtures (registered from ``tests/conftest.py``):

- ``pg_cluster`` (session): the running :class:`PgCluster`. Without the server programs it skips with the
  reason; in CI (``CI=true``, as ``tests.conftest.in_ci``) it fails, so the PostgreSQL tests never vanish.
  ``HASHIYA_PG_BIN`` names the folder holding ``initdb``, ``pg_ctl`` and ``postgres`` (used alone: an empty
  folder simulates a machine without them); otherwise ``PATH``, then the newest ``/usr/lib/postgresql/*/bin``.
- ``pg_url`` (function): the URL of a fresh database of its own, dropped after the test.

A fresh database per test, measured on 2 shared cores (PostgreSQL 15, fsync off, one psycopg connection; the
variants interleaved, 30 rounds of create + drop, median and quartiles; a quiet run, then one under load 3.5):

==========================================================  ==================  ===================
create + drop                                                quiet               loaded (q1-q3)
==========================================================  ==================  ===================
CREATE DATABASE d TEMPLATE template1 (default WAL_LOG)       63-75 ms            126 ms (98-150)
CREATE DATABASE d TEMPLATE template0 (default WAL_LOG)       64 ms               130 ms (100-169)
CREATE DATABASE d TEMPLATE template1 STRATEGY FILE_COPY      68 ms               122 ms (106-149)
CREATE DATABASE d TEMPLATE template0 STRATEGY FILE_COPY      62 ms               123 ms (101-138)
CREATE SCHEMA s in one shared database (+ DROP ... CASCADE)  0.2-0.4 ms          0.7 ms (0.5-1.2)
==========================================================  ==================  ===================

(Of a database's ~65 ms, CREATE is ~50 and DROP ~16; starting the cluster takes ~1.7 s, a restart ~0.3 s.)
The four database variants are within each other's noise. A schema is ~100 times faster but does not isolate:
LISTEN/NOTIFY channels, extensions, ``ALTER DATABASE ... SET``, and ``pg_stat_*`` or ``information_schema``
queries without a schema filter all span the database, and the store would have to honour a ``search_path`` in
the URL. So each test gets a database, from ``template0`` (nothing a test put in ``template1`` leaks into the
next; no slower) with the default strategy. A module needing many migrated databases can migrate one, close its
connections (a template must have none) and pass its name as ``template=`` to ``new_database``.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from glob import glob
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import pytest

from tests.conftest import in_ci

if TYPE_CHECKING:
    from psycopg.sql import Composable

BIN_ENV = "HASHIYA_PG_BIN"
DEBIAN_BIN_GLOB = "/usr/lib/postgresql/*/bin"  # Debian keeps the server programs off PATH, one folder a version
SERVER_PROGRAMS = ("initdb", "pg_ctl", "postgres")
SERVER_USER = "postgres"  # who runs the server when the tests run as root (Debian's package creates it)
SUPERUSER = "postgres"  # the cluster's superuser role, whoever runs the server
SOCKET_PATH_MAX = 107  # sun_path: the socket's full path must fit, so the folder is short (not pytest's tmp_path)
# For tests only: fsync off spares the disk flushes (a throwaway cluster has nothing to lose in an OS crash).
# synchronous_commit stays on: with it off, a commit that returned could vanish when a fault test restarts the
# server with "immediate" (a crash), and the fault benchmark must tell a lost action from a slow one.
TEST_SETTINGS = {"fsync": "off"}


def _complete(folder: Path) -> bool:
    return all(os.access(folder / program, os.X_OK) and (folder / program).is_file() for program in SERVER_PROGRAMS)


def _version_key(folder: str) -> tuple[int, ...]:
    """``/usr/lib/postgresql/15/bin`` → ``(15,)``: the newest version is the largest, 9.6 before 10."""
    version = Path(folder).parent.name
    return tuple(int(part) for part in re.findall(r"\d+", version)) or (0,)


def find_server_bin(override: str | None = None) -> Path | None:
    """The folder holding initdb, pg_ctl and postgres, or None.

    ``override`` (default: ``$HASHIYA_PG_BIN``) is the only place looked at when set. Otherwise ``PATH`` (the
    folder of ``initdb`` there, or of the file it links to), then the newest of Debian's version folders.
    """
    override = os.environ.get(BIN_ENV) if override is None else override
    if override:
        return Path(override) if _complete(Path(override)) else None
    on_path = shutil.which("initdb")
    if on_path:
        for folder in (Path(on_path).parent, Path(on_path).resolve().parent):
            if _complete(folder):
                return folder
    for folder in sorted(glob(DEBIAN_BIN_GLOB), key=_version_key, reverse=True):
        if _complete(Path(folder)):
            return Path(folder)
    return None


def unavailable(reason: str) -> None:
    """Skip with ``reason``, or fail in CI, where the PostgreSQL tests must run."""
    if in_ci():
        pytest.fail(f"CI=true: {reason}; the PostgreSQL tests must run in CI", pytrace=False)
    pytest.skip(reason)


def require_server_bin(override: str | None = None) -> Path:
    """The server programs' folder; skips (fails in CI) naming what to install when there is none."""
    folder = find_server_bin(override)
    if folder is not None:
        return folder
    where = os.environ.get(BIN_ENV) if override is None else override
    if where:
        unavailable(f"{BIN_ENV}={where} holds no {', '.join(SERVER_PROGRAMS)}")
    unavailable(
        f"no PostgreSQL server programs ({', '.join(SERVER_PROGRAMS)}) on PATH or in {DEBIAN_BIN_GLOB}: "
        "run `sudo apt-get install postgresql` (or `make test` as root)"
    )
    raise AssertionError("unreachable")  # pragma: no cover


def free_port() -> int:
    """A port number no other cluster here uses: it names the socket file and the server's shared memory."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class PgCluster:
    """One initdb'd cluster in ``root`` (``data/``, ``socket/``, ``server.log``), served on ``port``.

    ``run_as`` is the user the programs run as through ``runuser`` (None: the current user, who is not root).
    """

    bin_dir: Path
    root: Path
    port: int
    run_as: str | None = None
    settings: dict[str, str] = field(default_factory=lambda: dict(TEST_SETTINGS))

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root / "socket"

    @property
    def log(self) -> Path:
        return self.root / "server.log"

    # -- the server ----------------------------------------------------------------------------------------

    def _command(self, program: str, *args: str) -> list[str]:
        command = [str(self.bin_dir / program), *args]
        return command if self.run_as is None else ["runuser", "-u", self.run_as, "--", *command]

    def _run(self, program: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        """Run one server program as the server's user; a failure raises with what it and the log said."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}  # no PGDATA, PGPORT ... from outside
        result = subprocess.run(
            self._command(program, *args), cwd=self.root, env=env, capture_output=True, text=True, timeout=timeout
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"{program} {' '.join(args)} failed (exit {result.returncode}):\n"
                f"{result.stdout}{result.stderr}{self.log_tail()}"
            )
        return result

    def log_tail(self, lines: int = 30) -> str:
        try:
            said = self.log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
        except OSError:
            return ""
        return "\nserver.log:\n" + "\n".join(said) if said else ""

    def init(self) -> None:
        """initdb, then a configuration that serves only our socket and trusts only it."""
        self.socket_dir.mkdir()
        if self.run_as is not None:
            user = pwd.getpwnam(self.run_as)
            for path in (self.root, self.socket_dir):
                os.chown(path, user.pw_uid, user.pw_gid)
        self._run(
            "initdb", "-D", str(self.data), "-U", SUPERUSER, "-E", "UTF8", "--locale=C",
            "--auth-local=trust", "--auth-host=reject", "--no-sync", "--no-instructions",
        )  # fmt: skip
        (self.data / "pg_hba.conf").write_text("local all all trust\n", encoding="utf-8")  # the socket only
        settings = {
            "listen_addresses": "''",
            "port": str(self.port),
            "unix_socket_directories": f"'{self.socket_dir}'",
            **self.settings,
        }
        with (self.data / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write("\n# tests/postgres_cluster.py\n")
            conf.writelines(f"{name} = {value}\n" for name, value in settings.items())

    def start(self, timeout: float = 60) -> None:
        """Start the server and return once it accepts connections (pg_ctl -w, then one real connection)."""
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", str(int(timeout)), "start")
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.psql("SELECT 1")
                return
            except Exception as error:  # psycopg.OperationalError, kept import-free for the skip path
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the server does not accept connections: {error}{self.log_tail()}") from None
                time.sleep(0.05)

    def stop(self, mode: str = "fast") -> None:
        """Stop the server: ``fast`` ends sessions cleanly, ``immediate`` is a crash (recovery on next start)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop")

    def restart(self, mode: str = "fast") -> None:
        """Stop and start on the same socket and port: clients see their connections end, then reconnect."""
        self.stop(mode)
        self.start()

    @property
    def running(self) -> bool:
        """pg_ctl status: a server runs on this data folder."""
        status = self._command("pg_ctl", "-D", str(self.data), "status")
        return subprocess.run(status, cwd=self.root, capture_output=True, timeout=30).returncode == 0

    def destroy(self) -> None:
        """Stop the server whatever state it is in and remove the folder.

        A server left running on a deleted folder would hold its memory and port until the machine restarts,
        so a stop that fails escalates: fast, then immediate, then SIGKILL to the postmaster.
        """
        try:
            if (self.data / "postmaster.pid").exists():
                self._stop_at_any_cost()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def _stop_at_any_cost(self) -> None:
        for mode in ("fast", "immediate"):
            try:
                self.stop(mode)
                return
            except (RuntimeError, subprocess.TimeoutExpired):
                continue
        try:
            pid = int((self.data / "postmaster.pid").read_text().split()[0])
            os.kill(pid, signal.SIGKILL)
        except (OSError, ValueError, IndexError):
            pass

    # -- SQL ------------------------------------------------------------------------------------------------

    def url(self, dbname: str = "postgres", user: str = SUPERUSER) -> str:
        """A libpq URL: ``postgresql://USER@/DB?host=SOCKET_DIR&port=N`` (trusted socket: no password)."""
        return f"postgresql://{quote(user)}@/{quote(dbname)}?host={quote(str(self.socket_dir))}&port={self.port}"

    def connect(self, dbname: str = "postgres", user: str = SUPERUSER) -> Any:
        """An autocommit psycopg connection (CREATE DATABASE runs outside a transaction)."""
        import psycopg

        return psycopg.connect(self.url(dbname, user), autocommit=True, connect_timeout=10)

    def psql(
        self, sql: str | Composable, db: str = "postgres", params: Sequence[Any] | None = None, user: str = SUPERUSER
    ) -> list[tuple[Any, ...]]:
        """Run ``sql`` (several statements when there are no ``params``); the rows of the last result.

        A query of its own connection (autocommit), so CREATE DATABASE and DROP DATABASE work too.
        """
        with self.connect(db, user) as connection, connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows: list[tuple[Any, ...]] = []
            while True:
                rows = cursor.fetchall() if cursor.description is not None else []
                if not cursor.nextset():
                    return rows

    @staticmethod
    def unique_name(prefix: str = "t") -> str:
        return f"{prefix}_{uuid.uuid4().hex[:12]}"

    def new_database(self, name: str | None = None, template: str = "template0") -> str:
        """Create a database (a fresh unique name unless given) and return its URL."""
        from psycopg import sql

        name = name or self.unique_name()
        self.psql(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(name), sql.Identifier(template)))
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Drop it even while a test's pool still holds connections to it (``WITH (FORCE)``)."""
        from psycopg import sql

        self.psql(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    def create_role(self, name: str, login: bool = True) -> None:
        """A role without a password (the socket is trusted); ``url(db, user=name)`` connects as it."""
        from psycopg import sql

        self.psql(sql.SQL("CREATE ROLE {} " + ("LOGIN" if login else "NOLOGIN")).format(sql.Identifier(name)))


@contextmanager
def running_cluster(bin_dir: Path, base: str | None = None, **settings: str) -> Iterator[PgCluster]:
    """A started cluster in a new folder under ``base`` (default: the temporary folder), removed on exit.

    Removal happens on any exit: a failing test, a failed start, Ctrl-C (pytest tears session fixtures down
    on KeyboardInterrupt too).
    """
    root = Path(tempfile.mkdtemp(prefix="hashiya-pg-", dir=base))
    run_as = SERVER_USER if os.geteuid() == 0 else None
    cluster = PgCluster(bin_dir, root, free_port(), run_as, {**TEST_SETTINGS, **settings})
    try:
        if len(str(cluster.socket_dir / f".s.PGSQL.{cluster.port}")) > SOCKET_PATH_MAX:
            raise RuntimeError(f"{root} is too long a path for a Unix socket: set TMPDIR to a shorter folder")
        if run_as is not None:
            try:
                pwd.getpwnam(run_as)
            except KeyError:
                raise RuntimeError(
                    f"running as root, the server needs the user {run_as!r} (Debian's postgresql package makes it)"
                ) from None
        cluster.init()
        cluster.start()
        yield cluster
    finally:
        cluster.destroy()


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    """One running cluster for the whole session (skips, or fails in CI, without the server programs)."""
    bin_dir = require_server_bin()
    try:
        import psycopg  # noqa: F401
    except ImportError:
        unavailable("psycopg is not installed (pip install -c constraints.txt 'psycopg[binary]')")
    with running_cluster(bin_dir) as cluster:
        yield cluster


@pytest.fixture
def pg_url(pg_cluster: PgCluster) -> Iterator[str]:
    """A fresh database for this test only: its URL; dropped afterwards."""
    name = pg_cluster.unique_name()
    url = pg_cluster.new_database(name)
    try:
        yield url
    finally:
        pg_cluster.drop_database(name)
