"""What a recommender is: something that suggests labelled spans for documents.

A recommender reads a :class:`DocumentInput` (the stored text with its stored tokens and
sentences) and returns a :class:`Prediction`: suggested spans with a label already in the
project's schema, a score in ``[0, 1]`` and its own name as the source, plus, for models that
have one, how unsure it was about the document as a whole. Suggestions are stored apart from
annotations (:mod:`annotator.store.suggestions`) and become an annotator's work only when accepted.
The data types (and :func:`best_non_overlapping`) are defined in :mod:`annotator.predictions`, below
the store, and re-exported here.

Recommenders never import Qt; heavy ones (camel-tools NER) import torch only in :meth:`load`,
which the window calls in a worker thread.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from annotator.predictions import DocumentInput, Prediction, Suggestion, best_non_overlapping

__all__ = [
    "Availability",
    "Cancelled",
    "DocumentInput",
    "Prediction",
    "Progress",
    "Recommender",
    "Suggestion",
    "best_non_overlapping",
]

# progress(done, total, message): called from whichever thread does the work.
Progress = Callable[[int, int, str], None]
# cancelled(): True when the user asked to stop (a threading.Event's is_set works).
Cancelled = Callable[[], bool]


@dataclass(frozen=True, slots=True)
class Availability:
    """Whether a recommender can run here; if not, what is missing and the command that fixes it."""

    ok: bool
    message: str = ""
    command: str | None = None


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
