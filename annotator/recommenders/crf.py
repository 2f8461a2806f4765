"""The trainable recommender: a linear-chain CRF (python-crfsuite) over camel-tools tokens.

A :class:`CrfModel` is the crfsuite model file's bytes plus a JSON ``info`` (feature version,
tag set, what it was trained on, cross-validated scores). The shipped default model lives in
``resources/models/``: ``news-crf`` (ANERcorp train, with name-list features; adding AQMAR or
the Wojood sample scored lower in cross-validation; rebuilt by ``scripts/train_news_model.py``,
measured by ``benchmarks/bench_news_model.py``). A model is tagged with the feature set it was trained with
(its ``features_version``), so older models (``aqmar-crf``, projects' version-1 models) still work;
a model trained from a project's own annotations is stored inside the project file and is used
instead when present. Scores are the CRF's marginal probabilities: a span's score is the mean
marginal of its tags, a document's uncertainty the mean over tokens of 1 − that marginal. A model of
features version 3 also reads facts about the whole document (:meth:`CrfRecommender.context`, built
once per document before its sentences are tagged, as training builds them). These are raw scores:
when several recommenders run, :mod:`.calibration` turns them into the measured probability of
being right.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycrfsuite

from annotator.errors import HashiyaError
from annotator.paths import resource_path
from annotator.recommenders.base import Cancelled, DocumentInput, Prediction, Progress, Recommender, Suggestion
from annotator.recommenders.crf_features import (
    DOCUMENT_VERSION,
    FEATURES_VERSION,
    KNOWN_VERSIONS,
    DocumentContext,
    Features,
    document_context,
    gazetteer_tags,
    sentence_features,
)
from annotator.recommenders.gazetteer import Gazetteer
from annotator.recommenders.labels import LabelMap
from annotator.recommenders.name_lists import Lexicons
from annotator.tagging import tags_to_spans

DEFAULT_MODEL = "news-crf"
PROJECT_MODEL = "crf"
DEFAULT_PARAMS: dict[str, Any] = {
    "c1": 0.05,
    "c2": 0.01,
    "max_iterations": 150,
    "feature.possible_transitions": True,
}
Sequences = Iterable[tuple[list[Features], list[str]]]


class TrainingCancelled(HashiyaError):
    """The user stopped training; nothing was saved."""


@dataclass(frozen=True)
class CrfModel:
    data: bytes
    info: dict[str, Any] = field(default_factory=dict)

    @property
    def labels(self) -> list[str]:
        return list(self.info.get("labels", []))

    @classmethod
    def read(cls, path: Path) -> CrfModel:
        """A model file and its ``.json`` info beside it (``news-crf.crfsuite`` + ``news-crf.json``)."""
        try:
            data = path.read_bytes()
            info = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise HashiyaError(f"{path}: cannot read the CRF model: {exc}") from None
        return cls(data, info)

    def write(self, path: Path) -> None:
        path.write_bytes(self.data)
        path.with_suffix(".json").write_text(
            json.dumps(self.info, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )

    @property
    def features_version(self) -> int:
        return int(self.info.get("features_version", 0) or 0)

    def tagger(self) -> pycrfsuite.Tagger:
        if self.features_version not in KNOWN_VERSIONS:
            raise HashiyaError(
                f"this CRF model was built with features version {self.info.get('features_version')}, "
                f"Hashiya knows {', '.join(map(str, sorted(KNOWN_VERSIONS)))} (it trains {FEATURES_VERSION}): "
                "train it again"
            )
        return open_tagger(self.data)


class _HoldingTagger(pycrfsuite.Tagger):
    """A tagger that keeps the model bytes it reads alive.

    Why: ``Tagger.open_inmemory`` keeps only a pointer into the bytes, and crfsuite reads the model
    from there at every ``tag``; ``open_tagger(train(...))`` left no other reference to them, so they
    could be freed and reused while tagging (cross-validation once failed with a label that was not
    UTF-8: garbage read from freed memory).
    """

    data: bytes


def open_tagger(data: bytes) -> pycrfsuite.Tagger:
    """A tagger for a model's bytes (every CRF tagger of Hashiya is opened here)."""
    tagger = _HoldingTagger()
    tagger.data = data
    tagger.open_inmemory(data)
    return tagger


def default_model_path() -> Path:
    return resource_path("models", f"{DEFAULT_MODEL}.crfsuite")


def default_model() -> CrfModel:
    return CrfModel.read(default_model_path())


