"""Turning a rough selection into span offsets: an explicit, testable policy.

Character offsets are the truth (as in spaCy's ``char_span``); snapping only decides which
offsets a selection becomes. Three policies:

- ``EXACT``: the selected characters, minus surrounding whitespace.
- ``TOKEN``: grow each end to the token it falls in.
- ``CLITIC`` (the window's default): like ``TOKEN``, but an end that falls *inside* a word
  may stop at a clitic boundary of that word instead of the word's edge. Arabic attaches
  proclitics (و ف, then ب ك ل, then the article ال; ل + ال is written لل) and pronoun
  suffixes (ه ها هم هما هن ك كم كما كن ي ني نا) to the word, so in «وموسكو» a selection
  starting anywhere inside the word after «و» yields «موسكو».

Snapping only ever *grows* a selection: the start moves back to the nearest boundary at or
before it (the selection started after that clitic), the end forward to the nearest one at or
after it. So a selection that starts on a word's first letter keeps the whole word, even when
that letter could be a clitic (the ف of «فرانكفورت», the ل of «لبنان»).

A project whose boundary convention keeps proclitics inside spans (ANERcorp's «وموسكو»,
:mod:`annotator.conventions`) snaps with ``proclitics_in=True``: the start then never stops at a
clitic boundary and goes back to the word's first letter; pronoun suffixes are left out as before.

A boundary leaves at least two letters of stem. Harakat and tatweel after a clitic letter
belong to the clitic.

A mouse drag is described by its two ends (:class:`DragEnd`): on a character, or at a gap
between characters (off the text). :func:`drag_range` turns them into the selection, always
including the characters under the press and the release.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
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


def _start(token: tuple[int, int]) -> int:
    return token[0]


def _end(token: tuple[int, int]) -> int:
    return token[1]


def snap_selection(
    text: str,
    tokens: Sequence[tuple[int, int]],
    start: int,
    end: int,
    policy: Snap = Snap.CLITIC,
    *,
    proclitics_in: bool = False,
) -> tuple[int, int] | None:
    """The span offsets for a selection ``[start, end)`` of ``text``, or ``None`` if it holds no word.

    ``tokens`` are the document's token offsets in order (``Project.token_offsets``).
    ``proclitics_in``: the project keeps proclitics inside spans, so ``CLITIC`` never leaves one
    out at the start (it still leaves pronoun suffixes out at the end).
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
    if policy is Snap.CLITIC and t_start < start and not proclitics_in:
        # only a clitic that ends at or before the selection's start may be left out
        inner = [t_start + b for b in proclitic_boundaries(text[t_start:t_end])]
        new_start = max(b for b in (t_start, *inner) if b <= start)
    u_start, u_end = tokens[last]
    new_end = u_end
    if policy is Snap.CLITIC and end < u_end:
        # only a suffix that starts at or after the selection's end may be left out
        inner = [u_start + b for b in suffix_boundaries(text[u_start:u_end])]
        new_end = min(b for b in (*inner, u_end) if b >= end)
    return new_start, new_end


@dataclass(frozen=True)
class DragEnd:
    """One end of a mouse drag, in code points of the text.

    ``on_char``: the pointer is on the character at ``offset`` (it belongs to the selection);
    otherwise it is off the text (a margin, past a line's end) and ``offset`` is the gap there.
    """

    offset: int
    on_char: bool = True


def _cluster(text: str, offset: int) -> tuple[int, int]:
    """The character at ``offset`` with its harakat: the pointer cannot tell a letter from its marks."""
    start, end = offset, offset + 1
    while start > 0 and _is_mark(text[start]):
        start -= 1
    while end < len(text) and _is_mark(text[end]):
        end += 1
    return start, end


def drag_range(text: str, press: DragEnd, release: DragEnd) -> tuple[int, int]:
    """The selection ``[start, end)`` a drag makes, whichever way it went.

    It holds every character from the one under the press to the one under the release, both
    included however narrow they are (an alef is 3 pixels wide); an end off the text counts
    from its gap. Snapping (:func:`snap_selection`) then only grows it.
    """
    starts, ends = [], []
    for end in (press, release):
        lo, hi = _cluster(text, end.offset) if end.on_char and end.offset < len(text) else (end.offset,) * 2
        starts.append(lo)
        ends.append(hi)
    return min(starts), max(ends)
