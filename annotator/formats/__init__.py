"""File formats that bring documents (and annotations) in and take them out.

Readers turn one file (or folder) into :class:`~annotator.model.IncomingDocument` objects;
they never touch the project. Each format lives in one module holding both its reader and its
writer, so the two sides of a round trip are read together. Readers are registered in
:data:`READERS` below (name → ``module:function``), writers in
:data:`annotator.exporting.EXPORTERS`; both are imported only when used. Writers use the export
pipeline's helpers (:mod:`annotator.exporting`); that package never imports a format module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

from annotator.model import IncomingDocument


@dataclass(frozen=True, slots=True)
class ReadOptions:
    encoding: str | None = None  # for text-based files without a BOM: overrides detection
    scheme: str | None = None  # tagging scheme of CoNLL input (iob1, iob2, bioes, bilou); None = detect


@dataclass(slots=True)
class ReadResult:
    """Documents read from one input, and file-level notes (repairs, skipped lines)."""

    documents: list[IncomingDocument]
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ReaderSpec:
    name: str
    target: str  # "module:function": (path, options, name) -> ReadResult; name = the input's name stem
    extensions: tuple[str, ...]
    folders: bool = False  # the reader takes a whole folder itself (brat) instead of its files

    def load(self) -> Callable[[Path, ReadOptions, str], ReadResult]:
        module, function = self.target.split(":")
        return getattr(import_module(module), function)


READERS: dict[str, ReaderSpec] = {
    spec.name: spec
    for spec in (
        ReaderSpec("txt", "annotator.formats.text:read_txt", (".txt",)),
        ReaderSpec("jsonl", "annotator.formats.jsonl:read_jsonl", (".jsonl", ".ndjson")),
        ReaderSpec(
            "conll",
            "annotator.formats.conll:read_conll",
            (".conll", ".iob", ".bio", ".bioes", ".bilou", ".tsv", ".txt"),
        ),
        ReaderSpec("doccano", "annotator.formats.doccano:read_doccano", (".jsonl",)),
        ReaderSpec("label-studio", "annotator.formats.labelstudio:read_label_studio", (".json",)),
        ReaderSpec("prodigy", "annotator.formats.prodigy:read_prodigy", (".jsonl",)),
        ReaderSpec("brat", "annotator.formats.brat:read_brat", (".ann", ".txt"), folders=True),
        ReaderSpec("hf", "annotator.formats.hf:read_hf", (".jsonl",), folders=True),
    )
}
AUTO_FORMATS = ("txt", "jsonl", "conll", "label-studio")  # what `--format auto` picks between, by file extension


def reader_for(path: Path, format_name: str) -> ReaderSpec | None:
    """The reader for ``path``: the named format, or by extension when ``format_name`` is ``auto``."""
    if format_name != "auto":
        return READERS[format_name]
    suffix = path.suffix.lower()
    return next((READERS[n] for n in AUTO_FORMATS if suffix in READERS[n].extensions), None)
