"""Chance-corrected agreement on coded items: Cohen's κ, Fleiss' κ, Krippendorff's α (nominal).

Pure numpy on contingency tables and count matrices, so the published worked examples
(tests/agreement) and the project report go through the same code. Every function returns
``None`` when the coefficient is undefined (no pairable data, or only one category used, which
makes the expected disagreement zero); callers show that as "—", never as a number.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from annotator.team.agreement.patterns import MISSING as MISSING  # callers import it from here
from annotator.team.agreement.patterns import ValuePatterns


@dataclass(frozen=True, slots=True)
class Coefficient:
    """A chance-corrected coefficient with the two quantities it is made of."""

    value: float | None
    observed: float  # observed agreement (κ) or observed disagreement (α)
    expected: float  # agreement (κ) or disagreement (α) expected by chance
    items: int  # items (κ) or pairable values (α) the figure rests on


def contingency(a: np.ndarray, b: np.ndarray, categories: int) -> np.ndarray:
    """``table[i, j]`` = number of items coded ``i`` by the first coder and ``j`` by the second."""
    a = np.asarray(a, dtype=np.int64)
    b = np.asarray(b, dtype=np.int64)
    return np.bincount(a * categories + b, minlength=categories * categories).reshape(categories, categories)


def cohen_kappa(table: np.ndarray) -> Coefficient:
    """Cohen's (1960) κ from a square contingency table of two coders.

    ``p_o`` is the diagonal share, ``p_e = Σ_k p_k· p_·k`` uses each coder's own marginals.
    """
    table = np.asarray(table, dtype=np.float64)
    n = table.sum()
    if n == 0:
        return Coefficient(None, 0.0, 0.0, 0)
    observed = float(np.trace(table) / n)
    expected = float(table.sum(axis=1) @ table.sum(axis=0) / (n * n))
    value = None if expected >= 1.0 else (observed - expected) / (1.0 - expected)
    return Coefficient(value, observed, expected, int(n))


def fleiss_kappa(values: np.ndarray) -> Coefficient:
    """Fleiss' (1971) κ from ``values[rater, item]`` (category codes ≥ 0); items any rater
    left out (:data:`MISSING`) are dropped, since κ needs the same number of ratings per item.

    ``P̄`` is the mean share of agreeing rater pairs per item, ``P̄_e = Σ_j p_j²`` with ``p_j``
    the share of all assignments to category ``j``.
    """
    return fleiss_from_patterns(ValuePatterns.of(values))


def fleiss_from_patterns(patterns: ValuePatterns) -> Coefficient:
    """:func:`fleiss_kappa` of the items ``patterns`` describes (one pass over the distinct columns)."""
    patterns = patterns.complete()
    raters = patterns.values.shape[0]
    items = int(patterns.counts.sum())
    if raters < 2 or items == 0:
        return Coefficient(None, 0.0, 0.0, 0)
    observed = float(patterns.agreeing_pairs() / items / (raters * (raters - 1)))
    shares = patterns.category_counts() / (raters * items)
    expected = float(np.square(shares).sum())
    value = None if expected >= 1.0 else (observed - expected) / (1.0 - expected)
    return Coefficient(value, observed, expected, items)


def coincidences(values: np.ndarray, categories: int | None = None) -> np.ndarray:
    """Krippendorff's coincidence matrix from ``values[coder, unit]`` (:data:`MISSING` allowed).

    A unit with ``m_u ≥ 2`` values contributes every ordered pair of values from different coders,
    weighted ``1 / (m_u − 1)``; units with fewer than two values are not pairable.
    """
    values = np.asarray(values, dtype=np.int64)
    if categories is None:
        categories = int(values.max()) + 1 if values.size else 1
    return ValuePatterns.of_rows(list(values), categories).coincidences(categories)


def krippendorff_alpha_nominal(values: np.ndarray, categories: int | None = None) -> Coefficient:
    """Krippendorff's α for nominal data with any number of coders and missing values.

    ``values[coder, unit]`` holds category codes, :data:`MISSING` where a coder gave none.
    ``α = 1 − D_o / D_e`` with ``D_o = Σ_{c≠k} o_ck / n`` and ``D_e = Σ_{c≠k} n_c n_k / (n (n − 1))``
    over the coincidence matrix ``o`` (``n_c`` its row sums, ``n`` the pairable values).
    """
    return alpha_from_coincidences(coincidences(values, categories))


def alpha_from_coincidences(matrix: np.ndarray) -> Coefficient:
    matrix = np.asarray(matrix, dtype=np.float64)
    n_c = matrix.sum(axis=1)
    n = float(n_c.sum())
    if n <= 1:
        return Coefficient(None, 0.0, 0.0, round(n))
    observed = float((n - np.trace(matrix)) / n)
    expected = float((n * n - np.square(n_c).sum()) / (n * (n - 1)))
    value = None if expected <= 0.0 else 1.0 - observed / expected
    return Coefficient(value, observed, expected, round(n))


def f1(matched: float, left: float, right: float) -> float | None:
    """Symmetric F1 of two annotators (neither is gold): ``2·matched / (left + right)``.

    ``None`` when neither marked anything: there is nothing to compare.
    """
    total = left + right
    return None if total == 0 else float(2.0 * matched / total)
