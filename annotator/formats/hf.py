"""Hugging Face token classification JSONL: ``{"id", "tokens", "ner_tags"}`` per sentence, with
``ner_tags`` as integers named by a ``labels.json`` list beside the file (or as tag strings).

Give the folder (``data.jsonl`` + ``labels.json``, as Hashiya exports them) or the JSONL file.
Consecutive sentences whose ``id`` is ``DOCUMENT:N`` make one document (``N`` = 0 starts a new
one, so two documents of the same name stay apart); others each make a document. The text is
rebuilt from the tokens as for CoNLL (docs/formats.md), and the tags are decoded with the given
scheme or the detected one, repairs counted.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from annotator.decoding import read_text_file
from annotator.errors import InputError
from annotator.formats import ReadOptions, ReadResult
from annotator.formats.objects import iter_json_lines, parse_json_object
from annotator.formats.offsets import TextMap
from annotator.formats.tokentext import TOKENS_META, WHITESPACE_TOKENS, join_tokens
from annotator.model import IncomingDocument, NewSpan
from annotator.tagging import check_scheme, decode_tags, detect_scheme

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
