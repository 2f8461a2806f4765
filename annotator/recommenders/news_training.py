"""Training and scoring the news CRF on prepared corpora, with the feature function as a parameter.

Why not :mod:`annotator.recommenders.crf_training`: that module trains on a project's documents
with the shipped lexicons. Cross-validating the news model needs two things it cannot do: a
common-word lexicon learned from the training folds only (so no test label leaks into a feature),
and other feature functions (the plain baseline of ``benchmarks/bench_news_model.py``). Documents
are prepared once (:func:`prepare`: words, gold tags and gazetteer tags per sentence), so each
fold only recomputes features.

Version-3 features read the whole document (:class:`~annotator.recommenders.crf_features.DocumentContext`):
:func:`train` and :func:`predict` then take ``context_of``, which builds a document's context once,
and call ``featurize(words, gazetteer, context)`` for each of its sentences, as the tagger does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pycrfsuite

from annotator.recommenders.crf import sentence_ranges, train_crf
from annotator.recommenders.crf_features import DocumentContext, Features, document_scope, gazetteer_tags
from annotator.recommenders.crf_training import Example
from annotator.recommenders.gazetteer import Gazetteer
from annotator.recommenders.name_lists import learn_common_words
from annotator.tagging import spans_to_tags, tags_to_spans

SpanKey = tuple[int, int, str]
Featurize = Callable[[Sequence[str], Sequence[str] | None], list[Features]]
DocumentFeaturize = Callable[[Sequence[str], Sequence[str] | None, DocumentContext], list[Features]]
ContextOf = Callable[["Prepared"], DocumentContext]


@dataclass(frozen=True)
class Sentence:
    words: list[str]
    offsets: list[tuple[int, int]]
    tags: list[str]
    gazetteer: list[str] | None


@dataclass(frozen=True)
class Prepared:
    """One document ready to featurize: its text, gold spans and sentences."""

    text: str
    tokens: Sequence[tuple[int, int]]
    spans: tuple[SpanKey, ...]
    sentences: list[Sentence]


def prepare(examples: Iterable[Example], gazetteer: Gazetteer | None) -> list[Prepared]:
    out = []
    for example in examples:
        doc = example.document
        tags = spans_to_tags(doc.tokens, list(example.spans))
        gaz = gazetteer_tags(doc.text, doc.tokens, gazetteer) if gazetteer is not None else None
        sentences = [
            Sentence(
                [doc.text[s:e] for s, e in doc.tokens[a:b]],
                list(doc.tokens[a:b]),
                tags[a:b],
                gaz[a:b] if gaz is not None else None,
            )
            for a, b in sentence_ranges(doc)
        ]
        out.append(Prepared(doc.text, doc.tokens, example.spans, sentences))
    return out


def common_words(documents: Iterable[Prepared], min_count: int = 3) -> frozenset[str]:
    """The common-word lexicon of these documents (:func:`~annotator.recommenders.name_lists.learn_common_words`)."""
    return learn_common_words(((d.text, d.tokens, d.spans) for d in documents), min_count)


def sentence_words(document: Prepared) -> list[list[str]]:
    """The words of each sentence: what :func:`~annotator.recommenders.crf_features.document_context` reads."""
    return [s.words for s in document.sentences]


def featurized(
    document: Prepared, featurize: Featurize | DocumentFeaturize, context_of: ContextOf | None = None
) -> list[list[Features]]:
    """Features of each sentence of ``document``; with ``context_of``, ``featurize`` is a
    :data:`DocumentFeaturize` and gets the document's context (built once here)."""
    if context_of is None:  # a version-3 featurize without a context reads this document's (document_scope)
        plain: Featurize = featurize  # type: ignore[assignment]
        with document_scope(sentence_words(document)):
            return [plain(s.words, s.gazetteer) for s in document.sentences]
    context = context_of(document)
    aware: DocumentFeaturize = featurize  # type: ignore[assignment]
    return [aware(s.words, s.gazetteer, context) for s in document.sentences]


def train(
    documents: Iterable[Prepared],
    featurize: Featurize | DocumentFeaturize,
    params: dict[str, Any] | None = None,
    context_of: ContextOf | None = None,
) -> bytes:
    """A crfsuite model's bytes, trained on every sentence of ``documents`` (``context_of``: see :func:`featurized`)."""
    sequences = (
        (features, s.tags)
        for d in documents
        for features, s in zip(featurized(d, featurize, context_of), d.sentences, strict=True)
    )
    return train_crf(sequences, params)


def predict(
    tagger: pycrfsuite.Tagger,
    document: Prepared,
    featurize: Featurize | DocumentFeaturize,
    context_of: ContextOf | None = None,
) -> list[SpanKey]:
    """Predicted spans (character offsets, the model's own labels) of one document."""
    found = []
    for features, sentence in zip(featurized(document, featurize, context_of), document.sentences, strict=True):
        tags = tagger.tag(features)
        for first, last, label in tags_to_spans(tags):
            found.append((sentence.offsets[first][0], sentence.offsets[last - 1][1], label))
    return found
