"""The fast keyed pieces equal string matching's, piece by piece, on any text and any stored tokens."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from annotator.consistency.pieces import Pieces
from annotator.tokens import token_offsets

# Arabic letters and the characters that fold differently: harakat, tatweel, alef forms, ta
# marbuta, bidi marks, a ligature that folds to two letters, an astral letter, punctuation, digits.
ALPHABET = "بوتينموسكالرئقهة" + "َُِّْ" + "ـ" + "أإآى" + "\u200f\u200c" + "ﻻ" + "𝐀" + "،.()«»" + "2٣" + "  \n"


@given(st.text(ALPHABET, max_size=60), st.booleans())
def test_fast_pieces_equal_the_plain_ones(text, camel_tokens):
    tokens = token_offsets(text) if camel_tokens else [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    assert Pieces.of(text, tokens) == Pieces.plain(text, tokens)


def test_a_conll_token_with_its_comma_gives_two_pieces():
    text = "زار بيروت، ثم عاد"
    tokens = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    pieces = Pieces.of(text, tokens)
    assert pieces.keys == ["زار", "بيروت", "،", "ثم", "عاد"]
