"""What every writer does around its format: go through the documents telling ``progress`` how
far it is, and write an export file safely (:mod:`annotator.exporting.files`), listed in the
result only once it is complete.

The JSON Lines writers (Hashiya JSONL, doccano, Prodigy) each give the function that makes one
document's line; :func:`write_json_lines` does the rest.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from annotator.exporting import ExportResult, Progress
from annotator.exporting.files import atomic_binary_file, atomic_file, prepare_file
from annotator.exporting.source import ExportDocument

dumps = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode  # one line, Arabic unescaped


def numbered(
    documents: Sequence[ExportDocument], progress: Progress | None, every: int
) -> Iterator[tuple[int, ExportDocument]]:
    """``(number from 1, document)``, telling ``progress`` before every ``every``-th document
    (often enough for a progress bar, rarely enough to cost nothing)."""
    total = len(documents)
    for done, doc in enumerate(documents):
        if progress and done % every == 0:
            progress(done, total, doc.name)
        yield done + 1, doc


def report_done(progress: Progress | None, total: int) -> None:
    """The last progress report: everything is written."""
    if progress:
        progress(total, total, "")


@contextmanager
def export_file(out: Path, total: int, result: ExportResult, progress: Progress | None) -> Iterator[TextIO]:
    """A handle on the export file ``out`` (which must not be a folder), written through a
    temporary file: when the block ends without error, ``out`` is replaced, listed in ``result``
    and the export of ``total`` documents reported done."""
    prepare_file(out)
    with atomic_file(out) as handle:
        yield handle
    result.files.append(out)
    report_done(progress, total)


@contextmanager
def export_binary_file(out: Path, total: int, result: ExportResult, progress: Progress | None) -> Iterator[BinaryIO]:
    """As :func:`export_file`, for writers that assemble UTF-8 bytes themselves (CoNLL, JSONL)."""
    prepare_file(out)
    with atomic_binary_file(out) as handle:
        yield handle
    result.files.append(out)
    report_done(progress, total)


def write_json_lines(
    out: Path,
    documents: Sequence[ExportDocument],
    line_of: Callable[[int, ExportDocument], str],
    result: ExportResult,
    progress: Progress | None,
    *,
    every: int,
) -> None:
    """``out`` with one line per document, ``line_of(number from 1, document)`` (without the newline)."""
    with export_file(out, len(documents), result, progress) as handle:
        for number, doc in numbered(documents, progress, every):
            handle.write(line_of(number, doc) + "\n")


def with_meta(record: dict[str, Any], doc: ExportDocument) -> dict[str, Any]:
    """``record`` with the document's ``meta`` added when it has any, so a round trip through
    another tool's format (doccano, Prodigy) keeps it."""
    if doc.meta:
        record["meta"] = doc.meta
    return record


def count_all(result: ExportResult, documents: Sequence[ExportDocument]) -> None:
    """For formats that write every span and relation as it is."""
    result.spans = sum(len(doc.spans) for doc in documents)
    result.relations = sum(len(doc.relations) for doc in documents)
