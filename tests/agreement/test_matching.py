"""One-to-one matching of spans: exact (multiset) and overlap (maximum matching)."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_bipartite_matching

from annotator.team.agreement.matching import exact_matches, group_ids, maximum_matching, occurrence, overlap_edges

seeds = st.integers(min_value=0, max_value=2**32 - 1)


def test_exact_matching_is_one_to_one_on_repeated_keys():
    # A has (0, 5) twice and (7, 9) once; B has (0, 5) once and (7, 9) twice
    a = [(0, 5), (0, 5), (7, 9)]
    b = [(0, 5), (7, 9), (7, 9)]
    rows = np.array(a + b)
    group = group_ids([rows[:, 0], rows[:, 1]])
    owner = np.array([0, 0, 0, 1, 1, 1])
    rank = occurrence(owner, group)
    hit_a, hit_b = exact_matches(group[:3], rank[:3], group[3:], rank[3:], int(group.max()) + 1)
    assert hit_a.tolist() == [True, False, True]
    assert hit_b.tolist() == [True, True, False]


def test_occurrence_follows_the_tiebreak_within_each_group():
    owner = np.array([0, 0, 0, 1])
    group = np.array([4, 4, 4, 4])
    assert occurrence(owner, group, np.array([30, 10, 20, 0])).tolist() == [2, 0, 1, 0]


@given(seeds)
def test_maximum_matching_has_the_size_scipy_finds(seed):
    rng = np.random.default_rng(seed)
    n_left, n_right = rng.integers(1, 12), rng.integers(1, 12)
    edges = {(int(rng.integers(n_left)), int(rng.integers(n_right))) for _ in range(rng.integers(1, 30))}
    left = np.array([e[0] for e in sorted(edges)])
    right = np.array([e[1] for e in sorted(edges)])
    got_left, got_right = maximum_matching(left, right)
    assert len(set(got_left.tolist())) == got_left.size  # one to one
    assert len(set(got_right.tolist())) == got_right.size
    assert set(zip(got_left.tolist(), got_right.tolist(), strict=True)) <= edges
    graph = csr_matrix((np.ones(left.size), (left, right)), shape=(n_left, n_right))
    best = int((maximum_bipartite_matching(graph, perm_type="column") >= 0).sum())
    assert got_left.size == best


def test_one_long_span_cannot_match_two_short_ones():
    a = (np.array([0]), np.array([20]), np.array([0]))
    b = (np.array([0, 10]), np.array([5, 15]), np.array([0, 0]))
    left, right = overlap_edges(a, b)
    matched, _ = maximum_matching(left, right)
    assert matched.size == 1


@given(seeds)
def test_overlap_edges_are_exactly_the_overlapping_same_label_pairs(seed):
    rng = np.random.default_rng(seed)

    def spans(n):
        start = rng.integers(0, 100, n)
        return start, start + rng.integers(1, 15, n), rng.integers(0, 3, n)

    a, b = spans(rng.integers(0, 15)), spans(rng.integers(0, 15))
    left, right = overlap_edges(a, b)
    expected = {
        (i, j)
        for i in range(a[0].size)
        for j in range(b[0].size)
        if a[2][i] == b[2][j] and a[0][i] < b[1][j] and b[0][j] < a[1][i]
    }
    assert set(zip(left.tolist(), right.tolist(), strict=True)) == expected
