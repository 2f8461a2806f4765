"""The disagreement queue of a curation, built from the source annotators' layers and gold's.

Pure functions over spans and relations (no store reads), so :class:`~annotator.sessions.curation.Curation`
can rebuild its queue after each decision from what it keeps: clusters of overlapping spans not
every source has, pairs of spans the sources link differently, and gold's current content at each.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Literal

from annotator.model import Relation, Span
from annotator.store.curation import RelationKey, SpanKey


def span_key(span: Span) -> SpanKey:
    return (span.start, span.end, span.label)


@dataclass(frozen=True)
class Disagreement:
    """One place where the source annotators differ, with gold's current content there."""

    kind: Literal["span", "relation"]
    key: tuple  # stable identity: ("span", start, end) or ("relation", first endpoint key, second)
    start: int  # the text region to show (for a relation: both endpoints)
    end: int
    versions: tuple[tuple[Span, ...] | tuple[Relation, ...], ...]  # one per source annotator, in order
    gold: tuple[Span, ...] | tuple[Relation, ...]  # gold's spans (or relations) here now
    decided: bool  # gold has something here, or the curator rejected it in this session

    def version_keys(self, index: int) -> tuple:
        return tuple(sorted(_content(x, self._spans_by_id) for x in self.versions[index]))

    _spans_by_id: dict[str, SpanKey] = field(default_factory=dict, compare=False, repr=False)


def _content(item: Span | Relation, spans_by_id: dict[str, SpanKey]) -> tuple:
    if isinstance(item, Span):
        return span_key(item)
    return (spans_by_id[item.head_id], spans_by_id[item.tail_id], item.label)


def relation_key(relation: Relation, spans_by_id: dict[str, SpanKey], directed) -> RelationKey:
    head, tail = spans_by_id[relation.head_id], spans_by_id[relation.tail_id]
    if not directed(relation.label) and tail < head:
        head, tail = tail, head
    return (head, tail, relation.label)


def agreed(spans: dict[str, list[Span]], relations: dict[str, list[Relation]], directed):
    if not spans:
        return set(), set()
    span_sets = [{span_key(s) for s in mine} for mine in spans.values()]
    relation_sets = []
    for name, mine in relations.items():
        by_id = {s.id: span_key(s) for s in spans[name]}
        relation_sets.append({relation_key(r, by_id, directed) for r in mine})
    return set.intersection(*span_sets), set.intersection(*relation_sets)


def span_groups(spans: dict[str, list[Span]], agreed: set[SpanKey]) -> list[tuple[int, int, tuple]]:
    """Clusters of overlapping spans not every source has: ``(start, end, versions)`` in text order,
    ``versions`` holding each source's spans in the cluster."""
    pending = sorted(
        ((s.start, s.end, s.label, name, s) for name, mine in spans.items() for s in mine if span_key(s) not in agreed),
        key=lambda row: row[:4],
    )
    clusters: list[list[tuple]] = []
    reach = -1
    for row in pending:
        if not clusters or row[0] >= reach:
            clusters.append([])
            reach = row[1]
        clusters[-1].append(row)
        reach = max(reach, row[1])
    versions = (tuple(tuple(row[4] for row in cluster if row[3] == name) for name in spans) for cluster in clusters)
    return [(cluster[0][0], max(r[1] for r in cluster), mine) for cluster, mine in zip(clusters, versions, strict=True)]


def span_items(groups, gold: list[Span], rejected: set) -> list[tuple]:
    """One item's fields per cluster, with gold's spans overlapping it. ``gold`` (not agreed) is in the
    store's order, so by start: each cluster bisects to the gold spans that can reach it."""
    starts = [g.start for g in gold]
    longest = max((g.end - g.start for g in gold), default=0)
    items = []
    for start, end, versions in groups:
        first, last = bisect_left(starts, start - longest), bisect_left(starts, end)
        here = tuple(g for g in gold[first:last] if start < g.end)
        key = ("span", start, end)
        items.append(("span", key, start, end, versions, here, bool(here) or key in rejected))
    return items


def relation_groups(spans, relations, agreed, spans_by_id, directed) -> list[tuple]:
    """Pairs of spans the sources link differently: ``(first, second, start, end, versions)`` in order."""
    by_pair: dict[tuple[SpanKey, SpanKey], dict[str, list[Relation]]] = {}
    for name, mine in relations.items():
        for relation in mine:
            key = relation_key(relation, spans_by_id, directed)
            if key not in agreed:
                pair = tuple(sorted(key[:2]))
                by_pair.setdefault(pair, {}).setdefault(name, []).append(relation)
    groups = []
    for (first, second), found in sorted(by_pair.items()):
        versions = tuple(tuple(found.get(name, ())) for name in spans)
        groups.append((first, second, min(first[0], second[0]), max(first[1], second[1]), versions))
    return groups


def relation_items(groups, gold_relations, spans_by_id, agreed, rejected, directed) -> list[tuple]:
    """One item's fields per pair, with gold's relations between the same two spans (indexed by pair once)."""
    gold_by_pair: dict[tuple[SpanKey, SpanKey], list[Relation]] = {}
    for relation in gold_relations:
        key = relation_key(relation, spans_by_id, directed)
        if key not in agreed:
            gold_by_pair.setdefault(tuple(sorted(key[:2])), []).append(relation)
    items = []
    for first, second, start, end, versions in groups:
        here = tuple(gold_by_pair.get((first, second), ()))
        key = ("relation", first, second)
        items.append(("relation", key, start, end, versions, here, bool(here) or key in rejected, spans_by_id))
    return items


def same(previous: Disagreement | None, fields: tuple) -> Disagreement:
    """The item made of ``fields``: ``previous`` itself when nothing in it changed."""
    if previous is not None and (previous.versions, previous.gold, previous.decided) == fields[4:7]:
        return previous
    return Disagreement(*fields)
