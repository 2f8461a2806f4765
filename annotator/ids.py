"""Identifiers that stay unique across machines, so projects can be merged without renumbering."""

from __future__ import annotations

import os
import time


def new_id() -> str:
    """A 32-hex-digit id: 48 bits of milliseconds then 80 random bits (UUIDv7-like).

    Time-ordered ids sort by creation, and 80 random bits make collisions between
    machines negligible.
    """
    millis = time.time_ns() // 1_000_000
    return f"{millis:012x}{os.urandom(10).hex()}"


def document_id(sha256_hex: str) -> str:
    """A document's id is derived from its text, so the same article has the same id everywhere."""
    return sha256_hex[:24]
