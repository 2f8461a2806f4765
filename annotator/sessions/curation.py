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

The session keeps its queue between decisions; a window passes it every committed change
(:meth:`Curation.follow`, the sessions' one protocol in :mod:`annotator.sessions.follow`), and it
never asks the store whether something else wrote. The queue itself is built by
:mod:`annotator.sessions.disagreements`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from annotator.errors import HashiyaError
from annotator.model import GOLD, Annotator, DocStatus, NewSpan, Relation, Span
from annotator.policies import DocumentPolicy, covered, people, resolve_annotators
from annotator.sessions.disagreements import (
    Disagreement,
    agreed,
    relation_groups,
    relation_items,
    same,
    span_groups,
    span_items,
    span_key,
)
from annotator.store import NO_CHANGE, Change, ChangeKind, Project
from annotator.store.curation import RelationKey, gold_action

__all__ = ["GOLD", "Curation", "Disagreement", "span_key"]


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
        self._stale = False  # a change other than gold's (a source's, another program's): read again
        self._followed: Change | None = None  # the last change taken in (a step's comes twice when subscribed)
        self._rebuilt_for: Change | None = None  # the last change the queue was rebuilt for (rebuild once per step)
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
        Served from what the queue was built from unless a followed change made it stale."""
        if self._stale:
            return {a.name: self.project.spans(self.document_id, a) for a in [*self.sources, self.gold]}
        gold = sorted(self._gold_spans.values(), key=lambda s: (s.start, -s.end, s.label))
        return {**{name: list(spans) for name, spans in self._spans.items()}, self.gold.name: gold}

    def relation_layers(self) -> dict[str, list[Relation]]:
        if self._stale:
            return {a.name: self.project.relations(self.document_id, a) for a in [*self.sources, self.gold]}
        gold = sorted(self._gold_relations.values(), key=lambda r: (r.created_at, r.id))
        return {**{name: list(mine) for name, mine in self._relations.items()}, self.gold.name: gold}

    @property
    def current(self) -> Disagreement | None:
        return self.items[self.position] if 0 <= self.position < len(self.items) else None

    @property
    def open_count(self) -> int:
        return sum(not item.decided for item in self.items)

    @property
    def stale(self) -> bool:
        """A followed change touched the sources here: :meth:`refresh` reads them again."""
        return self._stale

    # -- the queue -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Rebuild the queue from the store (after any change), keeping the position on its item."""
        self._load()
        self._rebuild()

    def _load(self) -> None:
        """Read what the queue is made of. The sources' part (their versions, what they agree on) is
        kept until a followed change touches them (:meth:`follow`)."""
        project, doc = self.project, self.document_id
        directed = {kind.name: kind.directed for kind in project.schema.relations}  # one schema read
        self._directed = lambda label: directed.get(label, True)
        self._spans = spans = {a.name: project.spans(doc, a) for a in self.sources}
        self._relations = relations = {a.name: project.relations(doc, a) for a in self.sources}
        self._gold_spans = {s.id: s for s in project.spans(doc, self.gold)}
        self._gold_relations = {r.id: r for r in project.relations(doc, self.gold)}
        self._stale = False
        self.agreed_spans, self.agreed_relations = agreed(spans, relations, self._directed)
        self._source_keys = {s.id: span_key(s) for mine in spans.values() for s in mine}
        self._span_groups = span_groups(spans, self.agreed_spans)
        groups = relation_groups(spans, relations, self.agreed_relations, self._source_keys, self._directed)
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
        items = span_items(self._span_groups, gold, self._rejected)
        if self._relation_groups:
            spans_by_id = dict(self._source_keys)
            spans_by_id.update((s.id, span_key(s)) for s in self._gold_spans.values())
            items += relation_items(
                self._relation_groups,
                sorted(self._gold_relations.values(), key=lambda r: (r.created_at, r.id)),  # the store's order
                spans_by_id,
                self.agreed_relations,
                self._rejected,
                self._directed,
            )
        self.items = [same(before.get(item[1]), item) for item in items]
        keys = {item.key: index for index, item in enumerate(self.items)}
        if key in keys:
            self.position = keys[key]
        else:
            self.position = min(self.position, len(self.items) - 1)

    def _step(self, action: Callable[[], Change], rejected: tuple | None = None) -> Change:
        """Take one of this session's own steps (each changes gold only), then rebuild the queue.

        A rejection is noted before the step, so a view that redraws from the step's change (the
        change bus calls :meth:`follow` before the step returns) already shows it decided. Gold's
        spans and relations follow from the change; the sources are read again only if a followed
        change made them stale (another annotator, a merge, another program)."""
        noted = rejected is not None and rejected not in self._rejected
        if noted:
            self._rejected.add(rejected)
        try:
            change = action()
        except BaseException:
            if noted:
                self._rejected.discard(rejected)
            raise
        self.follow(change)  # nothing new when a subscriber passed it on already
        if self._stale:
            self._load()
            self._rebuild()
        elif self._rebuilt_for is not change:  # following rebuilt it already: once per step is enough
            self._rebuild()
        return change

    def follow(self, change: Change) -> bool:
        """Take in a committed change of the store; True when the queue may have changed.

        Gold's own work in this document (this session's steps, or the curator tagging in the main
        window) updates the gold spans and relations kept here and the queue in place. Anything
        else touching this document (a source's work, a merge, another program, a new schema)
        marks the sources stale: :meth:`layers` then reads the store, and :meth:`refresh` or the
        next decision rebuilds the queue from it. No reading happens here, so following is safe in
        the middle of one of this session's own steps."""
        if change is self._followed:
            return False
        self._followed = change
        if change.external or change.schema_changed:
            self._stale = True
            return True
        if self.document_id not in change.document_ids:
            return False
        if not change.annotator_ids <= {self.gold.id}:
            self._stale = True
            return True
        self._follow_gold(change)
        if not self._stale:
            self._rebuild()
            self._rebuilt_for = change
        return True

    def _follow_gold(self, change: Change) -> None:
        """Apply a change of gold's to the gold spans and relations kept here."""
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
