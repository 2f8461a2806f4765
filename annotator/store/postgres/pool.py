"""A small pool of server connections per project address, in this process.

The window holds its project open for the whole session, and its background jobs (an import, a
merge, pre-annotation, training) each open the project again for as long as they run. On a
distant server every new connection costs a TCP and TLS handshake and an authentication; here a
job's connection is handed back when the job closes its project and the next job takes it.

Deliberately small and thread-free: at most :data:`KEPT` idle connections per address, kept only
while some project of that address is open (the last one to close closes them), each checked
before it is lent again. A new connection is made the ordinary way, so a refused one fails at
once with libpq's own words (a pool that retries in the background would only say it timed out).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import psycopg
from psycopg import pq

KEPT = 4  # idle connections kept per address: the window's jobs rarely run more at once

Connect = Callable[[], psycopg.Connection[Any]]


@dataclass
class _Idle:
    connections: list[psycopg.Connection[Any]] = field(default_factory=list)
    users: int = 0


_IDLE: dict[str, _Idle] = {}
_LOCK = threading.Lock()


def _usable(raw: psycopg.Connection[Any]) -> bool:
    return not raw.closed and not raw.broken and raw.info.transaction_status == pq.TransactionStatus.IDLE


class Lender:
    """One open project's source of connections to its address (see the module docstring)."""

    def __init__(self, key: str, connect: Connect) -> None:
        self._key = key
        self._connect = connect
        self._open = True
        with _LOCK:
            _IDLE.setdefault(key, _Idle()).users += 1

    def take(self) -> psycopg.Connection[Any]:
        """An idle connection of this address that still answers, else a new one."""
        while True:
            with _LOCK:
                idle = _IDLE.get(self._key)
                raw = idle.connections.pop() if idle is not None and idle.connections else None
            if raw is None:
                return self._connect()
            if _usable(raw):
                try:
                    list(raw.notifies(timeout=0))  # notices meant for its last user
                    raw.execute("SELECT 1")
                    return raw
                except psycopg.Error:
                    pass
            raw.close()

    def give_back(self, raw: psycopg.Connection[Any]) -> None:
        """Keep ``raw`` for the next job of this address, or close it."""
        with _LOCK:
            idle = _IDLE.get(self._key)
            if idle is not None and idle.users > 0 and len(idle.connections) < KEPT and _usable(raw):
                idle.connections.append(raw)
                return
        raw.close()

    def done(self) -> None:
        """The project closed: the last project of this address closes the idle connections."""
        if not self._open:
            return
        self._open = False
        with _LOCK:
            idle = _IDLE.get(self._key)
            if idle is None:
                return
            idle.users -= 1
            if idle.users > 0:
                return
            del _IDLE[self._key]
        for raw in idle.connections:
            raw.close()


def idle_count(key: str) -> int:
    """How many connections of ``key`` wait for reuse (tests)."""
    with _LOCK:
        idle = _IDLE.get(key)
        return len(idle.connections) if idle is not None else 0
