"""UTF-16 ↔ code point conversion: the one place Qt positions meet store offsets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ui.offsets import OffsetMap

FAMILY = "👨‍👩‍👧"  # 5 code points, 8 UTF-16 units
ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
ANY = st.characters(blacklist_categories=("Cs",), blacklist_characters="\r")
PIECES = st.one_of(ARABIC, ANY, st.sampled_from([FAMILY, "🇪🇬", "\U0001d400", "\u200d", " ", "\n"]))
MIXED = st.lists(PIECES, max_size=60).map("".join)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_family_emoji_shifts_by_three() -> None:
    text = FAMILY + " بوتين"
    m = OffsetMap(text)
    start = text.index("بوتين")
    assert m.to_utf16(start) == start + 3
    assert m.from_utf16(start + 3) == start
    assert not m.identity


def test_pure_arabic_is_identity() -> None:
    text = "فلاديمير بوتين"
    m = OffsetMap(text)
    assert m.identity
    assert all(m.to_utf16(i) == i == m.from_utf16(i) for i in range(len(text) + 1))


@given(MIXED)
def test_to_utf16_counts_units_of_the_prefix(text: str) -> None:
    m = OffsetMap(text)
    assert m.length16 == utf16_len(text)
    for i in range(len(text) + 1):
        assert m.to_utf16(i) == utf16_len(text[:i])


@given(MIXED)
def test_round_trip_and_rounding_inside_pairs(text: str) -> None:
    m = OffsetMap(text)
    for i in range(len(text) + 1):
        assert m.from_utf16(m.to_utf16(i)) == i
    for p in range(m.length16 + 1):
        cp = m.from_utf16(p)
        assert m.to_utf16(cp) <= p  # rounds down, never past the position
        assert p - m.to_utf16(cp) <= 1


def test_out_of_range_is_refused() -> None:
    m = OffsetMap("ab")
    with pytest.raises(ValueError, match="outside"):
        m.to_utf16(3)
    with pytest.raises(ValueError, match="outside"):
        m.from_utf16(-1)
