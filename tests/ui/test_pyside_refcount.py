"""Regression guard: PySide6 6.12.0 under-counts references to None in void methods and aborts Python.

With a good PySide6, 100,000 calls of a void method leave ``sys.getrefcount(None)`` where it was.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QTextCursor, QTextDocument


def test_void_method_calls_do_not_leak_references_to_none() -> None:
    document = QTextDocument("بوتين " * 20)
    cursor = QTextCursor(document)
    before = sys.getrefcount(None)
    for i in range(100_000):
        cursor.setPosition(i % 100)
    after = sys.getrefcount(None)
    assert after >= before - 100, f"refcount of None fell from {before} to {after}: a broken PySide6 build"
