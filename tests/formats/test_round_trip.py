"""Export → import gives back what each format can carry, and a second export the same bytes (hypothesis).

Documents mix Arabic with diacritics, tatweel, clitics («وموسكو»), emoji (ZWJ sequences, flags),
bidi marks, Latin, digits and line breaks; spans start and end anywhere (inside tokens, across
lines, nested, overlapping); relations join random spans.

Each row of docs/formats.md's table "What each format keeps" is a row of :data:`KEEPS` here: what
the import must give back, computed from the *source* documents by that row's rule (never from
an export), next to the same view of the re-imported project. An exporter that drops, moves or
invents annotations fails its row; comparing a second export with the first could not see that.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from format_strategies import documents
from hypothesis import given, settings

from annotator.exporting import EXPORTERS, ExportOptions, export_project
from annotator.importing import import_paths
from annotator.model import IncomingDocument
from annotator.store import Project

DOCS = Path(__file__).resolve().parents[2] / "docs" / "formats.md"

Span = tuple[int, int, str]
# one document as a format gives it back: its text, its spans and its relations (spans by value)
Kept = tuple[str, frozenset[Span], frozenset[tuple[Span, Span, str]]]


# -- the source and the re-imported project, seen alike ------------------------------------------


@dataclass(frozen=True)
class Document:
    """A document's text and annotations by value: from the source documents or from a project."""

    text: str
    spans: list[Span]
    relations: list[tuple[Span, Span, str]] = field(default_factory=list)

    @classmethod
    def incoming(cls, doc: IncomingDocument) -> Document:
        by_key = {s.key: (s.start, s.end, s.label) for s in doc.spans}
        return cls(doc.text, list(by_key.values()), [(by_key[r.head], by_key[r.tail], r.label) for r in doc.relations])

    @classmethod
    def stored(cls, project: Project) -> list[Document]:
        out = []
        for info in project.documents():
            spans = {s.id: (s.start, s.end, s.label) for s in project.spans(info.id)}
            relations = [(spans[r.head_id], spans[r.tail_id], r.label) for r in project.relations(info.id)]
            out.append(cls(project.document(info.id).text, list(spans.values()), relations))
        return out


# -- what a format keeps: a view both sides are compared in, and a rule for the source ----------------


def characters(doc: Document) -> Document:
    """Character formats are compared as they are: text, offsets, relations."""
    return doc


def tokens(doc: Document) -> Document:
    """Token formats keep the tokens, not the whitespace between them (an import joins tokens with
    spaces and sentences with line breaks): the text without whitespace, each span as the range of
    non-space characters it covers (a token is split at a span boundary inside it). A span covering
    none (only spaces) cannot be written. Relations are not carried."""
    where, count = [], 0
    for c in doc.text:
        where.append(count)
        count += not c.isspace()
    where.append(count)
    spans = {(where[s], where[e], label) for s, e, label in doc.spans if where[s] < where[e]}
    return Document(re.sub(r"\s", "", doc.text), sorted(spans))


def everything(doc: Document) -> Document:
    return doc


def brat_fragments(doc: Document) -> Document:
    """brat writes a span as fragments between line breaks and reads it back from its first to its last
    character: line breaks at either end are left out, a span of line breaks only is dropped, spans
    equal after that are one, and a relation that now joins a span to itself is dropped."""

    def trimmed(span: Span) -> Span | None:
        start, end, label = span
        while start < end and doc.text[start] == "\n":
            start += 1
        while end > start and doc.text[end - 1] == "\n":
            end -= 1
        return (start, end, label) if start < end else None

    spans = {trimmed(s) for s in doc.spans} - {None}
    relations = {(trimmed(h), trimmed(t), label) for h, t, label in doc.relations}
    return Document(doc.text, sorted(spans), sorted(r for r in relations if r[0] and r[1] and r[0] != r[1]))


def on_tokens(doc: Document) -> Document:
    """Prodigy: spans at their exact offsets, but only those covering a token (a non-space character),
    and the relations between those."""
    spans = {s for s in doc.spans if any(not c.isspace() for c in doc.text[s[0] : s[1]])}
    return Document(doc.text, sorted(spans), [r for r in doc.relations if r[0] in spans and r[1] in spans])


