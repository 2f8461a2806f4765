"""Documents rebuilt from token lists (CoNLL, Hugging Face): the text and each token's offsets.

Tokens are joined with single spaces and sentences with line breaks (docs/formats.md). Such a
document carries ``meta["tokens"] = "whitespace"``: its tokens are its whitespace-separated
words and its sentences are its lines. :func:`segment` is the one rule for which tokens a
document has: those it came with, else camel-tools'. The store keeps the result in the
document's ``segmentation`` row, and snapping, token κ, the recommenders and exports all read
that row, so a CoNLL file's tokens are the tokens everywhere and an export gives them back.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from annotator.tokens import camel_tokenizer_name, sentence_bounds, token_offsets

TOKENS_META = "tokens"
WHITESPACE_TOKENS = "whitespace"
IMPORTED_TOKENIZER = "imported tokens (whitespace-separated, from a token list)"
_WORD = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Segmentation:
    """A document's tokens (``[start, end)`` offsets) and sentences (token index ranges), and
    the name of what produced them (the ``segmentation.tokenizer`` column)."""

    tokenizer: str
    tokens: list[tuple[int, int]]
    sentences: list[tuple[int, int]]


def join_tokens(sentences: Sequence[Sequence[str]]) -> tuple[str, list[list[tuple[int, int]]]]:
    """The text of ``sentences`` of tokens, and each token's ``[start, end)`` per sentence."""
    pieces: list[str] = []
    offsets: list[list[tuple[int, int]]] = []
    position = 0
    for number, tokens in enumerate(sentences):
        if number:
            pieces.append("\n")
            position += 1
        row: list[tuple[int, int]] = []
        for i, token in enumerate(tokens):
            if i:
                pieces.append(" ")
                position += 1
            row.append((position, position + len(token)))
            pieces.append(token)
            position += len(token)
        offsets.append(row)
    return "".join(pieces), offsets


def whitespace_segmentation(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Tokens (whitespace-separated words) and sentences (token ranges of each non-empty line)."""
    tokens: list[tuple[int, int]] = []
    sentences: list[tuple[int, int]] = []
    line_start = 0
    for line in text.split("\n"):
        first = len(tokens)
        tokens.extend((line_start + m.start(), line_start + m.end()) for m in _WORD.finditer(line))
        if len(tokens) > first:
            sentences.append((first, len(tokens)))
        line_start += len(line) + 1
    return tokens, sentences


def has_whitespace_tokens(meta: dict) -> bool:
    return meta.get(TOKENS_META) == WHITESPACE_TOKENS


def segment(text: str, meta: dict) -> Segmentation:
    """The document's one segmentation: its own tokens and lines when it came from a token list
    (``meta`` carries the marker), else camel-tools' tokens and the sentence rule."""
    if has_whitespace_tokens(meta):
        tokens, sentences = whitespace_segmentation(text)
        return Segmentation(IMPORTED_TOKENIZER, tokens, sentences)
    offsets = token_offsets(text)
    return Segmentation(camel_tokenizer_name(), offsets, sentence_bounds(text, offsets))
