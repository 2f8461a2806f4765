"""Suggestion runs and what each annotator may see of them.

A recommender run replaces that recommender's suggestions for the documents it ran on
(:meth:`SuggestionRuns.store_predictions`). Annotation is blind (:mod:`annotator.recommenders.blind`):
suggestions a recommender learnt for one annotator (``Prediction.audience``) are stored for that
annotator and listed for no one else; the rest are for everyone. Where an annotator has a run of
their own of a recommender on a document, it takes the place of that recommender's shared one.
Several recommenders may suggest the same span and label: listings merge them into one
:class:`StoredSuggestion` naming every source, with the best score. Listings hide what the annotator
already decided (:mod:`annotator.store.suggestion_decisions`) and what their spans cover (:func:`covers`).

Each run also records, per document, the model's uncertainty (0 sure … 1 unsure), so the window
can offer documents least-confident first.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter
from typing import Any

from annotator.errors import HashiyaError, NotFoundError
from annotator.ids import new_id
from annotator.model import DocumentInfo
from annotator.predictions import DocumentInput, Prediction
from annotator.store.changes import NO_CHANGE, Change, ChangeKind
from annotator.store.rows import now, unpack_pairs
from annotator.store.suggestion_host import SuggestionHost

Key = tuple[int, int, str]  # (start, end, label)


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


class SuggestionRuns:
    """The project's stored recommender runs and the listings made from them, for one open project."""

    def __init__(self, host: SuggestionHost) -> None:
        self._host = host

    # -- runs --------------------------------------------------------------------------------------

    def store_predictions(self, source: str, predictions: Iterable[Prediction], *, lift_for: Any = None) -> Change:
        """Replace ``source``'s suggestions for each predicted document and audience, in one transaction.

        ``lift_for`` is the annotator who ran it (the window's, or ``--annotator``): their rejections
        of spans this run suggests again are lifted (re-running brings them back). No one else's are,
        even for a shared recommender: alice running the gazetteer must not undo what bob rejected
        (blind annotation). Without ``lift_for`` (a command-line run for everyone) no rejection is lifted.
        """
        host, conn = self._host, self._host.database.conn
        stamp = now()
        documents: list[str] = []
        with host.database.atomic():
            lifter = None if lift_for is None else self.known_annotator(lift_for)
            personal = not host.database.writes_shared()  # an annotator's login on a server project
            if personal and lifter is None:
                raise HashiyaError(
                    f"{host.database.path}: an annotator's suggestions on a server project are their own; say whose "
                    "(--annotator NAME)"
                )
            for prediction in predictions:
                doc = prediction.document_id
                if prediction.audience is not None:
                    audience = host.roster.id_of(prediction.audience, create=True)
                else:
                    audience = lifter if personal else ""
                best = self._best_scores(source, prediction, host.rules.document_length(doc))
                conn.execute(
                    "DELETE FROM suggestions WHERE document_id = ? AND source = ? AND for_annotator = ?",
                    (doc, source, audience),
                )
                conn.executemany(
                    "INSERT INTO suggestions "
                    '(id, document_id, source, for_annotator, start, "end", label, score, created_at) '
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(new_id(), doc, source, audience, k[0], k[1], k[2], score, stamp) for k, score in best.items()],
                )
                if lifter is not None:
                    conn.executemany(
                        "DELETE FROM suggestion_decisions WHERE document_id = ? AND decision = 'rejected' "
                        'AND start = ? AND "end" = ? AND label = ? AND annotator_id = ?',
                        [(doc, *key, lifter) for key in best],
                    )
                conn.execute(
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
        return host.deliver(Change(ChangeKind.SUGGEST, suggestions=tuple(documents), initiator=f"recommender:{source}"))

    @staticmethod
    def _best_scores(source: str, prediction: Prediction, length: int) -> dict[Key, float]:
        """One score per span and label (the best, clamped to 0..1); a span outside the text refuses the run."""
        best: dict[Key, float] = {}
        for s in prediction.suggestions:
            if not 0 <= s.start < s.end <= length:
                raise HashiyaError(
                    f"{source}: suggestion [{s.start}, {s.end}) is outside document {prediction.document_id}"
                )
            key = (s.start, s.end, s.label)
            best[key] = max(best.get(key, 0.0), min(1.0, max(0.0, float(s.score))))
        return best

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
        annotator_id = None if annotator is None else self.known_annotator(annotator)
        merged = self._merged(document_id, viewer=annotator_id or "")
        labels = set(self._host.schema.label_names)
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
        row = self._host.database.conn.execute(
            'SELECT document_id, start, "end", label FROM suggestions WHERE id = ?', (suggestion_id,)
        ).fetchone()
        viewer = (None if annotator is None else self.known_annotator(annotator)) or ""
        found = [] if row is None else self._merged(row[0], (row[1], row[2], row[3]), viewer)
        if not found:
            raise NotFoundError(f"no suggestion {suggestion_id!r} (the recommender may have run again)")
        return found[0]

    def identical_suggestions(
        self, suggestion_id: str, annotator: Any, *, project_wide: bool = False
    ) -> list[StoredSuggestion]:
        """The pending suggestions with this one's text and label (itself included) that ``annotator``
        may see, in its document or in every document: what ``reject_identical`` rejects."""
        chosen = self.suggestion(suggestion_id, annotator)
        cursor = self._host.database.conn.cursor()
        cursor.row_factory = None
        sql = (
            'SELECT s.document_id, s.start, s."end" FROM suggestions s JOIN documents d ON d.id = s.document_id '
            'WHERE s.label = ? AND s."end" - s.start = ? AND substr(d.text, s.start + 1, s."end" - s.start) = ?'
        )
        text = self._host.reads.document(chosen.document_id).text[chosen.start : chosen.end]
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

    def decisions(self, document_id: str, annotator: Any) -> dict[Key, str]:
        """``(start, end, label)`` → ``accepted`` or ``rejected`` for one annotator and document."""
        annotator_id = self.known_annotator(annotator)
        if annotator_id is None:
            return {}
        return {key: row["decision"] for key, row in self.decision_rows(document_id, annotator_id).items()}

    def decision_rows(self, document_id: str, annotator_id: str) -> dict[Key, dict[str, Any]]:
        """The annotator's stored decisions of a document, whole rows (a new decision's undo puts the old one back)."""
        rows = self._host.database.conn.execute(
            "SELECT * FROM suggestion_decisions WHERE document_id = ? AND annotator_id = ?",
            (document_id, annotator_id),
        )
        return {(r["start"], r["end"], r["label"]): dict(r) for r in rows}

    def document_uncertainty(self, source: str | None = None, annotator: Any = None) -> dict[str, float]:
        """Document id → uncertainty of the last run (the highest over recommenders, or of ``source``)
        among the runs ``annotator`` may see (theirs and everyone's; None: everyone's)."""
        viewer = (None if annotator is None else self.known_annotator(annotator)) or ""
        sql = (
            "SELECT document_id, MAX(uncertainty) FROM suggestion_runs "
            "WHERE uncertainty IS NOT NULL AND for_annotator IN ('', ?)"
        )
        params: list[Any] = [viewer]
        if source is not None:
            sql += " AND source = ?"
            params.append(source)
        return {r[0]: r[1] for r in self._host.database.conn.execute(sql + " GROUP BY document_id", params)}

    def documents_by_uncertainty(
        self, source: str | None = None, annotator: Any = None
    ) -> list[tuple[DocumentInfo, float | None]]:
        """Every document, least confident first (by the runs ``annotator`` may see); documents no
        model scored keep their order, last."""
        scores = self.document_uncertainty(source, annotator)
        documents = self._host.reads.documents()
        scored = sorted((d for d in documents if d.id in scores), key=lambda d: (-scores[d.id], d.position))
        rest = [d for d in documents if d.id not in scores]
        return [(d, scores[d.id]) for d in scored] + [(d, None) for d in rest]

    def recommender_input(self, document_id: str) -> DocumentInput:
        """A document as recommenders read it: stored text, tokens and sentences."""
        text = self._host.reads.document(document_id).text
        row = self._host.database.conn.execute(
            "SELECT tokens, sentences FROM segmentation WHERE document_id = ?", (document_id,)
        ).fetchone()
        return DocumentInput(document_id, text, unpack_pairs(row["tokens"]), unpack_pairs(row["sentences"]))

    def known_annotator(self, annotator: Any) -> str | None:
        """The annotator's id, or None for a name the project does not know yet (reads create nothing)."""
        try:
            return self._host.roster.id_of(annotator)
        except NotFoundError:
            return None

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
        cursor = self._host.database.conn.cursor()
        cursor.row_factory = None  # plain tuples: a long article has thousands of rows
        rows: Iterable[Any] = cursor.execute(sql + ' ORDER BY start, "end" DESC, label, score DESC, source', params)
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
        rows = self._host.database.conn.execute(
            "SELECT source FROM suggestion_runs WHERE document_id = ? AND for_annotator = ?", (document_id, viewer)
        )
        return {r[0] for r in rows}

    def _decided_keys(self, document_id: str, annotator_id: str) -> set[Key]:
        rows = self._host.database.conn.execute(
            'SELECT start, "end", label FROM suggestion_decisions WHERE document_id = ? AND annotator_id = ?',
            (document_id, annotator_id),
        )
        return {(r[0], r[1], r[2]) for r in rows}

    def _span_keys(self, document_id: str, annotator_id: str) -> list[Key]:
        """The annotator's spans as ``(start, end, label)`` by start: what coverage needs, no more
        (no :class:`Span` objects, no attributes to decode: a 20,000-span article reads in milliseconds)."""
        cursor = self._host.database.conn.cursor()
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