def outermost(doc: Document) -> Document:
    """Flat output: the first nesting level, outermost (earlier, longer) first, each span taken if it
    overlaps none taken before it."""
    kept, reach = [], -1
    for start, end, label in sorted(set(doc.spans), key=lambda r: (r[0], -r[1], r[2])):
        if start >= reach:
            kept.append((start, end, label))
            reach = end
    return Document(doc.text, kept)


def joined(docs: list[Document]) -> list[Document]:
    """Documents that follow each other in one file, read back as one (token view: nothing between them)."""
    text, spans = "", []
    for doc in docs:
        spans += [(s + len(text), e + len(text), label) for s, e, label in doc.spans]
        text += doc.text
    return [Document(text, spans)]


@dataclass(frozen=True)
class Keeps:
    """One row of the table: a format with its options, and what an import of its export gives back.

    The re-imported documents are seen through ``view`` only; the source documents through ``view``
    and then ``rule`` (what the format cannot carry is left out). Never the other way round: a rule
    applied to the import's side could hide what an exporter wrongly wrote.
    """

    fmt: str
    options: dict[str, Any]
    view: Callable[[Document], Document]
    rule: Callable[[Document], Document] = everything
    one_document: bool = False  # the documents come back as one (CoNLL without -DOCSTART-)

    @property
    def name(self) -> str:
        return " ".join([self.fmt, *(f"--{k}" if v is True else f"--{k} {v}" for k, v in self.options.items())])

    def source(self, docs: list[IncomingDocument]) -> dict[str, Kept]:
        return self._by_text([self.rule(self.view(Document.incoming(d))) for d in docs])

    def imported(self, project: Project) -> dict[str, Kept]:
        return self._by_text([self.view(d) for d in Document.stored(project)])

    def _by_text(self, docs: list[Document]) -> dict[str, Kept]:
        docs = joined(docs) if self.one_document else docs
        return {d.text: (d.text, frozenset(d.spans), frozenset(d.relations)) for d in docs}


KEEPS = [
    Keeps("jsonl", {}, characters),
    Keeps("doccano", {}, characters),
    Keeps("label-studio", {}, characters),
    Keeps("brat", {}, characters, brat_fragments),
    Keeps("prodigy", {}, characters, on_tokens),
    Keeps("hf", {"scheme": "iob2"}, tokens, outermost),
    Keeps("hf", {"scheme": "bilou"}, tokens, outermost),
    Keeps("conll", {"scheme": "iob2"}, tokens, one_document=True),
    Keeps("conll", {"scheme": "iob1"}, tokens, one_document=True),
    Keeps("conll", {"scheme": "bioes"}, tokens, one_document=True),
    Keeps("conll", {"scheme": "bilou", "docstart": True}, tokens),
    Keeps("conll", {"scheme": "iob2", "flat": True}, tokens, outermost, one_document=True),
]


def snapshot(out: Path) -> dict[str, bytes]:
    if out.is_dir():
        return {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    return {out.name: out.read_bytes()}


def test_every_export_format_has_a_row():
    assert {row.fmt for row in KEEPS} == set(EXPORTERS)


def test_the_documented_table_is_the_tested_one():
    """docs/formats.md lists exactly these rows (the first column), so the page says what is tested."""
    page = DOCS.read_text(encoding="utf-8")
    section = page.split("### What each format keeps", 1)[1].split("\n#", 1)[0]
    rows = [line.split("|")[1].strip().strip("`") for line in section.splitlines() if line.startswith("| `")]
    assert rows == [row.name for row in KEEPS]


@pytest.mark.parametrize("row", KEEPS, ids=[row.name for row in KEEPS])
@settings(max_examples=25)
@given(docs=documents())
def test_import_gives_back_what_the_format_keeps(row, docs):
    options = ExportOptions(annotator="ann", status="all", **row.options)
    name = "out" if EXPORTERS[row.fmt].writes_folder else f"out.{row.fmt}"
    with tempfile.TemporaryDirectory() as tmp, Project.memory() as first, Project.memory() as second:
        first.add_documents(docs, "ann")
        out1, out2 = Path(tmp) / "1" / name, Path(tmp) / "2" / name
        export_project(first, row.fmt, out1, options)
        import_paths(second, [out1], row.fmt, annotator="ann", add_labels=True)
        assert row.imported(second) == row.source(docs)
        export_project(second, row.fmt, out2, options)  # and the import exports to the same bytes
        assert snapshot(out2) == snapshot(out1)
