"""Tokens equal camel-tools' simple_word_tokenize with exact offsets; sentences follow the documented rule."""

from __future__ import annotations

import subprocess
import sys
from itertools import pairwise

import pytest
from camel_tools.tokenizers.word import simple_word_tokenize
from hypothesis import given
from hypothesis import strategies as st

from annotator.tokens import camel_pieces, split_sentences, token_offsets, tokenize

# Text mixing what Arabic news really contains: letters, diacritics, tatweel, bidi marks,
# Latin, digits (Latin and Arabic-Indic), punctuation, emoji with ZWJ and skin tones, CR/LF.
PIECES = [
    "موسكو",
    "وموسكو",
    "بُوتِين",
    "الـكرملين",
    "أوكرانيا",
    "ﻻ",
    "CNN",
    "U.S.",
    "3.5",
    "١٧٥٠٠",
    "17500",
    "،",
    "؛",
    "؟",
    ".",
    "!",
    "«",
    "»",
    "“",
    "”",
    ":",
    "(",
    ")",
    "-",
    "—",
    "…",
    "%",
    "$",
    "\u200e",
    "\u200f",
    "\u200c",
    "\u200d",
    "\u202b",
    "\u2067",
    "\u2069",
    "\u0640",
    "👨\u200d👩\u200d👧",
    "👍🏽",
    "🇸🇦",
    "1\ufe0f\u20e3",
    "#",
    "*",
    " ",
    " ",
    "  ",
    "\n",
    "\r\n",
    "\t",
    "\u00a0",
    "\u3000",
]
mixed_text = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@given(mixed_text)
def test_tokens_are_camel_tools_tokens_with_exact_offsets(text):
    offsets = token_offsets(text)
    assert [text[s:e] for s, e in offsets] == simple_word_tokenize(text)
    assert all(0 <= s < e <= len(text) for s, e in offsets)
    assert all(a[1] <= b[0] for a, b in pairwise(offsets))
    # Only whitespace lies between tokens.
    bounds = [0, *(x for pair in offsets for x in pair), len(text)]
    gaps = [text[bounds[i] : bounds[i + 1]] for i in range(0, len(bounds), 2)]
    assert all(gap == "" or gap.isspace() for gap in gaps)


@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_tokens_match_camel_tools_on_any_text(text):
    assert [text[s:e] for s, e in token_offsets(text)] == simple_word_tokenize(text)


@given(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30), st.data())
def test_pieces_of_a_stored_token_are_its_camel_tools_tokens(text, data):
    """The fast path (a word nothing can split) gives what tokenizing the slice gives, at the same offsets."""
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))  # a stored token is never empty
    assert camel_pieces(text, [(start, end)]) == [(start + a, start + b) for a, b in token_offsets(text[start:end])]


def test_sample_article_has_483_tokens(seed_text):
    tokens = tokenize(seed_text)
    assert len(tokens) == 483
    assert [t.text for t in tokens] == simple_word_tokenize(seed_text)


@given(mixed_text)
def test_sentences_partition_the_tokens(text):
    offsets = token_offsets(text)
    sentences = split_sentences(text, offsets)
    covered = [i for s in sentences for i in range(s.token_start, s.token_end)]
    assert covered == list(range(len(offsets)))
    for s in sentences:
        assert s.start == offsets[s.token_start][0] and s.end == offsets[s.token_end - 1][1]
        assert "\n" not in text[s.start : s.end]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قال بوتين. ورد ترامب", ["قال بوتين.", "ورد ترامب"]),
        ("هل انتهت الحرب؟ لا", ["هل انتهت الحرب؟", "لا"]),
        ("ارتفع 3.5 بالمئة اليوم", ["ارتفع 3.5 بالمئة اليوم"]),
        ("سطر أول\nسطر ثان", ["سطر أول", "سطر ثان"]),
        ("قال: «انتهى.» ثم غادر", ["قال: «انتهى.»", "ثم غادر"]),
        ("انتظروا… ثم", ["انتظروا…", "ثم"]),
        ("U.S. forces", ["U.S.", "forces"]),
        ("موقع example.com مغلق", ["موقع example.com مغلق"]),
        ("", []),
    ],
)
def test_sentence_rule(text, expected):
    assert [text[s.start : s.end] for s in split_sentences(text, token_offsets(text))] == expected


def test_sample_article_sentences(seed_text):
    sentences = split_sentences(seed_text, token_offsets(seed_text))
    assert seed_text[sentences[0].start : sentences[0].end].startswith("فشل محادثات السلام")
    assert len(sentences) == 24


def test_importing_the_tokenizer_does_not_import_torch():
    code = (
        "import sys; from annotator.tokens import token_offsets; token_offsets('قال بوتين، ثم غادر.'); "
        "print(sorted(m for m in ('torch', 'transformers', 'PySide6') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
