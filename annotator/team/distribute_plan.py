"""Who gets which documents: the split behind ``hashiya distribute``, decided without the store.

The documents handed out in one run are split into an *overlap sample* that every annotator gets
(so agreement can be measured on it) and one *share* per annotator, every other document going to
exactly one person. Kept apart from the file writing so the split's invariants can be checked on
thousands of generated cases (tests/agreement/test_distribute_split.py):

- the overlap is a fraction of the documents handed out, drawn per stratum (a source, or a length
  band) in proportion to the stratum's size, every stratum represented when the sample is large
  enough to hold one of each, so agreement is not measured on one outlet's style alone;
- the shares differ in size by one document at most, and each mixes the strata (documents are dealt
  round-robin after grouping by stratum);
- ``per_annotator`` caps a file (overlap included): the run then hands out the first documents in
  project order and holds the rest back for the next run;
- everything is drawn from ``random.Random(seed)``: the same seed gives the same split.
"""

from __future__ import annotations

import math
import random
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

LENGTH_BANDS = 3  # short, medium, long: stratifying by length
_SEPARATOR = re.compile(r"[-_ ./\\]")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A document that may be handed out: its key (the content hash) and the stratum it is drawn from."""

    key: str
    stratum: str


@dataclass(frozen=True)
class Split:
    """One run's split: the overlap every annotator gets, each annotator's own share, and what the
    ``per_annotator`` cap held back for a later run (all as candidate keys, in project order)."""

    overlap: tuple[str, ...]
    shares: dict[str, tuple[str, ...]]
    held_back: tuple[str, ...]

    def documents_of(self, annotator: str) -> tuple[str, ...]:
        """What ``annotator``'s file holds: the overlap, then their share."""
        return self.overlap + self.shares[annotator]


def source_of(name: str, meta: dict[str, object]) -> str:
    """A document's source for stratifying: ``meta["source"]`` (what a JSONL import carries), else the
    name's prefix (``aljazeera-0012.txt`` → ``aljazeera``, ``bbc/12.txt`` → ``bbc``, ``doc12`` → ``doc``)."""
    given = meta.get("source")
    if isinstance(given, str) and given.strip():
        return given.strip()
    prefix = _SEPARATOR.split(name.strip(), maxsplit=1)[0]
    return prefix.rstrip("0123456789") or prefix or name


def length_bands(lengths: Sequence[int], bands: int = LENGTH_BANDS) -> list[str]:
    """Each length's band (``length-1`` the shortest third ... by rank, so equal-sized bands)."""
    order = sorted(range(len(lengths)), key=lambda i: (lengths[i], i))
    out = [""] * len(lengths)
    for rank, i in enumerate(order):
        out[i] = f"length-{rank * bands // max(len(lengths), 1) + 1}"
    return out


def overlap_size(total: int, fraction: float) -> int:
    """How many of ``total`` handed-out documents form the overlap (half rounds up)."""
    return min(total, math.floor(fraction * total + 0.5))


def round_size(available: int, annotators: int, fraction: float, cap: int | None) -> int:
    """How many documents one run hands out: all available, or as many as keep every file within ``cap``."""
    for total in range(available, -1, -1):
        shared = overlap_size(total, fraction)
        if cap is None or shared + math.ceil((total - shared) / annotators) <= cap:
            return total
    return 0


def allocate(sizes: dict[str, int], wanted: int) -> dict[str, int]:
    """How many of ``wanted`` to draw from each stratum: one from each first when there is room for
    all, the rest in proportion to what is left (largest remainders, ties by stratum name)."""
    names = sorted(sizes)
    take = dict.fromkeys(names, 0)
    if wanted <= 0 or not names:
        return take
    if wanted < len(names):  # not one each: the largest strata
        for name in sorted(names, key=lambda n: (-sizes[n], n))[:wanted]:
            take[name] = 1
        return take
    for name in names:
        take[name] = 1
    rest, room = wanted - len(names), {n: sizes[n] - 1 for n in names}
    total_room = sum(room.values())
    if rest <= 0 or total_room <= 0:
        return take
    exact = {n: rest * room[n] / total_room for n in names}
    for name in names:
        take[name] += math.floor(exact[name])
    left = rest - sum(math.floor(v) for v in exact.values())
    for name in sorted(names, key=lambda n: (-(exact[n] - math.floor(exact[n])), n))[:left]:
        take[name] += 1
    return take


def plan_split(
    candidates: Sequence[Candidate],
    annotators: Sequence[str],
    fraction: float,
    *,
    per_annotator: int | None = None,
    seed: int = 0,
) -> Split:
    """Split ``candidates`` (in project order) among ``annotators`` (see the module docstring)."""
    if not annotators:
        raise ValueError("no annotators to distribute to")
    rng = random.Random(seed)
    total = round_size(len(candidates), len(annotators), fraction, per_annotator)
    handed, held_back = list(candidates[:total]), tuple(c.key for c in candidates[total:])
    strata: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in handed:
        strata[candidate.stratum].append(candidate)
    take = allocate({name: len(members) for name, members in strata.items()}, overlap_size(total, fraction))
    chosen = {c.key for name in sorted(strata) for c in rng.sample(strata[name], take[name])}
    rest = [c for c in handed if c.key not in chosen]
    rng.shuffle(rest)
    rest.sort(key=lambda c: c.stratum)  # stable: shuffled within a stratum, strata dealt in turn
    first = rng.randrange(len(annotators))
    dealt: dict[str, set[str]] = {name: set() for name in annotators}
    for i, candidate in enumerate(rest):
        dealt[annotators[(first + i) % len(annotators)]].add(candidate.key)
    order = [c.key for c in handed]
    return Split(
        overlap=tuple(k for k in order if k in chosen),
        shares={name: tuple(k for k in order if k in keys) for name, keys in dealt.items()},
        held_back=held_back,
    )
