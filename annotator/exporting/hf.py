"""Hugging Face token classification: ``data.jsonl`` with one sentence per line,
``{"id", "tokens", "ner_tags"}`` (integer tags), and ``labels.json``, the tag names by index.

Load it with ``datasets.load_dataset("json", data_files="data.jsonl")`` and name the tags with
``ClassLabel(names=json.load(open("labels.json")))``. Token classification is flat: the
outermost spans are kept and the others counted as dropped. The tag list covers every schema
label (in schema order) for the chosen scheme, so indices stay the same across exports. ``id``
is ``DOCUMENT:SENTENCE`` (the document's name and the sentence's number from 0).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from annotator.exporting import ExportOptions, ExportResult, Progress
from annotator.exporting.files import atomic_write, inside, prepare_folder
from annotator.exporting.segment import segment, tag_columns
from annotator.exporting.source import ExportDocument
from annotator.exporting.writing import dumps, numbered, report_done
from annotator.store import Project

DATA_FILE = "data.jsonl"
LABELS_FILE = "labels.json"
PREFIXES = {"iob2": "BI", "iob1": "BI", "bioes": "BIES", "bilou": "BILU"}


def tag_names(labels: Sequence[str], scheme: str) -> list[str]:
    """``O`` then each label's tags in the scheme's order (IOB2: ``B-X``, ``I-X``; BIOES: B, I, E, S)."""
    return ["O", *(f"{prefix}-{label}" for label in labels for prefix in PREFIXES[scheme])]


def write_hf(
    project: Project,
    documents: Sequence[ExportDocument],
    out: Path,
    options: ExportOptions,
    result: ExportResult,
    progress: Progress | None,
) -> None:
    prepare_folder(out)
    labels = list(project.schema.label_names)
    labels += sorted({span[4] for doc in documents for span in doc.spans} - set(labels))
    names = tag_names(labels, options.scheme)
    index = {name: i for i, name in enumerate(names)}
    lines: list[str] = []
    for _, doc in numbered(documents, progress, every=200):
        starts, ends, sentences = doc.segmentation()
        seg = segment(starts, ends, sentences, doc.spans)
        columns, dropped = tag_columns(seg, options.scheme, flat=True)
        words = seg.words(doc.text)
        tags = [index[tag] for tag in columns[0]] if columns else [0] * len(words)
        for number, (first, last) in enumerate(seg.sentences):
            record = {"id": f"{doc.name}:{number}", "tokens": words[first:last], "ner_tags": tags[first:last]}
            lines.append(dumps(record))
        result.split_tokens += seg.split_tokens
        result.joined_sentences += seg.joined_sentences
        result.dropped_uncovered += seg.uncovered_spans
        result.dropped_nested += dropped
        result.spans += len(seg.ranges) - dropped
        result.dropped_relations += len(doc.relations)
        result.tokens += len(words)
        result.sentences += len(seg.sentences)
    data, label_file = inside(out, DATA_FILE), inside(out, LABELS_FILE)
    atomic_write(data, "".join(line + "\n" for line in lines))
    atomic_write(label_file, json.dumps(names, ensure_ascii=False, indent=1) + "\n")
    result.files += [data, label_file]
    report_done(progress, len(documents))
