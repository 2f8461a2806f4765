"""Coded items folded into their distinct value patterns, so coefficients cost one pass over the data.

A report's token data is ``values[coder, token]`` over half a million tokens, but with three coders
and eight tag values there are at most 9³ distinct columns. Fleiss' κ, Krippendorff's coincidence
matrix and each pair's contingency table are sums over items of something that depends only on the
item's column, so they are computed once per distinct column and weighted by how many items have
it (:class:`ValuePatterns`). The counts stay integers, so every table is exact; the one float sum,
the coincidence matrix, is exact whenever units have at most three values (weights 1 and ½).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np

MISSING = -1  # a coder gave no value to this item (did not see it)

_DIRECT_CODES = 1 << 22  # up to this many possible columns: one bincount, else sort the columns


@dataclass(frozen=True)
class ValuePatterns:
    """The distinct columns of ``values[coder, item]`` and how many items have each."""

    values: np.ndarray  # [coder, pattern] int64 category codes, MISSING where none
    counts: np.ndarray  # int64 items per pattern (every pattern occurs at least once)

    @classmethod
    def of(cls, values: np.ndarray) -> ValuePatterns:
        """The patterns of a ``values[coder, item]`` matrix."""
        values = np.asarray(values, dtype=np.int64)
        return cls.of_rows(list(values), int(values.max()) + 1 if values.size else 1)

    @classmethod
    def of_rows(cls, rows: Sequence[np.ndarray], categories: int) -> ValuePatterns:
        """The patterns of coders' value rows (codes below ``categories``, or MISSING)."""
        coders = len(rows)
        if coders == 0 or rows[0].size == 0:
            return cls(np.zeros((coders, 0), dtype=np.int64), np.zeros(0, dtype=np.int64))
        base = categories + 1  # value + 1, so MISSING is digit 0
        if base**coders <= _DIRECT_CODES:
            code = np.zeros(rows[0].size, dtype=np.int64)
            for row in reversed(rows):
                code *= base
                code += row
                code += 1
            counts = np.bincount(code, minlength=base**coders)
            present = np.flatnonzero(counts)
            digits = present[None, :] // (base ** np.arange(coders, dtype=np.int64))[:, None] % base
            return cls(digits - 1, counts[present])
        stacked = np.stack([np.asarray(r, dtype=np.int64) for r in rows])
        columns, counts = np.unique(stacked, axis=1, return_counts=True)
        return cls(columns, counts.astype(np.int64))

    @property
    def present(self) -> np.ndarray:
        return self.values != MISSING

    def complete(self) -> ValuePatterns:
        """Only the patterns every coder gave a value to."""
        keep = self.present.all(axis=0)
        return ValuePatterns(self.values[:, keep], self.counts[keep])

    def category_counts(self) -> np.ndarray:
        """How many values each category got (``np.bincount`` of all values; MISSING must be absent)."""
        if self.values.size == 0:
            return np.zeros(0, dtype=np.int64)
        out = np.zeros(int(self.values.max()) + 1, dtype=np.int64)
        for row in self.values:
            np.add.at(out, row, self.counts)
        return out

    def contingency(self, a: int, b: int, categories: int) -> np.ndarray:
        """``table[i, j]``: items coded ``i`` by coder ``a`` and ``j`` by ``b`` (items both coded)."""
        both = self.present[a] & self.present[b]
        cell = self.values[a, both] * categories + self.values[b, both]
        table = np.zeros(categories * categories, dtype=np.int64)
        np.add.at(table, cell, self.counts[both])
        return table.reshape(categories, categories)

    def agreeing_pairs(self) -> int:
        """Ordered pairs of different coders that agree, summed over items."""
        agreeing = np.zeros(self.counts.size, dtype=np.int64)
        for i, j in combinations(range(self.values.shape[0]), 2):
            agreeing += 2 * (self.values[i] == self.values[j]) * (self.values[i] != MISSING)
        return int(agreeing @ self.counts)

    def coincidences(self, categories: int) -> np.ndarray:
        """Krippendorff's coincidence matrix (see :func:`annotator.team.agreement.coding.coincidences`)."""
        present = self.present
        m = present.sum(axis=0)
        weight = np.where(m >= 2, 1.0 / np.maximum(m - 1, 1), 0.0) * self.counts
        matrix = np.zeros(categories * categories, dtype=np.float64)
        for i, j in combinations(range(self.values.shape[0]), 2):  # (j, i) pairs: the transpose, below
            both = present[i] & present[j] & (m >= 2)
            pair = self.values[i][both] * categories + self.values[j][both]
            matrix += np.bincount(pair, weights=weight[both], minlength=categories * categories)
        half = matrix.reshape(categories, categories)
        return half + half.T
