"""Exporting annotations as training data: CoNLL, JSONL, brat standoff, Hugging Face, and the
formats of other annotation tools (doccano, Label Studio, Prodigy).

One entry point, Qt-free, for the CLI and the window alike::

    result = export_project(project, "conll", Path("out.conll"), ExportOptions(annotator="mona"),
                            progress=lambda done, total, name: ...)
    for line in result.summary_lines(): ...

This package is the pipeline only. Each format's writer lives beside its reader, in
``annotator.formats.<format>``, and is registered in :data:`EXPORTERS` (imported only when
used). Writers get the selected documents (:mod:`annotator.exporting.source`) and fill an
:class:`ExportResult` with what was written, split, joined and dropped; the progress loop and
the safe writing of files they share are in :mod:`annotator.exporting.writing`, and the
segmenting and tagging of token formats in :mod:`annotator.exporting.segment` and
:mod:`annotator.exporting.batch`. Format modules import this package, never the other way
round (the registry names them as strings), so there is no import cycle.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from importlib import import_module
from pathlib import Path

from annotator.collector import collector_paused
from annotator.errors import HashiyaError
from annotator.store import Project
from annotator.tagging import SCHEMES, check_scheme
from annotator.wording import Say, english

Progress = Callable[[int, int, str], None]  # (documents done, total, current document name)


@dataclass(frozen=True, slots=True)
class ExportOptions:
    annotator: str | None = None  # the layer: an annotator's name (None: the only one there is)
    gold: bool = False  # the curated layer (annotator "gold") instead
    status: str = "done"  # the document policy (annotator.policies): done, worked-on, in-progress-or-done, all
    documents: Sequence[str] | None = None  # document ids or names; None = all
    scheme: str = "iob2"  # CoNLL and Hugging Face tags
    flat: bool = False  # CoNLL: only the outermost spans (one tag column); Hugging Face is always flat
    docstart: bool = False  # CoNLL: a -DOCSTART- line before each document


@dataclass
class ExportResult:
    """What an export wrote and what it had to change, for the CLI and the export dialog."""

    format: str
    out: Path
    annotator: str = ""
    files: list[Path] = field(default_factory=list)
    documents: int = 0
    skipped_documents: int = 0  # left out by the status filter
    sentences: int = 0
    tokens: int = 0
    spans: int = 0  # spans written
    relations: int = 0  # relations written
    split_tokens: int = 0  # tokens split at a span boundary inside them
    joined_sentences: int = 0  # sentence breaks removed because a span crossed them
    dropped_nested: int = 0  # spans left out by a flat format (nested or overlapping)
    dropped_uncovered: int = 0  # spans covering no token (only spaces)
    dropped_relations: int = 0  # relations the format cannot carry
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (document name, file stem) when changed
    levels: int = 0  # CoNLL: tag columns written

    def summary_lines(self, say: Say | None = None) -> list[str]:
        """What was written, split and dropped, one line per fact.

        ``say(template, n, **fields)`` words each piece (the window passes one that translates and
        makes nouns agree with ``n``); by default the English templates are filled in as they are.
        """
        say = say or english
        first = say("exported {n} document(s) of {annotator} as {format} to {out}", self.documents,
                    annotator=self.annotator, format=self.format, out=self.out)  # fmt: skip
        if self.skipped_documents:
            first += say(" ({n} not done, left out)", self.skipped_documents)
        lines = [first]
        counts = [say("{n} span(s)", self.spans)]
        if self.relations:
            counts.append(say("{n} relation(s)", self.relations))
        if self.tokens:
            counts.append(say("{n} token(s)", self.tokens) + " " + say("in {n} sentence(s)", self.sentences))
        if self.levels > 1:
            counts.append(say("{n} tag columns (nesting levels)", self.levels))
        lines.append(say(", ").join(counts))
        if self.split_tokens:
            lines.append(say("{n} token(s) split at a span boundary inside them", self.split_tokens))
        if self.joined_sentences:
            lines.append(say("{n} sentence break(s) removed: a span crossed them", self.joined_sentences))
        if self.dropped_nested:
            lines.append(
                say("{n} nested or overlapping span(s) dropped (flat output keeps the outermost)", self.dropped_nested)
            )
        if self.dropped_uncovered:
            lines.append(say("{n} span(s) dropped: they cover no token", self.dropped_uncovered))
        if self.dropped_relations:
            why = say(
                "the format has no relations" if self.format in ("conll", "hf") else "their spans could not be written"
            )
            lines.append(say("{n} relation(s) not written: {why}", self.dropped_relations, why=why))
        for name, stem in self.renamed[:10]:
            lines.append(say("document {name} written as {stem} (a safe file name)", name=repr(name), stem=repr(stem)))
        if len(self.renamed) > 10:
            lines.append(say("... and {n} more document(s) renamed", len(self.renamed) - 10))
        return lines


@dataclass(frozen=True, slots=True)
class ExporterSpec:
    name: str
    target: str  # "module:function": (project, documents, out, options, result, progress) -> None
    writes_folder: bool  # --out is a folder (one file per document, or data + label list)
    description: str
    span_ids: bool | str = True  # span ids needed: always, "related" (where relations are), or not

    def load(self) -> Callable[..., None]:
        module, function = self.target.split(":")
        return getattr(import_module(module), function)


EXPORTERS: dict[str, ExporterSpec] = {
    spec.name: spec
    for spec in (
        ExporterSpec("conll", "annotator.formats.conll:write_conll", False, "token<TAB>tag lines, nesting as columns"),
        ExporterSpec(
            "jsonl", "annotator.formats.jsonl:write_jsonl", False, "Hashiya JSONL: text, tokens, spans", "related"
        ),
        ExporterSpec("brat", "annotator.formats.brat:write_brat", True, "brat standoff: .txt + .ann per document"),
        ExporterSpec("hf", "annotator.formats.hf:write_hf", True, "Hugging Face token classification JSONL", False),
        ExporterSpec("doccano", "annotator.formats.doccano:write_doccano", False, "doccano JSONL"),
        ExporterSpec("label-studio", "annotator.formats.labelstudio:write_label_studio", False, "Label Studio JSON"),
        ExporterSpec("prodigy", "annotator.formats.prodigy:write_prodigy", False, "Prodigy JSONL"),
    )
}


def export_project(
    project: Project,
    format_name: str,
    out: str | Path,
    options: ExportOptions | None = None,
    *,
    progress: Progress | None = None,
) -> ExportResult:
    """Export one annotation layer of ``project`` to ``out``; see the module docstring."""
    from annotator.exporting.source import Selection, select

    options = options or ExportOptions()
    spec = EXPORTERS.get(format_name)
    if spec is None:
        raise HashiyaError(f"unknown export format {format_name!r} (choose from {', '.join(EXPORTERS)})")
    try:
        options = replace(options, scheme=check_scheme(options.scheme))  # "IOB1" is iob1
    except ValueError:
        raise HashiyaError(f"unknown tagging scheme {options.scheme!r} (choose from {', '.join(SCHEMES)})") from None
    selection = Selection(options.annotator, options.gold, options.status, options.documents, spec.span_ids)
    with collector_paused():
        annotator, documents, skipped = select(project, selection)
        result = ExportResult(format_name, Path(out), annotator, skipped_documents=skipped)
        spec.load()(project, documents, Path(out), options, result, progress)
    result.documents = len(documents)
    return result
