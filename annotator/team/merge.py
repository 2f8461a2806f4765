"""Merging other project files into a project: ``hashiya merge`` and File → Merge.

Documents are matched by the SHA-256 of their text; documents the project lacks are added.
For each document and annotator (matched by name) the two *bodies of work* — spans and
relations by content (offsets and labels), and status — are compared:

- the source has nothing, or the same work → nothing changes (so merging twice changes nothing);
- the project has nothing, or a subset of the source's work (the annotator went on working) →
  the missing spans and relations are added, keeping their globally unique ids, and the
  source's status is taken;
- the project has more than the source (a subset there) → kept as it is;
- anything else is two different bodies of work under one name → reported as a conflict and
  left exactly as it was. Nothing is ever overwritten or removed.

The annotators' suggestion decisions (what ``hashiya progress`` reads acceptance rates from) come
along, except those of a conflict: a suggestion the annotator already decided here keeps that
decision, and an accepted one points at the annotator's span here. So do their activity rows (by
id; what progress reads time from).

The whole merge (all files) is one transaction: a bad file leaves the project untouched. It is
one action in the log of whoever merged (the window's annotator, ``--annotator``, or the project's
import log), so their undo takes it back while no one has worked on what it added (as an import's).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from os import PathLike
from typing import Any

from annotator.errors import HashiyaError
from annotator.model import DocStatus, Relation, Span
from annotator.store import Change, ChangeKind, Project, StatusChange
from annotator.store import merge as store
from annotator.store.import_log import MergeRecord
from annotator.wording import Say, english

SpanKey = tuple[int, int, str]
RelationKey = tuple[SpanKey, SpanKey, str]
_RANK = {DocStatus.NEW: 0, DocStatus.IN_PROGRESS: 1, DocStatus.DONE: 2}


@dataclass(frozen=True, slots=True)
class MergeConflict:
    """Two different bodies of work of one annotator on one document; neither was changed."""

    source: str
    document_id: str
    document_name: str
    annotator: str
    spans_here: int
    spans_there: int
    only_here: int  # spans and relations only in the project
    only_there: int  # spans and relations only in the source

    def __str__(self) -> str:
        return self.describe()

    def describe(self, say: Say = english) -> str:
        """The conflict in ``say``'s words: who, where, and how the two bodies of work differ."""
        return say(
            "{source}: {annotator} on {document}: different work here ({spans_here} spans, {only_here} items not "
            "in the file) and in the file ({spans_there} spans, {only_there} items not here); kept this project's, "
            "merged nothing",
            source=self.source,
            annotator=self.annotator,
            document=repr(self.document_name),
            spans_here=self.spans_here,
            only_here=self.only_here,
            spans_there=self.spans_there,
            only_there=self.only_there,
        )


@dataclass(frozen=True, slots=True)
class SourceOutcome:
    """What merging one source file did (counts of what it added, found or left alone)."""

    path: str
    documents_added: int
    documents_matched: int
    annotators_added: tuple[str, ...]
    spans_added: int
    relations_added: int
    statuses_changed: int
    bodies_added: int  # annotator-document pairs new to the project
    bodies_updated: int  # the project had part of the source's work
    bodies_present: int  # the same work was already here (or more)
    conflicts: tuple[MergeConflict, ...]
    decisions_added: int = 0  # suggestion decisions
    activity_added: int = 0  # activity rows (time records)

    def summary(self, say: Say = english) -> str:
        """One line for this source file: documents, spans and relations, bodies of work, conflicts."""
        added = say("{n} span(s)", self.spans_added) + say(", ") + say("{n} relation(s)", self.relations_added)
        parts = [
            say("{path}:", path=self.path)
            + " "
            + say("{n} document(s) added", self.documents_added)
            + say(", ")
            + say("{n} already here", self.documents_matched),
            say("{counts} added", counts=added),
            say("work of {n} annotator-document pair(s) merged", self.bodies_added + self.bodies_updated)
            + say(", ")
            + say("{n} pair(s) already present", self.bodies_present),
        ]
        if self.annotators_added:
            parts.append(say("new annotators: {names}", names=", ".join(self.annotators_added)))
        if self.conflicts:
            parts.append(say("{n} conflict(s) left unmerged", len(self.conflicts)))
        return say("; ").join(parts)


@dataclass(frozen=True, slots=True)
class MergeReport:
    """A finished merge: one outcome per source file, labels the schema gained, and the delivered change."""

    sources: tuple[SourceOutcome, ...]
    labels_added: list[str]  # a list, as the import report's: callers compare it with one
    change: Change

    @property
    def conflicts(self) -> tuple[MergeConflict, ...]:
        return tuple(c for s in self.sources for c in s.conflicts)

    def summary_lines(self, say: Say | None = None) -> list[str]:
        """What a user reads after a merge, worded by ``say`` (English by default; see :mod:`annotator.wording`)."""
        say = say or english
        lines = [s.summary(say) for s in self.sources]
        if self.labels_added:
            lines.append(say("labels added to the schema: {labels}", labels=", ".join(self.labels_added)))
        lines += [say("conflict:") + " " + c.describe(say) for c in self.conflicts]
        return lines


