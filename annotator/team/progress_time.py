"""Idle-aware active time from the activity events the store keeps (:mod:`annotator.store.activity`).

Each annotator's events are read in time order. The time between two consecutive events is work
only when the gap is at most the idle gap (default five minutes) and the earlier event is not the
window losing focus or closing: a coffee break, a night, or time spent in another program never
counts. A counted interval belongs to the document that was open during it (the earlier event's,
else the later one's) and to the day (UTC) it ended. An action's own time is what was counted
since the previous action or document opening in the same document: the seconds a tag, an accept
or a rejection took, which :mod:`annotator.team.progress_saving` compares.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from annotator.store.activity import BLUR, CLOSE, FOCUS, INPUT, OPEN, STOPS, ActivityEvent

DEFAULT_IDLE_MINUTES = 5.0
NOT_ACTIONS = frozenset({OPEN, INPUT, FOCUS, BLUR, CLOSE})


def day_of(at: float) -> str:
    """The UTC calendar day of a clock reading (``2026-12-03``)."""
    return datetime.fromtimestamp(at, UTC).date().isoformat()


@dataclass(frozen=True, slots=True)
class TimedAction:
    """One action with the active seconds it took (since the previous action or opening)."""

    annotator_id: str
    document_id: str | None
    kind: str
    items: int
    seconds: float
    day: str


@dataclass
class ActiveTime:
    """Active seconds by (annotator, document) and by (annotator, day), and every action timed."""

    by_document: dict[tuple[str, str | None], float] = field(default_factory=lambda: defaultdict(float))
    by_day: dict[tuple[str, str], float] = field(default_factory=lambda: defaultdict(float))
    actions: list[TimedAction] = field(default_factory=list)
    done_day: dict[tuple[str, str], str] = field(default_factory=dict)  # (annotator, document) → day last marked done

    def total(self, annotator_id: str) -> float:
        return sum(s for (who, _day), s in self.by_day.items() if who == annotator_id)


def active_time(events: Iterable[ActivityEvent], idle_seconds: float) -> ActiveTime:
    """Credit the intervals between ``events`` (see the module docstring), given in recording order
    (:meth:`~annotator.store.activity.Activity.events`): two events at the same instant (a document
    marked done, then the window left) must stay in the order they happened."""
    out = ActiveTime()
    ordered = sorted(events, key=lambda e: (e.annotator_id, e.at))  # stable: simultaneous events keep their order
    previous: dict[str, ActivityEvent] = {}
    since_action: dict[tuple[str, str | None], float] = defaultdict(float)
    for event in ordered:
        who = event.annotator_id
        before = previous.get(who)
        previous[who] = event
        if before is not None and before.kind not in STOPS and 0 <= event.at - before.at <= idle_seconds:
            seconds = event.at - before.at
            document = before.document_id if before.document_id is not None else event.document_id
            out.by_document[(who, document)] += seconds
            out.by_day[(who, day_of(event.at))] += seconds
            since_action[(who, document)] += seconds
        if event.kind == OPEN:
            since_action[(who, event.document_id)] = 0.0
        elif event.kind not in NOT_ACTIONS:
            seconds = since_action.pop((who, event.document_id), 0.0)
            day = day_of(event.at)
            out.actions.append(TimedAction(who, event.document_id, event.kind, event.items, seconds, day))
            if event.kind == "done" and event.document_id is not None:
                out.done_day[(who, event.document_id)] = day
    return out
