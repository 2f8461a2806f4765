"""Krippendorff's unitizing αu: the worked examples of Krippendorff (1995, 2004) as used by
DKPro Agreement's tests (Krippendorff1995Test, Krippendorff2004Test)."""

from __future__ import annotations

import numpy as np
import pytest

from annotator.team.agreement.unitizing import combined_alpha, disjoint, segment_distance, unitizing


def observer(*units: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    """Units given as (begin, length), as in the publications."""
    return np.array([b for b, _ in units]), np.array([b + n for b, n in units])


def continuum(begin: int, length: int) -> tuple[np.ndarray, np.ndarray]:
    return np.array([begin]), np.array([begin + length])


# Krippendorff (2004: 254): a continuum [150, 450), two observers, categories c and k.
C_2004 = [observer((225, 70), (370, 30)), observer((220, 80), (355, 20), (400, 20))]
K_2004 = [observer((180, 60), (300, 50)), observer((180, 60), (300, 50))]


def test_krippendorff_2004_per_category():
    c = unitizing(C_2004, continuum(150, 300))
    assert c.observed == pytest.approx(0.0144, abs=5e-5)
    assert c.expected == pytest.approx(0.0532, abs=5e-5)
    assert c.alpha == pytest.approx(0.7286, abs=5e-5)
    k = unitizing(K_2004, continuum(150, 300))
    assert k.observed == 0.0
    assert k.expected == pytest.approx(0.0490, abs=5e-5)
    assert k.alpha == 1.0


def test_krippendorff_2004_overall_is_one_minus_summed_disagreements():
    c, k = unitizing(C_2004, continuum(150, 300)), unitizing(K_2004, continuum(150, 300))
    overall = combined_alpha([c, k])
    assert overall == pytest.approx(0.859, abs=5e-4)  # published 0.8591 (from rounded D_o, D_e)
    assert overall != pytest.approx((c.alpha + k.alpha) / 2, abs=1e-3)  # not the mean of categories


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ((225, 70, True), (220, 80, True), 50),
        ((370, 30, True), (355, 20, True), 850),
        ((400, 50, False), (400, 20, True), 400),
        ((5, 6, True), (4, 2, True), 26),
        ((5, 6, True), (5, 2, True), 16),
        ((5, 6, True), (6, 2, True), 10),
        ((5, 6, True), (7, 2, True), 8),
        ((5, 6, True), (6, 4, True), 2),
        ((5, 6, True), (5, 6, True), 0),
        ((2, 3, False), (2, 2, True), 4),
        ((5, 6, True), (4, 7, False), 36),
        ((5, 6, True), (2, 3, False), 0),  # a unit only partly inside a gap: no distance from that gap
    ],
)
def test_segment_distance_2004(first, second, expected):
    assert segment_distance(*first, *second) == expected


# Krippendorff (1995: 57): four pairs of observers on a continuum of 24, stretched.
EXAMPLE_1995 = {
    "A": [[(2, 8), (14, 6)], [(4, 4), (15, 2)]],
    "B": [[(0, 18)], [(0, 2), (2, 1), (3, 1), (4, 1), (5, 1), (6, 3), (9, 1)]],
    "C": [[(2, 6), (10, 2), (14, 4), (20, 2)], [(0, 2), (4, 4), (10, 4), (16, 2), (20, 2)]],
    "D": [[(0, 2), (2, 8), (10, 4), (14, 6), (20, 4)], [(0, 4), (4, 4), (8, 7), (15, 2), (17, 7)]],
}


def example_1995(category: str, stretch: float):
    scale = lambda x: int(x * stretch)  # noqa: E731
    observers = [observer(*[(scale(b), scale(n)) for b, n in units]) for units in EXAMPLE_1995[category]]
    return unitizing(observers, continuum(0, scale(24)))


@pytest.mark.parametrize(("category", "observed"), [("A", 0.03125), ("B", 2.26736), ("C", 0.02777), ("D", 0.38715)])
def test_krippendorff_1995_observed(category, observed):
    assert example_1995(category, 1).observed == pytest.approx(observed, abs=1e-5)


# The paper works on the continuous limit; a stretch of 50,000 approximates it. A, D reproduce
# the published D_e and αu to three decimals. For B and C the publication's D_e carries a
# computing error (DKPro notes it too, and tests those with a tolerance of 0.005 / 0.02).
@pytest.mark.parametrize(
    ("category", "expected", "alpha", "expected_tolerance", "alpha_tolerance"),
    [
        ("A", 0.06990, 0.553, 5e-5, 5e-4),
        ("D", 0.41445, 0.066, 5e-5, 5e-4),
        ("B", 1.17731, -0.926, 5e-3, 5e-3),  # the publication's D_e error
        ("C", 0.08642, 0.679, 5e-3, 2e-2),  # the publication's D_e error
    ],
)
def test_krippendorff_1995_expected_and_alpha(category, expected, alpha, expected_tolerance, alpha_tolerance):
    result = example_1995(category, 50_000)
    assert result.expected == pytest.approx(expected, abs=expected_tolerance)
    assert result.alpha == pytest.approx(alpha, abs=alpha_tolerance)


def test_krippendorff_1995_short_continuum_matches_dkpro_exactly():
    result = example_1995("C", 12 / 24)
    assert result.observed == pytest.approx(0.02777, abs=1e-5)
    assert result.expected == pytest.approx(0.05494, abs=1e-5)


def test_overlapping_units_of_one_observer_are_joined_touching_ones_kept():
    starts, ends = disjoint(np.array([10, 0, 12, 20]), np.array([15, 10, 18, 25]))
    assert starts.tolist() == [0, 10, 20]
    assert ends.tolist() == [10, 18, 25]


def test_documents_are_separate_sections():
    """Gaps stop at document boundaries: one long document differs from two short ones."""
    obs = [observer((2, 3)), observer((2, 3), (12, 3))]
    one = unitizing(obs, continuum(0, 20))
    two = unitizing(obs, (np.array([0, 10]), np.array([10, 20])))
    assert one.observed == two.observed
    assert one.expected != two.expected
