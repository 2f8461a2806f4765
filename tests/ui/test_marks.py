"""The mark index the view paints from: overlap queries and nesting levels (Qt-free)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ui.document.marks import Mark, MarkIndex


def mark(key: str, start: int, end: int) -> Mark:
    return Mark(key, start, end, "#000000")


RANGES = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 15)), max_size=40)


@given(RANGES, st.integers(0, 80), st.integers(1, 20))
def test_overlapping_matches_brute_force(ranges: list[tuple[int, int]], a: int, width: int) -> None:
    marks = [mark(f"m{i}", s, s + n) for i, (s, n) in enumerate(ranges)]
    index = MarkIndex(marks[: len(marks) // 2])
    for m in marks[len(marks) // 2 :]:
        index.add(m)
    for m in marks[::3]:
        index.remove(m.key)
    alive = [m for i, m in enumerate(marks) if i % 3 != 0]
    expected = {m.key for m in alive if m.start < a + width and m.end > a}
    assert {m.key for m in index.overlapping(a, a + width)} == expected


@given(RANGES, st.integers(0, 70), st.integers(1, 30))
def test_levels_separate_overlaps_and_do_not_depend_on_the_window(
    ranges: list[tuple[int, int]], a: int, width: int
) -> None:
    index = MarkIndex(mark(f"m{i}", s, s + n) for i, (s, n) in enumerate(ranges))
    everything = dict(index.with_levels(0, 200))
    window = dict(index.with_levels(a, a + width))
    for m, level in window.items():
        assert everything[m] == level
    for m1, l1 in everything.items():
        for m2, l2 in everything.items():
            if m1 is not m2 and m1.start < m2.end and m2.start < m1.end:
                assert l1 != l2


def test_nested_span_is_one_level_deeper_and_found_first_at_its_position() -> None:
    outer, inner = mark("outer", 10, 30), mark("inner", 15, 20)
    index = MarkIndex([inner, outer])
    assert dict(index.with_levels(0, 100)) == {outer: 0, inner: 1}
    assert [m.key for m in index.at(16)] == ["inner", "outer"]
    assert [m.key for m in index.at(25)] == ["outer"]


def test_tab_navigation_order() -> None:
    index = MarkIndex([mark("a", 0, 2), mark("b", 5, 8), mark("c", 9, 10)])
    assert index.next_after(0).key == "b"
    assert index.next_after(5, backwards=True).key == "a"
    assert index.next_after(9) is None
