"""Python's cycle collector paused for a bulk read or write.

Exports and the consistency checks make hundreds of thousands of small tuples and strings (every
span or piece of 10,000 documents) and no reference cycles. Each collection those allocations set
off walks every object alive: about a fifth of an export and a quarter of a consistency run
(``benchmarks/bench_export.py``, ``benchmarks/bench_consistency.py``). Reference counting still
frees everything; the collector is left as it was found.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector off inside the block, and back as it was after (also after an error)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
