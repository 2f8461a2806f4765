"""What a consistency check reports: findings, their occurrences, and the fix each one proposes.

A *finding* is one suspected inconsistency in a layer of the corpus (an annotator's, the gold
layer, or everyone's): the same text labelled differently, a text tagged elsewhere but left
untagged here, one entity tagged with different extents, a model that contradicts the
annotation, a span or relation the schema no longer allows. It lists every *occurrence* it is
about, each with a line of context, and proposes a *fix* per occurrence, so a fix can be applied
to all occurrences at once (one undoable action) or to one of them.

These are plain frozen dataclasses with no store access: the checks build them, the CLI writes
them as JSON and HTML, the window shows them as a queue. ``Finding.key`` is stable across runs
(it depends on what the finding is about, not on its score or order), so a dismissal stored
under it keeps the finding dismissed after a restart.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class CheckKind(StrEnum):
    """The checks; the values are the CLI's ``--kind`` spellings and the JSON ``kind``."""

    VARIATION = "variation"  # the same matching key labelled differently in different places
    MISSED = "missed"  # a text tagged at least twice and left untagged elsewhere
    BOUNDARY = "boundary"  # one entity tagged with different extents
    DISAGREEMENT = "disagreement"  # cross-validated model predictions that contradict the annotation
    DRIFT = "drift"  # spans or relations the current schema no longer allows


class FixAction(StrEnum):
    """What a proposed fix does to one occurrence."""

    RELABEL = "relabel"  # give the span ``label``
    RESIZE = "resize"  # move the span to ``[start, end)``
    ADD = "add"  # tag the untagged occurrence as ``label`` at ``[start, end)``
    REMOVE = "remove"  # remove the span (and the relations attached to it)
    REMOVE_RELATION = "remove_relation"  # remove the relation ``relation_id`` of the occurrence's span


@dataclass(frozen=True, slots=True)
class Fix:
    """The change a finding proposes for one occurrence; ``start``/``end`` are code points."""

    action: FixAction
    label: str | None = None
    start: int | None = None
    end: int | None = None
    relation_id: str | None = None  # for REMOVE_RELATION: the relation (its head span is the occurrence)


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One place a finding is about, with its context, as stored (code point offsets).

    ``span_id`` and ``label`` are None for untagged text (a missed occurrence); ``annotator`` then
    names the layer it is untagged in (None only for a finding over no particular layer).
    ``fix`` is None where the finding proposes to leave this occurrence as it is (the majority).
    """

    document_id: str
    document_name: str
    start: int
    end: int
    text: str
    left: str  # up to a line's worth of text before ``start``
    right: str  # ... and after ``end``
    label: str | None = None
    annotator: str | None = None  # the annotator's name
    span_id: str | None = None
    fix: Fix | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """One suspected inconsistency: what, how likely an error (``score`` in [0, 1]), where, and the fix.

    ``subject`` names what the finding is about in a way that survives a re-run (for variation,
    the matching key; for drift, the label or relation type; for a model disagreement, the
    document and offsets): ``key`` is derived from it and the kind, and is what a dismissal stores.
    """

    kind: CheckKind
    subject: str
    score: float
    summary: str  # one line a linguist reads first: «بوتين»: PERS ×5, ORG ×1
    proposal: str  # the proposed fix in words: relabel 1 occurrence ORG → PERS
    occurrences: tuple[Occurrence, ...]
    detail: dict[str, Any] = field(default_factory=dict)  # e.g. the label distribution, a model probability

    @property
    def key(self) -> str:
        """A stable id for this finding (kind + subject), used to remember a dismissal."""
        digest = hashlib.sha1(f"{self.kind}\x1f{self.subject}".encode()).hexdigest()[:16]
        return f"{self.kind}:{digest}"

    @property
    def fixes(self) -> tuple[tuple[Occurrence, Fix], ...]:
        """The occurrences this finding would change, each with its fix."""
        return tuple((o, o.fix) for o in self.occurrences if o.fix is not None)

    def as_json(self) -> dict[str, Any]:
        """The finding as the JSON the CLI writes (``hashiya check --json``)."""
        data = asdict(self)
        data["kind"] = str(self.kind)
        data["key"] = self.key
        for occurrence in data["occurrences"]:
            if occurrence["fix"] is not None:
                occurrence["fix"]["action"] = str(occurrence["fix"]["action"])
        return data
