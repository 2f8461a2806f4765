"""Curation: settling several annotators' work on a document into the gold layer.

The gold layer is the annotator named ``gold`` (export it like any annotator). When curation
of a document starts, the spans and relations every source annotator agrees on (same offsets
and label) are pre-accepted into gold in one undoable action. Everything else forms a queue of
:class:`Disagreement` items, in text order, spans before relations:

- a *span* item is a cluster of overlapping spans that not every annotator has, with each
  annotator's version (their spans in the cluster, possibly none);
- a *relation* item is a pair of spans that annotators link differently, with each annotator's
  version (their relations between the two).

The curator moves through the queue (:meth:`Curation.next`, :meth:`Curation.previous`) and
decides with :meth:`Curation.take` (annotator A's, B's, C's… version), :meth:`Curation.edit`
(their own span) or :meth:`Curation.reject` (nothing here). Each decision is one undoable
action of the ``gold`` annotator and returns the store's :class:`~annotator.store.Change`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from annotator.errors import HashiyaError
from annotator.model import GOLD, Annotator, DocStatus, NewSpan, Relation, Span
from annotator.policies import DocumentPolicy, covered, people, resolve_annotators
from annotator.store import NO_CHANGE, Change, ChangeKind, Project
from annotator.store.curation import RelationKey, SpanKey, gold_action


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


class Curation:
    """A curator's session on one document: the disagreement queue, a position in it, decisions.

    ``annotators`` are the sources (names; default: everyone but gold who marked the document
    done, or with ``status="all"`` who opened or annotated it), in name order: A, B, C…
    """

    def __init__(
        self,
        project: Project,
        document_id: str,
        annotators: Sequence[str] | None = None,
        status: str | DocumentPolicy = DocumentPolicy.DONE,
    ) -> None:
        self.project = project
        self.document_id = document_id
        self.text = project.document(document_id).text
        self.gold: Annotator = project.ensure_annotator(GOLD)
        self.sources: list[Annotator] = self._sources(annotators, status)
        self.position = -1  # before the first item
        self._rejected: set[tuple] = set()
        self.items: list[Disagreement] = []
        self.refresh()

    def _sources(self, names: Sequence[str] | None, status: str | DocumentPolicy) -> list[Annotator]:
        """The source annotators: those named, else everyone but gold whom the document policy gives
        this document (``done`` by default; ``all`` here is the older spelling of ``worked-on``)."""
        policy = DocumentPolicy.WORKED_ON if status == "all" else DocumentPolicy.parse(status)
        asked = resolve_annotators(self.project, names)
        if asked is not None:
            return sorted(asked, key=lambda a: a.name)
        everyone = people(self.project)
        qualify = covered(self.project, policy, [a.id for a in everyone], self.document_id)
        return [a for a in everyone if self.document_id in qualify[a.id]]

    # -- what the view shows -------------------------------------------------------------------

    def layers(self) -> dict[str, list[Span]]:
        """Every source annotator's spans, then gold's, by annotator name (colour by annotator).
        Served from what the queue was built from while nothing else wrote to the project."""
        if self.project.data_version() != self._seen:
            return {a.name: self.project.spans(self.document_id, a) for a in [*self.sources, self.gold]}
        gold = sorted(self._gold_spans.values(), key=lambda s: (s.start, -s.end, s.label))
        return {**{name: list(spans) for name, spans in self._spans.items()}, self.gold.name: gold}

    def relation_layers(self) -> dict[str, list[Relation]]:
        if self.project.data_version() != self._seen:
            return {a.name: self.project.relations(self.document_id, a) for a in [*self.sources, self.gold]}
        gold = sorted(self._gold_relations.values(), key=lambda r: (r.created_at, r.id))
        return {**{name: list(mine) for name, mine in self._relations.items()}, self.gold.name: gold}

    @property
    def current(self) -> Disagreement | None:
        return self.items[self.position] if 0 <= self.position < len(self.items) else None

    @property
    def open_count(self) -> int:
        return sum(not item.decided for item in self.items)

    # -- the queue -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Rebuild the queue from the store (after any change), keeping the position on its item."""
        self._load()
        self._rebuild()

    def _load(self) -> None:
        """Read what the queue is made of. The sources' part (their versions, what they agree on) is
        kept until the store changes other than by this session's own steps (:meth:`_step`)."""
        project, doc = self.project, self.document_id
        directed = {kind.name: kind.directed for kind in project.schema.relations}  # one schema read
        self._directed = lambda label: directed.get(label, True)
        self._spans = spans = {a.name: project.spans(doc, a) for a in self.sources}
        self._relations = relations = {a.name: project.relations(doc, a) for a in self.sources}
        self._gold_spans = {s.id: s for s in project.spans(doc, self.gold)}
        self._gold_relations = {r.id: r for r in project.relations(doc, self.gold)}
        self._seen = project.data_version()
        self.agreed_spans, self.agreed_relations = _agreed(spans, relations, self._directed)
        self._source_keys = {s.id: span_key(s) for mine in spans.values() for s in mine}
        self._span_groups = _span_groups(spans, self.agreed_spans)
        groups = _relation_groups(spans, relations, self.agreed_relations, self._source_keys, self._directed)
        self._relation_groups = groups

    def _rebuild(self) -> None:
        """The queue from the sources' groups and gold's current spans and relations. Items that
        did not change are kept as they were (a step changes one or two of thousands)."""
        key = self.current.key if self.current else None
        before = {item.key: item for item in self.items}
        gold = sorted(
            (s for s in self._gold_spans.values() if span_key(s) not in self.agreed_spans),
            key=lambda s: (s.start, -s.end, s.label),  # the store's order
        )
        items = _span_items(self._span_groups, gold, self._rejected)
        if self._relation_groups:
            spans_by_id = dict(self._source_keys)
            spans_by_id.update((s.id, span_key(s)) for s in self._gold_spans.values())
            items += _relation_items(
                self._relation_groups,
                sorted(self._gold_relations.values(), key=lambda r: (r.created_at, r.id)),  # the store's order
                spans_by_id,
                self.agreed_relations,
                self._rejected,
                self._directed,
            )
        self.items = [_same(before.get(item[1]), item) for item in items]
        keys = {item.key: index for index, item in enumerate(self.items)}
        if key in keys:
            self.position = keys[key]
        else:
            self.position = min(self.position, len(self.items) - 1)

    def _step(self, action: Callable[[], Change], rejected: tuple | None = None) -> Change:
        """Take one of this session's own steps (each changes gold only), then rebuild the queue.

        Gold's spans and relations follow from the step's change. The sources are read again only
        if something else wrote to the project since the queue was built (another annotator, a
        merge, another program): the store's change counter says so."""
        unchanged = self.project.data_version() == self._seen
        change = action()
        if rejected is not None:
            self._rejected.add(rejected)
        if unchanged:
            self._follow(change)
            self._seen = self.project.data_version()
        else:
            self._load()
        self._rebuild()
        return change

    def _follow(self, change: Change) -> None:
        """Apply one of this session's own steps to the gold spans and relations kept here."""
        doc, gold = self.document_id, self.gold.id
        for layer, removed, added in (
            (self._gold_spans, change.spans_removed, (*change.spans_added, *change.spans_updated)),
            (self._gold_relations, change.relations_removed, change.relations_added),
        ):
            for x in removed:
                if x.document_id == doc and x.annotator_id == gold:
                    layer.pop(x.id, None)
            layer.update((x.id, x) for x in added if x.document_id == doc and x.annotator_id == gold)

    def next(self) -> Disagreement | None:
        """Move to the next disagreement; None (and no move) after the last."""
        if self.position + 1 >= len(self.items):
            return None
        self.position += 1
        return self.current

    def previous(self) -> Disagreement | None:
        if self.position <= 0:
            return None
        self.position -= 1
        return self.current

    def next_open(self) -> Disagreement | None:
        """Move to the next disagreement not decided yet (wrapping round); None if all are decided."""
        count = len(self.items)
        for step in range(1, count + 1):
            index = (self.position + step) % count
            if not self.items[index].decided:
                self.position = index
                return self.current
        return None

    def go_to(self, index: int) -> Disagreement:
        if not 0 <= index < len(self.items):
            raise IndexError(f"no disagreement {index} (there are {len(self.items)})")
        self.position = index
        return self.items[index]

    # -- decisions (each one undoable gold action) ---------------------------------------------

    def accept_agreed(self) -> Change:
        """Pre-accept what every source agrees on, once: only while gold has not started this document."""
        if not self.sources or self.project.status(self.document_id, self.gold) != DocStatus.NEW:
            return NO_CHANGE
        return self._step(
            lambda: gold_action(
                self.project,
                self.document_id,
                self.gold.id,
                ChangeKind.CURATE_ACCEPT_AGREED,
                add_spans=[NewSpan(*key) for key in sorted(self.agreed_spans)],
                add_relations=sorted(self.agreed_relations),
                status=DocStatus.IN_PROGRESS,
            )
        )

    def take(self, source: int | str) -> Change:
        """Make gold here equal to one source annotator's version (by index A=0, B=1… or name)."""
        item = self._current_item()
        names = [a.name for a in self.sources]
        if isinstance(source, str) and source not in names:
            raise HashiyaError(f"{source!r} is not one of this document's annotators ({', '.join(names)})")
        index = source if isinstance(source, int) else names.index(source)
        if not 0 <= index < len(self.sources):
            raise HashiyaError(f"there is no annotator {index + 1} here ({len(self.sources)} annotators)")
        version = item.version_keys(index)
        name = self.sources[index].name  # kept beside the kind in the log: whose version was taken
        if item.kind == "span":
            spans, relations = [NewSpan(*key) for key in version], []
        else:
            spans, relations = [], list(version)
        return self._step(
            lambda: self._replace(item, ChangeKind.CURATE_TAKE, detail=name, spans=spans, relations=relations),
            rejected=None if version else item.key,
        )

    def reject(self) -> Change:
        """Nothing belongs in gold here: remove gold's spans (or relations) at this disagreement."""
        item = self._current_item()
        return self._step(lambda: self._replace(item, ChangeKind.CURATE_REJECT), rejected=item.key)

    def edit(self, start: int, end: int, label: str) -> Change:
        """Gold here becomes one span of the curator's own, replacing what gold had at this disagreement."""
        item = self._current_item()
        if item.kind != "span":
            raise HashiyaError("edit changes a span; for a relation take a version or reject it")
        return self._step(lambda: self._replace(item, ChangeKind.CURATE_EDIT, spans=[NewSpan(start, end, label)]))

    def finish(self) -> Change:
        """Mark gold's version of the document done."""
        return self._step(lambda: self.project.set_status(self.document_id, self.gold, DocStatus.DONE))

    def undo(self) -> Change:
        return self._step(lambda: self.project.undo(self.gold))

    def redo(self) -> Change:
        return self._step(lambda: self.project.redo(self.gold))

    def _current_item(self) -> Disagreement:
        if self.current is None:
            raise HashiyaError("no disagreement selected: move to one first (next / previous)")
        return self.current

    def _replace(
        self,
        item: Disagreement,
        kind: ChangeKind,
        *,
        detail: str = "",
        spans: Sequence[NewSpan] = (),
        relations: Sequence[RelationKey] = (),
    ) -> Change:
        gold_ids = [x.id for x in item.gold]
        return gold_action(
            self.project,
            self.document_id,
            self.gold.id,
            kind,
            detail=detail,
            remove_spans=gold_ids if item.kind == "span" else (),
            remove_relations=gold_ids if item.kind == "relation" else (),
            add_spans=spans,
            add_relations=relations,
        )


