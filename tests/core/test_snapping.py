"""Selection snapping policy: exact, token, clitic-aware (Qt-free)."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.snapping import DragEnd, Snap, drag_range, proclitic_boundaries, snap_selection, suffix_boundaries
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


# -- mouse drags: the characters under the press and the release are always kept -------------------

NEWS = (
    "وصل برند جوتشولك إلى فرانكفورت، ثم لبنان و بغداد وبغداد وَالْكرملين و وليد في برلين (فلسطين) "
    "وفرنسا فرنسا رئيسهما كتابَهُ."
)
NEWS_TOKENS = token_offsets(NEWS)
# names whose first letter is also a proclitic (ب ل ف و): snapping must never cut it off
NAMES = ("برند", "فرانكفورت", "لبنان", "بغداد", "وليد", "برلين", "فلسطين", "فرنسا")


def name_tokens() -> list[tuple[int, int]]:
    found = [(a, b) for a, b in NEWS_TOKENS if NEWS[a:b] in NAMES]
    assert {NEWS[a:b] for a, b in found} == set(NAMES)
    return found


def dragged(press: DragEnd, release: DragEnd, policy: Snap = Snap.CLITIC) -> tuple[int, int] | None:
    return snap_selection(NEWS, NEWS_TOKENS, *drag_range(NEWS, press, release), policy)


def letter(offset: int) -> DragEnd:
    return DragEnd(offset, on_char=True)


def gap(offset: int) -> DragEnd:
    return DragEnd(offset, on_char=False)


drag_ends = st.one_of(
    st.builds(letter, st.integers(0, len(NEWS) - 1)),
    st.builds(gap, st.integers(0, len(NEWS))),
)


def check_drag(press: DragEnd, release: DragEnd, policy: Snap) -> None:
    """The span keeps what is under both ends (spaces aside) and no word the drag did not touch."""
    lo, hi = drag_range(NEWS, press, release)
    for end in (press, release):
        if end.on_char:  # the character under the pointer is in the drag, in both directions
            assert lo <= end.offset < hi
    held = NEWS[lo:hi]
    a, b = lo + len(held) - len(held.lstrip()), hi - (len(held) - len(held.rstrip()))  # spaces dropped
    result = dragged(press, release, policy)
    if a >= b:
        assert result is None
        return
    assert result is not None
    s, e = result
    assert s <= a and b <= e, f"{NEWS[a:b]!r} dragged, {NEWS[s:e]!r} kept"
    touched = [(x, y) for x, y in NEWS_TOKENS if x < b and y > a]
    assert touched[0][0] <= s and e <= touched[-1][1], f"{NEWS[a:b]!r} dragged, {NEWS[s:e]!r} kept"
    if policy is Snap.EXACT:
        assert (s, e) == (a, b)


@given(drag_ends, drag_ends, st.sampled_from(list(Snap)))
def test_a_drag_keeps_what_is_under_both_ends_and_no_word_it_did_not_touch(
    press: DragEnd, release: DragEnd, policy: Snap
) -> None:
    check_drag(press, release, policy)


def test_a_drag_between_any_two_characters_keeps_both() -> None:
    for press in range(len(NEWS)):
        for release in range(len(NEWS)):
            check_drag(letter(press), letter(release), Snap.CLITIC)


@pytest.mark.parametrize("policy", [Snap.CLITIC, Snap.TOKEN])
def test_a_drag_from_or_to_a_names_first_letter_keeps_the_whole_name(policy: Snap) -> None:
    for start, end in name_tokens():
        for other in range(start, end):  # every letter of the name, dragged either way
            for press, release in ((start, other), (other, start)):
                result = dragged(letter(press), letter(release), policy)
                assert result == (start, end), f"{NEWS[start:end]}: {press}→{release} kept {result}"


def test_a_drag_from_inside_a_name_keeps_every_letter_it_covers() -> None:
    for start, end in name_tokens():
        for press in range(start, end):
            for release in range(start, end):
                s, e = dragged(letter(press), letter(release))
                assert start <= s <= min(press, release) and max(press, release) < e <= end


def test_a_drag_from_the_space_beside_a_name_keeps_the_whole_name() -> None:
    for start, end in name_tokens():
        for other in range(start, end):  # into the name, up to any of its letters
            if NEWS[start - 1] == " ":
                assert dragged(letter(start - 1), letter(other)) == (start, end)
            assert dragged(gap(start), letter(other)) == (start, end)
        if NEWS[end] == " ":  # from the space after it, back to its first letter
            assert dragged(letter(end), letter(start)) == (start, end)


def test_a_press_in_the_space_after_a_word_does_not_pull_that_word_in() -> None:
    for (_, end), (nxt_start, nxt_end) in pairwise(NEWS_TOKENS):
        if NEWS[end:nxt_start] != " ":
            continue
        for release in range(nxt_start, nxt_end):
            for press in (letter(end), gap(end), gap(nxt_start)):
                s, _ = dragged(press, letter(release), Snap.TOKEN)
                assert s == nxt_start, f"press after {NEWS[:end].split()[-1]!r} kept {NEWS[s:nxt_end]!r}"


def test_a_selection_inside_a_word_may_still_leave_out_a_clitic_it_started_after() -> None:
    i = NEWS.index("وبغداد")
    for release in range(i + 1, i + 6):
        assert dragged(letter(i + 1), letter(release)) == (i + 1, i + 6)  # «بغداد»: the drag began after «و»
        assert dragged(letter(i), letter(release)) == (i, i + 6)  # from the «و» itself: all of «وبغداد»


def test_a_release_on_a_suffix_letter_keeps_the_suffix() -> None:
    i = NEWS.index("رئيسهما")
    assert dragged(letter(i), letter(i + 3)) == (i, i + 4)  # «رئيس»: the drag ended before «هما»
    for release in range(i + 4, i + 7):  # on ه, م or ا of «هما»
        assert dragged(letter(i), letter(release)) == (i, i + 7)


def test_a_letter_under_the_pointer_comes_with_its_harakat() -> None:
    i = NEWS.index("وَالْكرملين")
    assert drag_range(NEWS, letter(i + 4), letter(i + 4)) == (i + 3, i + 5)  # on the sukun: «لْ»
    assert drag_range(NEWS, letter(i), letter(i + 3)) == (i, i + 5)
    assert drag_range(NEWS, gap(i + 3), letter(i)) == (i, i + 3)  # a gap is not a character
    assert drag_range(NEWS, gap(i + 3), gap(i + 1)) == (i + 1, i + 3)
