"""Suggestions in the project file: stored apart from annotations, decided per annotator.

A recommender run replaces that recommender's suggestions for the documents it ran on
(:meth:`SuggestionStore.store_predictions`). Annotation is blind (:mod:`annotator.recommenders.blind`):
suggestions a recommender learnt for one annotator (``Prediction.audience``) are stored for that
annotator and listed for no one else; the rest are for everyone. Where an annotator has a run of
their own of a recommender on a document, it takes the place of that recommender's shared one.
Several recommenders may suggest the same span and label: listings merge them into one
:class:`StoredSuggestion` naming every source, with the best score. An annotator accepts a
suggestion (a span with origin ``suggestion`` is created) or rejects it; both are actions in that
annotator's log, so undo brings the suggestion back. A rejected suggestion stays hidden for that
annotator and document until a recommender run *by that annotator* suggests it again. Listings also hide suggestions
the annotator already covered: a span with the same offsets (any label), or an overlapping span
with the same label.

Each run also records, per document, the model's uncertainty (0 sure … 1 unsure), so the window
can offer documents least-confident first. Mixed into :class:`~annotator.store.project.Project`.
"""

from __future__ import annotations

import json
import sqlite3
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter
from typing import Any

from annotator.errors import HashiyaError, NotFoundError
from annotator.ids import new_id
from annotator.model import DocumentInfo, Origin, Span
from annotator.predictions import DocumentInput, Prediction, best_non_overlapping
from annotator.store.changes import NO_CHANGE, Change, ChangeKind
from annotator.store.rows import now, span_to_row, unpack_pairs

Key = tuple[int, int, str]  # (start, end, label)
_SETTINGS_KEY = "recommenders"


@dataclass(frozen=True, slots=True)
class StoredSuggestion:
    """One suggested span of a document, merged over the recommenders that suggested it."""

    id: str
    document_id: str
    start: int
    end: int
    label: str
    score: float
    sources: tuple[str, ...]  # best-scoring first

    @property
    def key(self) -> Key:
        return (self.start, self.end, self.label)

    def text_in(self, text: str) -> str:
        return text[self.start : self.end]


