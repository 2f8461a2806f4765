"""The project store: one SQLite file per project, the only code that talks to SQLite.

Every mutation is one transaction and one entry in the action log, and returns a
:class:`~annotator.store.changes.Change`. Undo and redo walk each annotator's log, so they
work across documents and restarts. Subscribers (the window) get each change after commit.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator import __version__
from annotator.errors import HashiyaError, NotFoundError, ProjectError
from annotator.ids import new_id
from annotator.model import (
    IMPORT_LOG,
    Annotator,
    DocStatus,
    Document,
    DocumentInfo,
    ImportOutcome,
    IncomingDocument,
    NewSpan,
    Origin,
    Relation,
    Sentence,
    Span,
    Token,
)
from annotator.schema import LabelSchema, default_schema
from annotator.store import documents as docstore
from annotator.store import import_log
from annotator.store.changes import NO_CHANGE, Change, ChangeKind
from annotator.store.connection import connect, sqlite_utils_database, write_transaction
from annotator.store.migrations import CURRENT_VERSION, migrate, schema_version
from annotator.store.ops import Applied, Op, apply_ops, inverse_all
from annotator.store.queries import Queries
from annotator.store.rows import now, relation_to_row, span_from_row, span_to_row
from annotator.store.suggestions import SuggestionMethods, Suggestions

if TYPE_CHECKING:
    from sqlite_utils import Database

AnnotatorRef = Annotator | str  # an Annotator, an annotator's name, or its id
Listener = Callable[[Change], None]


class Project(Queries, SuggestionMethods):
    """An open project file. Use :meth:`create`, :meth:`open` or :meth:`memory`; close when done."""

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self._conn = conn
        self.path = path
        self._listeners: list[Listener] = []
        self._schema: tuple[int, LabelSchema] | None = None
        self._suggestion_repo = Suggestions(self)  # runs, decisions and models, composed over this project

    @cached_property
    def db(self) -> Database:
        """sqlite-utils' view of the same connection, for table-level helpers."""
        return sqlite_utils_database(self._conn)

    # -- lifecycle -------------------------------------------------------------------------

    @classmethod
    def create(cls, path: str | Path, schema: LabelSchema | None = None) -> Project:
        conn = connect(path, create=True)
        project = cls(conn, str(path))
        try:
            with project._write():
                migrate(conn, str(path))
                stamp = now()
                project.db["meta"].insert_all(
                    [
                        {"key": "project_id", "value": new_id()},
                        {"key": "created_at", "value": stamp},
                        {"key": "created_by", "value": f"Hashiya {__version__}"},
                    ]
                )
                project._insert_schema(schema or default_schema())
        except BaseException:
            conn.close()
            if str(path) != ":memory:":
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)
            raise
        return project

    @classmethod
    def open(cls, path: str | Path) -> Project:
        conn = connect(path, create=False)
        project = cls(conn, str(path))
        try:
            if schema_version(conn) < CURRENT_VERSION:  # only an upgrade needs the write lock
                with project._write():
                    migrate(conn, str(path))
        except BaseException:
            conn.close()  # let go of the file at once: another program may be waiting for it
            raise
        return project

    @classmethod
    def memory(cls, schema: LabelSchema | None = None) -> Project:
        """A throw-away project in memory (tests)."""
        return cls.create(":memory:", schema)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(change)`` after every committed change; returns an unsubscribe function."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def deliver(self, change: Change) -> Change:
        """Hand a committed change to this project's subscribers: one built by a multi-step write
        (a merge) or committed through another connection (a worker's), so open views follow it."""
        return self._notify(change)

    def transaction(self) -> AbstractContextManager[None]:
        """One atomic write spanning several store calls (a merge of many files): all or nothing.

        Single operations (``add_span`` and the like) already run in their own transaction.
        """
        return write_transaction(self._conn)

    _write = transaction

    def _notify(self, change: Change) -> Change:
        if not change.empty:
            for listener in list(self._listeners):
                listener(change)
        return change

    # -- schema ------------------------------------------------------------------------------

    @property
    def schema(self) -> LabelSchema:
        return self._current_schema()[1]

    @property
    def schema_version(self) -> int:
        return self._current_schema()[0]

    def _current_schema(self) -> tuple[int, LabelSchema]:
        row = self._conn.execute("SELECT version, body FROM label_schemas ORDER BY version DESC LIMIT 1").fetchone()
        if self._schema is None or self._schema[0] != row["version"]:
            self._schema = (row["version"], LabelSchema.from_dict(json.loads(row["body"]), "project schema"))
        return self._schema

    def _insert_schema(self, schema: LabelSchema) -> int:
        row = self._conn.execute("SELECT COALESCE(MAX(version), 0) + 1 FROM label_schemas").fetchone()
        version = row[0]
        self._conn.execute(
            "INSERT INTO label_schemas (version, body, created_at) VALUES (?, ?, ?)",
            (version, json.dumps(schema.to_dict(), ensure_ascii=False), now()),
        )
        return version

    def set_schema(self, schema: LabelSchema) -> Change:
        """Store ``schema`` as a new version. Labels still used by spans cannot be dropped."""
        with self._write():
            used = {row[0]: row[1] for row in self._conn.execute("SELECT label, COUNT(*) FROM spans GROUP BY label")}
            missing = sorted(set(used) - set(schema.label_names))
            if missing:
                detail = ", ".join(f"{label} ({used[label]} spans)" for label in missing)
                raise HashiyaError(f"the new schema drops labels still in use: {detail}")
            self._insert_schema(schema)
        return self._notify(Change(ChangeKind.SET_SCHEMA, schema_changed=True))

    # -- annotators ----------------------------------------------------------------------

    def ensure_annotator(self, name: str) -> Annotator:
        """The annotator called ``name``, created if new (subscribers hear of a new one)."""
        return self.add_annotator(name)[0]

    def add_annotator(self, name: str) -> tuple[Annotator, Change]:
        """The annotator called ``name``, created if new, and the :class:`Change` that names them in
        ``annotators_added`` (empty when they were already there): views listing annotators follow it."""
        annotator, created = self._create_annotator(name)
        if not created:
            return annotator, NO_CHANGE
        change = Change(ChangeKind.ADD_ANNOTATOR, annotators_added=(annotator.id,), initiator=annotator.name)
        return annotator, self._notify(change)

    def _create_annotator(self, name: str) -> tuple[Annotator, bool]:
        """The annotator called ``name`` and whether this call created them. Tells no one: inside a
        larger write (an import naming a new annotator) subscribers hear of that write once it commits."""
        name = name.strip()
        if not name:
            raise HashiyaError("an annotator needs a name")
        if name == IMPORT_LOG:
            raise HashiyaError(f"{IMPORT_LOG!r} is reserved for imports made by no one named: choose another name")
        existing = self.get_annotator(name)
        if existing:
            return existing, False
        annotator = Annotator(new_id(), name, now())
        with self._write():
            inserted = self._conn.execute(
                "INSERT INTO annotators (id, name, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING",
                (annotator.id, annotator.name, annotator.created_at),
            ).rowcount
        if not inserted:  # another connection created them meanwhile
            return self.get_annotator(name) or annotator, False
        return annotator, True

    def _annotator_id(self, annotator: AnnotatorRef, *, create: bool = False) -> str:
        """Resolve an :class:`Annotator`, a name, or an annotator id (ids are 32 hex digits)."""
        if isinstance(annotator, Annotator):
            return annotator.id
        found = self.get_annotator(annotator)
        if found is None:
            row = self._conn.execute("SELECT id FROM annotators WHERE id = ?", (annotator,)).fetchone()
            if row is not None:
                return row[0]
            if create:
                found = self._create_annotator(annotator)[0]
        if found is None:
            raise NotFoundError(f"no annotator called {annotator!r} in this project")
        return found.id

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
        with self._write():  # a new annotator is created in the same transaction: a failed import adds no one
            annotator_id = None if annotator is None else self._annotator_id(annotator, create=True)
            if schema is not None and schema != self.schema:
                self._insert_schema(schema)
            outcomes, change, record = docstore.add_documents(self._conn, prepared, annotator_id, status)
            if not record.empty:
                change = self._log_import(logged_by if logged_by is not None else annotator_id, record, change)
        if schema is not None:
            change = replace(change, schema_changed=True)
        return outcomes, self._notify(change)

    def _log_import(self, logged_by: AnnotatorRef | None, record: docstore.ImportRecord, change: Change) -> Change:
        """One action for the whole import (ids only) in the importer's log; the caller holds the transaction."""
        log_id = self._import_log_id() if logged_by is None else self._annotator_id(logged_by, create=True)
        op = import_log.import_op(record)
        logged = self._record(import_log.IMPORT_KIND, log_id, None, [op], apply=False)
        return replace(change, annotator_id=log_id, action_id=logged.action_id)

    def _import_log_id(self) -> str:
        """The pseudo-annotator holding plain imports' log (no one imported them by name)."""
        row = self._conn.execute("SELECT id FROM annotators WHERE name = ?", (import_log.IMPORT_LOG,)).fetchone()
        if row is not None:
            return row[0]
        log_id = new_id()
        self._conn.execute(
            "INSERT INTO annotators (id, name, created_at) VALUES (?, ?, ?)", (log_id, import_log.IMPORT_LOG, now())
        )
        return log_id

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
        length = self._document_length(document_id)
        stamp = now()
        with self._write():
            annotator_id = self._annotator_id(annotator, create=True)
            seen: set[tuple[int, int, str]] = set()
            ops: list[Op] = []
            for new in spans:
                self._check_span(new.start, new.end, new.label, length)
                key = (new.start, new.end, new.label)
                if key in seen or self._span_exists(document_id, annotator_id, *key):
                    continue
                seen.add(key)
                span = Span(
                    new_id(), document_id, annotator_id, new.start, new.end, new.label, origin, new.attributes, stamp
                )
                ops.append({"op": "insert_span", "row": span_to_row(span)})
            if not ops:
                return NO_CHANGE
            kind = ChangeKind.ADD_SPAN if len(ops) == 1 else ChangeKind.ADD_SPANS
            ops += self._start_work_ops(document_id, annotator_id)
            change = self._record(kind, annotator_id, document_id, ops)
        return self._notify(change)

    def remove_span(self, span_id: str) -> Change:
        """Remove a span and the relations attached to it (undo brings both back)."""
        with self._write():
            span = self.span(span_id)
            touching = self._conn.execute(
                "SELECT * FROM relations WHERE head_id = ? OR tail_id = ?", (span_id, span_id)
            ).fetchall()
            ops: list[Op] = [{"op": "delete_relation", "row": dict(r)} for r in touching]
            ops.append({"op": "delete_span", "row": span_to_row(span)})
            change = self._record(ChangeKind.REMOVE_SPAN, span.annotator_id, span.document_id, ops)
        return self._notify(change)

    def relabel_span(self, span_id: str, label: str) -> Change:
        return self._update_span(ChangeKind.RELABEL_SPAN, span_id, label=label)

    def resize_span(self, span_id: str, start: int, end: int) -> Change:
        return self._update_span(ChangeKind.RESIZE_SPAN, span_id, start=start, end=end)

    def _update_span(self, kind: ChangeKind, span_id: str, **after: Any) -> Change:
        with self._write():
            span = self.span(span_id)
            new = {**span_to_row(span), **after}
            self._check_span(new["start"], new["end"], new["label"], self._document_length(span.document_id))
            before = {key: span_to_row(span)[key] for key in after}
            if before == after:
                return NO_CHANGE
            if self._span_exists(span.document_id, span.annotator_id, new["start"], new["end"], new["label"]):
                raise HashiyaError(f"there is already a {new['label']} span at [{new['start']}, {new['end']})")
            op = {"op": "update_span", "id": span_id, "before": before, "after": after}
            change = self._record(kind, span.annotator_id, span.document_id, [op])
        return self._notify(change)

    def add_relation(self, head_id: str, tail_id: str, label: str) -> Change:
        """Link two spans of the same annotator and document with a type the schema allows for them."""
        with self._write():
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
            ops += self._start_work_ops(head.document_id, head.annotator_id)
            change = self._record(ChangeKind.ADD_RELATION, head.annotator_id, head.document_id, ops)
        return self._notify(change)

    def remove_relation(self, relation_id: str) -> Change:
        with self._write():
            relation = self.relation(relation_id)
            op = {"op": "delete_relation", "row": relation_to_row(relation)}
            change = self._record(ChangeKind.REMOVE_RELATION, relation.annotator_id, relation.document_id, [op])
        return self._notify(change)

    def set_status(self, document_id: str, annotator: AnnotatorRef, status: DocStatus) -> Change:
        self._document_length(document_id)
        with self._write():
            annotator_id = self._annotator_id(annotator, create=True)
            current = self.status(document_id, annotator_id)
            if current == status:
                return NO_CHANGE
            op = {
                "op": "set_status",
                "document_id": document_id,
                "annotator_id": annotator_id,
                "before": current.value,
                "after": DocStatus(status).value,
            }
            change = self._record(ChangeKind.SET_STATUS, annotator_id, document_id, [op])
        return self._notify(change)

    def _span_exists(self, document_id: str, annotator_id: str, start: int, end: int, label: str) -> bool:
        """One indexed lookup: a document may hold 20,000 spans, and tagging must stay instant."""
        return (
            self._conn.execute(
                'SELECT 1 FROM spans WHERE document_id = ? AND annotator_id = ? AND start = ? AND "end" = ? '
                "AND label = ?",
                (document_id, annotator_id, start, end, label),
            ).fetchone()
            is not None
        )

    def _start_work_ops(self, document_id: str, annotator_id: str) -> list[Op]:
        """The first annotation in a new document moves it to ``in_progress`` (in the same action)."""
        if self.status(document_id, annotator_id) != DocStatus.NEW:
            return []
        return [
            {
                "op": "set_status",
                "document_id": document_id,
                "annotator_id": annotator_id,
                "before": DocStatus.NEW.value,
                "after": DocStatus.IN_PROGRESS.value,
            }
        ]

    def _check_span(self, start: int, end: int, label: str, length: int) -> None:
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= length):
            raise HashiyaError(f"span [{start}, {end}) is not inside the document (0..{length})")
        if self.schema.label(label) is None:
            raise HashiyaError(f"label {label!r} is not in the project's schema")

    def _record(
        self,
        kind: ChangeKind,
        annotator_id: str,
        document_id: str | None,
        ops: list[Op],
        *,
        detail: str = "",
        apply: bool = True,
    ) -> Change:
        """Apply ``ops`` (unless already done, as an import's are) and log them as one action (``detail``
        is kept beside the kind in the log, e.g. whose version a curator took); the caller holds the
        transaction."""
        applied = apply_ops(self._conn, ops) if apply else Applied()
        self._conn.execute(
            "UPDATE actions SET state = 'discarded' WHERE annotator_id = ? AND state = 'undone'", (annotator_id,)
        )
        action_id = new_id()
        self._conn.execute(
            "INSERT INTO actions (id, annotator_id, document_id, kind, ops, state, created_at) "
            "VALUES (?, ?, ?, ?, ?, 'done', ?)",
            (action_id, annotator_id, document_id, kind.logged(detail), json.dumps(ops, ensure_ascii=False), now()),
        )
        initiator = self._annotator_name(annotator_id)
        return Change(kind, annotator_id, action_id=action_id, initiator=initiator, **applied.as_kwargs())

    def _annotator_name(self, annotator_id: str) -> str | None:
        """One primary-key lookup: who an action's Change names as its initiator."""
        row = self._conn.execute("SELECT name FROM annotators WHERE id = ?", (annotator_id,)).fetchone()
        return None if row is None else row[0]

    # -- undo / redo -----------------------------------------------------------------------

    def undo(self, annotator: AnnotatorRef) -> Change:
        """Reverse the annotator's latest action, in whichever document it was."""
        return self._step(annotator, undo=True)

    def redo(self, annotator: AnnotatorRef) -> Change:
        return self._step(annotator, undo=False)

    def can_undo(self, annotator: AnnotatorRef) -> bool:
        annotator_id = self._ids(annotator)
        return bool(annotator_id) and self._next_action(annotator_id, undo=True) is not None

    def can_redo(self, annotator: AnnotatorRef) -> bool:
        annotator_id = self._ids(annotator)
        return bool(annotator_id) and self._next_action(annotator_id, undo=False) is not None

    def _next_action(self, annotator_id: str, *, undo: bool) -> sqlite3.Row | None:
        state, order = ("done", "DESC") if undo else ("undone", "ASC")
        return self._conn.execute(
            f"SELECT * FROM actions WHERE annotator_id = ? AND state = ? ORDER BY seq {order} LIMIT 1",
            (annotator_id, state),
        ).fetchone()

    def _step(self, annotator: AnnotatorRef, *, undo: bool) -> Change:
        annotator_id = self._ids(annotator)
        if not annotator_id:  # someone who never acted has nothing to undo
            return NO_CHANGE
        with self._write():
            action = self._next_action(annotator_id, undo=undo)
            if action is None:
                return NO_CHANGE
            ops = json.loads(action["ops"])
            documents: dict[str, tuple[str, ...]] = {}
            if ops and ops[0]["op"] == import_log.IMPORT_OP:  # an import: its op holds ids, or the removed rows
                ops, applied, moved = import_log.step(self._conn, ops[0], action["seq"], undo=undo)
                documents = {"documents_removed" if undo else "documents_added": moved}
            else:
                applied = apply_ops(self._conn, inverse_all(ops) if undo else ops)
            self._conn.execute(
                "UPDATE actions SET state = ?, ops = ? WHERE seq = ?",
                ("undone" if undo else "done", json.dumps(ops, ensure_ascii=False), action["seq"]),
            )
        change = Change(
            ChangeKind.from_log(action["kind"]),
            annotator_id,
            action_id=action["id"],
            undone=undo,
            redone=not undo,
            initiator=self._annotator_name(annotator_id),
            **documents,
            **applied.as_kwargs(),
        )
        return self._notify(change)

    # -- reads that need the store's own helpers -------------------------------------------------

    def tokens(self, document_id: str) -> list[Token]:
        text = self.document(document_id).text
        return [Token(s, e, text[s:e]) for s, e in self.token_offsets(document_id)]

    def sentences(self, document_id: str) -> list[Sentence]:
        offsets = self.token_offsets(document_id)
        return [Sentence(offsets[a][0], offsets[b - 1][1], a, b) for a, b in self.sentence_token_ranges(document_id)]

    def document(self, document_id: str) -> Document:
        return docstore.get_document(self._conn, document_id)

    def documents(self) -> list[DocumentInfo]:
        return docstore.list_documents(self._conn)

    def _document_length(self, document_id: str) -> int:
        row = self._conn.execute("SELECT length FROM documents WHERE id = ?", (document_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no document {document_id!r} in this project")
        return row[0]

    def span(self, span_id: str) -> Span:
        row = self._conn.execute("SELECT * FROM spans WHERE id = ?", (span_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no span {span_id!r} in this project")
        return span_from_row(row)


__all__ = ["Project", "ProjectError"]
