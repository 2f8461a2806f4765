"""Krippendorff's unitizing αu for one category on a continuum (Krippendorff 1995, 2004 §12.4).

Each observer cuts the continuum into *units* of the category and *gaps* (everything else).
The continuum here is made of *sections* (documents laid end to end): units never cross a
section, and gaps stop at section boundaries, so a unit is never imagined across two documents.

- Observed disagreement: ``D_o = Σ_{i≠j} Σ_g Σ_h δ²(ig, jh) / (m (m − 1) L²)`` where the segment
  distance δ² (:func:`segment_distance`) is ``(b_g − b_h)² + (e_g − e_h)²`` for two overlapping
  units, ``l²`` for a unit lying wholly inside the other observer's gap, and 0 otherwise.
- Expected disagreement (2004 form): ``D_e = (2 / L) Σ_units [(N − 1)(2l³ − 3l² + l) / 3
  + l² Σ_{gaps of length ≥ l} (gap − l + 1)] / (mL (mL − 1) − Σ_units l (l − 1))``.
- ``αu = 1 − D_o / D_e``. Several categories combine as ``1 − ΣD_o / ΣD_e``.

One observer's overlapping units of one category are joined first (the coefficient assumes
they do not overlap); touching units stay separate.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

Intervals = tuple[np.ndarray, np.ndarray]  # (starts, ends), int64, sorted, disjoint


@dataclass(frozen=True, slots=True)
class Unitizing:
    observed: float
    expected: float

    @property
    def alpha(self) -> float | None:
        return None if self.expected <= 0.0 else 1.0 - self.observed / self.expected


def segment_distance(b1: int, l1: int, unit1: bool, b2: int, l2: int, unit2: bool) -> int:
    """δ² between segment ``[b1, b1 + l1)`` of one observer and ``[b2, b2 + l2)`` of another.

    ``unit`` is True for a unit of the category, False for a gap.
    """
    e1, e2 = b1 + l1, b2 + l2
    if unit1 and unit2 and b1 < e2 and b2 < e1:
        return (b1 - b2) ** 2 + (e1 - e2) ** 2
    if unit1 and not unit2 and b2 <= b1 and e1 <= e2:
        return l1 * l1
    if unit2 and not unit1 and b1 <= b2 and e2 <= e1:
        return l2 * l2
    return 0


def disjoint(starts: np.ndarray, ends: np.ndarray) -> Intervals:
    """Sort intervals and join those that overlap (touching intervals stay apart)."""
    starts = np.asarray(starts, dtype=np.int64)
    ends = np.asarray(ends, dtype=np.int64)
    if starts.size == 0:
        return starts, ends
    width = int(ends.max()) + 1
    if starts.min() >= 0 and width < 1 << 31:  # one key, and the stable sort runs fast on sorted input
        order = np.argsort(starts * width + ends, kind="stable")
    else:
        order = np.lexsort((ends, starts))
    starts, ends = starts[order], ends[order]
    reach = np.maximum.accumulate(ends)
    new_run = np.empty(starts.size, dtype=bool)
    new_run[0] = True
    new_run[1:] = starts[1:] >= reach[:-1]
    first = np.flatnonzero(new_run)
    last = np.append(first[1:], starts.size) - 1
    return starts[first], reach[last]


def _overlap_pairs(a: Intervals, b: Intervals) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs ``(i, j)`` of overlapping intervals of two sorted disjoint interval lists."""
    (sa, ea), (sb, eb) = a, b
    lo = np.searchsorted(eb, sa, side="right")  # first b ending after a starts
    hi = np.searchsorted(sb, ea, side="left")  # b starting before a ends
    count = np.maximum(hi - lo, 0)
    total = int(count.sum())
    left = np.repeat(np.arange(sa.size), count)
    offsets = np.arange(total) - np.repeat(np.cumsum(count) - count, count)
    right = np.repeat(lo, count) + offsets
    return left, right


def _pair_disagreement(a: Intervals, b: Intervals) -> float:
    """``Σ_g Σ_h δ²`` for one ordered pair of observers (the same for both orders)."""
    left, right = _overlap_pairs(a, b)
    (sa, ea), (sb, eb) = a, b
    total = float(np.square(sa[left] - sb[right]).sum() + np.square(ea[left] - eb[right]).sum())
    alone_a = np.ones(sa.size, dtype=bool)
    alone_a[left] = False
    alone_b = np.ones(sb.size, dtype=bool)
    alone_b[right] = False
    total += float(np.square((ea - sa)[alone_a]).sum() + np.square((eb - sb)[alone_b]).sum())
    return total


def _gaps(units: Intervals, sections: Intervals) -> np.ndarray:
    """Lengths of one observer's gaps: the parts of each section outside its units."""
    starts = np.sort(np.concatenate([sections[0], units[1]]), kind="stable")  # merges the two sorted runs
    ends = np.sort(np.concatenate([units[0], sections[1]]), kind="stable")
    lengths = ends - starts
    return lengths[lengths > 0]


def unitizing(observers: Sequence[Intervals], sections: Intervals) -> Unitizing:
    """Observed and expected disagreement of ``observers``' units of one category.

    ``observers[i]`` are observer ``i``'s units (any order, may overlap: they are joined);
    ``sections`` are the continuum's disjoint parts; every unit lies inside one section.
    """
    units = [disjoint(s, e) for s, e in observers]
    m = len(units)
    length = float(np.sum(sections[1] - sections[0]))
    if m < 2 or length <= 0:
        return Unitizing(0.0, 0.0)
    observed = 0.0
    for i in range(m):
        for j in range(i + 1, m):
            observed += 2.0 * _pair_disagreement(units[i], units[j])
    observed /= m * (m - 1) * length * length

    lengths = np.concatenate([e - s for s, e in units]).astype(np.float64)
    n = lengths.size
    if n == 0:
        return Unitizing(observed, 0.0)
    gaps = np.sort(np.concatenate([_gaps(u, sections) for u in units])).astype(np.float64)
    suffix = np.concatenate([np.cumsum(gaps[::-1])[::-1], [0.0]])
    first = np.searchsorted(gaps, lengths, side="left")
    fitting = gaps.size - first
    placements = suffix[first] - (lengths - 1.0) * fitting  # Σ_{gap ≥ l} (gap − l + 1)
    per_unit = (n - 1) * (2 * lengths**3 - 3 * lengths**2 + lengths) / 3.0 + lengths**2 * placements
    denominator = m * length * (m * length - 1.0) - float((lengths * (lengths - 1.0)).sum())
    expected = (2.0 / length) * float(per_unit.sum()) / denominator if denominator > 0 else 0.0
    return Unitizing(observed, expected)


def combined_alpha(results: Sequence[Unitizing]) -> float | None:
    """αu over several categories: ``1 − ΣD_o / ΣD_e`` (not the mean of per-category values)."""
    expected = sum(r.expected for r in results)
    return None if expected <= 0.0 else 1.0 - sum(r.observed for r in results) / expected