class SuggestionStore:
    """Mixed into Project, whose connection, ``_write``, ``_notify``, ``_record``, ``_annotator_id``,
    ``_check_span``, ``_start_work_ops``, ``spans`` and ``document`` it uses."""

    _conn: sqlite3.Connection

    # -- runs --------------------------------------------------------------------------------------

    def store_predictions(
        self, source: str, predictions: Iterable[Prediction], *, lift_for: Any = None
    ) -> Change:
        """Replace ``source``'s suggestions for each predicted document and audience, in one transaction.

        ``lift_for`` is the annotator who ran it (the window's, or ``--annotator``): their rejections
        of spans this run suggests again are lifted (re-running brings them back). No one else's are,
        even for a shared recommender: alice running the gazetteer must not undo what bob rejected
        (blind annotation). Without ``lift_for`` (a command-line run for everyone) no rejection is lifted.
        """
        stamp = now()
        documents: list[str] = []
        with self._write():
            lifter = None if lift_for is None else self._known_annotator(lift_for)
            for prediction in predictions:
                doc = prediction.document_id
                audience = "" if prediction.audience is None else self._annotator_id(prediction.audience, create=True)
                length = self._document_length(doc)
                best: dict[Key, float] = {}
                for s in prediction.suggestions:
                    if not 0 <= s.start < s.end <= length:
                        raise HashiyaError(f"{source}: suggestion [{s.start}, {s.end}) is outside document {doc}")
                    key = (s.start, s.end, s.label)
                    best[key] = max(best.get(key, 0.0), min(1.0, max(0.0, float(s.score))))
                self._conn.execute(
                    "DELETE FROM suggestions WHERE document_id = ? AND source = ? AND for_annotator = ?",
                    (doc, source, audience),
                )
                self._conn.executemany(
                    "INSERT INTO suggestions "
                    '(id, document_id, source, for_annotator, start, "end", label, score, created_at) '
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(new_id(), doc, source, audience, k[0], k[1], k[2], score, stamp) for k, score in best.items()],
                )
                if lifter is not None:
                    self._conn.executemany(
                        "DELETE FROM suggestion_decisions WHERE document_id = ? AND decision = 'rejected' "
                        'AND start = ? AND "end" = ? AND label = ? AND annotator_id = ?',
                        [(doc, *key, lifter) for key in best],
                    )
                self._conn.execute(
                    "INSERT INTO suggestion_runs "
                    "(document_id, source, for_annotator, uncertainty, suggestion_count, run_at) "
                    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (document_id, source, for_annotator) DO UPDATE SET "
                    "uncertainty = excluded.uncertainty, suggestion_count = excluded.suggestion_count, "
                    "run_at = excluded.run_at",
                    (doc, source, audience, prediction.uncertainty, len(best), stamp),
                )
                documents.append(doc)
        if not documents:
            return NO_CHANGE
        return self._notify(Change(ChangeKind.SUGGEST, suggestions=tuple(documents), initiator=f"recommender:{source}"))

    # -- reads -------------------------------------------------------------------------------------

    def suggestions(
        self,
        document_id: str,
        annotator: Any = None,
        *,
        include_decided: bool = False,
        label: str | None = None,
        min_score: float = 0.0,
    ) -> list[StoredSuggestion]:
        """Suggestions of a document in text order that ``annotator`` may see (theirs and everyone's;
        without an annotator: everyone's only); for an annotator, only those still to decide."""
        annotator_id = None if annotator is None else self._known_annotator(annotator)
        merged = self._merged(document_id, viewer=annotator_id or "")
        labels = set(self.schema.label_names)
        out = [s for s in merged if s.label in labels and s.score >= min_score and (label is None or s.label == label)]
        if annotator_id is None or include_decided or not out:  # someone new: everything is pending
            return out
        decided = self._decided_keys(document_id, annotator_id)
        covered = coverage(self._span_keys(document_id, annotator_id))
        return [s for s in out if s.key not in decided and not covered(s)]

    def suggestion(self, suggestion_id: str, annotator: Any = None) -> StoredSuggestion:
        """The merged suggestion that the stored row ``suggestion_id`` belongs to, as ``annotator``
        sees it (None: everyone): a row learnt for another annotator is found only where a suggestion
        the annotator may see has the same span and label (and then it is that one)."""
        row = self._conn.execute(
            'SELECT document_id, start, "end", label FROM suggestions WHERE id = ?', (suggestion_id,)
        ).fetchone()
        viewer = (None if annotator is None else self._known_annotator(annotator)) or ""
        found = [] if row is None else self._merged(row[0], (row[1], row[2], row[3]), viewer)
        if not found:
            raise NotFoundError(f"no suggestion {suggestion_id!r} (the recommender may have run again)")
        return found[0]

    def decisions(self, document_id: str, annotator: Any) -> dict[Key, str]:
        """``(start, end, label)`` → ``accepted`` or ``rejected`` for one annotator and document."""
        annotator_id = self._known_annotator(annotator)
        return {} if annotator_id is None else self._decisions(document_id, annotator_id)

    def document_uncertainty(self, source: str | None = None, annotator: Any = None) -> dict[str, float]:
        """Document id → uncertainty of the last run (the highest over recommenders, or of ``source``)
        among the runs ``annotator`` may see (theirs and everyone's; None: everyone's)."""
        viewer = (None if annotator is None else self._known_annotator(annotator)) or ""
        sql = (
            "SELECT document_id, MAX(uncertainty) FROM suggestion_runs "
            "WHERE uncertainty IS NOT NULL AND for_annotator IN ('', ?)"
        )
        params: list[Any] = [viewer]
        if source is not None:
            sql += " AND source = ?"
            params.append(source)
        return {r[0]: r[1] for r in self._conn.execute(sql + " GROUP BY document_id", params)}

    def documents_by_uncertainty(
        self, source: str | None = None, annotator: Any = None
    ) -> list[tuple[DocumentInfo, float | None]]:
        """Every document, least confident first (by the runs ``annotator`` may see); documents no
        model scored keep their order, last."""
        scores = self.document_uncertainty(source, annotator)
        documents = self.documents()
        scored = sorted((d for d in documents if d.id in scores), key=lambda d: (-scores[d.id], d.position))
        rest = [d for d in documents if d.id not in scores]
        return [(d, scores[d.id]) for d in scored] + [(d, None) for d in rest]

    def recommender_input(self, document_id: str) -> DocumentInput:
        """A document as recommenders read it: stored text, tokens and sentences."""
        text = self.document(document_id).text
        row = self._conn.execute(
            "SELECT tokens, sentences FROM segmentation WHERE document_id = ?", (document_id,)
        ).fetchone()
        return DocumentInput(document_id, text, unpack_pairs(row["tokens"]), unpack_pairs(row["sentences"]))

    def has_annotations(self) -> bool:
        return self._conn.execute("SELECT 1 FROM spans LIMIT 1").fetchone() is not None

    def tagged_texts(self, teaches: Callable[[str, str], bool] | None = None) -> Iterator[tuple[str, str]]:
        """``(text, label)`` of the spans string matching learns from: those of the layers
        ``teaches(document_id, annotator_id)`` allows (:meth:`~annotator.recommenders.blind.Viewer.teaches`),
        or every span of the project."""
        yield from ((text, label) for _doc, _who, text, label in self.tagged_spans(teaches))

    def tagged_spans(self, teaches: Callable[[str, str], bool] | None = None) -> Iterator[tuple[str, str, str, str]]:
        """``(document id, annotator id, text, label)`` of the spans in the layers ``teaches`` allows:
        what :meth:`tagged_texts` gives, with where each came from (blindness is decided per document)."""
        rows = self._conn.execute(
            'SELECT s.document_id, s.annotator_id, substr(d.text, s.start + 1, s."end" - s.start), s.label '
            "FROM spans s JOIN documents d ON d.id = s.document_id"
        )
        yield from (tuple(row) for row in rows if teaches is None or teaches(row[0], row[1]))

    # -- decisions (actions in the annotator's log) ----------------------------------------------------

    def accept_suggestion(self, suggestion_id: str, annotator: Any) -> Change:
        return self.accept_suggestions([suggestion_id], annotator)

    def reject_suggestion(self, suggestion_id: str, annotator: Any) -> Change:
        return self.reject_suggestions([suggestion_id], annotator)

    def accept_label(self, document_id: str, annotator: Any, label: str) -> Change:
        """Accept every pending suggestion of ``label`` in the document, as one action."""
        pending = self.suggestions(document_id, annotator, label=label)
        return self._decide(pending, annotator, "accepted", ChangeKind.ACCEPT_LABEL)

    def accept_above(self, document_id: str, annotator: Any, threshold: float) -> Change:
        """Accept every pending suggestion scoring at least ``threshold``, as one action.

        Where pending suggestions overlap, only the best-scoring one of each overlapping group is
        accepted (the others stay pending).
        """
        pending = self.suggestions(document_id, annotator, min_score=threshold)
        return self._decide(best_non_overlapping(pending), annotator, "accepted", ChangeKind.ACCEPT_ABOVE)

    def accept_suggestions(self, suggestion_ids: Sequence[str], annotator: Any) -> Change:
        chosen = [self.suggestion(i, annotator) for i in suggestion_ids]
        return self._decide(chosen, annotator, "accepted", ChangeKind.ACCEPT_SUGGESTION)

    def reject_suggestions(self, suggestion_ids: Sequence[str], annotator: Any) -> Change:
        chosen = [self.suggestion(i, annotator) for i in suggestion_ids]
        return self._decide(chosen, annotator, "rejected", ChangeKind.REJECT_SUGGESTION)

    def accept_as(self, suggestion_id: str, annotator: Any, label: str) -> Change:
        """Accept a suggestion under ``label`` instead of its own (a label key while it is current), as
        one action: the annotator's span at its offsets gets ``label`` (origin ``suggestion``), and the
        suggested label is recorded as rejected, so it stays decided even if the span is later deleted."""
        chosen = self.suggestion(suggestion_id, annotator)
        if label == chosen.label:
            return self._decide([chosen], annotator, "accepted", ChangeKind.ACCEPT_SUGGESTION)
        stamp = now()
        document_id = chosen.document_id
        with self._write():
            annotator_id = self._annotator_id(annotator, create=True)
            self._check_span(chosen.start, chosen.end, label, self._document_length(document_id))
            ops: list[dict[str, Any]] = []
            span_id = None
            if not self._span_exists(document_id, annotator_id, chosen.start, chosen.end, label):
                span = Span(
                    new_id(), document_id, annotator_id, chosen.start, chosen.end, label, Origin.SUGGESTION, {}, stamp
                )
                span_id = span.id
                ops.append({"op": "insert_span", "row": span_to_row(span)})
                ops += self._start_work_ops(document_id, annotator_id)
            old = self._decision_rows(document_id, annotator_id).get(chosen.key)
            if old is not None:
                ops.append({"op": "delete_decision", "row": old})
            row = {
                "id": new_id(),
                "document_id": document_id,
                "annotator_id": annotator_id,
                "start": chosen.start,
                "end": chosen.end,
                "label": chosen.label,
                "decision": "rejected",
                "sources": ",".join(chosen.sources),
                "score": chosen.score,
                "span_id": span_id,
                "decided_at": stamp,
            }
            ops.append({"op": "insert_decision", "row": row})
            change = self._record(ChangeKind.ACCEPT_SUGGESTION_AS, annotator_id, document_id, ops)
        return self._notify(change)

    def reject_identical(self, suggestion_id: str, annotator: Any, *, project_wide: bool = False) -> Change:
        """Reject every pending suggestion with this one's text and label, in its document or (``project_wide``)
        in every document, as one action: one Ctrl+Z brings them all back."""
        same = self.identical_suggestions(suggestion_id, annotator, project_wide=project_wide)
        return self._decide(same, annotator, "rejected", ChangeKind.REJECT_IDENTICAL)

    def identical_suggestions(
        self, suggestion_id: str, annotator: Any, *, project_wide: bool = False
    ) -> list[StoredSuggestion]:
        """The pending suggestions with this one's text and label (itself included) that ``annotator``
        may see, in its document or in every document: what :meth:`reject_identical` rejects."""
        chosen = self.suggestion(suggestion_id, annotator)
        cursor = self._conn.cursor()
        cursor.row_factory = None
        sql = (
            'SELECT s.document_id, s.start, s."end" FROM suggestions s JOIN documents d ON d.id = s.document_id '
            'WHERE s.label = ? AND s."end" - s.start = ? AND substr(d.text, s.start + 1, s."end" - s.start) = ?'
        )
        text = self.document(chosen.document_id).text[chosen.start : chosen.end]
        params: list[Any] = [chosen.label, chosen.end - chosen.start, text]
        if not project_wide:
            sql += " AND s.document_id = ?"
            params.append(chosen.document_id)
        found: dict[str, set[Key]] = {}
        for document_id, start, end in cursor.execute(sql, params):
            found.setdefault(document_id, set()).add((start, end, chosen.label))
        return [
            s
            for document_id, keys in sorted(found.items())
            for s in self.suggestions(document_id, annotator, label=chosen.label)
            if s.key in keys
        ]

    def _decide(self, chosen: Sequence[StoredSuggestion], annotator: Any, decision: str, kind: ChangeKind) -> Change:
        if not chosen:
            return NO_CHANGE
        stamp = now()
        documents = {s.document_id for s in chosen}
        with self._write():  # a new annotator is created inside: a refused decision adds no one
            annotator_id = self._annotator_id(annotator, create=True)
            ops: list[dict[str, Any]] = []
            for document_id in sorted(documents):
                taken: set[Key] = set()  # spans this action adds (existing ones: one indexed lookup each)
                old = self._decision_rows(document_id, annotator_id)
                length = self._document_length(document_id)
                added = False
                for s in (c for c in chosen if c.document_id == document_id):
                    span_id = None
                    if (
                        decision == "accepted"
                        and s.key not in taken
                        and not self._span_exists(document_id, annotator_id, *s.key)
                    ):
                        self._check_span(s.start, s.end, s.label, length)
                        span = Span(
                            new_id(), document_id, annotator_id, s.start, s.end, s.label, Origin.SUGGESTION, {}, stamp
                        )
                        ops.append({"op": "insert_span", "row": span_to_row(span)})
                        taken.add(s.key)
                        span_id, added = span.id, True
                    if s.key in old:
                        ops.append({"op": "delete_decision", "row": old[s.key]})
                    row = {
                        "id": new_id(),
                        "document_id": document_id,
                        "annotator_id": annotator_id,
                        "start": s.start,
                        "end": s.end,
                        "label": s.label,
                        "decision": decision,
                        "sources": ",".join(s.sources),
                        "score": s.score,
                        "span_id": span_id,
                        "decided_at": stamp,
                    }
                    ops.append({"op": "insert_decision", "row": row})
                if added:
                    ops += self._start_work_ops(document_id, annotator_id)
            if len(chosen) > 1:
                plural = {
                    ChangeKind.ACCEPT_SUGGESTION: ChangeKind.ACCEPT_SUGGESTIONS,
                    ChangeKind.REJECT_SUGGESTION: ChangeKind.REJECT_SUGGESTIONS,
                }
                kind = plural.get(kind, kind)
            only = next(iter(documents)) if len(documents) == 1 else None
            change = self._record(kind, annotator_id, only, ops)
        return self._notify(change)

    # -- trained models and settings ------------------------------------------------------------

    def save_model(self, name: str, data: bytes, info: dict[str, Any]) -> Change:
        """Keep a trained model (e.g. the project's CRF) inside the project file; the Change (kind
        MODEL_SAVED, naming it in ``models_saved``) tells views that offer the model to look again."""
        with self._write():
            self._conn.execute(
                "INSERT INTO recommender_models (name, data, info, created_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (name) DO UPDATE SET data = excluded.data, info = excluded.info, "
                "created_at = excluded.created_at",
                (name, data, json.dumps(info, ensure_ascii=False), now()),
            )
        return self._notify(Change(ChangeKind.MODEL_SAVED, models_saved=(name,)))

    def load_model(self, name: str) -> tuple[bytes, dict[str, Any]] | None:
        row = self._conn.execute("SELECT data, info FROM recommender_models WHERE name = ?", (name,)).fetchone()
        return (bytes(row[0]), json.loads(row[1])) if row else None

    def recommender_settings(self) -> dict[str, Any]:
        """The project's recommender settings (label mappings, threshold), stored as JSON."""
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (_SETTINGS_KEY,)).fetchone()
        return json.loads(row[0]) if row else {}

    def set_recommender_settings(self, settings: dict[str, Any]) -> None:
        with self._write():
            self._conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (_SETTINGS_KEY, json.dumps(settings, ensure_ascii=False, sort_keys=True)),
            )

    # -- helpers -----------------------------------------------------------------------------------

    def _merged(self, document_id: str, key: Key | None = None, viewer: str = "") -> list[StoredSuggestion]:
        """The document's suggestions (or those at one ``key``) that ``viewer`` (an annotator id; "":
        everyone) may see, merged over recommenders, in text order. A recommender the viewer has a
        run of their own of replaces its shared suggestions for them."""
        sql = (
            'SELECT start, "end", label, id, source, score, for_annotator FROM suggestions '
            "WHERE document_id = ? AND for_annotator IN ('', ?)"
        )
        params: list[Any] = [document_id, viewer]
        if key is not None:
            sql += ' AND start = ? AND "end" = ? AND label = ?'
            params.extend(key)
        cursor = self._conn.cursor()
        cursor.row_factory = None  # plain tuples: a long article has thousands of rows
        rows = cursor.execute(sql + ' ORDER BY start, "end" DESC, label, score DESC, source', params)
        own = self._own_sources(document_id, viewer)
        if own:
            rows = [row for row in rows if row[6] or row[4] not in own]
        merged = []
        for (start, end, label), group in groupby(rows, key=itemgetter(0, 1, 2)):
            best, *rest = group
            sources = (best[4], *(row[4] for row in rest))
            merged.append(StoredSuggestion(best[3], document_id, start, end, label, best[5], sources))
        return merged

    def _own_sources(self, document_id: str, viewer: str) -> set[str]:
        """Recommenders with a run of the viewer's own on the document (none for everyone)."""
        if not viewer:
            return set()
        rows = self._conn.execute(
            "SELECT source FROM suggestion_runs WHERE document_id = ? AND for_annotator = ?", (document_id, viewer)
        )
        return {r[0] for r in rows}

    def _known_annotator(self, annotator: Any) -> str | None:
        """The annotator's id, or None for a name the project does not know yet (reads create nothing)."""
        try:
            return self._annotator_id(annotator)
        except NotFoundError:
            return None

    def _decision_rows(self, document_id: str, annotator_id: str) -> dict[Key, dict[str, Any]]:
        rows = self._conn.execute(
            "SELECT * FROM suggestion_decisions WHERE document_id = ? AND annotator_id = ?",
            (document_id, annotator_id),
        )
        return {(r["start"], r["end"], r["label"]): dict(r) for r in rows}

    def _decisions(self, document_id: str, annotator_id: str) -> dict[Key, str]:
        return {key: row["decision"] for key, row in self._decision_rows(document_id, annotator_id).items()}

    def _decided_keys(self, document_id: str, annotator_id: str) -> set[Key]:
        rows = self._conn.execute(
            'SELECT start, "end", label FROM suggestion_decisions WHERE document_id = ? AND annotator_id = ?',
            (document_id, annotator_id),
        )
        return {(r[0], r[1], r[2]) for r in rows}

    def _span_keys(self, document_id: str, annotator_id: str) -> list[Key]:
        """The annotator's spans as ``(start, end, label)`` by start: what coverage needs, no more
        (no :class:`Span` objects, no attributes to decode: a 20,000-span article reads in milliseconds)."""
        cursor = self._conn.cursor()
        cursor.row_factory = None
        return cursor.execute(
            'SELECT start, "end", label FROM spans WHERE document_id = ? AND annotator_id = ? ORDER BY start',
            (document_id, annotator_id),
        ).fetchall()


def covers(span: Key, suggestion: Key) -> bool:
    """The rule for hiding a suggestion from an annotator: one of their spans ``(start, end, label)``
    has its offsets (any label), or overlaps it with its label."""
    start, end, label = span
    if start == suggestion[0] and end == suggestion[1]:
        return True
    return label == suggestion[2] and start < suggestion[1] and suggestion[0] < end


def coverage(spans: Iterable[Key]) -> Callable[[StoredSuggestion], bool]:
    """``covered(suggestion)`` by :func:`covers` for an annotator's spans ``(start, end, label)``.
    Spans are indexed by start, so each suggestion looks only at the spans that can overlap it
    (a 20,000-span article with 5,000 suggestions: milliseconds, not seconds)."""
    ordered = sorted(spans)
    starts = [span[0] for span in ordered]
    longest = max((span[1] - span[0] for span in ordered), default=0)

    def covered(suggestion: StoredSuggestion) -> bool:
        first, last = bisect_left(starts, suggestion.start - longest), bisect_left(starts, suggestion.end)
        key = suggestion.key
        return any(covers(span, key) for span in ordered[first:last])

    return covered
