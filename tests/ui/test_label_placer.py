"""The label placer's banded look-up answers exactly as checking every placed label would."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QRectF

from ui.document.labels import BAND, LabelPlacer

coordinate = st.floats(min_value=-200, max_value=800, allow_nan=False, width=32)
size = st.floats(min_value=0.5, max_value=3 * BAND, allow_nan=False, width=32)
rects = st.builds(QRectF, coordinate, coordinate, size, size)


@settings(max_examples=300, deadline=None)
@given(st.lists(rects, max_size=25), st.lists(rects, min_size=1, max_size=10))
def test_free_is_no_placed_label_intersecting(placed: list[QRectF], asked: list[QRectF]) -> None:
    placer = LabelPlacer(0.0, 600.0)
    for rect in placed:
        placer.reserve(rect)
    for rect in asked:
        assert placer.free(rect) == (not any(rect.intersects(other) for other in placed))


def test_a_label_reaching_into_the_next_band_is_seen_there() -> None:
    placer = LabelPlacer(0.0, 600.0)
    placer.reserve(QRectF(10, 2 * BAND + 1, 40, 4))  # wholly in the third band
    assert not placer.free(QRectF(20, BAND + 2, 40, BAND))  # starts in the second, ends in the third
