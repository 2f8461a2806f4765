"""Token exports of many documents at once: the rules of :mod:`annotator.exporting.segment`
(split tokens at span boundaries, join sentences a span crosses, nesting levels) applied to a
whole batch of documents with a handful of numpy operations, and CoNLL tags written per token
without a Python loop over tokens. 10,000 articles must export in about two seconds
(benchmarks/bench_export.py); the per-document :func:`~annotator.exporting.segment.segment`
stays the reference, and a property test checks both agree.

The batch's documents are laid end to end (texts joined with ``\\n``), so every offset and
token index is global; no token or span crosses from one document into the next.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from annotator.exporting.assemble import Pieces, byte_offsets, gather, interleave
from annotator.exporting.source import ExportDocument
from annotator.tagging import ENCODE, nest_levels

BATCH_DOCUMENTS = 1000

_EMPTY = np.zeros(0, dtype=np.int64)


@dataclass(slots=True)
class Batch:
    documents: Sequence[ExportDocument]
    text: str  # the documents' texts joined with "\n"
    starts: np.ndarray  # token starts after splits (global character offsets)
    ends: np.ndarray
    doc_tokens: np.ndarray  # index of each document's first token, and the total at the end
    sentence_firsts: np.ndarray  # first token of each sentence (after joins)
    sentence_ends: np.ndarray  # one past the last token of each sentence
    levels: list[tuple[np.ndarray, np.ndarray, list[str]]] = field(default_factory=list)  # (firsts, lasts, labels)
    split_tokens: int = 0
    joined_sentences: int = 0
    uncovered_spans: int = 0
    dropped_nested: int = 0
    spans_written: int = 0


def _pairs(blobs: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """Concatenated packed pairs as an ``(n, 2)`` int64 array, and each blob's pair count."""
    counts = np.fromiter((len(b) // 8 for b in blobs), dtype=np.int64, count=len(blobs))
    flat = np.frombuffer(b"".join(blobs), dtype="<u4").astype(np.int64)
    return flat.reshape(-1, 2), counts


def build_batch(documents: Sequence[ExportDocument], *, flat: bool) -> Batch:
    texts = [doc.text for doc in documents]
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    char_base = np.concatenate(([0], np.cumsum(lengths + 1)[:-1])).astype(np.int64)
    # the stored segmentation only: the tokens the window and recommenders see (tokentext.segment)
    tokens, token_counts = _pairs([doc.row.tokens_blob for doc in documents])
    sentences, sentence_counts = _pairs([doc.row.sentences_blob for doc in documents])
    token_shift = np.repeat(char_base, token_counts)
    starts, ends = tokens[:, 0] + token_shift, tokens[:, 1] + token_shift
    doc_tokens = np.concatenate(([0], np.cumsum(token_counts))).astype(np.int64)
    sentences = sentences + np.repeat(doc_tokens[:-1], sentence_counts)[:, None]

    span_counts = [len(doc.spans) for doc in documents]
    all_spans = [span for doc in documents for span in doc.spans]
    offsets = np.array([(s[2], s[3]) for s in all_spans], dtype=np.int64).reshape(-1, 2)
    offsets += np.repeat(char_base, span_counts)[:, None]
    labels = [s[4] for s in all_spans]
    batch = Batch(documents, "\n".join(texts), starts, ends, doc_tokens, _EMPTY, _EMPTY)

    if len(all_spans):  # split tokens at span boundaries inside them
        bounds = _distinct(np.sort(offsets.ravel()))
        owner = np.searchsorted(starts, bounds, side="right") - 1
        valid = owner >= 0
        owner, bounds = owner[valid], bounds[valid]
        inside = (starts[owner] < bounds) & (bounds < ends[owner])
        owners, cuts = owner[inside], bounds[inside]
        if len(cuts):
            starts, ends = np.insert(starts, owners + 1, cuts), np.insert(ends, owners, cuts)
            batch.starts, batch.ends = starts, ends
            batch.split_tokens = len(_distinct(owners))
            batch.doc_tokens = doc_tokens + np.searchsorted(owners, doc_tokens, side="left")
            sentences = sentences + np.searchsorted(owners, sentences, side="left")

    firsts = np.searchsorted(starts, offsets[:, 0], side="left")
    lasts = np.searchsorted(ends, offsets[:, 1], side="right")
    covered = firsts < lasts
    batch.uncovered_spans = int(len(all_spans) - covered.sum())
    firsts, lasts = firsts[covered], lasts[covered]
    labels = [label for label, ok in zip(labels, covered.tolist(), strict=True) if ok]
    span_docs = np.repeat(np.arange(len(documents)), span_counts)[covered]

    batch.sentence_firsts, batch.sentence_ends, batch.joined_sentences = _join_crossed(sentences, firsts, lasts)
    batch.levels, batch.dropped_nested = _levels(firsts, lasts, labels, span_docs, flat=flat)
    batch.spans_written = sum(len(level[0]) for level in batch.levels)
    return batch


def _distinct(ordered: np.ndarray) -> np.ndarray:
    """The distinct values of a sorted array (np.unique hashes first: slower for this)."""
    if len(ordered) < 2:
        return ordered
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]


def _join_crossed(sentences: np.ndarray, firsts: np.ndarray, lasts: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """Sentence starts and ends with the sentences a span crosses joined into one."""
    sentence_firsts, sentence_ends = sentences[:, 0], sentences[:, 1]
    count = len(sentence_firsts)
    if not len(firsts) or not count:
        return sentence_firsts, sentence_ends, 0
    a = np.searchsorted(sentence_firsts, firsts, side="right") - 1
    b = np.searchsorted(sentence_firsts, lasts - 1, side="right") - 1
    crossing = a != b
    if not crossing.any():
        return sentence_firsts, sentence_ends, 0
    reach = np.arange(count)
    np.maximum.at(reach, a[crossing], b[crossing])
    reach = np.maximum.accumulate(reach)
    group_end = reach == np.arange(count)
    group_start = np.concatenate(([True], reach[:-1] < np.arange(1, count)))
    return sentence_firsts[group_start], sentence_ends[group_end], int(count - group_end.sum())


def _levels(
    firsts: np.ndarray, lasts: np.ndarray, labels: list[str], span_docs: np.ndarray, *, flat: bool
) -> tuple[list[tuple[np.ndarray, np.ndarray, list[str]]], int]:
    """Ranges per nesting level. Documents whose spans do not overlap (most) keep them all on the
    first level; the others go through :func:`~annotator.tagging.nest_levels`."""
    if not len(firsts):
        return [], 0
    reach = np.maximum.accumulate(lasts)
    overlapping = np.zeros(len(firsts), dtype=bool)
    overlapping[1:] = firsts[1:] < reach[:-1]  # documents never overlap: their tokens follow each other
    nested_docs = np.unique(span_docs[overlapping])
    if not len(nested_docs):
        return [(firsts, lasts, labels)], 0
    in_nested = np.isin(span_docs, nested_docs)
    simple = np.flatnonzero(~in_nested).tolist()
    per_level: list[list[tuple[int, int, str]]] = [[(int(firsts[i]), int(lasts[i]), labels[i]) for i in simple]]
    first_list, last_list = firsts.tolist(), lasts.tolist()
    doc_list = span_docs.tolist()
    by_doc: dict[int, list[tuple[int, int, str]]] = {}
    for i in np.flatnonzero(in_nested).tolist():
        by_doc.setdefault(doc_list[i], []).append((first_list[i], last_list[i], labels[i]))
    for ranges in by_doc.values():
        for depth, level in enumerate(nest_levels(ranges)):
            if depth == len(per_level):
                per_level.append([])
            per_level[depth].extend(level)
    dropped = sum(len(level) for level in per_level[1:]) if flat else 0
    if flat:
        per_level = per_level[:1]
    out = []
    for level in per_level:
        level.sort()
        out.append(
            (
                np.array([r[0] for r in level], dtype=np.int64),
                np.array([r[1] for r in level], dtype=np.int64),
                [r[2] for r in level],
            )
        )
    return out, dropped


def encode_level(
    level: tuple[np.ndarray, np.ndarray, list[str]], scheme: str, sentence_firsts: np.ndarray
) -> tuple[list[int], list[str]]:
    """The tagged tokens of one level and their tags, by the rule table of
    :data:`annotator.tagging.ENCODE` (every other token of the level is ``O``)."""
    firsts, lasts, labels = level
    if not len(firsts):
        return [], []
    single, first_prefix, middle, last_prefix = ENCODE[scheme]
    lengths = lasts - firsts
    label_array = np.array(labels, dtype=object)
    head = np.where(lengths == 1, single + "-", first_prefix + "-").astype(object)
    if scheme == "iob1":  # B- for an entity right after one of the same type, inside one sentence
        after_same = np.zeros(len(firsts), dtype=bool)
        after_same[1:] = (lasts[:-1] == firsts[1:]) & (label_array[:-1] == label_array[1:])
        head[after_same & ~np.isin(firsts, sentence_firsts)] = "B-"
    inner = np.maximum(lengths - 2, 0)
    inner_positions = np.repeat(firsts + 1, inner) + (
        np.arange(inner.sum()) - np.repeat(np.cumsum(inner) - inner, inner)
    )
    longer = lengths > 1
    positions = np.concatenate((firsts, inner_positions, lasts[longer] - 1))
    tags = np.concatenate(
        (head + label_array, np.repeat(middle + "-" + label_array, inner), last_prefix + "-" + label_array[longer])
    )
    return positions.tolist(), tags.tolist()


def conll_text(batch: Batch, scheme: str, width: int, docstart: str | None) -> str:
    """The batch's CoNLL text (:func:`conll_bytes` decoded)."""
    return conll_bytes(batch, scheme, width, docstart).decode("utf-8")


def conll_bytes(batch: Batch, scheme: str, width: int, docstart: str | None) -> bytes:
    """The batch's CoNLL file content in UTF-8: word, tags and line end for every token, a blank
    line after each sentence, and ``docstart`` before each document when given.

    Each token is three byte ranges: its ``docstart`` prefix (empty for most), its word (a slice
    of the encoded text) and its cell (tags and line ends). Cells are few distinct strings, so
    only tagged tokens get a Python step, and the whole output is one gather
    (:mod:`annotator.exporting.assemble`)."""
    count = len(batch.starts)
    if not count:
        return b""
    pieces = Pieces()
    cells = [pieces.id("\t" + "\t".join(["O"] * width) + "\n")]  # the plain cell first
    cell = np.full(count, cells[0], dtype=np.int64)
    levels = [encode_level(level, scheme, batch.sentence_firsts) for level in batch.levels]
    if len(levels) == 1 and width == 1:
        positions, tags = levels[0]
        id_of = {tag: pieces.id(f"\t{tag}\n") for tag in set(tags)}
        cell[positions] = np.fromiter(map(id_of.__getitem__, tags), dtype=np.int64, count=len(tags))
    elif levels:
        rows: dict[int, list[str]] = {}
        for depth, (positions, tags) in enumerate(levels):
            for position, tag in zip(positions, tags, strict=True):
                rows.setdefault(position, ["O"] * width)[depth] = tag
        cell[list(rows)] = [pieces.id("\t" + "\t".join(row) + "\n") for row in rows.values()]
    line_ends = np.bincount((batch.sentence_ends - 1) % count, minlength=count)  # -1 is the last, as in a list
    cell = _with_suffixes(pieces, cell, line_ends, "\n")
    prefix = np.zeros(count, dtype=np.int64)
    if docstart is not None:
        firsts = batch.doc_tokens[:-1]
        prefix = _with_suffixes(pieces, prefix, np.bincount(firsts[firsts < count], minlength=count), docstart)
    data = batch.text.encode("utf-8")
    table, piece_starts, piece_lengths = pieces.encoded()
    piece_starts = piece_starts + len(data)
    words = byte_offsets(batch.text, interleave(batch.starts, batch.ends))
    word_starts, word_ends = words[0::2], words[1::2]
    source = np.frombuffer(data + table, dtype=np.uint8)
    starts = interleave(piece_starts[prefix], word_starts, piece_starts[cell])
    lengths = interleave(piece_lengths[prefix], word_ends - word_starts, piece_lengths[cell])
    return gather(source, starts, lengths)


def _with_suffixes(pieces: Pieces, ids: np.ndarray, times: np.ndarray, suffix: str) -> np.ndarray:
    """``ids`` of pieces with ``suffix`` added ``times[i]`` times: a lookup table of every piece
    with every count (pieces are a handful of cells), indexed by ``(ids, times)``."""
    if not times.any():
        return ids
    most = int(times.max())
    table = [[pieces.id(piece + suffix * n) for n in range(most + 1)] for piece in list(pieces.ids)]
    return np.array(table, dtype=np.int64)[ids, times]
