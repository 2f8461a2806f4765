"""Tokens and sentences with exact offsets into the stored text.

Tokens are camel-tools' ``simple_word_tokenize`` tokens: verbatim substrings of
whitespace-separated words, split before and after symbols, punctuation and emoji. We run
camel-tools' own per-word loop with its own symbol pattern and set, but record offsets as we
go and skip positions where no symbol can start (most Arabic words have none). That is about
ten times faster than tokenizing and then scanning for each token, and a property test checks
the tokens equal ``simple_word_tokenize``'s. camel-tools' tokenizer does not import torch.

Sentences follow one documented rule (docs/formats.md): a sentence ends at a line break, or
after ``.``, ``!``, ``?``, ``؟`` or ``…`` (optionally followed by closing quotes or brackets)
when whitespace follows. So ``3.5`` and ``U.N`` never end a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache

from annotator.model import Sentence, Token

SENTENCE_ENDERS = frozenset({".", "!", "?", "؟", "…"})
CLOSERS = frozenset({'"', "'", "”", "’", "»", "›", ")", "]", "}"})
_WORD = re.compile(r"\S+")
_SPACE = re.compile(r"\s")


@cache
def _camel() -> tuple[re.Pattern[str], frozenset[str], frozenset[str]]:
    """camel-tools' symbol pattern and set, and the characters a symbol can start with."""
    from camel_tools.tokenizers import word

    symbols = frozenset(word._SYMBOLS_ALL)
    return word._SYMBOLS_RE, symbols, frozenset(s[0] for s in symbols)


@cache
def camel_tokenizer_name() -> str:
    """What the ``segmentation.tokenizer`` column says of these tokens (with camel-tools' version).
    Cached: reading a distribution's version scans the installed packages (about 0.2 ms), and an
    import asks once per document. ``importlib.metadata`` is imported here, not at the top: it
    pulls in the email package (about 20 ms), which opening the window never needs."""
    from importlib.metadata import version

    return f"camel-tools {version('camel-tools')} simple_word_tokenize"


def _split_word(word: str, start: int, out: list[tuple[int, int]]) -> None:
    """camel-tools' per-word loop, skipping positions where no symbol can start."""
    pattern, symbols, firsts = _camel()
    piece_start = 0
    i = 0
    n = len(word)
    while i < n:
        if word[i] in firsts:
            match = pattern.match(word, i)
            if match is not None and match[0] in symbols:
                if i != piece_start:
                    out.append((start + piece_start, start + i))
                out.append((start + i, start + match.end()))
                i = piece_start = match.end()
                continue
        i += 1
    if piece_start < n:
        out.append((start + piece_start, start + n))


def token_offsets(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of every camel-tools token of ``text``."""
    firsts = _camel()[2]
    offsets: list[tuple[int, int]] = []
    for match in _WORD.finditer(text):
        word = match.group()
        if firsts.isdisjoint(word):
            offsets.append(match.span())
        else:
            _split_word(word, match.start(), offsets)
    return offsets


def camel_pieces(text: str, tokens: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The camel-tools tokens inside each stored token of ``text``, in order (a token stored by another
    tokenizer, e.g. «بيروت،» from a CoNLL file, gives two). A token nothing in which can start a
    split (every token of a plain-text document) is kept as it is, without a regex pass: one loop
    over a document's tokens, as cheap as reading them."""
    firsts, space = _camel()[2], _SPACE.search
    out: list[tuple[int, int]] = []
    for start, end in tokens:
        word = text[start:end]
        if firsts.isdisjoint(word) and space(word) is None:
            out.append((start, end))
        else:
            out.extend((start + a, start + b) for a, b in token_offsets(word))
    return out


def tokenize(text: str) -> list[Token]:
    return [Token(s, e, text[s:e]) for s, e in token_offsets(text)]


def sentence_bounds(text: str, tokens: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Token index ranges ``[first, last)`` of each sentence, by the module's rule."""
    bounds: list[tuple[int, int]] = []
    first = 0
    ended_by_punct = False  # the current token run ends with an ender (plus closers)
    count = len(tokens)
    for i, (start, end) in enumerate(tokens):
        piece = text[start:end]
        if piece in SENTENCE_ENDERS:
            ended_by_punct = True
        elif not (piece in CLOSERS and ended_by_punct and tokens[i - 1][1] == start):
            ended_by_punct = False
        next_start = tokens[i + 1][0] if i + 1 < count else len(text)
        gap = text[end:next_start]
        if i + 1 == count or "\n" in gap or (ended_by_punct and gap and gap.isspace()):
            bounds.append((first, i + 1))
            first = i + 1
            ended_by_punct = False
    return bounds


def split_sentences(text: str, tokens: Sequence[tuple[int, int]] | Sequence[Token]) -> list[Sentence]:
    pairs = [(t.start, t.end) if isinstance(t, Token) else t for t in tokens]
    return [Sentence(pairs[a][0], pairs[b - 1][1], a, b) for a, b in sentence_bounds(text, pairs)]
