"""One layer of a project read once for every check: its documents' texts and tokens, spans, relations.

A layer is one annotator's annotation (gold is the annotator named ``gold``). Only the documents
the layer has worked on are read (a status past *new*, or a span or relation): a document the
annotator never opened is not "untagged", it is not done yet, and proposing to tag it would be
noise. Texts and tokens are read through :class:`Corpus`, which keeps them (and their keyed
pieces, :mod:`annotator.consistency.pieces`) for the other layers of the same run. Reads are the
store's bulk reads (:mod:`annotator.store.export_queries`): one query for the layer's texts, one
for its spans (plain rows, :class:`LayerSpan`), relations only when a check asks.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from annotator.consistency.context import context
from annotator.consistency.findings import Fix, Occurrence
from annotator.consistency.keys import KeyIndex, Keys, text_keys
from annotator.consistency.pieces import Pieces
from annotator.conventions import BoundaryConvention
from annotator.errors import HashiyaError
from annotator.model import GOLD, DocStatus, Relation, Span
from annotator.schema import LabelSchema
from annotator.store import Project
from annotator.store.export_queries import document_rows, span_rows
from annotator.store.rows import unpack_pairs


@dataclass(frozen=True, slots=True)
class DocumentText:
    """A document as the checks read it: stored text and stored token offsets (code points)."""

    id: str
    name: str
    text: str
    tokens: list[tuple[int, int]]


class LayerSpan(NamedTuple):
    """A span as the checks read it (a plain row: a layer of 10,000 documents holds 300,000)."""

    document_id: str
    id: str
    start: int
    end: int
    label: str

    def text_in(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(slots=True)
class Corpus:
    """The project's documents, each read at most once per run, and what every layer shares."""

    project: Project
    schema: LabelSchema = field(init=False)
    convention: BoundaryConvention = field(init=False)
    _names: dict[str, str] = field(init=False)
    _texts: dict[str, DocumentText] = field(init=False, default_factory=dict)
    _pieces: dict[str, Pieces] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.schema = self.project.schema
        self.convention = BoundaryConvention.from_settings(self.project.recommender_settings())
        self._names = {info.id: info.name for info in self.project.documents()}

    @property
    def order(self) -> list[str]:
        """Document ids in project order."""
        return list(self._names)

    def document(self, document_id: str) -> DocumentText:
        found = self._texts.get(document_id)
        if found is None:
            self.load([document_id])
            found = self._texts[document_id]
        return found

    def load(self, document_ids: Iterable[str]) -> None:
        """Read these documents' texts and tokens in one query (those not read yet)."""
        wanted = [d for d in document_ids if d not in self._texts]
        if wanted:
            for row in document_rows(self.project, wanted):
                self._texts[row.id] = DocumentText(row.id, row.name, row.text, unpack_pairs(row.tokens_blob))

    def pieces(self, document_id: str) -> Pieces:
        """The document's keyed pieces, computed once per run for every check and layer."""
        found = self._pieces.get(document_id)
        if found is None:
            doc = self.document(document_id)
            found = self._pieces[document_id] = Pieces.of(doc.text, doc.tokens)
        return found


def layer_names(project: Project, layer: str | None) -> list[str]:
    """The layers a run covers: the one named, or every annotator's (gold last). A missing gold
    layer is no layer (nothing curated yet); any other unknown name is an error."""
    if layer is None:
        names = sorted(a.name for a in project.annotators())
        return [n for n in names if n != GOLD] + [n for n in names if n == GOLD]
    if project.get_annotator(layer) is None:
        if layer == GOLD:
            return []
        raise HashiyaError(f"no annotator {layer!r} in this project")
    return [layer]


@dataclass(slots=True)
class Layer:
    """One annotator's spans (and, on demand, relations) over the documents they worked on."""

    corpus: Corpus
    name: str
    annotator_id: str
    document_ids: list[str]  # worked on, in project order
    spans: dict[str, list[LayerSpan]]  # by document, by start then longest first, then label
    _relations: dict[str, list[Relation]] | None = None
    _tagged: list[tuple[DocumentText, LayerSpan, Keys]] | None = None
    _readings: KeyIndex | None = None

    @classmethod
    def read(cls, corpus: Corpus, name: str) -> Layer:
        project = corpus.project
        annotator = project.get_annotator(name)
        if annotator is None:
            raise HashiyaError(f"no annotator {name!r} in this project")
        worked = {
            doc
            for (doc, who), (status, annotated) in project.document_work().items()
            if who == annotator.id and (annotated or status is not DocStatus.NEW)
        }
        spans = {doc: [LayerSpan._make(row) for row in rows] for doc, rows in span_rows(project, annotator.id).items()}
        document_ids = [d for d in corpus.order if d in worked]
        corpus.load(document_ids)
        return cls(corpus, name, annotator.id, document_ids, spans)

    @property
    def schema(self) -> LabelSchema:
        return self.corpus.schema

    @property
    def convention(self) -> BoundaryConvention:
        return self.corpus.convention

    def document(self, document_id: str) -> DocumentText:
        return self.corpus.document(document_id)

    def documents(self) -> Iterator[DocumentText]:
        """The documents this layer worked on, in project order."""
        for document_id in self.document_ids:
            yield self.corpus.document(document_id)

    def all_spans(self) -> Iterator[tuple[DocumentText, LayerSpan]]:
        """Every span of the layer with its document, in project then text order."""
        for document_id in self.document_ids:
            spans = self.spans.get(document_id)
            if spans:
                doc = self.corpus.document(document_id)
                for span in spans:
                    yield doc, span

    def tagged(self) -> list[tuple[DocumentText, LayerSpan, Keys]]:
        """Every span with its document and matching key (keyed once for every check)."""
        if self._tagged is None:
            self._tagged = [(doc, span, text_keys(doc.text[span.start : span.end])) for doc, span in self.all_spans()]
        return self._tagged

    def readings(self) -> KeyIndex:
        """The layer's keys counted, to read proclitics by the layer's own evidence."""
        if self._readings is None:
            self._readings = KeyIndex.of(keys for _doc, _span, keys in self.tagged())
        return self._readings

    def relations(self, document_id: str) -> list[Relation]:
        """The layer's relations in one document (read for the whole layer on first use)."""
        if self._relations is None:
            project = self.corpus.project
            self._relations = {d: project.relations(d, self.annotator_id) for d in self.document_ids}
        return self._relations.get(document_id, [])

    def occurrence(
        self,
        doc: DocumentText,
        start: int,
        end: int,
        *,
        span: LayerSpan | Span | None = None,
        fix: Fix | None = None,
    ) -> Occurrence:
        """An occurrence in this layer: a span (``span``) or untagged text at ``[start, end)``."""
        left, right = context(doc.text, start, end)
        return Occurrence(
            document_id=doc.id,
            document_name=doc.name,
            start=start,
            end=end,
            text=doc.text[start:end],
            left=left,
            right=right,
            label=None if span is None else span.label,
            annotator=self.name,
            span_id=None if span is None else span.id,
            fix=fix,
        )
