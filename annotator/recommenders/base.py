"""What a recommender is: something that suggests labelled spans for documents.

A recommender reads a :class:`DocumentInput` (the stored text with its stored tokens and
sentences) and returns a :class:`Prediction`: suggested spans with a label already in the
project's schema, a score in ``[0, 1]`` and its own name as the source, plus, for models that
have one, how unsure it was about the document as a whole. Suggestions are stored apart from
annotations (:mod:`annotator.store.suggestions`) and become an annotator's work only when accepted.

Recommenders never import Qt; heavy ones (camel-tools NER) import torch only in :meth:`load`,
which the window calls in a worker thread.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from annotator.tokens import sentence_bounds, token_offsets

T = TypeVar("T")

# progress(done, total, message): called from whichever thread does the work.
Progress = Callable[[int, int, str], None]
# cancelled(): True when the user asked to stop (a threading.Event's is_set works).
Cancelled = Callable[[], bool]


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
class Availability:
    """Whether a recommender can run here; if not, what is missing and the command that fixes it."""

    ok: bool
    message: str = ""
    command: str | None = None


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


class Recommender(ABC):
    """Base class: subclasses set :attr:`name` and implement :meth:`predict`."""

    name: str = ""
    title: str = ""  # shown in the window's menus and tooltips
    audience: str | None = None  # the annotator it learnt for (its suggestions are theirs); None: everyone

    def availability(self) -> Availability:
        """Cheap check (no heavy imports) whether this recommender can run."""
        return Availability(True)

    def load(self, progress: Progress | None = None) -> None:  # noqa: B027 - optional hook
        """Do the slow set-up (read a model). Call it from a worker thread; default: nothing to do."""

    @abstractmethod
    def predict(self, document: DocumentInput) -> Prediction:
        """Suggestions for one document."""

    def predict_many(self, documents: Sequence[DocumentInput]) -> list[Prediction]:
        """Suggestions for several documents; batching recommenders override this."""
        return [self.predict(document) for document in documents]


def best_non_overlapping(candidates: Iterable[T]) -> list[T]:
    """The best-scoring candidate of each group of overlapping ones (objects with ``start``,
    ``end`` and ``score``), in text order: what "accept all" takes when suggestions compete."""
    chosen: list[Any] = []
    for c in sorted(candidates, key=lambda c: (-c.score, c.start, c.start - c.end)):
        if not any(c.start < k.end and k.start < c.end for k in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: (c.start, c.end))
