"""In-document search: insensitive to diacritics, tatweel and alef variants; exact offsets."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from annotator.normalize import match_key
from annotator.search import DocumentSearch, find_all


def hits(text: str, query: str) -> list[str]:
    return [text[s:e] for s, e in find_all(text, query)]


def test_plain_query_finds_every_spelling() -> None:
    text = "قال بوتين، ثم قال بُوتِين ثم بوتـــين و👨‍👩‍👧 بوتين."
    assert hits(text, "بوتين") == ["بوتين", "بُوتِين", "بوتـــين", "بوتين"]


def test_alef_variants_and_marks_in_the_query() -> None:
    text = "أوكرانيا وإيران وآسيا"
    assert hits(text, "اوكرانيا") == ["أوكرانيا"]
    assert hits(text, "ايران") == ["إيران"]
    assert hits(text, "آسْيا") == ["آسيا"]


def test_final_haraka_belongs_to_the_hit_but_not_punctuation() -> None:
    text = "حربًا، ثم"
    assert hits(text, "حربا") == ["حربًا"]


def test_offsets_are_code_points_after_emoji() -> None:
    text = "👨‍👩‍👧 موسكو"
    [(start, end)] = find_all(text, "موسكو")
    assert (start, end) == (6, 11)


def test_empty_query_finds_nothing_and_the_seed_has_many_putins(seed_text: str) -> None:
    assert find_all(seed_text, "  ") == []
    found = hits(seed_text, "بوتين")
    assert len(found) >= 6
    assert all(match_key(f) == "بوتين" for f in found)


def test_limit() -> None:
    assert len(DocumentSearch("ا ا ا ا").find_all("ا", limit=2)) == 2


WORDS = st.sampled_from(["بوتين", "بُوتِين", "موسكو", "أوروبا", "اوروبا", " ", "،", "ـ", "كييف", "👍"])


@given(st.lists(WORDS, max_size=30).map("".join), st.sampled_from(["بوتين", "اوروبا", "كييف", "ين"]))
def test_every_hit_folds_to_the_query_and_none_are_missed(text: str, query: str) -> None:
    found = find_all(text, query)
    for start, end in found:
        assert match_key(text[start:end]) == match_key(query)
    assert len(found) == match_key(text).count(match_key(query))
    assert all(a[1] <= b[0] for a, b in pairwise(found))
