"""What a recommender's raw score means: the probability, measured on held-out data, that it is right.

A CRF's span score is a mean marginal, the gazetteer's a fixed 0.9/0.85/0.4, string matching's a
label share times a tag rate: three scales that cannot be compared or combined as they are. Calibration maps each
(recommender, label, raw score) to the precision observed for such suggestions on data the
recommender was not trained or tuned on (``scripts/calibrate_recommenders.py`` estimates it: the
CRF from out-of-fold predictions of stand-in models, and AQMAR's held-out articles). The table is
``resources/models/calibration.json``; it says what it was estimated on.

Each curve is a list of score bins ``[low, high)`` (the last one includes 1.0) with the observed
precision, shrunk towards the label's overall precision when a bin holds few suggestions and made
non-decreasing in the score (pool-adjacent-violators), so a higher raw score never means a lower
probability. A label with no curve of its own uses the recommender's pooled curve (``*``); a
recommender with no curve keeps its raw score (clamped to [0, 1]).

:meth:`Calibration.together` turns the calibrated probabilities of recommenders that agree on a
span and label into one: their noisy-or (agreement raises it), and, when other recommenders ran
too, the precision measured on held-out data for that set of agreeing recommenders (a curve over the
noisy-or): silence from a good model lowers a weak one's guess. Suggestions below
:attr:`Calibration.floor` are dropped (:mod:`.harmonize`). Agreement curves are measured with the
offline ``default`` members (gazetteer, crf, strings); a set of members without a curve keeps the
noisy-or.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from annotator.paths import resource_path

POOLED = "*"  # the curve of a recommender over all its labels
DEFAULT_EDGES = (0.0, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0)
PRIOR_WEIGHT = 10.0  # a bin's observed precision counts as much as this many suggestions at the prior


@dataclass(frozen=True)
class Bin:
    """Suggestions whose raw score is in ``[low, high)`` (``high`` included for the last bin)."""

    low: float
    high: float
    probability: float  # the calibrated probability (shrunk, monotone)
    count: int = 0  # suggestions observed in the bin
    correct: int = 0  # of those, right

    @property
    def observed(self) -> float | None:
        return self.correct / self.count if self.count else None


@dataclass(frozen=True)
class Curve:
    bins: tuple[Bin, ...]

    def probability(self, score: float) -> float:
        """The calibrated probability of a raw ``score`` (scores outside the bins use the nearest one)."""
        if not self.bins:
            return _clamp(score)
        lows = [b.low for b in self.bins]
        index = max(0, min(bisect_right(lows, score) - 1, len(self.bins) - 1))
        return self.bins[index].probability

    def to_dict(self) -> list[dict[str, Any]]:
        return [
            {
                "low": b.low,
                "high": b.high,
                "probability": round(b.probability, 4),
                "count": b.count,
                "correct": b.correct,
            }
            for b in self.bins
        ]

    @classmethod
    def from_dict(cls, rows: Iterable[dict[str, Any]]) -> Curve:
        return cls(
            tuple(
                Bin(float(r["low"]), float(r["high"]), float(r["probability"]), int(r["count"]), int(r["correct"]))
                for r in rows
            )
        )


@dataclass(frozen=True)
class Calibration:
    """Per recommender and label, raw score → probability of being right; the floor below which a
    suggestion is not offered."""

    curves: dict[str, dict[str, Curve]] = field(default_factory=dict)
    floor: float = 0.0
    estimated_on: tuple[str, ...] = ()
    details: dict[str, Any] = field(default_factory=dict)  # how it was estimated (kept in the file)
    # agreeing sources ("crf+gazetteer"; one name: it alone, while others ran) → label → curve over
    # the noisy-or of their probabilities
    agreement: dict[str, dict[str, Curve]] = field(default_factory=dict)

    def probability(self, source: str, label: str, score: float) -> float:
        """What a raw ``score`` of ``source`` for ``label`` means when ``source`` runs alone."""
        curve = _curve(self.curves.get(source), label)
        return _clamp(curve.probability(score)) if curve is not None else _clamp(score)

    def together(self, label: str, agreeing: Mapping[str, float], company: bool, contested: bool = False) -> float:
        """The probability that a span and label is right, from the probabilities of the sources
        that suggest it (``agreeing``: source → :meth:`probability`); ``company``: other
        recommenders ran on the document too, and did not suggest it; ``contested``: one of them
        suggested an overlapping span or another label there instead.

        Noisy-or of the probabilities, then, with company, the curve measured for that set of
        agreeing sources: a name only the gazetteer finds, where the CRF saw it and said nothing,
        is right far less often than the gazetteer's own precision. No curve: the noisy-or."""
        combined = self.combine(list(agreeing.values()))
        if not company:
            return combined
        curve = _curve(self.agreement.get(agreement_key(agreeing, contested)), label)
        return _clamp(curve.probability(combined)) if curve is not None else combined

    @staticmethod
    def combine(probabilities: Sequence[float]) -> float:
        """The probability that a span and label several recommenders agree on is right: noisy-or
        (it is wrong only if every recommender is wrong), never below the best of them."""
        wrong, best = 1.0, 0.0
        for p in probabilities:
            wrong *= 1.0 - _clamp(p)
            best = max(best, _clamp(p))
        return max(best, _clamp(1.0 - wrong))  # max: 1 - (1 - p) loses a tiny p to rounding

    def to_dict(self) -> dict[str, Any]:
        return {
            "floor": self.floor,
            "estimated_on": list(self.estimated_on),
            "curves": {
                source: {label: curve.to_dict() for label, curve in sorted(by_label.items())}
                for source, by_label in sorted(self.curves.items())
            },
            "agreement": {
                key: {label: curve.to_dict() for label, curve in sorted(by_label.items())}
                for key, by_label in sorted(self.agreement.items())
            },
            **({"details": self.details} if self.details else {}),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Calibration:
        def table(key: str) -> dict[str, dict[str, Curve]]:
            return {
                name: {label: Curve.from_dict(rows) for label, rows in by_label.items()}
                for name, by_label in data.get(key, {}).items()
            }

        floor, on, details = float(data.get("floor", 0.0)), tuple(data.get("estimated_on", ())), data.get("details", {})
        return cls(table("curves"), floor, on, details, table("agreement"))

    def write(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def read(cls, path: Path) -> Calibration:
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))


