"""The domain: documents, tokens, sentences, spans, relations, annotators.

Offsets everywhere are ``[start, end)`` in Python code points into ``Document.text``, the
stored text, which never changes after import (docs/formats.md states the contract).
The label schema lives in :mod:`annotator.schema`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

GOLD = "gold"  # the curated layer is the annotator of this name (curation, export --gold, agreement)
IMPORT_LOG = "(import)"  # the pseudo-annotator whose action log holds imports made by no one named


E = TypeVar("E", bound=StrEnum)


def typed_choice(enum: type[E], value: str, separator: str) -> E | None:
    """The member of ``enum`` a user typed, whatever their case and whether they joined words with
    spaces, hyphens or underscores (the values join them with ``separator``); None when none matches."""
    key = value.strip().lower().replace("-", separator).replace("_", separator).replace(" ", separator)
    return next((member for member in enum if member.value == key), None)


def choices(enum: type[StrEnum]) -> str:
    """The values a user may type, for an error message."""
    return ", ".join(member.value for member in enum)


class DocStatus(StrEnum):
    """Where one annotator stands with one document."""

    NEW = "new"
    IN_PROGRESS = "in_progress"
    DONE = "done"

    @classmethod
    def parse(cls, value: str) -> DocStatus:
        """Accept the spellings users type: ``in-progress``, ``in progress``, ``IN_PROGRESS``."""
        found = typed_choice(cls, value, "_")
        if found is None:
            raise ValueError(f"unknown status {value!r} (choose from {choices(cls)})")
        return found


class Origin(StrEnum):
    """How a span came to exist: typed by hand, accepted from a suggestion, or imported."""

    MANUAL = "manual"
    SUGGESTION = "suggestion"
    IMPORTED = "imported"


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    name: str
    text: str
    sha256: str
    meta: dict[str, Any] = field(default_factory=dict, compare=False)
    imported_at: str = ""
    external_id: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """A document without its text: what lists of thousands of documents hold."""

    id: str
    name: str
    sha256: str
    length: int
    position: int


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence covers ``[start, end)`` of the text and tokens ``[token_start, token_end)``."""

    start: int
    end: int
    token_start: int
    token_end: int


@dataclass(frozen=True, slots=True)
class Annotator:
    id: str
    name: str
    created_at: str = ""


@dataclass(frozen=True, slots=True)
class Span:
    id: str
    document_id: str
    annotator_id: str
    start: int
    end: int
    label: str
    origin: Origin = Origin.MANUAL
    attributes: dict[str, Any] = field(default_factory=dict, compare=False)
    created_at: str = ""

    def text_in(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed link from ``head_id`` to ``tail_id`` (both span ids of the same annotator)."""

    id: str
    document_id: str
    annotator_id: str
    head_id: str
    tail_id: str
    label: str
    created_at: str = ""


@dataclass(frozen=True, slots=True)
class NewSpan:
    """A span to be created (no id yet): what importers and recommenders hand to the store."""

    start: int
    end: int
    label: str
    attributes: dict[str, Any] = field(default_factory=dict)
    key: str | None = None  # an importer's own name for it (brat "T3"), used to attach relations


@dataclass(frozen=True, slots=True)
class NewRelation:
    """A relation to be created between two ``NewSpan.key`` values of the same document."""

    head: str
    tail: str
    label: str


@dataclass(frozen=True, slots=True)
class IncomingDocument:
    """A document read by an importer, before it is stored.

    ``source`` names where it came from for messages (``articles.jsonl:12``). ``spans`` and
    ``relations`` carry annotations from annotation formats; ``status`` overrides the import's
    default status for them.
    """

    name: str
    text: str
    source: str
    meta: dict[str, Any] = field(default_factory=dict)
    external_id: str | None = None
    notes: tuple[str, ...] = ()
    spans: tuple[NewSpan, ...] = ()
    relations: tuple[NewRelation, ...] = ()
    status: DocStatus | None = None


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """What happened to one incoming document: ``added``, ``duplicate`` (same text, skipped) or
    ``attached`` (same text, its annotations attached to the existing document)."""

    source: str
    name: str
    document_id: str
    result: str
    spans_added: int = 0
    relations_added: int = 0
    notes: tuple[str, ...] = ()
