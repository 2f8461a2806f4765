"""An import or a merge as one action in the log: undone only while no one has annotated what it added.

The action's single op names by id what the import (or merge) added (documents, spans, relations,
statuses; a merge also the suggestion decisions and activity rows it copied), so logging a
10,000-article import costs one small row. Undo first checks that nobody worked on those documents
since, then moves the rows themselves into the op (redo needs the same ids and text back) and
deletes them; redo inserts them again and shrinks the op back to ids. Ops logged before merges
copied decisions and activity have neither key, and read as naming none.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from typing import Any

from annotator.errors import HashiyaError
from annotator.model import IMPORT_LOG, DocStatus
from annotator.store.changes import ChangeKind, StatusChange
from annotator.store.connection import Connection, IntegrityError
from annotator.store.documents import ImportRecord
from annotator.store.ops import Applied, Op
from annotator.store.rows import SPAN_FIELDS, relation_from_row, span_from_row
from annotator.store.statements import RELATION_FIELDS, insert_rows, put_status

IMPORT_KIND = ChangeKind.ADD_DOCUMENTS  # the action's kind in the log
IMPORT_OP = "import"  # its one op
__all__ = ["IMPORT_KIND", "IMPORT_LOG", "IMPORT_OP", "MergeRecord", "import_op", "step"]
_SEGMENTATION_FIELDS = ("document_id", "tokenizer", "token_count", "tokens", "sentence_count", "sentences")
_BLOBS = ("tokens", "sentences")


@dataclass
class MergeRecord(ImportRecord):
    """What a merge added, by id: an import's record plus the rows a merge alone copies from the
    annotators' files (their suggestion decisions and activity), so its undo takes those back too."""

    decisions: list[str] = field(default_factory=list)
    activity: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return super().empty and not (self.decisions or self.activity)


def import_op(record: ImportRecord, what: str = "import") -> Op:
    """The op logging ``record``; ``what`` ("import" or "merge") names it in a refused undo's message.
    Annotators and schema labels it added are not in it: an undo leaves them (harmless when unused)."""
    op: Op = {
        "op": IMPORT_OP,
        "what": what,
        "documents": record.documents,
        "spans": record.spans,
        "relations": record.relations,
        "statuses": record.statuses,
    }
    if isinstance(record, MergeRecord):
        op |= {"decisions": record.decisions, "activity": record.activity}
    return op


def step(conn: Connection, op: Op, seq: int, *, undo: bool) -> tuple[list[Op], Applied, tuple[str, ...]]:
    """Undo or redo the import ``op`` logged at ``seq``: the ops to store back, what changed, the documents."""
    new_op, applied, documents = undo_import(conn, op, seq) if undo else redo_import(conn, op)
    return [new_op], applied, documents


