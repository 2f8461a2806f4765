"""From character spans to token-based output without losing or widening a span.

- A span boundary inside a token (a clitic: «و» + «موسكو») splits that token at the boundary.
- A span that crosses a sentence boundary joins those sentences, so no entity is cut in two.
- A span covering no token (only spaces) cannot be written in a token format: it is counted.
- Overlapping spans are spread over nesting levels (one tag column each), outermost first.

These are the rules, one document at a time (Hugging Face and Prodigy exports use them, and
they are the reference the batch path of CoNLL exports, :mod:`annotator.exporting.batch`, is
tested against). Token offsets are numpy arrays: no step loops over tokens in Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter

import numpy as np

from annotator.store.export_queries import SpanRow
from annotator.tagging import encode_into, nest_levels

_OFFSETS, _LABEL, _ID = itemgetter(2, 3), itemgetter(4), itemgetter(1)  # of a SpanRow


@dataclass(slots=True)
class Segmented:
    starts: np.ndarray  # token starts (int64)
    ends: np.ndarray
    sentences: list[tuple[int, int]]  # token index ranges [first, last)
    ranges: list[tuple[int, int, str]]  # the spans as token ranges (spans covering no token left out)
    span_ids: list[str]  # parallel to ranges
    split_tokens: int = 0  # tokens split at a span boundary
    joined_sentences: int = 0  # sentence boundaries removed because a span crossed them
    uncovered_spans: int = 0  # spans covering no token

    @property
    def tokens(self) -> list[tuple[int, int]]:
        return list(zip(self.starts.tolist(), self.ends.tolist(), strict=True))

    def words(self, text: str) -> list[str]:
        return words_of(text, self.starts, self.ends)


def split_tokens(starts: np.ndarray, ends: np.ndarray, bounds: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Tokens split at every boundary strictly inside them: new starts and ends, and the old
    indices of the tokens that were split (one entry per added piece)."""
    owner = np.searchsorted(starts, bounds, side="right") - 1
    valid = owner >= 0
    owner, bounds = owner[valid], bounds[valid]
    inside = (starts[owner] < bounds) & (bounds < ends[owner])
    if not inside.any():
        return starts, ends, owner[:0]
    owner, cuts = owner[inside], bounds[inside]
    # a cut lies strictly inside a token, so it equals no start and no end: it simply joins both
    return np.sort(np.concatenate((starts, cuts))), np.sort(np.concatenate((ends, cuts))), owner


def _join_crossed(sentences: list[tuple[int, int]], firsts: np.ndarray, lasts: np.ndarray) -> tuple[list, int]:
    """Sentences merged wherever a token range ``[first, last)`` crosses from one into the next."""
    sentence_starts = np.fromiter((a for a, _ in sentences), dtype=np.int64, count=len(sentences))
    a = np.searchsorted(sentence_starts, firsts, side="right") - 1
    b = np.searchsorted(sentence_starts, lasts - 1, side="right") - 1
    crossing = a != b
    if not crossing.any():
        return sentences, 0
    reach = np.arange(len(sentences))
    np.maximum.at(reach, a[crossing], b[crossing])
    reach = np.maximum.accumulate(reach)  # a sentence joined into an earlier one carries on its reach
    out: list[tuple[int, int]] = []
    k = 0
    reach_list = reach.tolist()
    while k < len(sentences):
        end = reach_list[k]
        while reach_list[end] > end:  # a joined sentence may reach further still
            end = reach_list[end]
        out.append((sentences[k][0], sentences[end][1]))
        k = end + 1
    return out, len(sentences) - len(out)


def segment(
    starts: np.ndarray, ends: np.ndarray, sentences: list[tuple[int, int]], spans: Sequence[SpanRow]
) -> Segmented:
    """Tokens and sentences for a token-based export of ``spans`` (see the module docstring)."""
    if not spans:
        return Segmented(starts, ends, sentences, [], [])
    offsets = np.array(list(map(_OFFSETS, spans)), dtype=np.int64)
    span_starts, span_ends = offsets[:, 0], offsets[:, 1]
    bounds = np.unique(offsets)
    starts, ends, owners = split_tokens(starts, ends, bounds)
    split = 0
    if len(owners):
        split = len(np.unique(owners))
        old = np.array(sentences, dtype=np.int64)  # renumber: add the pieces inserted before each index
        shift = np.searchsorted(np.sort(owners), old, side="left")
        sentences = [(int(a), int(b)) for a, b in (old + shift).tolist()]
    firsts = np.searchsorted(starts, span_starts, side="left")
    lasts = np.searchsorted(ends, span_ends, side="right")
    covered = firsts < lasts
    uncovered = int(len(spans) - covered.sum())
    labels = list(map(_LABEL, spans))
    ids = list(map(_ID, spans))
    if uncovered:
        keep = covered.tolist()
        labels = [label for label, ok in zip(labels, keep, strict=True) if ok]
        ids = [span_id for span_id, ok in zip(ids, keep, strict=True) if ok]
        firsts, lasts = firsts[covered], lasts[covered]
    ranges = list(zip(firsts.tolist(), lasts.tolist(), labels, strict=True))
    joined_sentences, joined = _join_crossed(sentences, firsts, lasts) if ranges else (sentences, 0)
    return Segmented(starts, ends, joined_sentences, ranges, ids, split, joined, uncovered)


def tag_columns(seg: Segmented, scheme: str, *, flat: bool) -> tuple[list[list[str]], int]:
    """One tag list per nesting level (or only the outermost with ``flat``) and how many spans
    ``flat`` left out. Tags are encoded per sentence (IOB1's ``B-`` never reaches across one)."""
    levels = nest_levels(seg.ranges) if seg.ranges else []
    dropped = sum(len(level) for level in levels[1:]) if flat else 0
    if flat:
        levels = levels[:1]
    breaks = frozenset(first for first, _ in seg.sentences) if scheme == "iob1" else frozenset()
    columns = []
    for level in levels:
        tags = ["O"] * len(seg.starts)
        encode_into(tags, level, scheme, breaks)
        columns.append(tags)
    return columns, dropped


def words_of(text: str, starts: np.ndarray, ends: np.ndarray) -> list[str]:
    """The tokens' text, fast: a space is inserted wherever two tokens touch («بوتين.» → «بوتين .»)
    and the text split at whitespace, which no token contains (tokens are runs of non-space)."""
    touching = np.flatnonzero(ends[:-1] == starts[1:]) if len(starts) > 1 else starts[:0]
    inside = text[int(starts[0]) : int(ends[-1])] if len(starts) else ""
    if len(touching):
        cuts = (ends[touching] - starts[0]).tolist()
        inside = " ".join(inside[a:b] for a, b in zip([0, *cuts], [*cuts, len(inside)], strict=True))
    words = inside.split()
    if len(words) != len(starts):  # cannot happen for tokens of non-space runs; stay exact anyway
        words = [text[a:b] for a, b in zip(starts.tolist(), ends.tolist(), strict=True)]
    return words
