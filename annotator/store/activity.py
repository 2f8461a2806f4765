"""Each annotator's activity (issue 16): events the progress report turns into idle-aware active time.

The store keeps what happened, not a verdict: an event is an action (a tag, an accept, a document
marked done...), a burst of key presses or clicks, a document opened, the window focused or left.
How much of the time between two events was work is decided when the report is read
(:mod:`annotator.team.progress_time`), with the idle gap the reader chooses, so the same rows
answer ``--idle-minutes 5`` and ``--idle-minutes 2``. Times come from a :class:`Clock` the caller
injects: tests and scripted annotators drive a :class:`ManualClock` and never sleep.

Recording is not an action in anyone's log: undo does not take time back. Event ids are unique
across machines (:func:`annotator.ids.new_id`), so a merge copies the rows it lacks by id
(:func:`annotator.store.merge.merge_activity`) and merging twice adds nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import astuple, dataclass
from typing import Any, Protocol

from annotator.errors import HashiyaError
from annotator.ids import IdSequence
from annotator.model import DocStatus
from annotator.store.changes import Change, ChangeKind
from annotator.store.connection import Connection, Database, DatabaseError

OPEN, INPUT, FOCUS, BLUR, CLOSE, DONE = "open", "input", "focus", "blur", "close", "done"
STOPS = frozenset({BLUR, CLOSE})  # after these, the time until the next event is never work
NOT_ACTIONS = frozenset(
    {ChangeKind.ADD_DOCUMENTS, ChangeKind.MERGE, ChangeKind.SUGGEST, ChangeKind.EXTERNAL, ChangeKind.MODEL_SAVED}
)  # writes a person starts but does not annotate with (their time is the job's, not the annotator's)
event_id = IdSequence()  # events of one instant keep their order (they sort by at, then id)
COLUMNS = ("id", "annotator_id", "document_id", "at", "kind", "items")
MAX_KEPT = 200  # rows kept in memory before they are written anyway


class Clock(Protocol):
    """Where the recorder reads the time: seconds since the epoch."""

    def now(self) -> float: ...


class ActivityHost(Protocol):
    """What the recorder needs of a :class:`~annotator.store.project.Project` (named without importing it)."""

    activity: Activity

    def ensure_annotator(self, name: str) -> Any: ...

    def subscribe(self, listener: Callable[[Change], None]) -> Callable[[], None]: ...


class SystemClock:
    """The real clock (the window's)."""

    def now(self) -> float:
        return time.time()


@dataclass
class ManualClock:
    """A clock a test or a scripted annotator moves by hand: time passes only when told to."""

    t: float = 0.0

    def now(self) -> float:
        return self.t

    def advance(self, seconds: float) -> float:
        self.t += seconds
        return self.t


@dataclass(frozen=True, slots=True)
class ActivityEvent:
    """One row of the ``activity`` table (migration 7). ``items``: the spans an action added."""

    id: str
    annotator_id: str
    document_id: str | None
    at: float
    kind: str
    items: int = 0


class Activity:
    """Reads and writes of the ``activity`` table; every statement on it is here."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def record(self, annotator_id: str, document_id: str | None, at: float, kind: str, items: int = 0) -> ActivityEvent:
        """Write one event (its own small transaction) and return it."""
        event = ActivityEvent(event_id(), annotator_id, document_id, at, kind, items)
        self.record_many([event])
        return event

    def record_many(self, events: Sequence[ActivityEvent]) -> None:
        """Write events in one transaction."""
        with self._database.atomic():
            self.insert(events)

    def insert(self, events: Iterable[ActivityEvent]) -> int:
        """Insert events whose id is not here yet (the caller holds the transaction); returns how many."""
        marks = ", ".join("?" * len(COLUMNS))
        before = self._database.conn.total_changes
        self._database.conn.executemany(
            f"INSERT INTO activity ({', '.join(COLUMNS)}) VALUES ({marks}) ON CONFLICT DO NOTHING",
            [astuple(e) for e in events],
        )
        return self._database.conn.total_changes - before

    def events(self, annotator_ids: Sequence[str] | None = None) -> list[ActivityEvent]:
        """Every event (of ``annotator_ids``), by annotator then time: the order active time is read in."""
        sql = f"SELECT {', '.join(COLUMNS)} FROM activity"
        args: tuple[str, ...] = ()
        if annotator_ids is not None:
            sql += f" WHERE annotator_id IN ({', '.join('?' * len(annotator_ids))})"
            args = tuple(annotator_ids)
        rows = self._database.conn.execute(sql + " ORDER BY annotator_id, at, id", args)
        return [ActivityEvent(*row) for row in rows]

    # -- what the progress report reads beside the events ---------------------------------------------

    def decision_rows(self) -> list[tuple[str, str, str, str]]:
        """Every suggestion decision as ``(annotator id, label, decision, sources)``."""
        sql = "SELECT annotator_id, label, decision, sources FROM suggestion_decisions ORDER BY decided_at, id"
        return [tuple(row) for row in self._database.conn.execute(sql)]  # type: ignore[misc]

    def done_rows(self) -> list[tuple[str, str, str]]:
        """``(annotator id, document id, updated_at)`` of every document an annotator marked done."""
        sql = "SELECT annotator_id, document_id, updated_at FROM document_status WHERE status = 'done'"
        return [tuple(row) for row in self._database.conn.execute(sql)]  # type: ignore[misc]


def read_events(conn: Connection) -> list[ActivityEvent]:
    """Every event of a source file's connection (a merge reads a copy; it may predate migration 7)."""
    rows = conn.execute(f"SELECT {', '.join(COLUMNS)} FROM activity ORDER BY at, id")
    return [ActivityEvent(*row) for row in rows]


class ActivityRecorder:
    """Records one annotator's activity in an open project: their actions (heard as the project's
    changes), and what the caller reports (a document opened, input, focus). Input is coalesced:
    a row at most every ``coalesce`` seconds, the latest input kept pending until then, so a
    keystroke-heavy hour writes a few hundred rows, not thousands, and no tail is lost.

    Rows are kept in memory and written together (:meth:`flush`): when the oldest kept row is
    ``coalesce`` seconds old, when the window loses the focus or closes (and on the window's timer;
    an opening is kept too). Writing each row in a transaction of its own cost every tag
    two more synced commits; a crash loses at most the last few seconds of time records, never an
    annotation."""

    def __init__(
        self, project: ActivityHost, annotator: str, clock: Clock | None = None, *, coalesce: float = 10.0
    ) -> None:
        self._store: Activity = project.activity
        self.annotator_id = project.ensure_annotator(annotator).id
        self.clock: Clock = clock or SystemClock()
        self.coalesce = coalesce
        self.document_id: str | None = None
        self.focused = True
        self._last_written = float("-inf")
        self._pending: float | None = None  # the time of input not written yet
        self._kept: list[ActivityEvent] = []  # rows not in the file yet (see flush)
        self.lost = 0  # events that could not be written: recording time never stops the annotator
        self._unsubscribe: Callable[[], None] | None = project.subscribe(self.on_change)

    def open(self, document_id: str | None) -> None:
        """The annotator opened ``document_id``: reading it before the first action is work on it.

        The row is kept like any other (written by the next :meth:`flush`): a synced write here
        cost every window start and every change of document a commit for a row of machine data."""
        self._flush_pending()
        self.document_id = document_id
        if document_id is not None:
            self._write(document_id, OPEN)

    def input(self) -> None:
        """A key press or click in the document while the window is focused."""
        if not self.focused:
            return
        at = self.clock.now()
        if at - self._last_written >= self.coalesce:
            self._pending = None
            self._write(self.document_id, INPUT, at=at)
        else:
            self._pending = at

    def focus(self, focused: bool) -> None:
        """The window gained or lost focus: time while it is unfocused never counts."""
        if focused == self.focused:
            return
        self._flush_pending()
        self.focused = focused
        self._write(self.document_id, FOCUS if focused else BLUR)
        if not focused:
            self.flush()

    def on_change(self, change: Change) -> None:
        """A committed change: one of this annotator's annotation actions becomes an event."""
        if change.annotator_id != self.annotator_id or change.kind in NOT_ACTIONS or change.empty:
            return
        self._flush_pending()
        for document_id in sorted(change.document_ids) or [self.document_id]:
            done = any(s.document_id == document_id and s.status == DocStatus.DONE for s in change.statuses)
            items = sum(1 for s in change.spans_added if s.document_id == document_id)
            kind = DONE if done and not change.undone else str(change.kind)
            self._write(document_id, kind, items=items)

    def close(self) -> None:
        """Stop recording (the window closes): the pending input is written, then a stop."""
        if self._unsubscribe is None:
            return
        self._flush_pending()
        self._write(self.document_id, CLOSE)
        self.flush()
        self._unsubscribe()
        self._unsubscribe = None

    def flush(self) -> None:
        """Write the kept rows in one transaction."""
        if not self._kept:
            return
        kept, self._kept = self._kept, []
        try:
            self._store.record_many(kept)
        except (DatabaseError, HashiyaError):  # closed, or locked past the busy timeout: annotating goes on
            self.lost += len(kept)

    def _flush_pending(self) -> None:
        if self._pending is not None:
            at, self._pending = self._pending, None
            self._write(self.document_id, INPUT, at=at)

    def _write(self, document_id: str | None, kind: str, *, items: int = 0, at: float | None = None) -> None:
        if self._unsubscribe is None:
            return  # closed: a window's last events (it loses the focus as it closes) are not work
        at = self.clock.now() if at is None else at
        self._last_written = at
        self._kept.append(ActivityEvent(event_id(), self.annotator_id, document_id, at, kind, items))
        if at - self._kept[0].at >= self.coalesce or len(self._kept) >= MAX_KEPT:
            self.flush()