def agreement_key(sources: Iterable[str], contested: bool = False) -> str:
    """``crf+gazetteer``; ``strings~``: string matching alone, where another recommender suggested
    an overlapping span (or another label) instead. Measured apart: "accept all" keeps the better
    of overlapping suggestions, so the lone suggestions it offers are the uncontested ones."""
    return "+".join(sorted(sources)) + ("~" if contested else "")


def _curve(by_label: Mapping[str, Curve] | None, label: str) -> Curve | None:
    if not by_label:
        return None
    return by_label.get(label) or by_label.get(POOLED)


# raw per-source scores (combined by noisy-or where sources agree), nothing dropped: what estimating
# a calibration starts from
IDENTITY = Calibration()


def calibration_path() -> Path:
    return resource_path("models", "calibration.json")


@lru_cache(maxsize=1)
def shipped_calibration() -> Calibration:
    """The shipped table (:data:`IDENTITY` when the file is missing or unreadable: raw per-source
    scores, combined where sources agree)."""
    try:
        return Calibration.read(calibration_path())
    except (OSError, ValueError, KeyError, TypeError):
        return IDENTITY


def fit_curve(outcomes: Iterable[tuple[float, bool]], edges: Sequence[float] = DEFAULT_EDGES) -> Curve:
    """A curve from ``(raw score, right)`` observations: per bin, the precision shrunk towards the
    overall precision (:data:`PRIOR_WEIGHT`), then made non-decreasing (pool adjacent violators)."""
    pairs = list(outcomes)
    if not pairs:
        return Curve(())
    prior = sum(right for _score, right in pairs) / len(pairs)
    counts = [[0, 0] for _ in range(len(edges) - 1)]
    for score, right in pairs:
        index = max(0, min(bisect_right(edges, score) - 1, len(counts) - 1))
        counts[index][0] += 1
        counts[index][1] += int(right)
    kept = [(edges[i], edges[i + 1], n, c) for i, (n, c) in enumerate(counts) if n]
    shrunk = [(c + PRIOR_WEIGHT * prior) / (n + PRIOR_WEIGHT) for _low, _high, n, c in kept]
    monotone = _pool_adjacent_violators(shrunk, [n + PRIOR_WEIGHT for _low, _high, n, _c in kept])
    bins = []
    for i, ((low, _high, n, c), p) in enumerate(zip(kept, monotone, strict=True)):
        low = edges[0] if i == 0 else low  # the first bin reaches down to the lowest edge
        high = edges[-1] if i == len(kept) - 1 else kept[i + 1][0]  # bins meet: empty ones are absorbed
        bins.append(Bin(low, high, p, n, c))
    return Curve(tuple(bins))


def _pool_adjacent_violators(values: Sequence[float], weights: Sequence[float]) -> list[float]:
    """The non-decreasing sequence closest to ``values`` in weighted least squares."""
    blocks: list[list[float]] = []  # [mean, weight, size]
    for value, weight in zip(values, weights, strict=True):
        blocks.append([value, weight, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            v2, w2, n2 = blocks.pop()
            v1, w1, n1 = blocks.pop()
            blocks.append([(v1 * w1 + v2 * w2) / (w1 + w2), w1 + w2, n1 + n2])
    out: list[float] = []
    for mean, _weight, size in blocks:
        out.extend([mean] * int(size))
    return out


def expected_calibration_error(pairs: Iterable[tuple[float, bool]], edges: Sequence[float] = DEFAULT_EDGES) -> float:
    """Mean over predicted-probability bins of |mean predicted − observed|, weighted by bin size."""
    bins: dict[int, list[float]] = {}
    total = 0
    for p, right in pairs:
        index = max(0, min(bisect_right(edges, p) - 1, len(edges) - 2))
        slot = bins.setdefault(index, [0.0, 0.0, 0.0])
        slot[0] += p
        slot[1] += float(right)
        slot[2] += 1
        total += 1
    if not total:
        return 0.0
    return sum(abs(s[0] - s[1]) for s in bins.values()) / total


def _clamp(value: float) -> float:
    return min(1.0, max(0.0, float(value)))
