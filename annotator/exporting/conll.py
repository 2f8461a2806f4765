"""CoNLL export: ``token<TAB>tag[<TAB>tag ...]`` per line, a blank line after each sentence.

Every line of a file has the same number of tag columns: one per nesting level the export
needs (the outermost spans first, as in the Wojood corpus), or one with ``flat``. Documents
follow each other (with ``docstart``, each after a ``-DOCSTART-`` line and a blank line).
Documents are segmented and tagged a batch at a time (:mod:`annotator.exporting.batch`); the
file is written through a temporary file, batch by batch.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from annotator.exporting import ExportOptions, ExportResult, Progress
from annotator.exporting.batch import BATCH_DOCUMENTS, Batch, build_batch, conll_text
from annotator.exporting.source import ExportDocument
from annotator.exporting.writing import export_file
from annotator.store import Project


def _batches(
    documents: Sequence[ExportDocument], flat: bool, result: ExportResult, progress: Progress | None
) -> list[Batch]:
    """The documents segmented and tagged a batch at a time, counted in ``result``."""
    total = len(documents)
    batches = []
    for first in range(0, total, BATCH_DOCUMENTS):
        part = documents[first : first + BATCH_DOCUMENTS]
        if progress:
            progress(first, total, part[0].name)
        batch = build_batch(part, flat=flat)
        batches.append(batch)
        result.split_tokens += batch.split_tokens
        result.joined_sentences += batch.joined_sentences
        result.dropped_uncovered += batch.uncovered_spans
        result.dropped_nested += batch.dropped_nested
        result.spans += batch.spans_written
        result.tokens += len(batch.starts)
        result.sentences += len(batch.sentence_ends)
        result.dropped_relations += sum(len(doc.relations) for doc in part)
    return batches


def write_conll(
    project: Project,
    documents: Sequence[ExportDocument],
    out: Path,
    options: ExportOptions,
    result: ExportResult,
    progress: Progress | None,
) -> None:
    with export_file(out, len(documents), result, progress) as handle:
        batches = _batches(documents, options.flat, result, progress)
        width = max((len(batch.levels) for batch in batches), default=1) or 1
        docstart = "-DOCSTART-" + "\tO" * width + "\n\n" if options.docstart else None
        for batch in batches:
            handle.write(conll_text(batch, options.scheme, width, docstart))
    result.levels = width