class _Trainer(pycrfsuite.Trainer):
    """Reports iterations silently. crfsuite cannot be interrupted (an exception raised in its
    message callback is swallowed), so a cancel request is noted at the next iteration and the
    finished model is thrown away: cancelling costs at most one training pass."""

    def __init__(self, progress: Progress | None, cancelled: Cancelled | None, iterations: int) -> None:
        super().__init__(verbose=True)  # pycrfsuite calls the on_* hooks only when verbose
        self.progress, self.cancelled, self.iterations = progress, cancelled, iterations
        self.stopped = False

    def on_iteration(self, log: str, info: dict[str, Any]) -> None:
        if self.progress is not None:
            self.progress(min(int(info.get("num", 0)), self.iterations), self.iterations, "training")
        if self.cancelled is not None and self.cancelled():
            self.stopped = True

    def on_start(self, log: str) -> None:
        pass

    on_featgen_progress = on_featgen_end = on_prepared = on_prepare_error = on_optimization_end = on_end = (
        lambda self, *args: None
    )


def train_crf(
    sequences: Sequences,
    params: dict[str, Any] | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> bytes:
    """Train a CRF on ``(features, tags)`` sequences and return the model file's bytes."""
    settings = {**DEFAULT_PARAMS, **(params or {})}
    trainer = _Trainer(progress, cancelled, int(settings["max_iterations"]))
    count = 0
    for xseq, yseq in sequences:
        if xseq:
            trainer.append(xseq, yseq)
            count += 1
    if not count:
        raise HashiyaError("nothing to train on: no annotated sentences")
    if cancelled is not None and cancelled():
        raise TrainingCancelled("training cancelled")
    trainer.set_params(settings)
    handle, name = tempfile.mkstemp(suffix=".crfsuite")
    os.close(handle)
    try:
        trainer.train(name)
        if trainer.stopped:
            raise TrainingCancelled("training cancelled")
        return Path(name).read_bytes()
    finally:
        Path(name).unlink(missing_ok=True)


class CrfRecommender(Recommender):
    name = "crf"
    title = "Trained model (CRF)"

    def __init__(
        self,
        model: CrfModel,
        schema_labels: Iterable[str],
        label_map: LabelMap | None = None,
        gazetteer: Gazetteer | None = None,
        lexicons: Lexicons | None = None,
    ) -> None:
        """``lexicons``: the lists version-2 features look words up in (None: the shipped ones;
        cross-validation passes lists learned from its training folds)."""
        self.model = model
        self.lexicons = lexicons
        self.version = model.features_version
        self.labels = set(schema_labels)
        self.label_map = label_map or LabelMap()
        self.gazetteer = gazetteer if model.info.get("gazetteer", True) else None
        self._tagger = model.tagger()

    def context(self, document: DocumentInput) -> DocumentContext | None:
        """The document facts this model's features read (None before version 3: it reads none).
        Built from the same sentences :meth:`predict` tags, as training built them."""
        if self.version < DOCUMENT_VERSION:
            return None
        text = document.text
        sentences = [[text[s:e] for s, e in document.tokens[a:b]] for a, b in sentence_ranges(document)]
        return document_context(sentences, self.lexicons)

    def tag_sentence(
        self, words: Sequence[str], gazetteer: Sequence[str] | None, context: DocumentContext | None = None
    ) -> tuple[list[str], list[float]]:
        """Tags of one sentence and the marginal probability of each; ``context``: its document's
        (:meth:`context`; None: a version-3 model reads the document of an enclosing
        :func:`~annotator.recommenders.crf_features.document_scope`, else the sentence alone)."""
        tagger = self._tagger
        gaz = gazetteer if self.gazetteer is not None else None
        features = sentence_features(words, gaz, version=self.version, lexicons=self.lexicons, context=context)
        tags = tagger.tag(features)
        return tags, [tagger.marginal(tag, i) for i, tag in enumerate(tags)]

    def predict(self, document: DocumentInput) -> Prediction:
        text = document.text
        gaz_all = gazetteer_tags(text, document.tokens, self.gazetteer) if self.gazetteer is not None else None
        context = self.context(document)
        found: list[Suggestion] = []
        doubts: list[float] = []
        for first_token, last_token in sentence_ranges(document):
            tokens = document.tokens[first_token:last_token]
            words = [text[s:e] for s, e in tokens]
            gaz = gaz_all[first_token:last_token] if gaz_all is not None else None
            tags, probs = self.tag_sentence(words, gaz, context)
            doubts.extend(1.0 - p for p in probs)
            for first, last, label in tags_to_spans(tags):
                mapped = self.label_map.map(label, self.labels)
                if mapped is not None:
                    score = sum(probs[first:last]) / (last - first)
                    found.append(Suggestion(tokens[first][0], tokens[last - 1][1], mapped, round(score, 4), self.name))
        uncertainty = sum(doubts) / len(doubts) if doubts else None
        return Prediction(document.id, tuple(found), uncertainty)


def sentence_ranges(document: DocumentInput) -> list[tuple[int, int]]:
    """Non-empty sentences as token ranges (the whole document when it has no sentences)."""
    ranges = document.sentences or ([(0, len(document.tokens))] if document.tokens else [])
    return [(a, b) for a, b in ranges if b > a]
