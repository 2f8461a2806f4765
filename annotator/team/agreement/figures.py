"""The agreement report as typed, immutable records: what the plots, the window and the CLI read.

Every figure of docs/agreement.md has a named attribute here, so a consumer that misspells one
fails when it is written (type checker, attribute error), not with a silent ``None`` from a
dict lookup. The JSON document is made from these records only at the boundary
(:meth:`JsonRecord.to_dict`, :meth:`AgreementReport.to_json`): attribute names and field order
*are* the published keys and their order, so the JSON stays what docs/agreement.md describes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

Matrix = tuple[tuple[int, ...], ...]


class JsonRecord:
    """A dataclass whose fields, in order, are the keys of its JSON object."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready document: records become objects, tuples become lists (as ``json`` writes them)."""
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]


def _plain(value: Any) -> Any:
    if isinstance(value, JsonRecord):
        return value.to_dict()
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    return value


@dataclass(frozen=True, slots=True)
class Sides(JsonRecord):
    """A count for each annotator of a pair (``a`` is the first named)."""

    a: int
    b: int


@dataclass(frozen=True, slots=True)
class LabelF1(JsonRecord):
    """One label's span F1 within a pair, and how many spans of it each side marked."""

    exact: float | None
    overlap: float | None
    a: int
    b: int


@dataclass(frozen=True, slots=True)
class SpanF1(JsonRecord):
    exact: float | None  # same boundaries and label
    untyped: float | None  # same boundaries, any label
    overlap: float | None  # overlapping, same label
    per_label: Mapping[str, LabelF1]  # labels either side used


@dataclass(frozen=True, slots=True)
class RelationF1(JsonRecord):
    strict: float | None  # same endpoints and type
    unlabelled: float | None  # same endpoints, any type


@dataclass(frozen=True, slots=True)
class PairAgreement(JsonRecord):
    """Two annotators compared on the documents both have seen."""

    a: str
    b: str
    documents: int
    span_f1: SpanF1
    spans: Sides
    relation_f1: RelationF1
    relations: Sides
    confusion: Matrix  # [label of a, label of b] in the report's label order
    token_kappa: float | None
    token_kappa_entities: float | None
    tokens: int
    entity_tokens: int

    def metric(self, path: str) -> Any:
        """The figure at a dotted ``path`` (``"span_f1.exact"``, ``"documents"``); None if there is none."""
        value: Any = self
        for name in path.split("."):
            value = getattr(value, name, None)
        return value


@dataclass(frozen=True, slots=True)
class UnitizingAlpha(JsonRecord):
    overall: float | None
    per_label: Mapping[str, float | None]


@dataclass(frozen=True, slots=True)
class LabelAgreement(JsonRecord):
    """One label pooled over every pair."""

    span_f1_exact: float | None
    span_f1_overlap: float | None
    unitizing_alpha: float | None


@dataclass(frozen=True, slots=True)
class DocumentAgreement(JsonRecord):
    id: str
    name: str
    span_f1: float | None
    annotators: tuple[str, ...]  # those who saw it
    spans: int


@dataclass(frozen=True, slots=True)
class Confusion(JsonRecord):
    labels: tuple[str, ...]
    matrix: Matrix


@dataclass(frozen=True, slots=True)
class Counts(JsonRecord):
    """Per annotator: documents seen, spans per label, relations per type (zero counts left out)."""

    documents: Mapping[str, int]
    spans: Mapping[str, Mapping[str, int]]
    relations: Mapping[str, Mapping[str, int]]


@dataclass(frozen=True, slots=True)
class FleissDetails(JsonRecord):
    documents: int
    tokens: int
    observed: float
    expected: float


@dataclass(frozen=True, slots=True)
class AlphaDetails(JsonRecord):
    documents: int
    tokens: int
    pairable_values: int
    observed: float
    expected: float


@dataclass(frozen=True, slots=True)
class Disagreement(JsonRecord):
    observed: float
    expected: float


@dataclass(frozen=True, slots=True)
class UnitizingDetails(JsonRecord):
    documents: int
    characters: int
    per_label: Mapping[str, Disagreement]


@dataclass(frozen=True, slots=True)
class Details(JsonRecord):
    """What each overall coefficient was computed on."""

    fleiss_kappa: FleissDetails
    krippendorff_alpha: AlphaDetails
    unitizing_alpha: UnitizingDetails


@dataclass(frozen=True, slots=True)
class AgreementReport(JsonRecord):
    """A computed report (docs/agreement.md); :meth:`to_json` is what ``--json`` and Save JSON write."""

    version: int
    status: str  # the document policy as the caller spelt it ("done", "all", ...)
    document_policy: str
    annotators: tuple[str, ...]
    labels: tuple[str, ...]  # labels someone used, in schema order
    documents: int  # documents seen by two annotators or more
    pairs: tuple[PairAgreement, ...]
    fleiss_kappa: float | None
    krippendorff_alpha: float | None
    unitizing_alpha: UnitizingAlpha
    per_label: Mapping[str, LabelAgreement]
    per_document: tuple[DocumentAgreement, ...]  # worst first
    confusion: Confusion
    counts: Counts
    details: Details

    @property
    def data(self) -> dict[str, Any]:
        """The JSON document as plain dicts and lists: for code and tests that read the published schema."""
        return self.to_dict()

    def to_json(self) -> str:
        """The report as the JSON text the CLI prints and the window saves (no final newline)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def pair(self, a: str, b: str) -> PairAgreement | None:
        """The pair of ``a`` and ``b`` in either order; None when the report does not compare them."""
        for entry in self.pairs:
            if {entry.a, entry.b} == {a, b}:
                return entry
        return None

    def pair_matrix(self, metric: str = "span_f1.exact") -> list[list[float | None]]:
        """``matrix[i][j]`` = ``metric`` (a dotted path into a pair, see :meth:`PairAgreement.metric`).

        The diagonal is 1.0 (everyone agrees with themselves); pairs without data are None.
        """
        names = self.annotators
        matrix: list[list[float | None]] = [[1.0 if i == j else None for j in names] for i in names]
        index = {name: i for i, name in enumerate(names)}
        for entry in self.pairs:
            i, j = index[entry.a], index[entry.b]
            matrix[i][j] = matrix[j][i] = entry.metric(metric)
        return matrix
