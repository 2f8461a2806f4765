"""Matching keys: Arabic text folded so that spelling variants compare equal.

A key is derived from the stored text and never replaces it: offsets always refer to the
original text. :func:`fold_with_offsets` keeps, for every key character, the index of the
original character it came from, so a match in the key maps back to exact offsets.

Folding, per character: NFKC; drop non-spacing marks (harakat, shadda, superscript alef,
Latin accents); drop tatweel and invisible format characters (bidi marks and isolates,
ZWJ/ZWNJ, BOM); alef variants أ إ آ ٱ → ا; alef maksura ى and Persian ی → ي; teh marbuta
ة → ه; keheh ک → ك; Arabic-Indic digits → 0-9; case folded.
"""

from __future__ import annotations

import unicodedata

_LETTERS = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ى": "ي",
    "ی": "ي",
    "ة": "ه",
    "ک": "ك",
    **{chr(0x0660 + i): str(i) for i in range(10)},  # ٠..٩
    **{chr(0x06F0 + i): str(i) for i in range(10)},  # ۰..۹
}
_DROPPED = frozenset(
    "\u0640"  # tatweel
    "\u061c"  # Arabic letter mark
    "\u200b\u200c\u200d\u200e\u200f"  # ZWSP, ZWNJ, ZWJ, LRM, RLM
    "\u202a\u202b\u202c\u202d\u202e"  # embeddings and overrides
    "\u2060\u2066\u2067\u2068\u2069"  # word joiner, isolates
    "\ufeff"
)


def _fold_char(char: str) -> str:
    out = []
    for c in unicodedata.normalize("NFKC", char):
        if c in _DROPPED or unicodedata.category(c) == "Mn":
            continue
        out.append(_LETTERS.get(c, c).casefold())
    return "".join(out)


class _FoldTable(dict[int, str]):
    """A ``str.translate`` table that fills itself: each code point is folded once."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        self[code] = folded
        return folded


_TABLE = _FoldTable()


def match_key(text: str) -> str:
    """The folded form of ``text`` used to compare words and names."""
    return text.translate(_TABLE)


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` and return, for each key character, the index of its source character."""
    parts: list[str] = []
    sources: list[int] = []
    table = _TABLE
    for i, char in enumerate(text):
        folded = table[ord(char)]
        if folded:
            parts.append(folded)
            sources.extend([i] * len(folded))
    return "".join(parts), sources


def source_range(text: str, sources: list[int], key_start: int, key_end: int) -> tuple[int, int]:
    """Map ``[key_start, key_end)`` of a key back to ``[start, end)`` of ``text``.

    The end takes in marks that follow the last matched letter (a word's final haraka
    belongs to the word) but not spaces or punctuation.
    """
    if not 0 <= key_start < key_end <= len(sources):
        raise ValueError(f"key range [{key_start}, {key_end}) is outside 0..{len(sources)}")
    start = sources[key_start]
    end = sources[key_end - 1] + 1
    limit = sources[key_end] if key_end < len(sources) else len(text)
    while end < limit and _fold_char(text[end]) == "" and not text[end].isspace():
        end += 1
    return start, end
