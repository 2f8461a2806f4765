"""What recommenders hand the store, and what they read from it: plain data and one rule.

:class:`DocumentInput` (a stored document as a recommender reads it), :class:`Suggestion` and
:class:`Prediction` (what a recommender returns), and :func:`best_non_overlapping` (what "accept
all" takes when suggestions compete). They live below both the store and the recommenders so that
the store can keep suggestions without importing any recommender (:mod:`annotator.recommenders.base`
re-exports them for the recommenders).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from annotator.tokens import sentence_bounds, token_offsets

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A suggested span ``[start, end)`` of the stored text, with a label of the project's schema."""

    start: int
    end: int
    label: str
    score: float
    source: str

    def text_in(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class Prediction:
    """A recommender's suggestions for one document, and (for models) its uncertainty in ``[0, 1]``.

    ``audience`` names the annotator the suggestions are for when the recommender learnt them from
    annotations (:mod:`annotator.recommenders.blind`): stored for that annotator alone. None: everyone.
    """

    document_id: str
    suggestions: tuple[Suggestion, ...]
    uncertainty: float | None = None
    audience: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentInput:
    """What a recommender sees of a document: text, token offsets, sentences as token ranges."""

    id: str
    text: str
    tokens: Sequence[tuple[int, int]]
    sentences: Sequence[tuple[int, int]] = field(default=())

    @classmethod
    def from_text(cls, text: str, document_id: str = "") -> DocumentInput:
        """Segment ``text`` exactly as the store does on import (camel-tools tokens, sentence rule)."""
        tokens = token_offsets(text)
        return cls(document_id, text, tokens, sentence_bounds(text, tokens))

    def sentence_token_lists(self) -> Iterator[Sequence[tuple[int, int]]]:
        """The token offsets of each sentence (the whole text as one sentence if none are known)."""
        if not self.sentences:
            if self.tokens:
                yield self.tokens
            return
        for first, last in self.sentences:
            yield self.tokens[first:last]


def best_non_overlapping(candidates: Iterable[T]) -> list[T]:
    """The best-scoring candidate of each group of overlapping ones (objects with ``start``,
    ``end`` and ``score``), in text order: what "accept all" takes when suggestions compete."""
    chosen: list[Any] = []
    for c in sorted(candidates, key=lambda c: (-c.score, c.start, c.start - c.end)):
        if not any(c.start < k.end and k.start < c.end for k in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: (c.start, c.end))
