"""Hugging Face token classification JSONL: ``{"id", "tokens", "ner_tags"}`` per sentence, with
``ner_tags`` as integers named by a ``labels.json`` list beside the file (or as tag strings).

Give the folder (``data.jsonl`` + ``labels.json``, as Hashiya exports them) or the JSONL file.
Consecutive sentences whose ``id`` is ``DOCUMENT:N`` make one document (``N`` = 0 starts a new
one, so two documents of the same name stay apart); others each make a document. The text is
rebuilt from the tokens as for CoNLL (docs/formats.md), and the tags are decoded with the given
scheme or the detected one, repairs counted.

Writing (export): ``data.jsonl`` with one sentence per line, ``{"id", "tokens", "ner_tags"}``
(integer tags), and ``labels.json``, the tag names by index. Load it with
``datasets.load_dataset("json", data_files="data.jsonl")`` and name the tags with
``ClassLabel(names=json.load(open("labels.json")))``. Token classification is flat: the
outermost spans are kept and the others counted as dropped. The tag list covers every schema
label (in schema order) for the chosen scheme, so indices stay the same across exports. ``id``
is ``DOCUMENT:SENTENCE`` (the document's name and the sentence's number from 0).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from annotator.decoding import read_text_file
from annotator.errors import InputError
from annotator.exporting import ExportOptions, ExportResult, Progress
from annotator.exporting.files import atomic_write, inside, prepare_folder
from annotator.exporting.segment import segment, tag_columns
from annotator.exporting.source import ExportDocument
from annotator.exporting.writing import dumps, numbered, report_done
from annotator.formats import ReadOptions, ReadResult
from annotator.formats.objects import iter_json_lines, parse_json_object
from annotator.formats.offsets import TextMap
from annotator.model import IncomingDocument, NewSpan
from annotator.store import Project
from annotator.tagging import check_scheme, decode_tags, detect_scheme
from annotator.tokentext import TOKENS_META, WHITESPACE_TOKENS, join_tokens

DATA_FILE = "data.jsonl"
LABELS_FILE = "labels.json"


def _files(path: Path) -> tuple[Path, Path | None]:
    if path.is_dir():
        data = path / DATA_FILE
        if not data.is_file():
            found = sorted(path.glob("*.jsonl"))
            if len(found) != 1:
                raise InputError(path, f"give the JSONL file: this folder has no single {DATA_FILE}")
            data = found[0]
        labels = path / LABELS_FILE
        return data, labels if labels.is_file() else None
    labels = path.with_name(LABELS_FILE)
    return path, labels if labels.is_file() else None


def _label_names(path: Path | None) -> list[str] | None:
    if path is None:
        return None
    value = parse_json_object(read_text_file(path).text, path, None)
    if isinstance(value, dict):  # {"names": [...]} or {"0": "O", ...}
        value = value.get("names") or [value[k] for k in sorted(value, key=lambda k: int(k) if k.isdigit() else -1)]
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise InputError(path, "the label list must be a JSON list of tag names")
    return value


def _sentence(data: Path, number: int, value: dict[str, Any], names: list[str] | None) -> tuple[list[str], list[str]]:
    tokens, tags = value.get("tokens"), value.get("ner_tags", value.get("tags"))
    if not isinstance(tokens, list) or not all(
        isinstance(t, str) and t and not any(c.isspace() for c in t) for t in tokens
    ):
        raise InputError(data, "'tokens' must be a list of non-empty strings without spaces", number)
    if not isinstance(tags, list) or len(tags) != len(tokens):
        raise InputError(data, "'ner_tags' must be a list as long as 'tokens'", number)
    out = []
    for tag in tags:
        if isinstance(tag, str):
            out.append(tag)
        elif isinstance(tag, int) and not isinstance(tag, bool) and names is not None and 0 <= tag < len(names):
            out.append(names[tag])
        else:
            raise InputError(data, f"tag {tag!r:.20} is not a tag name or an index of {LABELS_FILE}", number)
    return tokens, out


def read_hf(path: Path, options: ReadOptions, name: str) -> ReadResult:
    data, labels = _files(path)
    names = _label_names(labels)
    groups: list[tuple[str, list[tuple[int, list[str], list[str]]]]] = []
    for number, value in iter_json_lines(data, options):
        tokens, tags = _sentence(data, number, value, names)
        if not tokens:
            continue
        document, _, sentence = str(value.get("id", "")).rpartition(":")
        if not document:
            groups.append((f"{name}:{number}", []))
        elif not groups or groups[-1][0] != document or sentence == "0":  # a document's lines follow each other
            groups.append((document, []))
        groups[-1][1].append((number, tokens, tags))
    if not groups:
        raise InputError(data, "no sentences with tokens in the file")
    scheme = check_scheme(options.scheme) if options.scheme else detect_scheme(t for _, g in groups for _, _, t in g)
    repairs: Counter[str] = Counter()
    documents = []
    for document, sentences in groups:
        text, offsets = join_tokens([tokens for _, tokens, _ in sentences])
        spans = []
        for (_, _, tags), row in zip(sentences, offsets, strict=True):
            decoding = decode_tags(tags, scheme)
            repairs.update(kind for _, kind in decoding.repairs)
            spans += [(row[first][0], row[last - 1][1], label) for first, last, label in decoding.spans]
        mapped = TextMap.of(text, data, sentences[0][0])
        kept = tuple(NewSpan(mapped(s), mapped(e), label) for s, e, label in spans if mapped(s) < mapped(e))
        source = f"{data}:{sentences[0][0]}"
        documents.append(IncomingDocument(document, mapped.text, source, {TOKENS_META: WHITESPACE_TOKENS}, spans=kept))
    notes = [f"{data}: tagging scheme {scheme.upper()} ({'given' if options.scheme else 'detected'})"]
    notes += [f"{data}: {n} × {kind}" for kind, n in repairs.items()]
    return ReadResult(documents, notes)


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
