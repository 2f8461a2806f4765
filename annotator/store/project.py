"""The project store's door: one object per open project file, through which every write goes.

Every mutation is one transaction and one entry in the action log, and returns a
:class:`~annotator.store.changes.Change`; subscribers (the window) get each change after commit.
The work is done by repositories composed by concern, each over the same
:class:`~annotator.store.connection.Database`: the roster of annotators, the schema versions, the
span rules, the action log (:mod:`~annotator.store.history`), the reads
(:mod:`~annotator.store.queries`) and the suggestion repositories. Reads are handed to them one
line each (:func:`~annotator.store.forwarding.forward`); the write operations are here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator import __version__
from annotator.errors import HashiyaError, ProjectError
from annotator.ids import new_id
from annotator.model import (
    Annotator,
    DocStatus,
    ImportOutcome,
    IncomingDocument,
    NewSpan,
    Origin,
    Relation,
    Span,
)
from annotator.schema import LabelSchema, default_schema
from annotator.store import documents as docstore
from annotator.store import import_log
from annotator.store.activity import Activity
from annotator.store.changes import NO_CHANGE, Change, ChangeKind
from annotator.store.connection import Database, open_database, sqlite_utils_database
from annotator.store.dismissals import Dismissals, dismissal_op
from annotator.store.fixes import FixLike, OccurrenceLike, plan_fixes
from annotator.store.forwarding_table import RepositoryMethods
from annotator.store.history import History
from annotator.store.ops import Op
from annotator.store.queries import Reads
from annotator.store.roster import AnnotatorRef, Roster
from annotator.store.rows import now, relation_to_row, span_to_row
from annotator.store.schemas import Schemas
from annotator.store.span_rules import SpanRules, status_op
from annotator.store.statements import insert_rows
from annotator.store.suggestions import Suggestions

if TYPE_CHECKING:
    from annotator.store.connection import SqliteUtilsDatabase

Listener = Callable[[Change], None]


class Project(RepositoryMethods):
    """An open project file. Use :meth:`create`, :meth:`open` or :meth:`memory`; close when done."""

    def __init__(self, database: Database) -> None:
        self.path = database.path
        self.database = database
        self.roster = Roster(self.database)
        self.schemas = Schemas(self.database)
        self.rules = SpanRules(self.database, lambda: self.schema)
        self.history = History(self.database, self.roster)
        self.reads = Reads(self.database, self.roster)
        self.suggestion_store = Suggestions(self)  # runs, decisions and models, over these repositories
        self.dismissals = Dismissals(self.database)  # consistency findings dismissed (issue 15)
        self.activity = Activity(self.database)  # annotators' activity events, for time and throughput (issue 16)
        self._listeners: list[Listener] = []

    @cached_property
    def db(self) -> SqliteUtilsDatabase:
        """sqlite-utils' view of the same connection, for table-level helpers (bulk inserts)."""
        return sqlite_utils_database(self.database.conn)

    # -- lifecycle -------------------------------------------------------------------------

    @classmethod
    def create(cls, path: str | Path, schema: LabelSchema | None = None) -> Project:
        """A new project: a file (``":memory:"`` in tests), or ``postgresql://...`` in an empty
        server database."""
        database = open_database(path, create=True)
        project = cls(database)
        try:
            with project.atomic():
                database.migrate()
                stamp = now()
                insert_rows(
                    database.conn,
                    "meta",
                    ("key", "value"),
                    [
                        {"key": "project_id", "value": new_id()},
                        {"key": "created_at", "value": stamp},
                        {"key": "created_by", "value": f"Hashiya {__version__}"},
                    ],
                )
                project.schemas.insert(schema or default_schema())
        except BaseException:
            database.discard()
            raise
        return project

    @classmethod
    def open(cls, path: str | Path) -> Project:
        database = open_database(path, create=False)
        project = cls(database)
        try:
            if database.needs_upgrade():  # only an upgrade needs the write lock
                with project.atomic():
                    database.migrate()
        except BaseException:
            database.close()  # let go of the file at once: another program may be waiting for it
            raise
        return project

    @classmethod
    def memory(cls, schema: LabelSchema | None = None) -> Project:
        """A throw-away project in memory (tests)."""
        return cls.create(":memory:", schema)

    def close(self) -> None:
        self.database.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(change)`` after every committed change; returns an unsubscribe function."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def deliver(self, change: Change) -> Change:
        """Hand a committed change to this project's subscribers (an empty one reaches no one): every
        operation here does, and so does a change built by a multi-step write (a merge) or committed
        through another connection (a worker's, another process's), so open views follow it."""
        if not change.empty:
            for listener in list(self._listeners):
                listener(change)
        return change

    def atomic(self) -> AbstractContextManager[None]:
        """One atomic write spanning several store calls (a merge of many files): all or nothing.

        Single operations (``add_span`` and the like) already run in their own transaction.
        """
        return self.database.atomic()

    # -- schema ------------------------------------------------------------------------------

    @property
    def schema(self) -> LabelSchema:
        return self.schemas.current()[1]

    @property
    def schema_version(self) -> int:
        return self.schemas.current()[0]

    def set_schema(self, schema: LabelSchema) -> Change:
        """Store ``schema`` as a new version. Labels still used by spans cannot be dropped."""
        with self.atomic():
            self.schemas.replace(schema)
        return self.deliver(Change(ChangeKind.SET_SCHEMA, schema_changed=True))

    # -- annotators ----------------------------------------------------------------------

    def ensure_annotator(self, name: str) -> Annotator:
        """The annotator called ``name``, created if new (subscribers hear of a new one)."""
        return self.add_annotator(name)[0]

    def add_annotator(self, name: str) -> tuple[Annotator, Change]:
        """The annotator called ``name``, created if new, and the :class:`Change` that names them in
        ``annotators_added`` (empty when they were already there): views listing annotators follow it."""
        annotator, created = self.roster.create(name)
        if not created:
            return annotator, NO_CHANGE
        change = Change(ChangeKind.ADD_ANNOTATOR, annotators_added=(annotator.id,), initiator=annotator.name)
        return annotator, self.deliver(change)

    # -- documents ------------------------------------------------------------------------

    def add_documents(
        self,
        incoming: Sequence[IncomingDocument],
        annotator: AnnotatorRef | None = None,
        status: DocStatus | None = None,
        *,
        schema: LabelSchema | None = None,
        logged_by: AnnotatorRef | None = None,
    ) -> tuple[list[ImportOutcome], Change]:
        """Store imported documents (and their annotations) in one transaction and one action.

        ``schema``, when given, becomes the project's schema in the same transaction (an import
        that adds labels). Same-text documents are reported as duplicates, or get their
        annotations attached. Nothing is written if any document is invalid. The action goes to
        the log of ``logged_by`` (who imported: the window's annotator), else of ``annotator``,
        else of the project's import log, so that person's undo takes the import back.
        """
        prepared = docstore.prepare(incoming, schema or self.schema)
        if annotator is None and any(doc.incoming.spans for doc in prepared):
            raise HashiyaError("these documents carry annotations: name the annotator to import them as")
        with self.atomic():  # a new annotator is created in the same transaction: a failed import adds no one
            annotator_id = None if annotator is None else self.roster.id_of(annotator, create=True)
            if schema is not None and schema != self.schema:
                self.schemas.insert(schema)
            outcomes, change, record = docstore.add_documents(self.database.conn, prepared, annotator_id, status)
            if not record.empty:
                log_id, action_id = self.log_addition(logged_by if logged_by is not None else annotator_id, record)
                change = replace(change, annotator_id=log_id, action_id=action_id)
        if schema is not None:
            change = replace(change, schema_changed=True)
        return outcomes, self.deliver(change)

    def log_addition(
        self, logged_by: AnnotatorRef | None, record: docstore.ImportRecord, *, what: str = "import"
    ) -> tuple[str, str | None]:
        """Log what an import or a merge (``what``) wrote as one action (ids only) in the log of
        ``logged_by``, else the project's import log, so that person's undo takes it back. Returns
        that log's id and the action's. The caller holds the transaction and wrote the rows."""
        log_id = self.roster.import_log_id() if logged_by is None else self.roster.id_of(logged_by, create=True)
        kind = ChangeKind.MERGE if what == "merge" else import_log.IMPORT_KIND
        logged = self.history.record(kind, log_id, None, [import_log.import_op(record, what)], apply=False)
        return log_id, logged.action_id

    # -- annotation actions (each one action in the log) ------------------------------------------

    def add_span(
        self,
        document_id: str,
        annotator: AnnotatorRef,
        start: int,
        end: int,
        label: str,
        *,
        origin: Origin = Origin.MANUAL,
        attributes: dict[str, Any] | None = None,
    ) -> Change:
        return self.add_spans(document_id, annotator, [NewSpan(start, end, label, attributes or {})], origin=origin)

    def add_spans(
        self, document_id: str, annotator: AnnotatorRef, spans: Iterable[NewSpan], *, origin: Origin = Origin.MANUAL
    ) -> Change:
        """Add several spans as one action (one undo step); spans already there are skipped."""
        length = self.rules.document_length(document_id)
        stamp = now()
        with self.atomic():
            annotator_id = self.roster.id_of(annotator, create=True)
            seen: set[tuple[int, int, str]] = set()
            ops: list[Op] = []
            for new in spans:
                self.rules.check(new.start, new.end, new.label, length)
                key = (new.start, new.end, new.label)
                if key in seen or self.rules.exists(document_id, annotator_id, *key):
                    continue
                seen.add(key)
                span = Span(
                    new_id(), document_id, annotator_id, new.start, new.end, new.label, origin, new.attributes, stamp
                )
                ops.append({"op": "insert_span", "row": span_to_row(span)})
            if not ops:
                return NO_CHANGE
            kind = ChangeKind.ADD_SPAN if len(ops) == 1 else ChangeKind.ADD_SPANS
            ops += self.rules.start_work_ops(document_id, annotator_id)
            change = self.history.record(kind, annotator_id, document_id, ops)
        return self.deliver(change)

    def remove_span(self, span_id: str) -> Change:
        """Remove a span and the relations attached to it (undo brings both back)."""
        with self.atomic():
            span = self.span(span_id)
            touching = self.database.conn.execute(
                "SELECT * FROM relations WHERE head_id = ? OR tail_id = ?", (span_id, span_id)
            ).fetchall()
            ops: list[Op] = [{"op": "delete_relation", "row": dict(r)} for r in touching]
            ops.append({"op": "delete_span", "row": span_to_row(span)})
            change = self.history.record(ChangeKind.REMOVE_SPAN, span.annotator_id, span.document_id, ops)
        return self.deliver(change)

    def relabel_span(self, span_id: str, label: str) -> Change:
        return self._update_span(ChangeKind.RELABEL_SPAN, span_id, label=label)

    def resize_span(self, span_id: str, start: int, end: int) -> Change:
        return self._update_span(ChangeKind.RESIZE_SPAN, span_id, start=start, end=end)

    def _update_span(self, kind: ChangeKind, span_id: str, **after: Any) -> Change:
        with self.atomic():
            span = self.span(span_id)
            new = {**span_to_row(span), **after}
            self.rules.check(new["start"], new["end"], new["label"], self.rules.document_length(span.document_id))
            before = {key: span_to_row(span)[key] for key in after}
            if before == after:
                return NO_CHANGE
            if self.rules.exists(span.document_id, span.annotator_id, new["start"], new["end"], new["label"]):
                raise HashiyaError(f"there is already a {new['label']} span at [{new['start']}, {new['end']})")
            op = {"op": "update_span", "id": span_id, "before": before, "after": after}
            change = self.history.record(kind, span.annotator_id, span.document_id, [op])
        return self.deliver(change)

    def add_relation(self, head_id: str, tail_id: str, label: str) -> Change:
        """Link two spans of the same annotator and document with a type the schema allows for them."""
        with self.atomic():
            head, tail = self.span(head_id), self.span(tail_id)
            if head_id == tail_id:
                raise HashiyaError("a relation needs two different spans")
            if head.document_id != tail.document_id or head.annotator_id != tail.annotator_id:
                raise HashiyaError("a relation links two spans of the same document and annotator")
            kind = self.schema.relation(label)
            if kind is None:
                raise HashiyaError(f"relation type {label!r} is not in the project's schema")
            if not kind.allows(head.label, tail.label):
                raise HashiyaError(f"the schema does not allow {label} from {head.label} to {tail.label}")
            for existing in self.relations(head.document_id, head.annotator_id):
                same = (existing.head_id, existing.tail_id) == (head_id, tail_id)
                reverse = not kind.directed and (existing.head_id, existing.tail_id) == (tail_id, head_id)
                if existing.label == label and (same or reverse):
                    return NO_CHANGE
            relation = Relation(new_id(), head.document_id, head.annotator_id, head_id, tail_id, label, now())
            ops: list[Op] = [{"op": "insert_relation", "row": relation_to_row(relation)}]
            ops += self.rules.start_work_ops(head.document_id, head.annotator_id)
            change = self.history.record(ChangeKind.ADD_RELATION, head.annotator_id, head.document_id, ops)
        return self.deliver(change)

    def remove_relation(self, relation_id: str) -> Change:
        with self.atomic():
            relation = self.relation(relation_id)
            op = {"op": "delete_relation", "row": relation_to_row(relation)}
            change = self.history.record(ChangeKind.REMOVE_RELATION, relation.annotator_id, relation.document_id, [op])
        return self.deliver(change)

    def set_status(self, document_id: str, annotator: AnnotatorRef, status: DocStatus) -> Change:
        self.rules.document_length(document_id)
        with self.atomic():
            annotator_id = self.roster.id_of(annotator, create=True)
            current = self.status(document_id, annotator_id)
            if current == status:
                return NO_CHANGE
            op = status_op(document_id, annotator_id, current, status)
            change = self.history.record(ChangeKind.SET_STATUS, annotator_id, document_id, [op])
        return self.deliver(change)

    # -- consistency review (issue 15) -----------------------------------------------------------

    def apply_fixes(
        self, by: AnnotatorRef, fixes: Sequence[tuple[OccurrenceLike, FixLike]], *, what: str = ""
    ) -> Change:
        """Apply a finding's fixes (``Finding.fixes``, or one of them) as ONE action in ``by``'s log,
        so one undo takes them all back, whichever layers and documents they touch. Every fix is
        checked first: one stale occurrence (its span edited since the checks ran) raises
        :class:`HashiyaError` naming its document and text, and nothing is written. ``what`` (the
        finding's key, say) is kept beside the kind in the log."""
        with self.atomic():
            by_id = self.roster.id_of(by, create=True)
            plan = plan_fixes(self.database.conn, self.rules, self.roster, fixes)
            if not plan.ops:
                return NO_CHANGE
            change = self.history.record(ChangeKind.FIX_FINDING, by_id, plan.document_id, plan.ops, detail=what)
        return self.deliver(change)

    def dismiss_finding(self, by: AnnotatorRef, finding: Any) -> Change:
        """Remember ``finding`` (a :class:`annotator.consistency.findings.Finding`) as not an error,
        so the checks leave it out from now on, as one undoable action in ``by``'s log. A finding
        already dismissed is left as it is (no change)."""
        with self.atomic():
            by_id = self.roster.id_of(by, create=True)
            if self.dismissals.is_dismissed(finding.key):
                return NO_CHANGE
            op = dismissal_op(finding.key, str(finding.kind), finding.summary, by_id)
            change = self.history.record(ChangeKind.DISMISS_FINDING, by_id, None, [op])
        return self.deliver(change)

    # -- undo / redo -----------------------------------------------------------------------

    def undo(self, annotator: AnnotatorRef) -> Change:
        """Reverse the annotator's latest action, in whichever document it was."""
        return self.deliver(self.history.step(self.roster.filter_id(annotator), undo=True))

    def redo(self, annotator: AnnotatorRef) -> Change:
        return self.deliver(self.history.step(self.roster.filter_id(annotator), undo=False))

    def can_undo(self, annotator: AnnotatorRef) -> bool:
        return self.history.can_step(self.roster.filter_id(annotator), undo=True)

    def can_redo(self, annotator: AnnotatorRef) -> bool:
        return self.history.can_step(self.roster.filter_id(annotator), undo=False)


__all__ = ["Project", "ProjectError"]
