"""The pattern-folded token coefficients and the packed sorts against plain, obviously-correct loops.

The report folds half a million token columns into their distinct patterns
(:class:`~annotator.team.agreement.patterns.ValuePatterns`) and sorts packed integer keys instead of
``np.lexsort``; these properties check both against item-by-item definitions on small random data
with missing values, including the many-coder case that takes the ``np.unique`` path.
"""

from __future__ import annotations

import math
from itertools import permutations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.team.agreement.coding import MISSING, coincidences, fleiss_kappa, krippendorff_alpha_nominal
from annotator.team.agreement.data import _priority_order
from annotator.team.agreement.matching import group_ids, occurrence
from annotator.team.agreement.patterns import ValuePatterns


@st.composite
def coded(draw, max_coders: int = 4):
    """``values[coder, item]`` with categories below ``categories`` and MISSING scattered in."""
    coders = draw(st.integers(1, max_coders))
    items = draw(st.integers(0, 25))
    categories = draw(st.integers(1, 5))
    cell = st.one_of(st.integers(0, categories - 1), st.just(MISSING))
    values = np.array(draw(st.lists(cell, min_size=coders * items, max_size=coders * items)), dtype=np.int64)
    return values.reshape(coders, items), categories


def plain_coincidences(values: np.ndarray, categories: int) -> list[list[float]]:
    """Krippendorff's definition, unit by unit: every ordered pair of values of different coders."""
    matrix = [[0.0] * categories for _ in range(categories)]
    for unit in values.T.tolist():
        present = [v for v in unit if v != MISSING]
        if len(present) < 2:
            continue
        for i, j in permutations(range(len(present)), 2):
            matrix[present[i]][present[j]] += 1.0 / (len(present) - 1)
    return matrix


def plain_fleiss(values: np.ndarray) -> tuple[float, float, int] | None:
    """Fleiss' P̄ and P̄_e over the items every rater coded (None when there are none)."""
    rows = [unit for unit in values.T.tolist() if MISSING not in unit]
    raters = values.shape[0]
    if raters < 2 or not rows:
        return None
    agree = [sum(a == b for i, a in enumerate(unit) for j, b in enumerate(unit) if i != j) for unit in rows]
    observed = sum(agree) / len(rows) / (raters * (raters - 1))
    every = [v for unit in rows for v in unit]
    expected = sum((every.count(c) / len(every)) ** 2 for c in set(every))
    return observed, expected, len(rows)


@settings(max_examples=300, deadline=None)
@given(coded())
def test_coincidences_equal_the_unit_by_unit_definition(case):
    values, categories = case
    ours = coincidences(values, categories)
    plain = np.array(plain_coincidences(values, categories)).reshape(categories, categories)
    if values.shape[0] <= 3:  # weights 1 and ½: every partial sum is exact, so the matrices are equal
        assert np.array_equal(ours, plain)
    else:
        np.testing.assert_allclose(ours, plain, rtol=1e-12, atol=1e-12)
    alpha = krippendorff_alpha_nominal(values, categories)
    assert alpha.items == round(plain.sum())


@settings(max_examples=300, deadline=None)
@given(coded())
def test_fleiss_equals_the_item_by_item_definition(case):
    values, _ = case
    ours, plain = fleiss_kappa(values), plain_fleiss(values)
    if plain is None:
        assert (ours.value, ours.items) == (None, 0)
        return
    observed, expected, items = plain
    assert ours.items == items
    assert math.isclose(ours.observed, observed, rel_tol=1e-12, abs_tol=1e-12)
    assert math.isclose(ours.expected, expected, rel_tol=1e-12, abs_tol=1e-12)


@settings(max_examples=200, deadline=None)
@given(coded(max_coders=10))
def test_patterns_count_every_column_and_pair(case):
    values, categories = case
    patterns = ValuePatterns.of_rows(list(values), categories)
    columns = {}
    for unit in values.T.tolist():
        columns[tuple(unit)] = columns.get(tuple(unit), 0) + 1
    folded = dict(zip(map(tuple, patterns.values.T.tolist()), patterns.counts.tolist(), strict=True))
    assert folded == columns
    for a in range(values.shape[0]):
        for b in range(values.shape[0]):
            table = np.zeros((categories, categories), dtype=np.int64)
            for x, y in zip(values[a].tolist(), values[b].tolist(), strict=True):
                if MISSING not in (x, y):
                    table[x, y] += 1
            assert np.array_equal(patterns.contingency(a, b, categories), table)


def test_many_coders_take_the_sorting_path_and_agree():
    rng = np.random.default_rng(3)
    values = rng.integers(-1, 6, size=(12, 400))  # 7¹² possible columns: too many for one bincount
    patterns = ValuePatterns.of_rows(list(values), 6)
    assert patterns.counts.sum() == 400
    plain = np.array(plain_coincidences(values, 6))
    np.testing.assert_allclose(patterns.coincidences(6), plain, rtol=1e-12, atol=1e-12)


spans = st.lists(st.tuples(st.integers(0, 40), st.integers(0, 6), st.integers(0, 3)), max_size=30)


@settings(max_examples=300, deadline=None)
@given(spans, st.booleans())
def test_priority_order_sorts_as_the_three_key_lexsort(rows, huge):
    """Shortest, then latest start, then highest label first; the same span twice may come either way."""
    start = np.array([r[0] for r in rows], dtype=np.int64) + (1 << 40 if huge else 0)  # huge: no packing
    end = start + np.array([r[1] for r in rows], dtype=np.int64)
    label = np.array([r[2] for r in rows], dtype=np.int64)
    if not rows:
        return
    order = _priority_order(start, end, label)
    assert sorted(order.tolist()) == list(range(len(rows)))
    keys = [(int(end[i] - start[i]), -int(start[i]), -int(label[i])) for i in order]
    assert keys == sorted(keys)


columns = st.lists(
    st.tuples(st.integers(-2, 4), st.integers(0, 3), st.integers(0, 2), st.integers(-2, 3)), min_size=1, max_size=40
)


@settings(max_examples=300, deadline=None)
@given(columns, st.booleans())
def test_group_ids_and_occurrence_equal_their_definitions(rows, signed):
    """Dense ids in sorted row order; the rank of each row among earlier rows of its (owner, group)."""
    first = np.array([r[0] if signed else abs(r[0]) for r in rows], dtype=np.int64)  # signed: lexsort path
    second = np.array([r[1] for r in rows], dtype=np.int64)
    owner = np.array([r[2] for r in rows], dtype=np.int64)
    ids = group_ids([first, second])
    distinct = sorted(set(zip(first.tolist(), second.tolist(), strict=True)))
    assert ids.tolist() == [distinct.index(row) for row in zip(first.tolist(), second.tolist(), strict=True)]
    tiebreak = np.array([r[3] if signed else abs(r[3]) for r in rows], dtype=np.int64)
    rank = occurrence(owner, ids, tiebreak)
    for i in range(len(rows)):
        same = [j for j in range(len(rows)) if owner[j] == owner[i] and ids[j] == ids[i]]
        before = [j for j in same if (tiebreak[j], j) < (tiebreak[i], i)]
        assert rank[i] == len(before)
