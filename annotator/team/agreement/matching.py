"""One-to-one matching of two annotators' spans (or relations), vectorised for whole corpora.

Items are rows of integer key columns. *Exact* matching pairs equal keys one to one (a key
one annotator has twice and the other once makes one match). *Overlap* matching pairs the
items left over by exact matching when they share a label and overlap by at least one code
point, choosing a maximum one-to-one matching (so one long span cannot count for two short
ones). Identical spans are always paired with each other first.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def _packed(columns: Sequence[np.ndarray]) -> np.ndarray | None:
    """One int64 per row ordering rows as ``np.lexsort`` with ``columns[0]`` most significant,
    or None when a column is negative or the digits would not fit (then sort the columns)."""
    key = np.zeros(len(columns[0]), dtype=np.int64)
    room = 1
    for column in columns:
        column = np.asarray(column)
        if column.dtype.kind not in "iu" or (column.size and column.min() < 0):
            return None
        width = int(column.max()) + 1 if column.size else 1
        room *= width
        if room >= 1 << 62:
            return None
        key *= width
        key += column
    return key


def _sort_order(columns: Sequence[np.ndarray]) -> np.ndarray:
    """A stable order of rows by ``columns`` (``columns[0]`` most significant)."""
    key = _packed(columns)
    if key is None:
        return np.lexsort(tuple(reversed([np.asarray(c) for c in columns])))
    return np.argsort(key, kind="stable")


def group_ids(columns: Sequence[np.ndarray]) -> np.ndarray:
    """A dense id per distinct row of ``columns`` (all the same length), numbered in sorted row order."""
    n = len(columns[0])
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    key = _packed(columns)
    order = _sort_order(columns) if key is None else np.argsort(key, kind="stable")  # rows come nearly sorted
    changed = np.zeros(n, dtype=bool)
    changed[0] = True
    if key is None:
        for column in columns:
            ordered = np.asarray(column)[order]
            changed[1:] |= ordered[1:] != ordered[:-1]
    else:
        ordered = key[order]
        changed[1:] = ordered[1:] != ordered[:-1]
    ids = np.empty(n, dtype=np.int64)
    ids[order] = np.cumsum(changed) - 1
    return ids


def occurrence(owner: np.ndarray, group: np.ndarray, tiebreak: np.ndarray | None = None) -> np.ndarray:
    """For each row, how many earlier rows have the same ``(owner, group)`` (0 for the first).

    Rows are ordered by ``tiebreak`` (then position) within each ``(owner, group)``.
    """
    n = len(group)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    order = _sort_order([owner, group] + ([tiebreak] if tiebreak is not None else []))
    o, g = owner[order], group[order]
    first = np.ones(n, dtype=bool)
    first[1:] = (o[1:] != o[:-1]) | (g[1:] != g[:-1])
    starts = np.flatnonzero(first)
    run_start = np.repeat(starts, np.diff(np.append(starts, n)))
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n) - run_start
    return rank


def exact_matches(
    group_a: np.ndarray, rank_a: np.ndarray, group_b: np.ndarray, rank_b: np.ndarray, groups: int
) -> tuple[np.ndarray, np.ndarray]:
    """Which of A's and of B's items have an equal partner, one to one.

    ``rank`` is each item's :func:`occurrence` among its own annotator's items of the group.
    """
    count_a = np.bincount(group_a, minlength=groups)
    count_b = np.bincount(group_b, minlength=groups)
    return rank_a < count_b[group_a], rank_b < count_a[group_b]


def overlap_edges(
    a: tuple[np.ndarray, np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray, np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs of A's and B's items ``(start, end, label)`` with equal labels that overlap.

    Offsets are global (documents laid end to end), so items of different documents never overlap.
    """
    (sa, ea, la), (sb, eb, lb) = a, b
    if sa.size == 0 or sb.size == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    span = int(max(ea.max(), eb.max())) + 1
    key_b = lb * span + sb
    order = np.argsort(key_b, kind="stable")
    key_b, eb_sorted, lb_sorted = key_b[order], eb[order], lb[order]
    longest = int((eb - sb).max())
    lo = np.searchsorted(key_b, la * span + sa - longest, side="left")
    hi = np.searchsorted(key_b, la * span + ea, side="left")
    count = np.maximum(hi - lo, 0)
    left = np.repeat(np.arange(sa.size), count)
    offsets = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
    right = np.repeat(lo, count) + offsets
    keep = (eb_sorted[right] > sa[left]) & (lb_sorted[right] == la[left])
    return left[keep], order[right[keep]]


def maximum_matching(left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A maximum one-to-one matching of a bipartite graph given as edge lists.

    Edges whose two ends have no other edge are taken directly (almost all of them in
    annotation data); the rest go through augmenting paths.
    """
    if left.size == 0:
        return left, right
    deg_left = np.bincount(left)
    deg_right = np.bincount(right)
    simple = (deg_left[left] == 1) & (deg_right[right] == 1)
    pairs_left, pairs_right = list(left[simple]), list(right[simple])
    rest_left, rest_right = left[~simple], right[~simple]
    if rest_left.size:
        adjacency: dict[int, list[int]] = {}
        for u, v in zip(rest_left.tolist(), rest_right.tolist(), strict=True):
            adjacency.setdefault(u, []).append(v)
        partner: dict[int, int] = {}  # right node -> left node
        for u in sorted(adjacency):
            _augment(u, adjacency, partner, set())
        for v, u in partner.items():
            pairs_left.append(u)
            pairs_right.append(v)
    return np.array(pairs_left, dtype=np.int64), np.array(pairs_right, dtype=np.int64)


def _augment(u: int, adjacency: dict[int, list[int]], partner: dict[int, int], seen: set[int]) -> bool:
    """Kuhn's augmenting path from ``u`` (iterative, so long chains cannot overflow the stack)."""
    stack = [(u, iter(adjacency[u]))]
    path: list[tuple[int, int]] = []
    while stack:
        node, edges = stack[-1]
        advanced = False
        for v in edges:
            if v in seen:
                continue
            seen.add(v)
            if v not in partner:
                path.append((node, v))
                for left, right in path:
                    partner[right] = left
                return True
            path.append((node, v))
            stack.append((partner[v], iter(adjacency.get(partner[v], []))))
            advanced = True
            break
        if not advanced:
            stack.pop()
            if path:
                path.pop()
    return False
