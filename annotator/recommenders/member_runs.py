"""Each member of a combination scored alone, from the same run as the combination.

``hashiya evaluate --recommender default`` runs gazetteer, strings and the CRF together through
:func:`~annotator.recommenders.runner.run_recommenders`, which harmonises their predictions
document by document and stores them (the combination is what the store then merges). To score
each member alone without running it a second time, every member is wrapped in a
:class:`Recording` that keeps its raw predictions as the runner asks for them. A member alone is
then what the runner would have made of it with no other member: :func:`harmonize` over that
member only (its proclitic trimming knows only its own names, as in a run of its own), and what
the store would keep of it (one suggestion per span and label, the best score, clamped to 0..1,
schema labels only), in the store's order, so that :func:`best_non_overlapping` breaks ties the
same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from annotator.recommenders.base import (
    Availability,
    DocumentInput,
    Prediction,
    Progress,
    Recommender,
    Suggestion,
    best_non_overlapping,
)
from annotator.recommenders.gazetteer import Gazetteer
from annotator.recommenders.harmonize import harmonize


class Recording(Recommender):
    """A recommender that keeps what its inner one predicted, by document id, before harmonising."""

    def __init__(self, inner: Recommender) -> None:
        self.inner = inner
        self.name = inner.name
        self.title = inner.title
        self.audience = inner.audience
        self.raw: dict[str, Prediction] = {}

    def availability(self) -> Availability:
        return self.inner.availability()

    def load(self, progress: Progress | None = None) -> None:
        self.inner.load(progress)

    def predict(self, document: DocumentInput) -> Prediction:
        return self.predict_many([document])[0]

    def predict_many(self, documents: Sequence[DocumentInput]) -> list[Prediction]:
        predictions = self.inner.predict_many(documents)
        for document, prediction in zip(documents, predictions, strict=True):
            self.raw[document.id] = prediction
        return predictions

    def alone(
        self, document_id: str, text: str, gazetteer: Gazetteer | None, labels: Iterable[str]
    ) -> list[Suggestion]:
        """What "accept all" would take of this member's suggestions in one document, had it run alone."""
        prediction = self.raw.get(document_id)
        if prediction is None:
            return []
        if self.audience is not None:
            prediction = replace(prediction, audience=self.audience)
        harmonized = harmonize(text, {self.name: prediction}, gazetteer)[self.name]
        return best_non_overlapping(as_stored(harmonized.suggestions, labels))


def as_stored(suggestions: Iterable[Suggestion], labels: Iterable[str]) -> list[Suggestion]:
    """One suggestion per span and label with the best score clamped to 0..1, schema labels only,
    ordered as the store reads them (start, longest first, label)."""
    known = set(labels)
    best: dict[tuple[int, int, str], Suggestion] = {}
    for s in suggestions:
        if s.label not in known:
            continue
        s = replace(s, score=min(1.0, max(0.0, float(s.score))))
        key = (s.start, s.end, s.label)
        if key not in best or s.score > best[key].score:
            best[key] = s
    return [best[key] for key in sorted(best, key=lambda k: (k[0], -k[1], k[2]))]
