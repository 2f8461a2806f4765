"""Identifiers that stay unique across machines, so projects can be merged without renumbering."""

from __future__ import annotations

import os
import threading
import time


def new_id() -> str:
    """A 32-hex-digit id: 48 bits of milliseconds then 80 random bits (UUIDv7-like).

    Time-ordered ids sort by creation, and 80 random bits make collisions between
    machines negligible.
    """
    millis = time.time_ns() // 1_000_000
    return f"{millis:012x}{os.urandom(10).hex()}"


class IdSequence:
    """:func:`new_id`, strictly increasing within one process: rows that must keep the order they
    were made in (activity events of the same instant) sort by id on every engine, where
    SQLite's hidden ``rowid`` is not portable. Within one millisecond the next id is the last
    plus one, so it stays as unique across machines as the random id it follows."""

    def __init__(self) -> None:
        self._last = 0
        self._lock = threading.Lock()

    def __call__(self) -> str:
        with self._lock:
            value = self._last = max(int(new_id(), 16), self._last + 1)
        return f"{value:032x}"


def document_id(sha256_hex: str) -> str:
    """A document's id is derived from its text, so the same article has the same id everywhere."""
    return sha256_hex[:24]
