"""Cross-validated predictions of the project model over one layer: what the model says where it never learnt.

Why cross-validation: a model trained on a document has memorised its annotation, errors included,
so it cannot contradict it. Each document is read by a model trained without the *block* it is in
(k contiguous blocks in project order: news runs in order and the same story spans neighbouring
documents, so a random split would leak the story into training).

The model is the project model's recipe (:mod:`annotator.recommenders.project_model`): the shipped
news CRF (or ``RecommenderSettings.crf_model``) reads every document once, and per fold only the
small stack is trained on the other blocks (seconds, not the minutes a full CRF would take). Its
output per document is every predicted span with its probability (the mean marginal of its tags)
and, per token, the probability the model gives to its own tag: where that tag is ``O`` it is the
probability that the token is no entity, which is what a REMOVE finding needs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from annotator.errors import HashiyaError
from annotator.normalize import match_key
from annotator.recommenders.base import Cancelled, DocumentInput, Progress
from annotator.recommenders.crf import TrainingCancelled, sentence_ranges
from annotator.recommenders.crf_training import Example
from annotator.recommenders.labels import NEWS_LABELS, LabelMap
from annotator.recommenders.project_model import BaseModel, Reading, StackedCrfRecommender
from annotator.recommenders.project_training import StackDocument, train_stack
from annotator.recommenders.registry import RecommenderSettings
from annotator.tagging import spans_to_tags, tags_to_spans

# Where the news model's label has no namesake in the schema, the nearest one that is there:
# an AQMAR-style schema (PER, LOC, ORG, MIS) must not see the base model's persons mapped away.
_NEAREST: dict[str, tuple[str, ...]] = {
    "PERS": ("PERS", "PER", "PERSON"),
    "LOC": ("GPE", "LOC"),
    "ORG": ("ORG", "ORGANIZATION"),
    "MISC": ("MISC", "MIS"),
}


@dataclass(frozen=True, slots=True)
class Predicted:
    """A span the held-out model found: code point offsets, label, probability."""

    start: int
    end: int
    label: str
    probability: float


@dataclass(frozen=True, slots=True)
class HeldOut:
    """One document as read by the model that never saw its block."""

    spans: tuple[Predicted, ...]
    tokens: tuple[tuple[int, int], ...]  # the tokens the model read, in order
    tags: tuple[str, ...]  # the model's tag of each (``O``: no entity)
    confidence: tuple[float, ...]  # the probability of that tag


def base_label_map(settings: RecommenderSettings, labels: Sequence[str]) -> LabelMap:
    """The user's ``crf`` label map first, then news labels onto the schema's nearest names."""
    names = set(labels)
    nearest = {
        news: next((n for n in candidates if n in names), NEWS_LABELS.get(news, news))
        for news, candidates in _NEAREST.items()
    }
    return settings.label_map("crf", {**NEWS_LABELS, **nearest})


# The base model's reading of a text depends on the text alone, not on its annotation: kept per base
# recommender object (dropped with it) and text, so a caller that keeps its recommenders (the
# benchmark's per-fold stand-ins over one corpus and several injected annotations) reads once.
_READINGS: WeakKeyDictionary[object, dict[str, list[Reading]]] = WeakKeyDictionary()


def _documents(examples: Sequence[Example], base: BaseModel, cancelled: Cancelled | None) -> list[StackDocument]:
    """Each example read by ``base`` (remembered per recommender and text) with its gold tags."""
    memo = _READINGS.setdefault(base.recommender, {})
    recommender = base.recommender
    labels = f"{sorted(recommender.labels)}{recommender.label_map.rules}"  # the tags a reading holds
    out = []
    for example in examples:
        if cancelled is not None and cancelled():
            raise TrainingCancelled("model disagreement cancelled")
        doc = example.document
        key = hashlib.sha256(f"{labels}\x1f{doc.text}".encode()).hexdigest()
        readings = memo.get(key)
        if readings is None:
            readings = memo[key] = base.read(doc)
        tags = spans_to_tags(doc.tokens, list(example.spans))
        gold = [tags[a:b] for a, b in sentence_ranges(doc)]
        out.append(StackDocument(readings, gold, tuple(example.spans)))
    return out


def blocks(count: int, folds: int) -> list[range]:
    """``folds`` contiguous blocks covering ``range(count)`` (fewer when there are fewer items)."""
    k = max(1, min(folds, count))
    return [range(i * count // k, (i + 1) * count // k) for i in range(k)]


def held_out_predictions(
    examples: Sequence[Example],
    base: BaseModel,
    labels: Sequence[str],
    folds: int = 5,
    *,
    fold_bases: Sequence[BaseModel] | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> list[HeldOut]:
    """Each example read by a stack trained on the other blocks (``examples`` in project order).

    With a single document there is nothing to hold out from: the base model alone reads it.
    ``fold_bases``: one base model per block that never saw that block, used instead of ``base``
    (a corpus the shipped model was trained on: ANERcorp in the benchmark); every document is then
    read once per block. Raises :class:`TrainingCancelled` when ``cancelled()`` turns true
    (checked between documents and between folds).
    """
    parts = blocks(len(examples), folds)
    if fold_bases is not None and len(fold_bases) != len(parts):
        raise HashiyaError(f"{len(fold_bases)} base models for {len(parts)} folds")
    shared = _documents(examples, base, cancelled) if fold_bases is None else None
    schema = list(labels)
    out: list[HeldOut | None] = [None] * len(examples)
    for index, block in enumerate(parts):
        if progress is not None:
            progress(index, len(parts), "model disagreement")
        if shared is None:
            base = fold_bases[index]
        documents = shared if shared is not None else _documents(examples, base, cancelled)
        if cancelled is not None and cancelled():
            raise TrainingCancelled("model disagreement cancelled")
        rest = [d for i, d in enumerate(documents) if i not in block]
        model = train_stack(rest, base, cancelled=cancelled) if rest else None
        if cancelled is not None and cancelled():
            raise TrainingCancelled("model disagreement cancelled")
        recommender = StackedCrfRecommender(model, base, schema) if model is not None else None
        for i in block:
            out[i] = _read(documents[i].readings, recommender)
    if progress is not None:
        progress(len(parts), len(parts), "model disagreement")
    return [h for h in out if h is not None]


def _read(readings: Sequence[Reading], recommender: StackedCrfRecommender | None) -> HeldOut:
    """Spans, and per token the tag of whichever stage decides there (the stack at a word the project
    taught, the base model elsewhere) with its probability."""
    tokens: list[tuple[int, int]] = []
    tags: list[str] = []
    confidence: list[float] = []
    spans: list[Predicted] = []
    for reading in readings:
        tokens.extend(reading.offsets)
        if recommender is None:
            tags.extend(reading.base_tags)
            confidence.extend(reading.base_probs)
            for first, last, label in tags_to_spans(reading.base_tags):
                probability = sum(reading.base_probs[first:last]) / (last - first)
                spans.append(Predicted(reading.offsets[first][0], reading.offsets[last - 1][1], label, probability))
            continue
        own, probs = recommender.tag_reading(reading)
        for i, word in enumerate(reading.words):
            taught = match_key(word) in recommender.taught
            tags.append(own[i] if taught else reading.base_tags[i])
            confidence.append(probs[i] if taught else reading.base_probs[i])
    if recommender is not None:
        found, _doubts = recommender.spans(readings)
        spans = [Predicted(s.start, s.end, s.label, float(s.score)) for s in found]
    return HeldOut(tuple(spans), tuple(tokens), tuple(tags), tuple(confidence))


def examples_of(inputs: Sequence[DocumentInput], spans: Sequence[Sequence[tuple[int, int, str]]]) -> list[Example]:
    """Training examples from documents and their spans (the layer's annotation)."""
    return [Example(doc, tuple(s)) for doc, s in zip(inputs, spans, strict=True)]
