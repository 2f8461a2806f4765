"""A document's keyed pieces, read fast: what the checks scan on 10,000 documents in seconds.

The pieces are string matching's (:func:`annotator.tokens.camel_pieces`: the camel-tools tokens
inside each stored token), each with its :func:`~annotator.normalize.match_key`. Done token by
token that costs a function call, a slice and a translation per token, several seconds on a
corpus of 10,000 articles. Most documents need none of it:

- a text is folded *once*, character for character, and a piece's key is a slice of the fold
  at the piece's own offsets (:func:`piece_keys`);
- a stored token is split into pieces only when it holds a character camel-tools may split at
  (punctuation, a symbol, a mark): one regular-expression pass over the text finds them, and
  the rest of the tokens are their own pieces.

The plain path, piece by piece (:meth:`Pieces.plain`), is the reference: the results are equal.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from annotator.normalize import match_key
from annotator.tokens import camel_pieces

# Where camel-tools may split a stored token: a character neither a letter, a digit nor a space
# (punctuation, a symbol, a mark) or "_", next to something that is not a space (a lone one is a
# token of its own). Digits run with letters: «2010م» is one piece.
_SYMBOL = r"[^\w\s\u064b-\u065f\u0670]"  # harakat are marks camel-tools never splits at
_SPLITTABLE = re.compile(rf"(?<=\S){_SYMBOL}|{_SYMBOL}(?=\S)|_")


_GONE = "\x00"  # what a character that folds to nothing becomes in the aligned fold


class _AlignedTable(dict[int, str]):
    """A ``str.translate`` table folding each character to exactly one: its key character, or
    :data:`_GONE` for one that folds to nothing; one that folds to several (a ligature) is kept
    as it is and marked in :attr:`wide`. Fills itself, each code point folded once."""

    wide: set[int]

    def __init__(self) -> None:
        super().__init__()
        self.wide = set()

    def __missing__(self, code: int) -> str:
        folded = match_key(chr(code))
        if len(folded) > 1:
            self.wide.add(code)
        value = self[code] = folded if len(folded) == 1 else (_GONE if not folded else chr(code))
        return value


_ALIGNED = _AlignedTable()


def piece_keys(text: str, offsets: list[tuple[int, int]]) -> list[str]:
    """``match_key`` of every ``text[start:end]``, from one fold of the whole text.

    Folding is per character: folded one for one (marks that fold to nothing become a
    placeholder, dropped from the keys that hold one), a piece's key is a slice of the fold at
    the piece's own offsets. A text with a character that folds to several (rare: presentation
    ligatures) is keyed piece by piece."""
    folded = text.translate(_ALIGNED)
    if _ALIGNED.wide and not _ALIGNED.wide.isdisjoint(map(ord, set(text))):
        return [match_key(text[s:e]) for s, e in offsets]
    keys = [folded[s:e] for s, e in offsets]
    gone = folded.find(_GONE)
    while gone != -1:  # few: the harakat of a mostly bare text
        i = bisect_right(offsets, (gone, len(text) + 1)) - 1
        if i >= 0 and offsets[i][1] > gone:
            keys[i] = keys[i].replace(_GONE, "")
            gone = offsets[i][1]
        else:
            gone += 1
        gone = folded.find(_GONE, gone)
    return keys


@dataclass(frozen=True, slots=True)
class Pieces:
    """A document's camel-tools pieces that have a matching key, with their keys, in text order."""

    offsets: list[tuple[int, int]]
    keys: list[str]

    @classmethod
    def of(cls, text: str, tokens: list[tuple[int, int]]) -> Pieces:
        offsets = _split(text, tokens)
        keys = piece_keys(text, offsets)
        if all(keys):
            return cls(offsets, keys)
        kept = [i for i, key in enumerate(keys) if key]  # a piece of marks alone has no key
        return cls([offsets[i] for i in kept], [keys[i] for i in kept])

    @classmethod
    def plain(cls, text: str, tokens: list[tuple[int, int]]) -> Pieces:
        """Piece by piece: the reference the fast path must equal."""
        offsets, keys = [], []
        for start, end in camel_pieces(text, tokens):
            key = match_key(text[start:end])
            if key:
                offsets.append((start, end))
                keys.append(key)
        return cls(offsets, keys)


def _split(text: str, tokens: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stored tokens with those holding a splittable character replaced by their pieces."""
    marked: set[int] = set()
    for match in _SPLITTABLE.finditer(text):
        i = bisect_right(tokens, (match.start(), len(text) + 1)) - 1
        if i >= 0 and tokens[i][1] - tokens[i][0] > 1 and tokens[i][1] > match.start():
            marked.add(i)
    if not marked:
        return tokens
    out: list[tuple[int, int]] = []
    previous = 0
    for i in sorted(marked):
        out.extend(tokens[previous:i])
        out.extend(camel_pieces(text, [tokens[i]]))
        previous = i + 1
    out.extend(tokens[previous:])
    return out
