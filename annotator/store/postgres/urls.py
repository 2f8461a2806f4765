"""Where a server project lives: a ``postgresql://`` address, never with a password in it.

Hashiya remembers recent projects in its settings and writes the project's address into
messages and reports, so an address carrying a password would leak it. Passwords belong to
libpq's own places instead: the ``~/.pgpass`` file, a service file (``service=`` or
``postgresql:///?service=NAME``), ``PGPASSWORD`` for scripts, or the server's peer/cert/GSS
authentication. TLS is libpq's too: ``?sslmode=verify-full&sslrootcert=...`` passes through.

Kept free of psycopg so that telling a file from a server address costs no import.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from annotator.errors import ProjectError

SCHEMES = ("postgresql://", "postgres://")


def is_server_address(target: object) -> bool:
    """Whether ``target`` names a server project rather than a project file."""
    return isinstance(target, str) and target.startswith(SCHEMES)


@dataclass(frozen=True, slots=True)
class ServerAddress:
    """A parsed ``postgresql://USER@HOST:PORT/DB?options`` address."""

    url: str

    @classmethod
    def parse(cls, url: str) -> ServerAddress:
        if not is_server_address(url):
            raise ProjectError(f"{url}: not a PostgreSQL address (postgresql://USER@HOST/DATABASE)")
        parts = urlsplit(url)
        if parts.password is not None:
            raise ProjectError(
                f"{parts.scheme}://{parts.username or ''}@{parts.hostname or ''}{parts.path}: "
                "the address holds a password, and Hashiya never stores one; put it in ~/.pgpass "
                "(or a pg_service.conf entry, or PGPASSWORD for a script) and leave it out of the address"
            )
        if not parts.path.strip("/") and "service=" not in parts.query and "dbname=" not in parts.query:
            raise ProjectError(f"{url}: the address names no database (postgresql://USER@HOST/DATABASE)")
        return cls(url)

    @property
    def conninfo(self) -> str:
        return self.url

    def __str__(self) -> str:
        return self.url

    def connect_error(self, exc: Exception) -> str:
        """One line for a failed connection: unreachable, refused, or missing database."""
        text = " ".join(str(exc).split())
        lowered = text.lower()
        if "password authentication failed" in lowered or "no password supplied" in lowered:
            return f"{self}: authentication refused (check ~/.pgpass or the service file): {_reason(text)}"
        if "pg_hba.conf" in lowered or ("role" in lowered and "does not exist" in lowered):
            return f"{self}: authentication refused: {_reason(text)}"
        if "database" in lowered and "does not exist" in lowered:
            return f"{self}: no such database on the server (create it, then 'hashiya init'): {_reason(text)}"
        if "permission denied" in lowered:
            return f"{self}: permission denied: {_reason(text)}"
        if "ssl" in lowered:
            return f"{self}: the TLS connection failed (sslmode): {_reason(text)}"
        return f"{self}: cannot reach the PostgreSQL server: {_reason(text)}"


def _reason(text: str) -> str:
    """The server's or libpq's own words, without the connection preamble libpq repeats."""
    if "failed: " in text:
        text = text.rsplit("failed: ", 1)[1]
    return text.removeprefix("FATAL: ").strip()
