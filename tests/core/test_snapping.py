"""Selection snapping policy: exact, token, clitic-aware (Qt-free)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.snapping import Snap, proclitic_boundaries, snap_selection, suffix_boundaries
from annotator.tokens import token_offsets

SENTENCE = "قبل الفجر بين قوات كييف وموسكو، وحذر فلاديمير بوتين من أن الكرملين قد يشن حربًا"


def snap(text: str, start: int, end: int, policy: Snap = Snap.CLITIC) -> str | None:
    result = snap_selection(text, token_offsets(text), start, end, policy)
    return None if result is None else text[result[0] : result[1]]


def inside(text: str, word: str, skip_front: int, skip_back: int = 0) -> tuple[int, int]:
    i = text.index(word)
    return i + skip_front, i + len(word) - skip_back


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("وموسكو", [1]),
        ("الكرملين", [2]),
        ("والكرملين", [1, 3]),
        ("بالناتو", [1, 3]),
        ("للسلام", [1, 2]),
        ("وللسلام", [1, 2, 3]),
        ("فبوتين", [1, 2]),
        ("كييف", [1]),  # ك + «ييف» is a possible reading; the selection decides
        ("وَموسكو", [2]),  # a haraka after the clitic belongs to it
        ("من", []),  # no stem would be left
    ],
)
def test_proclitic_boundaries(word: str, expected: list[int]) -> None:
    assert proclitic_boundaries(word) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [("كتابها", [4]), ("قواته", [4]), ("جيشها", [3]), ("رئيسهما", [4]), ("موسكو", []), ("ها", [])],
)
def test_suffix_boundaries(word: str, expected: list[int]) -> None:
    assert suffix_boundaries(word) == expected


def test_selection_inside_wa_moscow_snaps_to_moscow() -> None:
    for front in (1, 2, 3):
        start, end = inside(SENTENCE, "وموسكو", front)
        assert snap(SENTENCE, start, end) == "موسكو"


def test_selection_of_whole_word_keeps_the_clitic() -> None:
    start, end = inside(SENTENCE, "وموسكو", 0)
    assert snap(SENTENCE, start, end) == "وموسكو"


def test_token_policy_grows_to_whole_tokens() -> None:
    start, end = inside(SENTENCE, "وموسكو", 2)
    assert snap(SENTENCE, start, end, Snap.TOKEN) == "وموسكو"
    start, end = inside(SENTENCE, "فلاديمير بوتين", 3, 2)
    assert snap(SENTENCE, start, end, Snap.TOKEN) == "فلاديمير بوتين"


def test_exact_policy_keeps_characters_but_trims_spaces() -> None:
    i = SENTENCE.index("موسكو")
    assert snap(SENTENCE, i + 1, i + 3, Snap.EXACT) == "وس"
    j = SENTENCE.index(" بوتين")
    assert snap(SENTENCE, j, j + 6, Snap.EXACT) == "بوتين"


def test_punctuation_after_a_word_is_not_taken() -> None:
    start, end = inside(SENTENCE, "وموسكو،", 1, 1)
    assert snap(SENTENCE, start, end) == "موسكو"


def test_selection_of_only_spaces_is_nothing() -> None:
    i = SENTENCE.index(" ")
    assert snap(SENTENCE, i, i + 1) is None


def test_selection_starting_in_whitespace_moves_to_next_word() -> None:
    i = SENTENCE.index(" بوتين")
    assert snap(SENTENCE, i, i + 6) == "بوتين"


def test_suffix_snap_on_the_end() -> None:
    text = "قرأت كتابها أمس"
    i = text.index("كتابها")
    assert snap(text, i, i + 4) == "كتاب"
    assert snap(text, i, i + 5) == "كتابها"  # nearest boundary is the word's end (tie → longer)


@given(st.data())
def test_snapped_span_is_inside_the_selected_tokens_and_never_empty(data: st.DataObject) -> None:
    text = SENTENCE
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(0, len(text)))
    policy = data.draw(st.sampled_from(list(Snap)))
    tokens = token_offsets(text)
    result = snap_selection(text, tokens, start, end, policy)
    lo, hi = min(start, end), max(start, end)
    if result is None:
        assert text[lo:hi].strip() == "" or policy is not Snap.EXACT
        return
    s, e = result
    assert 0 <= s < e <= len(text)
    assert not text[s].isspace() and not text[e - 1].isspace()
    if policy is Snap.EXACT:
        assert lo <= s and e <= hi
    else:
        # within the tokens the selection touched, and overlapping the selection
        covering = [(a, b) for a, b in tokens if a < max(hi, lo + 1) and b > lo]
        assert covering
        assert covering[0][0] <= s and e <= covering[-1][1]
    if policy is Snap.TOKEN:
        assert any(a == s for a, _ in tokens) and any(b == e for _, b in tokens)
