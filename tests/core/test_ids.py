"""Ids: unique across machines, and activity events' ids strictly increasing within one process
(events of the same instant sort by id, on SQLite and on PostgreSQL alike)."""

from __future__ import annotations

import threading

from annotator.ids import IdSequence, new_id


def test_a_sequence_increases_strictly_even_within_one_millisecond() -> None:
    sequence = IdSequence()
    ids = [sequence() for _ in range(5000)]  # thousands per millisecond
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert all(len(i) == 32 and int(i, 16) >= 0 for i in ids)
    assert ids[0][:12] <= new_id()[:12]  # still time-ordered: its first 48 bits are milliseconds


def test_threads_sharing_a_sequence_never_get_the_same_id() -> None:
    sequence = IdSequence()
    taken: list[list[str]] = [[] for _ in range(4)]

    def take(into: list[str]) -> None:
        into.extend(sequence() for _ in range(2000))

    threads = [threading.Thread(target=take, args=(t,)) for t in taken]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    every = [i for t in taken for i in t]
    assert len(set(every)) == len(every)
    assert all(t == sorted(t) for t in taken)
