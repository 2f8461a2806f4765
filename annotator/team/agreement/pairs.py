"""Agreement between two annotators on the documents both have seen: spans and relations (token κ
comes from the report's token patterns, :mod:`annotator.team.agreement.patterns`)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from annotator.team.agreement.data import AgreementData
from annotator.team.agreement.matching import exact_matches, group_ids, maximum_matching, occurrence, overlap_edges


@dataclass(frozen=True)
class SpanGroups:
    """Equal-span groups over every compared annotator's spans, computed once per report."""

    typed: np.ndarray  # group id of (start, end, label)
    typed_rank: np.ndarray  # occurrence among the same annotator's spans of the group
    typed_count: int
    untyped: np.ndarray  # group id of (start, end)

    @classmethod
    def build(cls, data: AgreementData) -> SpanGroups:
        start, end, label = data.span_start, data.span_end, data.spans.label
        typed = group_ids([start, end, label])
        return cls(
            typed=typed,
            typed_rank=occurrence(data.spans.annotator, typed),
            typed_count=int(typed.max()) + 1 if typed.size else 0,
            untyped=group_ids([start, end]),
        )


@dataclass(frozen=True)
class SpanPair:
    """Span counts of one pair; arrays are per label code or per document index."""

    n_a: np.ndarray  # per label
    n_b: np.ndarray
    exact: np.ndarray  # per label: identical spans matched one to one
    overlap: np.ndarray  # per label: exact matches plus overlapping same-label matches
    untyped: int  # same boundaries, any label
    confusion: np.ndarray  # [label of a, label of b] over boundary-matched spans
    doc_spans: np.ndarray  # per document: n_a + n_b
    doc_exact: np.ndarray  # per document: exact matches


def span_pair(data: AgreementData, groups: SpanGroups, a: int, b: int, documents: np.ndarray) -> SpanPair:
    spans = data.spans
    labels = len(data.labels)
    docs = len(data.corpus.ids)
    in_docs = documents[spans.doc]
    sel_a = np.flatnonzero((spans.annotator == a) & in_docs)
    sel_b = np.flatnonzero((spans.annotator == b) & in_docs)
    hit_a, hit_b = exact_matches(
        groups.typed[sel_a], groups.typed_rank[sel_a], groups.typed[sel_b], groups.typed_rank[sel_b], groups.typed_count
    )
    label_a, label_b = spans.label[sel_a], spans.label[sel_b]
    exact = np.bincount(label_a[hit_a], minlength=labels)

    # boundary-matched pairs among what exact matching left: same (start, end), labels paired in order
    rest_a, rest_b = sel_a[~hit_a], sel_b[~hit_b]
    confusion = np.diag(exact).astype(np.int64)
    untyped = int(exact.sum())
    if rest_a.size and rest_b.size:
        u_a, u_b = groups.untyped[rest_a], groups.untyped[rest_b]
        owner = np.concatenate([np.zeros(rest_a.size, np.int64), np.ones(rest_b.size, np.int64)])
        both = np.concatenate([rest_a, rest_b])
        rank = occurrence(owner, groups.untyped[both], spans.label[both])
        width = int(rank.max()) + 1
        key_a = u_a * width + rank[: rest_a.size]
        key_b = u_b * width + rank[rest_a.size :]
        _, ia, ib = np.intersect1d(key_a, key_b, assume_unique=True, return_indices=True)
        np.add.at(confusion, (spans.label[rest_a[ia]], spans.label[rest_b[ib]]), 1)
        untyped += ia.size

    # overlap matching among what exact matching left
    left, right = overlap_edges(
        (data.span_start[rest_a], data.span_end[rest_a], spans.label[rest_a]),
        (data.span_start[rest_b], data.span_end[rest_b], spans.label[rest_b]),
    )
    matched_left, _ = maximum_matching(left, right)
    overlap = exact + np.bincount(spans.label[rest_a[matched_left]], minlength=labels)

    doc_spans = np.bincount(spans.doc[sel_a], minlength=docs) + np.bincount(spans.doc[sel_b], minlength=docs)
    return SpanPair(
        n_a=np.bincount(label_a, minlength=labels),
        n_b=np.bincount(label_b, minlength=labels),
        exact=exact,
        overlap=overlap,
        untyped=untyped,
        confusion=confusion,
        doc_spans=doc_spans,
        doc_exact=np.bincount(spans.doc[sel_a[hit_a]], minlength=docs),
    )


@dataclass(frozen=True)
class RelationGroups:
    strict: np.ndarray
    strict_rank: np.ndarray
    strict_count: int
    unlabelled: np.ndarray
    unlabelled_rank: np.ndarray
    unlabelled_count: int

    @classmethod
    def build(cls, data: AgreementData) -> RelationGroups:
        rel = data.relations
        base = data.base[rel.doc]
        head = np.column_stack([base + rel.head[:, 0], base + rel.head[:, 1], rel.head[:, 2]])
        tail = np.column_stack([base + rel.tail[:, 0], base + rel.tail[:, 1], rel.tail[:, 2]])
        # an undirected type links the same two spans whichever is written first
        later = _row_greater(head, tail) & ~data.relation_directed[rel.label]
        first = np.where(later[:, None], tail, head)
        second = np.where(later[:, None], head, tail)
        ends = [first[:, 0], first[:, 1], first[:, 2], second[:, 0], second[:, 1], second[:, 2]]
        strict = group_ids([*ends, rel.label])
        unlabelled = group_ids(ends)
        return cls(
            strict=strict,
            strict_rank=occurrence(rel.annotator, strict),
            strict_count=int(strict.max()) + 1 if strict.size else 0,
            unlabelled=unlabelled,
            unlabelled_rank=occurrence(rel.annotator, unlabelled),
            unlabelled_count=int(unlabelled.max()) + 1 if unlabelled.size else 0,
        )


def _row_greater(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Row-wise lexicographic ``x > y`` for two (n, k) integer arrays."""
    greater = np.zeros(len(x), dtype=bool)
    decided = np.zeros(len(x), dtype=bool)
    for column in range(x.shape[1]):
        greater |= ~decided & (x[:, column] > y[:, column])
        decided |= x[:, column] != y[:, column]
    return greater


@dataclass(frozen=True)
class RelationPair:
    n_a: int
    n_b: int
    strict: int
    unlabelled: int


def relation_pair(data: AgreementData, groups: RelationGroups, a: int, b: int, documents: np.ndarray) -> RelationPair:
    rel = data.relations
    in_docs = documents[rel.doc]
    sel_a = np.flatnonzero((rel.annotator == a) & in_docs)
    sel_b = np.flatnonzero((rel.annotator == b) & in_docs)
    strict, _ = exact_matches(
        groups.strict[sel_a],
        groups.strict_rank[sel_a],
        groups.strict[sel_b],
        groups.strict_rank[sel_b],
        groups.strict_count,
    )
    unlabelled, _ = exact_matches(
        groups.unlabelled[sel_a],
        groups.unlabelled_rank[sel_a],
        groups.unlabelled[sel_b],
        groups.unlabelled_rank[sel_b],
        groups.unlabelled_count,
    )
    return RelationPair(sel_a.size, sel_b.size, int(strict.sum()), int(unlabelled.sum()))