def _span_keys(body: store.Body) -> Counter[SpanKey]:
    return Counter((s.start, s.end, s.label) for s in body.spans)


def _relation_keys(body: store.Body) -> Counter[RelationKey]:
    by_id = {s.id: (s.start, s.end, s.label) for s in body.spans}
    return Counter((by_id[r.head_id], by_id[r.tail_id], r.label) for r in body.relations)


@dataclass
class _Tally:
    """One source's outcome while it is being planned (frozen into a :class:`SourceOutcome` once written)."""

    path: str
    documents_added: int = 0
    documents_matched: int = 0
    annotators_added: list[str] = field(default_factory=list)
    bodies_added: int = 0
    bodies_updated: int = 0
    bodies_present: int = 0
    conflicts: list[MergeConflict] = field(default_factory=list)

    def outcome(self, spans: int, relations: int, statuses: int, decisions: int, activity: int) -> SourceOutcome:
        return SourceOutcome(
            path=self.path,
            documents_added=self.documents_added,
            documents_matched=self.documents_matched,
            annotators_added=tuple(self.annotators_added),
            spans_added=spans,
            relations_added=relations,
            statuses_changed=statuses,
            bodies_added=self.bodies_added,
            bodies_updated=self.bodies_updated,
            bodies_present=self.bodies_present,
            conflicts=tuple(self.conflicts),
            decisions_added=decisions,
            activity_added=activity,
        )


@dataclass
class _Added:
    """Ids of everything the merge wrote, over all sources: what its :class:`Change` reports."""

    documents: list[str] = field(default_factory=list)
    annotators: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    statuses: list[StatusChange] = field(default_factory=list)
    status_steps: list[tuple[str, str, str, str]] = field(default_factory=list)  # document, annotator, before, after
    decisions: list[dict[str, Any]] = field(default_factory=list)  # suggestion_decisions rows
    activity: list[str] = field(default_factory=list)

    def record(self) -> MergeRecord:
        """The ids the action log keeps so an undo can take the merge back."""
        return MergeRecord(
            documents=list(self.documents),
            spans=[s.id for s in self.spans],
            relations=[r.id for r in self.relations],
            statuses=[list(entry) for entry in self.status_steps],
            decisions=[d["id"] for d in self.decisions],
            activity=list(self.activity),
        )

    def change(self, schema_changed: bool) -> Change:
        """Names the annotator of every merged item: a window showing one of them follows it."""
        return Change(
            ChangeKind.MERGE,
            documents_added=tuple(self.documents),
            annotators_added=tuple(self.annotators),
            spans_added=tuple(self.spans),
            relations_added=tuple(self.relations),
            statuses=tuple(self.statuses),
            suggestions=tuple(dict.fromkeys(d["document_id"] for d in self.decisions)),
            schema_changed=schema_changed,
            initiator="merge",
        )


@dataclass
class _Plan:
    """What merging one source writes, decided before anything is written."""

    spans: list[Span] = field(default_factory=list)
    relations: list[tuple[Relation, SpanKey, SpanKey]] = field(default_factory=list)  # endpoints by key
    statuses: list[tuple[str, str, DocStatus, DocStatus]] = field(default_factory=list)  # doc, annotator, before, after
    conflicts: set[tuple[str, str]] = field(default_factory=set)  # (document, annotator) here: nothing merged


def merge_projects(
    project: Project,
    paths: Sequence[str | PathLike[str]],
    *,
    add_labels: bool = False,
    logged_by: str | None = None,
) -> MergeReport:
    """Merge the project files ``paths`` into ``project`` (see the module docstring), as one action
    in the log of ``logged_by`` (who merged), else in the project's import log."""
    sources = [store.read_source(path) for path in paths]  # all readable before anything is written
    outcomes: list[SourceOutcome] = []
    labels_added: list[str] = []
    added = _Added()
    with project.atomic():
        for source in sources:
            people = store.People(project, source.annotators)
            tally, plan, documents = _plan(project, source, added, people)
            labels_added += _check_labels(project, plan, source.path, add_labels)
            spans = store.insert_spans(project, plan.spans)
            relations = store.insert_relations(project, _resolve_endpoints(project, plan))
            statuses = [store.set_status(project, doc, annotator, after) for doc, annotator, _, after in plan.statuses]
            # after the spans: an accepted decision points at the annotator's span here
            decisions = store.insert_decisions(project, source, documents, people.here, plan.conflicts)
            activity = store.insert_activity(project, source.events, documents, people.here)
            tally.annotators_added += [name for name, _ in people.created]
            added.annotators += [annotator_id for _, annotator_id in people.created]
            added.spans += spans
            added.relations += relations
            added.statuses += statuses
            added.status_steps += [(d, a, before.value, after.value) for d, a, before, after in plan.statuses]
            added.decisions += decisions
            added.activity += activity
            outcomes.append(tally.outcome(len(spans), len(relations), len(statuses), len(decisions), len(activity)))
        change = added.change(schema_changed=bool(labels_added))
        record = added.record()
        if not record.empty:  # the merged items keep their own annotators: a window follows theirs, not the log's
            _log, action_id = project.log_addition(logged_by, record, what="merge")
            change = replace(change, action_id=action_id)
    change = project.deliver(change)
    return MergeReport(tuple(outcomes), labels_added, change)


