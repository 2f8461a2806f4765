"""Our coefficients against the reference implementations on random data.

statsmodels' Fleiss κ is only compared on complete data: it is wrong when ratings are missing.
"""

from __future__ import annotations

import krippendorff
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters
from statsmodels.stats.inter_rater import fleiss_kappa as sm_fleiss

from annotator.team.agreement.coding import MISSING, cohen_kappa, contingency, fleiss_kappa, krippendorff_alpha_nominal

seeds = st.integers(min_value=0, max_value=2**32 - 1)


@given(seeds)
def test_krippendorff_alpha_matches_the_krippendorff_package_with_missing_data(seed):
    rng = np.random.default_rng(seed)
    coders, units, categories = rng.integers(2, 6), rng.integers(2, 40), rng.integers(2, 6)
    truth = rng.integers(0, categories, units)
    values = np.where(rng.random((coders, units)) < 0.7, truth, rng.integers(0, categories, (coders, units)))
    values = np.where(rng.random((coders, units)) < 0.25, MISSING, values)
    ours = krippendorff_alpha_nominal(values).value
    data = np.where(values == MISSING, np.nan, values.astype(float))
    pairable = values[:, (values != MISSING).sum(axis=0) >= 2]
    if len(np.unique(pairable[pairable != MISSING])) < 2:  # no pairable values, or only one category
        assert ours is None
        return
    theirs = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    assert ours == pytest.approx(theirs, abs=1e-9)


@given(seeds)
def test_cohen_kappa_matches_scikit_learn(seed):
    rng = np.random.default_rng(seed)
    n, categories = rng.integers(2, 200), rng.integers(2, 8)
    a = rng.integers(0, categories, n)
    b = np.where(rng.random(n) < 0.6, a, rng.integers(0, categories, n))
    ours = cohen_kappa(contingency(a, b, categories)).value
    if len(np.unique(np.concatenate([a, b]))) < 2:
        assert ours is None
        return
    assert ours == pytest.approx(cohen_kappa_score(a, b), abs=1e-9)


@given(seeds)
def test_fleiss_kappa_matches_statsmodels_on_complete_data(seed):
    rng = np.random.default_rng(seed)
    raters, items, categories = rng.integers(2, 7), rng.integers(2, 60), rng.integers(2, 6)
    truth = rng.integers(0, categories, items)
    values = np.where(rng.random((raters, items)) < 0.6, truth, rng.integers(0, categories, (raters, items)))
    ours = fleiss_kappa(values).value
    if len(np.unique(values)) < 2:
        assert ours is None
        return
    counts, _ = aggregate_raters(values.T, n_cat=categories)
    assert ours == pytest.approx(sm_fleiss(counts, method="fleiss"), abs=1e-9)


def test_fleiss_kappa_ignores_items_with_missing_ratings():
    values = np.array([[0, 1, 1, 0], [0, 1, 0, MISSING], [0, 1, 1, 1]])
    assert fleiss_kappa(values).items == 3
    assert fleiss_kappa(values).value == pytest.approx(fleiss_kappa(values[:, :3]).value)
