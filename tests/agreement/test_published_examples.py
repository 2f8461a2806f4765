"""Published worked examples, reproduced to three decimals (or the stated tolerance)."""

from __future__ import annotations

import numpy as np
import pytest

from annotator.team.agreement.coding import MISSING, cohen_kappa, fleiss_kappa, krippendorff_alpha_nominal


def coded(*rows: str, missing: str = ".") -> np.ndarray:
    """Reliability data from strings, one coder per row: each character a value, ``.`` missing."""
    alphabet = sorted({ch for row in rows for ch in row} - {missing})
    return np.array([[MISSING if ch == missing else alphabet.index(ch) for ch in row] for row in rows])


# Krippendorff (2011), "Computing Krippendorff's alpha-reliability", examples A, B and C.


def test_krippendorff_2011_a_binary_two_coders():
    values = coded("0100000010", "1110010000")
    result = krippendorff_alpha_nominal(values)
    assert result.items == 20
    assert result.value == pytest.approx(0.095, abs=5e-4)


def test_krippendorff_2011_b_nominal_two_coders():
    values = coded("aabbdcccedda", "babbbccceddd")
    assert krippendorff_alpha_nominal(values).value == pytest.approx(0.692, abs=5e-4)


def test_krippendorff_2011_c_nominal_four_coders_missing_data():
    values = coded(
        "123321412...",
        "1233224125.3",
        ".3332342251.",
        "12332441251.",
    )
    result = krippendorff_alpha_nominal(values)
    assert result.items == 40  # unit 12 has one value only: not pairable
    assert result.value == pytest.approx(0.743, abs=5e-4)


# Krippendorff (2004), Content Analysis, p. 227 and p. 230 (as in DKPro Agreement's tests).


def test_krippendorff_2004_two_coders_three_values():
    values = coded("aabbbbbccccc", "abbbbbcccccc")
    result = krippendorff_alpha_nominal(values)
    assert result.observed == pytest.approx(0.1667, abs=5e-4)
    assert result.expected == pytest.approx(0.6268, abs=5e-4)
    assert result.value == pytest.approx(0.734, abs=5e-4)


# Fleiss (1971), p. 379: 30 subjects, 6 psychiatrists each, 5 diagnoses.

FLEISS_1971 = [
    "444444", "222555", "233335", "555555", "222444", "113333", "333355", "113334", "114444", "555555",
    "144444", "124444", "222333", "144444", "224445", "333335", "111455", "111112", "224444", "133555",
    "555555", "244444", "224555", "114444", "144445", "222224", "111155", "224444", "133333", "555555",
]  # fmt: skip


def test_fleiss_1971():
    values = np.array([[int(ch) - 1 for ch in item] for item in FLEISS_1971]).T  # raters × items
    result = fleiss_kappa(values)
    assert result.items == 30
    assert result.observed == pytest.approx(0.5556, abs=5e-4)
    assert result.expected == pytest.approx(0.2201, abs=5e-4)
    assert result.value == pytest.approx(0.430, abs=5e-4)


# Cohen (1960): the two contingency tables of the paper (p. 37 and p. 45).


def test_cohen_1960_first_table():
    table = np.array([[25, 12, 3], [13, 2, 15], [12, 16, 2]])
    result = cohen_kappa(table)
    assert result.observed == pytest.approx(0.29, abs=5e-3)
    assert result.expected == pytest.approx(0.35, abs=5e-3)
    assert result.value == pytest.approx((0.29 - 0.35) / (1 - 0.35), abs=5e-3)


def test_cohen_1960_second_table():
    table = np.array([[88, 14, 18], [10, 40, 10], [2, 6, 12]])
    result = cohen_kappa(table)
    assert result.items == 200
    assert result.observed == pytest.approx(0.70, abs=5e-4)
    assert result.expected == pytest.approx(0.41, abs=5e-4)
    assert result.value == pytest.approx(0.492, abs=5e-4)


def test_undefined_coefficients_are_none_not_numbers():
    one_category = np.zeros((2, 5), dtype=int)
    assert krippendorff_alpha_nominal(one_category).value is None
    assert fleiss_kappa(one_category).value is None
    assert cohen_kappa(np.array([[5, 0], [0, 0]])).value is None
    assert krippendorff_alpha_nominal(np.array([[0, MISSING], [MISSING, 1]])).value is None
