"""Turning a rough selection into span offsets: an explicit, testable policy.

Character offsets are the truth (as in spaCy's ``char_span``); snapping only decides which
offsets a selection becomes. Three policies:

- ``EXACT``: the selected characters, minus surrounding whitespace.
- ``TOKEN``: grow each end to the token it falls in.
- ``CLITIC`` (the window's default): like ``TOKEN``, but an end that falls *inside* a word
  may stop at a clitic boundary of that word, the one nearest to where the selection ended.
  Arabic attaches proclitics (و ف, then ب ك ل, then the article ال; ل + ال is written لل)
  and pronoun suffixes (ه ها هم هما هن ك كم كما كن ي ني نا) to the word, so in «وموسكو» a
  selection starting anywhere inside the word after «و» yields «موسكو».

A boundary leaves at least two letters of stem. Harakat and tatweel after a clitic letter
belong to the clitic.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from enum import StrEnum

CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ك", "ل")
ARTICLE = "ال"
PRONOUN_SUFFIXES = ("هما", "كما", "هم", "هن", "ها", "كم", "كن", "ني", "نا", "ه", "ك", "ي")
MIN_STEM = 2
_TATWEEL = "\u0640"


class Snap(StrEnum):
    EXACT = "exact"
    TOKEN = "token"
    CLITIC = "clitic"


def _is_mark(char: str) -> bool:
    return char == _TATWEEL or unicodedata.category(char) == "Mn"


def _letters(word: str) -> list[int]:
    """Indices of the base letters of ``word`` (harakat and tatweel skipped)."""
    return [i for i, char in enumerate(word) if not _is_mark(char)]


def _after(word: str, letter_indices: list[int], n: int) -> int:
    """The index in ``word`` just after its ``n``-th base letter and the marks that follow it."""
    if n == 0:
        return 0
    i = letter_indices[n - 1] + 1
    while i < len(word) and _is_mark(word[i]):
        i += 1
    return i


def proclitic_boundaries(word: str) -> list[int]:
    """Offsets inside ``word`` where a chain of proclitics ends (ascending, 0 excluded)."""
    idx = _letters(word)
    bare = "".join(word[i] for i in idx)
    found: set[int] = set()
    for conj in ("", *CONJUNCTIONS):
        for prep in ("", *PREPOSITIONS):
            prefix = conj + prep
            if prefix and bare.startswith(prefix) and len(bare) - len(prefix) >= MIN_STEM:
                found.add(len(prefix))
            # the article after the chain; after ل it loses its alef: لل
            article = "ل" if prep == "ل" else ARTICLE
            with_article = prefix + article
            if bare.startswith(with_article) and len(bare) - len(with_article) >= MIN_STEM:
                found.add(len(with_article))
    return sorted(_after(word, idx, n) for n in found)


def suffix_boundaries(word: str) -> list[int]:
    """Offsets inside ``word`` where a pronoun suffix starts (ascending, ``len(word)`` excluded)."""
    idx = _letters(word)
    bare = "".join(word[i] for i in idx)
    found = {
        len(bare) - len(suffix)
        for suffix in PRONOUN_SUFFIXES
        if bare.endswith(suffix) and len(bare) - len(suffix) >= MIN_STEM
    }
    return sorted(_after(word, idx, n) for n in found)


def _nearest(candidates: Sequence[int], target: int, *, prefer_later: bool) -> int:
    """The candidate nearest ``target``; a tie goes to the one that makes the span longer."""
    return min(candidates, key=lambda c: (abs(c - target), -c if prefer_later else c))


def _start(token: tuple[int, int]) -> int:
    return token[0]


def _end(token: tuple[int, int]) -> int:
    return token[1]


def snap_selection(
    text: str, tokens: Sequence[tuple[int, int]], start: int, end: int, policy: Snap = Snap.CLITIC
) -> tuple[int, int] | None:
    """The span offsets for a selection ``[start, end)`` of ``text``, or ``None`` if it holds no word.

    ``tokens`` are the document's token offsets in order (``Project.token_offsets``).
    """
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return None
    if policy is Snap.EXACT or not tokens:
        return start, end
    first = bisect_right(tokens, start, key=_start) - 1  # token at or before start (O(log n), no copies)
    if first < 0 or tokens[first][1] <= start:  # start between tokens: move to the next token
        first += 1
    last = bisect_left(tokens, end, key=_end)  # token at or after end
    if last >= len(tokens) or tokens[last][0] >= end:  # end between tokens: back to the previous
        last -= 1
    if first > last or first >= len(tokens) or last < 0:
        return None
    t_start, t_end = tokens[first]
    new_start = t_start
    if policy is Snap.CLITIC and t_start < start:
        inner = [t_start + b for b in proclitic_boundaries(text[t_start:t_end])]
        new_start = _nearest([t_start, *inner], start, prefer_later=False)
    u_start, u_end = tokens[last]
    new_end = u_end
    if policy is Snap.CLITIC and end < u_end:
        inner = [u_start + b for b in suffix_boundaries(text[u_start:u_end])]
        new_end = _nearest([*inner, u_end], end, prefer_later=True)
    if new_end <= new_start:
        return t_start, u_end
    return new_start, new_end
