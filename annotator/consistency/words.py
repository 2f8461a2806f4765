"""The English of findings' summaries and proposals (the JSON and the report show them as written)."""

from __future__ import annotations


def count(n: int, noun: str) -> str:
    """``1 span``, ``3 spans``: nouns here take a plain -s."""
    return f"{n} {noun}{'' if n == 1 else 's'}"