def _relation_key(relation: Relation, spans_by_id: dict[str, SpanKey], directed) -> RelationKey:
    head, tail = spans_by_id[relation.head_id], spans_by_id[relation.tail_id]
    if not directed(relation.label) and tail < head:
        head, tail = tail, head
    return (head, tail, relation.label)


def _agreed(spans: dict[str, list[Span]], relations: dict[str, list[Relation]], directed):
    if not spans:
        return set(), set()
    span_sets = [{span_key(s) for s in mine} for mine in spans.values()]
    relation_sets = []
    for name, mine in relations.items():
        by_id = {s.id: span_key(s) for s in spans[name]}
        relation_sets.append({_relation_key(r, by_id, directed) for r in mine})
    return set.intersection(*span_sets), set.intersection(*relation_sets)


def _span_groups(spans: dict[str, list[Span]], agreed: set[SpanKey]) -> list[tuple[int, int, tuple]]:
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


def _span_items(groups, gold: list[Span], rejected: set) -> list[tuple]:
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


def _relation_groups(spans, relations, agreed, spans_by_id, directed) -> list[tuple]:
    """Pairs of spans the sources link differently: ``(first, second, start, end, versions)`` in order."""
    by_pair: dict[tuple[SpanKey, SpanKey], dict[str, list[Relation]]] = {}
    for name, mine in relations.items():
        for relation in mine:
            key = _relation_key(relation, spans_by_id, directed)
            if key not in agreed:
                pair = tuple(sorted(key[:2]))
                by_pair.setdefault(pair, {}).setdefault(name, []).append(relation)
    groups = []
    for (first, second), found in sorted(by_pair.items()):
        versions = tuple(tuple(found.get(name, ())) for name in spans)
        groups.append((first, second, min(first[0], second[0]), max(first[1], second[1]), versions))
    return groups


def _relation_items(groups, gold_relations, spans_by_id, agreed, rejected, directed) -> list[tuple]:
    """One item's fields per pair, with gold's relations between the same two spans (indexed by pair once)."""
    gold_by_pair: dict[tuple[SpanKey, SpanKey], list[Relation]] = {}
    for relation in gold_relations:
        key = _relation_key(relation, spans_by_id, directed)
        if key not in agreed:
            gold_by_pair.setdefault(tuple(sorted(key[:2])), []).append(relation)
    items = []
    for first, second, start, end, versions in groups:
        here = tuple(gold_by_pair.get((first, second), ()))
        key = ("relation", first, second)
        items.append(("relation", key, start, end, versions, here, bool(here) or key in rejected, spans_by_id))
    return items


def _same(previous: Disagreement | None, fields: tuple) -> Disagreement:
    """The item made of ``fields``: ``previous`` itself when nothing in it changed."""
    if previous is not None and (previous.versions, previous.gold, previous.decided) == fields[4:7]:
        return previous
    return Disagreement(*fields)