def _resolve_endpoints(project: Project, plan: _Plan) -> list[Relation]:
    """Point each relation to be added at the project's spans (added or already there) by content."""
    spans_of: dict[tuple[str, str], dict[SpanKey, str]] = {}
    resolved = []
    for relation, head, tail in plan.relations:
        where = (relation.document_id, relation.annotator_id)
        if where not in spans_of:
            spans_of[where] = {(s.start, s.end, s.label): s.id for s in project.spans(*where)}
        resolved.append(replace(relation, head_id=spans_of[where][head], tail_id=spans_of[where][tail]))
    return resolved


def _plan(
    project: Project, source: store.Source, added: _Added, people: store.People
) -> tuple[_Tally, _Plan, dict[str, str]]:
    """What merging ``source`` writes, and its documents' ids here (source id -> id here)."""
    outcome, plan = _Tally(source.path), _Plan()
    local_docs = store.documents_by_sha256(project)
    doc_here: dict[str, str] = {}
    for source_id, row in source.documents.items():
        if row["sha256"] in local_docs:
            doc_here[source_id] = local_docs[row["sha256"]]
            outcome.documents_matched += 1
        else:
            doc_here[source_id] = local_docs[row["sha256"]] = store.add_document(project, row)
            added.documents.append(doc_here[source_id])
            outcome.documents_added += 1
    for (source_doc, source_annotator), body in sorted(source.bodies.items()):
        if body.empty or source_doc not in doc_here:
            continue
        doc_id, annotator_id = doc_here[source_doc], people.here(source_annotator)
        here = store.body_here(project, doc_id, annotator_id)
        name = source.annotators[source_annotator]
        _compare(project, source, body, here, doc_id, annotator_id, name, outcome, plan)
    return outcome, plan, doc_here


def _compare(
    project: Project,
    source: store.Source,
    there: store.Body,
    here: store.Body,
    doc_id: str,
    annotator_id: str,
    name: str,
    outcome: _Tally,
    plan: _Plan,
) -> None:
    spans_there, spans_here = _span_keys(there), _span_keys(here)
    relations_there, relations_here = _relation_keys(there), _relation_keys(here)
    only_here = (spans_here - spans_there) + (relations_here - relations_there)  # type: ignore[operator]
    only_there = (spans_there - spans_here) + (relations_there - relations_here)  # type: ignore[operator]
    if only_here and only_there:
        info = project.document_info(doc_id)
        outcome.conflicts.append(
            MergeConflict(
                source.path,
                doc_id,
                info.name,
                name,
                len(here.spans),
                len(there.spans),
                sum(only_here.values()),
                sum(only_there.values()),
            )
        )
        plan.conflicts.add((doc_id, annotator_id))
        return
    if only_here:  # the project is ahead: keep it
        outcome.bodies_present += 1
        return
    if here.empty:
        outcome.bodies_added += 1
    elif only_there:
        outcome.bodies_updated += 1
    else:
        outcome.bodies_present += 1
    missing = spans_there - spans_here
    for span in there.spans:
        key = (span.start, span.end, span.label)
        if missing[key] > 0:
            missing[key] -= 1
            plan.spans.append(replace(span, document_id=doc_id, annotator_id=annotator_id))
    by_id = {s.id: (s.start, s.end, s.label) for s in there.spans}
    missing_relations = relations_there - relations_here
    for relation in there.relations:
        key = (by_id[relation.head_id], by_id[relation.tail_id], relation.label)
        if missing_relations[key] > 0:
            missing_relations[key] -= 1
            plan.relations.append((replace(relation, document_id=doc_id, annotator_id=annotator_id), key[0], key[1]))
    # the same (or newer) work: the further status wins; newer work brings its status along
    status = there.status if only_there else max(there.status, here.status, key=_RANK.__getitem__)
    if status != here.status:
        plan.statuses.append((doc_id, annotator_id, here.status, status))


def _check_labels(project: Project, plan: _Plan, source: str, add_labels: bool) -> list[str]:
    schema = project.schema
    unknown = list(dict.fromkeys(s.label for s in plan.spans if schema.label(s.label) is None))
    relations = sorted({r.label for r, _, _ in plan.relations if schema.relation(r.label) is None})
    if relations:
        raise HashiyaError(f"{source}: relation types not in the project's schema: {', '.join(relations)}")
    if unknown and not add_labels:
        raise HashiyaError(
            f"{source}: labels not in the project's schema: {', '.join(unknown)} "
            "(add them with --add-labels, or add them to the schema first)"
        )
    if unknown:
        store.add_schema_labels(project, unknown)
    return unknown