def undo_import(conn: Connection, op: Op, seq: int) -> tuple[Op, Applied, tuple[str, ...]]:
    """Remove what the import ``op`` (logged at ``seq``) added; raise :class:`HashiyaError` when
    someone annotated it since. Returns the op holding the removed rows, what changed, and the
    documents removed."""
    _refuse_if_touched(conn, op, seq)
    saved = {
        "documents": _rows(
            conn, "SELECT * FROM documents WHERE id IN (SELECT value FROM json_each(?))", op["documents"]
        ),
        "segmentation": [
            {k: (base64.b64encode(v).decode("ascii") if k in _BLOBS else v) for k, v in row.items()}
            for row in _rows(
                conn,
                "SELECT * FROM segmentation WHERE document_id IN (SELECT value FROM json_each(?))",
                op["documents"],
            )
        ],
        "spans": _rows(conn, "SELECT * FROM spans WHERE id IN (SELECT value FROM json_each(?))", op["spans"]),
        "relations": _rows(
            conn, "SELECT * FROM relations WHERE id IN (SELECT value FROM json_each(?))", op["relations"]
        ),
        "decisions": _rows(
            conn, "SELECT * FROM suggestion_decisions WHERE id IN (SELECT value FROM json_each(?))", _decisions(op)
        ),
        # the merge's rows, and anyone's time on the documents that go (deleting them cascades to it):
        # redo puts back all that undo took
        "activity": [
            dict(row)
            for row in conn.execute(
                "SELECT * FROM activity WHERE id IN (SELECT value FROM json_each(?)) "
                "OR document_id IN (SELECT value FROM json_each(?)) ORDER BY at, id",
                (json.dumps(op.get("activity", [])), json.dumps(op["documents"])),
            )
        ],
    }
    applied = Applied()
    new_documents = set(op["documents"])
    applied.suggestions += _kept_documents(saved["decisions"], new_documents)
    # views of documents that stay (annotations attached to a document already there) must drop them
    applied.relations_removed += [
        relation_from_row(r) for r in saved["relations"] if r["document_id"] not in new_documents
    ]
    applied.spans_removed += [span_from_row(r) for r in saved["spans"] if r["document_id"] not in new_documents]
    conn.execute("DELETE FROM relations WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(op["relations"]),))
    conn.execute("DELETE FROM spans WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(op["spans"]),))
    conn.execute(
        "DELETE FROM suggestion_decisions WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(_decisions(op)),)
    )
    conn.execute(
        "DELETE FROM activity WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(op.get("activity", [])),)
    )
    for document_id, annotator_id, before, _after in op["statuses"]:
        if document_id not in new_documents:
            put_status(conn, document_id, annotator_id, before)
            applied.statuses.append(StatusChange(document_id, annotator_id, DocStatus(before)))
    # cascades to segmentation, statuses, activity, suggestions (machine output, re-run to get them back)
    conn.execute("DELETE FROM documents WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(op["documents"]),))
    return {**op, "saved": saved}, applied, tuple(op["documents"])


def redo_import(conn: Connection, op: Op) -> tuple[Op, Applied, tuple[str, ...]]:
    """Put back, with the same ids, what :func:`undo_import` removed."""
    saved, what = op["saved"], op.get("what", "import")
    documents = saved["documents"]
    if documents:
        _insert_all(conn, "documents", tuple(documents[0]), documents, what)
    segmentation = [
        {k: (base64.b64decode(v) if k in _BLOBS else v) for k, v in row.items()} for row in saved["segmentation"]
    ]
    _insert_all(conn, "segmentation", _SEGMENTATION_FIELDS, segmentation, what)
    _insert_all(conn, "spans", SPAN_FIELDS, saved["spans"], what)
    _insert_all(conn, "relations", RELATION_FIELDS, saved["relations"], what)
    for table, rows in (("suggestion_decisions", saved.get("decisions", [])), ("activity", saved.get("activity", []))):
        if rows:  # an op undone before merges copied these saved none
            _insert_all(conn, table, tuple(rows[0]), rows, what)
    applied = Applied()
    new_documents = set(op["documents"])
    applied.suggestions += _kept_documents(saved.get("decisions", []), new_documents)
    for document_id, annotator_id, _before, after in op["statuses"]:
        put_status(conn, document_id, annotator_id, after)
        if document_id not in new_documents:
            applied.statuses.append(StatusChange(document_id, annotator_id, DocStatus(after)))
    applied.spans_added += [span_from_row(r) for r in saved["spans"] if r["document_id"] not in new_documents]
    applied.relations_added += [
        relation_from_row(r) for r in saved["relations"] if r["document_id"] not in new_documents
    ]
    return {k: v for k, v in op.items() if k != "saved"}, applied, tuple(op["documents"])


def _refuse_if_touched(conn: Connection, op: Op, seq: int) -> None:
    """Anyone's work on what the import added (spans, relations, statuses, suggestion decisions,
    later actions) makes the undo a loss of work: refuse, naming who and where."""
    documents = json.dumps(op["documents"])
    spans, relations = json.dumps(op["spans"]), json.dumps(op["relations"])
    own_statuses = {(d, a, after) for d, a, _before, after in op["statuses"]}
    in_docs = "document_id IN (SELECT value FROM json_each(?))"
    touched: list[tuple[str, str]] = []  # (annotator id, document id)
    touched += conn.execute(
        f"SELECT annotator_id, document_id FROM spans WHERE {in_docs} AND id NOT IN (SELECT value FROM json_each(?))",
        (documents, spans),
    ).fetchall()
    touched += conn.execute(
        f"SELECT annotator_id, document_id FROM relations WHERE {in_docs} "
        "AND id NOT IN (SELECT value FROM json_each(?))",
        (documents, relations),
    ).fetchall()
    decisions = json.dumps(_decisions(op))
    touched += conn.execute(
        f"SELECT annotator_id, document_id FROM suggestion_decisions WHERE {in_docs} "
        "AND id NOT IN (SELECT value FROM json_each(?))",
        (documents, decisions),
    ).fetchall()
    touched += [
        (a, d)
        for d, a, status in conn.execute(
            f"SELECT document_id, annotator_id, status FROM document_status WHERE {in_docs}", (documents,)
        )
        if (d, a, status) not in own_statuses and status != DocStatus.NEW.value  # an undone start leaves "new"
    ]
    # every document the op wrote to: its own, those its spans, relations and decisions went to, those
    # whose status it set
    status_documents = json.dumps(sorted({d for d, _a, _before, _after in op["statuses"]}))
    touched += conn.execute(
        "SELECT annotator_id, document_id FROM actions WHERE seq > ? AND state = 'done' AND document_id IN "
        "(SELECT value FROM json_each(?) UNION SELECT value FROM json_each(?) "
        "UNION SELECT document_id FROM spans WHERE id IN (SELECT value FROM json_each(?)) "
        "UNION SELECT document_id FROM relations WHERE id IN (SELECT value FROM json_each(?)) "
        "UNION SELECT document_id FROM suggestion_decisions WHERE id IN (SELECT value FROM json_each(?)))",
        (seq, documents, status_documents, spans, relations, decisions),
    ).fetchall()
    present = conn.execute("SELECT COUNT(*) FROM spans WHERE id IN (SELECT value FROM json_each(?))", (spans,))
    if present.fetchone()[0] != len(op["spans"]):
        raise HashiyaError(_message(conn, op, [], "some of its annotations were removed since"))
    if touched:
        raise HashiyaError(_message(conn, op, touched, ""))


def _message(conn: Connection, op: Op, touched: list[tuple[str, str]], reason: str) -> str:
    count, noun = len(op["documents"]), op.get("what", "import")  # imports logged before merges were have none
    what = f"the {noun} of {count} document{'s' if count != 1 else ''}" if count else f"the {noun}"
    if not reason:
        names = dict(conn.execute("SELECT id, name FROM annotators").fetchall())
        by_person: dict[str, list[str]] = {}
        for annotator_id, document_id in touched:
            docs = by_person.setdefault(names.get(annotator_id, annotator_id), [])
            if document_id not in docs:
                docs.append(document_id)
        parts = []
        for person, docs in sorted(by_person.items()):
            titles = ", ".join(f"«{_document_name(conn, d)}»" for d in docs[:3])
            more = f" and {len(docs) - 3} more" if len(docs) > 3 else ""
            parts.append(f"{person} has annotated {titles}{more} since")
        reason = "; ".join(parts)
    return f"cannot undo {what}: {reason}"


def _document_name(conn: Connection, document_id: str) -> str:
    row = conn.execute("SELECT name FROM documents WHERE id = ?", (document_id,)).fetchone()
    return row[0] if row else document_id


def _decisions(op: Op) -> list[str]:
    """The decisions a merge copied (an import, or a merge logged before they were copied, has none)."""
    return op.get("decisions", [])


def _kept_documents(decisions: list[dict[str, Any]], new_documents: set[str]) -> list[str]:
    """The documents that stay whose decisions changed: their views must list their suggestions again."""
    return list(dict.fromkeys(d["document_id"] for d in decisions if d["document_id"] not in new_documents))


def _rows(conn: Connection, sql: str, ids: list[str]) -> list[dict[str, Any]]:
    return [dict(row) for row in conn.execute(sql, (json.dumps(ids),))]


def _insert_all(
    conn: Connection, table: str, fields: tuple[str, ...], rows: list[dict[str, Any]], what: str = "import"
) -> None:
    try:
        insert_rows(conn, table, fields, rows)
    except IntegrityError as exc:
        raise HashiyaError(f"cannot redo the {what}: {exc} (the same text was imported again since?)") from None
