"""CoNLL NER files: ``token TAG [TAG ...]`` per line, a blank line between sentences.

- Columns are separated by tabs (when the line has one) or by spaces; every column after the
  token is a tag column, one per nesting level (the Wojood corpus), decoded separately.
- ``-DOCSTART-`` lines split a file into documents (named ``FILE:1``, ``FILE:2``, ...); without
  them the file is one document named after the file. CoNLL-U comments are understood:
  ``# newdoc id = NAME`` starts a document called NAME, ``# text = ...`` gives the next
  sentence's text (its tokens must appear in it in order); other ``# key = value`` lines are skipped.
- Otherwise the text is rebuilt by joining tokens with single spaces and sentences with line
  breaks, so every span lands on exact code-point offsets (docs/formats.md); the document keeps
  its own tokens and sentences for export (:mod:`annotator.tokentext`).
- The scheme is the user's (``--scheme``) or detected over the whole file
  (:func:`annotator.tagging.detect_scheme`). Malformed tags are repaired by the rules of
  :mod:`annotator.tagging` and counted per kind in the file's notes, with the first lines.

Writing (export): ``token<TAB>tag[<TAB>tag ...]`` per line, a blank line after each sentence.
Every line of a file has the same number of tag columns: one per nesting level the export needs
(the outermost spans first, as in the Wojood corpus), or one with ``flat``. Documents follow each
other (with ``docstart``, each after a ``-DOCSTART-`` line and a blank line). Documents are
segmented and tagged a batch at a time (:mod:`annotator.exporting.batch`); the file is written
through a temporary file, batch by batch.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from annotator.decoding import read_text_file
from annotator.errors import InputError
from annotator.exporting import ExportOptions, ExportResult, Progress
from annotator.exporting.batch import BATCH_DOCUMENTS, Batch, build_batch, conll_bytes
from annotator.exporting.source import ExportDocument
from annotator.exporting.writing import export_binary_file
from annotator.formats import ReadOptions, ReadResult
from annotator.formats.offsets import TextMap
from annotator.model import IncomingDocument, NewSpan
from annotator.store import Project
from annotator.tagging import check_scheme, decode_tags, detect_scheme, parse_tag
from annotator.tokentext import TOKENS_META, WHITESPACE_TOKENS, join_tokens

DOCSTART = "-DOCSTART-"
MAX_LINES_LISTED = 5


# CoNLL-U style comments: "# text = ..." gives a sentence's text, "# newdoc [id = NAME]" starts a document
_COMMENT = re.compile(r"^#\s*(newdoc|newpar|sent_id|text)(?:\s+id)?\s*(?:=\s?(.*))?$")


@dataclass(slots=True)
class _Sentence:
    tokens: list[str] = field(default_factory=list)
    columns: list[list[str]] = field(default_factory=list)  # each token's tags (one per nesting level)
    lines: list[int] = field(default_factory=list)
    text: str | None = None  # from a "# text = " comment
    text_line: int = 0


@dataclass(slots=True)
class _Document:
    line: int
    sentences: list[_Sentence] = field(default_factory=list)
    name: str | None = None  # from "# newdoc id = NAME"


@dataclass(slots=True)
class RepairLog:
    """Repairs of one file by kind: how many, and the first lines (for the notes users read)."""

    lines: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))

    def add(self, kind: str, line: int) -> None:
        self.lines[kind].append(line)

    def notes(self, path: Path) -> list[str]:
        out = []
        for kind, unsorted in self.lines.items():
            lines = sorted(unsorted)
            more = ", ..." if len(lines) > MAX_LINES_LISTED else ""
            shown = ", ".join(str(n) for n in lines[:MAX_LINES_LISTED]) + more
            out.append(f"{path}: {len(lines)} × {kind} (line{'s' if len(lines) > 1 else ''} {shown})")
        return out

    def counts(self) -> dict[str, int]:
        return {kind: len(lines) for kind, lines in self.lines.items()}


def _split_line(line: str, path: Path, number: int) -> list[str]:
    """Tab-separated when the line has a tab (then the token may not hold spaces), else by spaces."""
    if "\t" not in line:
        return line.split()
    token, *rest = line.split("\t")
    token = token.strip()
    if not token:
        raise InputError(path, "the line starts with a tab: its token is missing", number)
    if any(ch.isspace() for ch in token):
        raise InputError(path, f"token {token!r} contains a space: a token cannot hold whitespace", number)
    return [token, *(tag for piece in rest for tag in piece.split())]


def parse_conll(text: str, path: Path) -> list[_Document]:
    """Split CoNLL text into documents of sentences of (token, tag columns), keeping line numbers."""
    documents = [_Document(1)]
    sentence = _Sentence()

    def end_sentence() -> None:
        nonlocal sentence
        if sentence.tokens:
            documents[-1].sentences.append(sentence)
            sentence = _Sentence()

    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            end_sentence()
            continue
        comment = _COMMENT.match(line) if line.startswith("#") else None
        if comment is not None:
            key, value = comment.groups()
            if key == "text" and value is not None:
                end_sentence()
                sentence.text, sentence.text_line = value, number
            elif key == "newdoc":
                end_sentence()
                documents.append(_Document(number, name=(value or "").strip() or None))
            continue
        fields = _split_line(line, path, number)
        if fields[0] == DOCSTART:
            end_sentence()
            documents.append(_Document(number))
            continue
        sentence.tokens.append(fields[0])
        sentence.lines.append(number)
        sentence.columns.append(fields[1:])
    end_sentence()
    return [doc for doc in documents if doc.sentences]


@dataclass(slots=True)
class ConllFile:
    """One CoNLL file read: its documents, the scheme used, and every repair by kind and line."""

    documents: list[IncomingDocument]
    scheme: str
    scheme_given: bool
    repairs: RepairLog
    unreadable: list[tuple[int, str]]  # (line, raw tag) read as O
    duplicates: int  # the same entity in two tag columns, kept once

    def repair_counts(self) -> dict[str, int]:
        counts = self.repairs.counts()
        if self.unreadable:
            counts[UNREADABLE] = len(self.unreadable)
        if self.duplicates:
            counts[DUPLICATE] = self.duplicates
        return counts

    def notes(self, path: Path) -> list[str]:
        how = "given" if self.scheme_given else "detected"
        notes = [f"{path}: tagging scheme {self.scheme.upper()} ({how})", *self.repairs.notes(path)]
        if self.unreadable:
            shown = ", ".join(f"{line} {raw!r}" for line, raw in self.unreadable[:MAX_LINES_LISTED])
            more = ", ..." if len(self.unreadable) > MAX_LINES_LISTED else ""
            lines = "lines" if len(self.unreadable) > 1 else "line"
            notes.append(f"{path}: {len(self.unreadable)} × {UNREADABLE} ({lines} {shown}{more})")
        if self.duplicates:
            notes.append(f"{path}: {self.duplicates} × {DUPLICATE}")
        return notes


UNREADABLE = "unreadable tag read as O"
DUPLICATE = "the same entity in two tag columns (kept once)"
NO_TAG = "token line without a tag read as O"


def load_conll(path: Path, options: ReadOptions, name: str) -> ConllFile:
    """Read one CoNLL file into documents with their entities (every nesting level)."""
    decoded = read_text_file(path, options.encoding)
    parsed = parse_conll(decoded.text, path)
    if not parsed:
        raise InputError(path, "no tokens in the file")
    log = RepairLog()
    for document in parsed:
        for sentence in document.sentences:
            for line, tags in zip(sentence.lines, sentence.columns, strict=True):
                if not tags:
                    log.add(NO_TAG, line)
    columns_by_sentence = [_columns(s) for d in parsed for s in d.sentences]
    cells = sum(len(column) for columns in columns_by_sentence for column in columns)
    unreadable = sum(parse_tag(tag).unreadable for columns in columns_by_sentence for c in columns for tag in c)
    if cells and unreadable * 2 > cells:
        raise InputError(path, f"not a CoNLL file: {unreadable} of its {cells} tags are not tags (B-X, I-X, O, ...)")
    if options.scheme:
        scheme = check_scheme(options.scheme)
    else:
        scheme = detect_scheme(column for columns in columns_by_sentence for column in columns)
    result = ConllFile([], scheme, bool(options.scheme), log, [], 0)
    columns_iter = iter(columns_by_sentence)
    for index, document in enumerate(parsed, start=1):
        text, offsets = _document_text(document, path)
        spans: list[NewSpan] = []
        seen: set[tuple[int, int, str]] = set()
        for sentence, row in zip(document.sentences, offsets, strict=True):
            for column in next(columns_iter):
                result.unreadable.extend(
                    (sentence.lines[i], raw) for i, raw in enumerate(column) if parse_tag(raw).unreadable
                )
                decoding = decode_tags(column, scheme)
                for i, kind in decoding.repairs:
                    log.add(kind, sentence.lines[i])
                for first, last, label in decoding.spans:
                    key = (row[first][0], row[last - 1][1], label)
                    if key in seen:
                        result.duplicates += 1
                        continue
                    seen.add(key)
                    spans.append(NewSpan(key[0], key[1], label))
        mapped = TextMap.of(text, path, document.line)  # a token of U+FEFF first: the contract drops it
        spans = [NewSpan(mapped(s.start), mapped(s.end), s.label) for s in spans if mapped(s.start) < mapped(s.end)]
        spans.sort(key=lambda s: (s.start, -s.end, s.label))
        result.documents.append(
            IncomingDocument(
                name=document.name or (name if len(parsed) == 1 else f"{name}:{index}"),
                text=mapped.text,
                source=f"{path}:{document.line}",
                meta={TOKENS_META: WHITESPACE_TOKENS} if _own_tokens(document) else {},
                notes=decoded.notes,
                spans=tuple(spans),
            )
        )
    return result


def _document_text(document: _Document, path: Path) -> tuple[str, list[list[tuple[int, int]]]]:
    """The document's text and each token's offsets: sentences with a ``# text`` comment use it
    (their tokens must appear in it in order, separated by nothing but whitespace); the others
    are their tokens joined with single spaces. Sentences are joined with line breaks."""
    pieces: list[str] = []
    offsets: list[list[tuple[int, int]]] = []
    base = 0
    for sentence in document.sentences:
        if sentence.text is None:
            text, (row,) = join_tokens([sentence.tokens])
        else:
            text, row = sentence.text, _align(sentence, path)
        pieces.append(text)
        offsets.append([(a + base, b + base) for a, b in row])
        base += len(text) + 1
    return "\n".join(pieces), offsets


def _own_tokens(document: _Document) -> bool:
    """Whether the text's whitespace-separated words and lines are exactly the file's tokens and
    sentences (then exports give them back; with a ``# text`` that joins tokens, the project's)."""
    return all(s.text is None or s.text == " ".join(s.tokens) for s in document.sentences)


def _align(sentence: _Sentence, path: Path) -> list[tuple[int, int]]:
    text = sentence.text or ""
    row = []
    position = 0
    for token, line in zip(sentence.tokens, sentence.lines, strict=True):
        found = text.find(token, position)
        if found < 0 or (text[position:found] and not text[position:found].isspace()):
            raise InputError(
                path, f"token {token!r} is not next in the sentence's '# text' (line {line})", sentence.text_line
            )
        row.append((found, found + len(token)))
        position = found + len(token)
    return row


def _columns(sentence: _Sentence) -> list[list[str]]:
    """The sentence's tag columns; a line with fewer tags than others has O at the missing levels."""
    width = max((len(tags) for tags in sentence.columns), default=0)
    return [[tags[k] if k < len(tags) else "O" for tags in sentence.columns] for k in range(width)]


def read_conll(path: Path, options: ReadOptions, name: str) -> ReadResult:
    """The reader registered as ``conll``: documents, and notes naming every repair with counts."""
    loaded = load_conll(path, options, name)
    return ReadResult(loaded.documents, loaded.notes(path))


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
    with export_binary_file(out, len(documents), result, progress) as handle:
        batches = _batches(documents, options.flat, result, progress)
        width = max((len(batch.levels) for batch in batches), default=1) or 1
        docstart = "-DOCSTART-" + "\tO" * width + "\n\n" if options.docstart else None
        for batch in batches:
            handle.write(conll_bytes(batch, options.scheme, width, docstart))
    result.levels = width
