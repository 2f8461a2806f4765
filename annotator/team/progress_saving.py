"""Do suggestions save time? Acceptance rates, and seconds per accepted suggestion versus per manual span.

An accept (one key, or several suggestions at once) and a manual tag are both timed actions
(:mod:`annotator.team.progress_time`); their seconds per span added are ratios of sums over actions.
The saving is ``(seconds per manual span − seconds per accepted suggestion) × suggestions accepted``,
and its uncertainty is a percentile bootstrap over actions (seeded, so a report reads the same twice):
a handful of accepts makes a wide interval, which is the honest answer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from annotator.store.changes import ACCEPT_KINDS, ChangeKind
from annotator.team.agreement.figures import JsonRecord
from annotator.team.progress_time import TimedAction

MANUAL_KINDS = frozenset({ChangeKind.ADD_SPAN.value, ChangeKind.ADD_SPANS.value})
ACCEPTED_KINDS = frozenset(k.value for k in ACCEPT_KINDS)
RESAMPLES = 2000


@dataclass(frozen=True, slots=True)
class Rate(JsonRecord):
    """Decisions on suggestions: how many accepted and rejected, and the share accepted."""

    accepted: int
    rejected: int
    rate: float | None


@dataclass(frozen=True, slots=True)
class TimeSaved(JsonRecord):
    """Seconds per accepted suggestion and per manual span, and the saving with a 95% interval."""

    accepted_spans: int
    manual_spans: int
    seconds_per_accepted: float | None
    seconds_per_manual: float | None
    seconds_saved: float | None
    interval: tuple[float, float] | None  # 95% percentile bootstrap of seconds_saved
    resamples: int
    seed: int


def acceptance(rows: Iterable[tuple[str, str, str, str]]) -> dict[str, dict[str, dict[str, Rate]]]:
    """Annotator → {"recommenders": {source: Rate}, "labels": {label: Rate}} from decision rows
    ``(annotator, label, decision, sources)`` (sources comma-joined: each recommender is credited)."""
    counts: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    for who, label, decision, sources in rows:
        slot = 0 if decision == "accepted" else 1
        counts[(who, "labels", label)][slot] += 1
        for source in filter(None, sources.split(",")):
            counts[(who, "recommenders", source)][slot] += 1
    out: dict[str, dict[str, dict[str, Rate]]] = {}
    for (who, axis, key), (yes, no) in sorted(counts.items()):
        group = out.setdefault(who, {"recommenders": {}, "labels": {}})
        group[axis][key] = Rate(yes, no, yes / (yes + no))
    return out


def time_saved(actions: Sequence[TimedAction], *, seed: int = 0, resamples: int = RESAMPLES) -> TimeSaved:
    """The saving estimated from ``actions`` (see the module docstring)."""
    accepted = _sample(a for a in actions if a.kind in ACCEPTED_KINDS)
    manual = _sample(a for a in actions if a.kind in MANUAL_KINDS)
    n_accepted, n_manual = int(accepted[1].sum()), int(manual[1].sum())
    per_accepted = _ratio(*accepted)
    per_manual = _ratio(*manual)
    if per_accepted is None or per_manual is None:
        return TimeSaved(n_accepted, n_manual, per_accepted, per_manual, None, None, resamples, seed)
    saved = (per_manual - per_accepted) * n_accepted
    rng = np.random.default_rng(seed)
    draws = (_boot(rng, *manual, resamples) - _boot(rng, *accepted, resamples)) * n_accepted
    low, high = np.percentile(draws, [2.5, 97.5])
    return TimeSaved(n_accepted, n_manual, per_accepted, per_manual, saved, (float(low), float(high)), resamples, seed)


def _sample(actions: Iterable[TimedAction]) -> tuple[np.ndarray, np.ndarray]:
    """Seconds and spans added of the actions that added at least one span."""
    chosen = [(a.seconds, a.items) for a in actions if a.items > 0]
    seconds = np.array([s for s, _ in chosen], dtype=float)
    items = np.array([n for _, n in chosen], dtype=float)
    return seconds, items


def _ratio(seconds: np.ndarray, items: np.ndarray) -> float | None:
    return float(seconds.sum() / items.sum()) if items.sum() else None


def _boot(rng: np.random.Generator, seconds: np.ndarray, items: np.ndarray, resamples: int) -> np.ndarray:
    """``resamples`` bootstrap replicates of seconds per span (actions drawn with replacement)."""
    picks = rng.integers(0, len(seconds), size=(resamples, len(seconds)))
    return seconds[picks].sum(axis=1) / items[picks].sum(axis=1)
