"""Documents rebuilt from token lists (CoNLL, Hugging Face): the text and each token's offsets.

Tokens are joined with single spaces and sentences with line breaks (docs/formats.md). Such a
document carries ``meta["tokens"] = "whitespace"``: its tokens are its whitespace-separated
words and its sentences are its lines, so an export gives back exactly the tokens and sentences
that came in (camel-tools may split those words further for the window; exports do not).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

TOKENS_META = "tokens"
WHITESPACE_TOKENS = "whitespace"
_WORD = re.compile(r"\S+")


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
