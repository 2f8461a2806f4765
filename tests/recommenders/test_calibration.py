"""Scores as calibrated probabilities: bin look-ups, fitting, agreement, the floor, blind audiences."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.model import IncomingDocument
from annotator.recommenders.base import DocumentInput, Prediction, Recommender, Suggestion
from annotator.recommenders.calibration import (
    IDENTITY,
    POOLED,
    Bin,
    Calibration,
    Curve,
    expected_calibration_error,
    fit_curve,
    shipped_calibration,
)
from annotator.recommenders.harmonize import calibrate
from annotator.recommenders.runner import run_recommenders
from annotator.store import Project

CURVE = Curve((Bin(0.0, 0.5, 0.2), Bin(0.5, 0.9, 0.6), Bin(0.9, 1.0, 0.9)))


def flat(p: float) -> Curve:
    return Curve((Bin(0.0, 1.0, p),))


def test_lookup_at_bin_edges_takes_the_bin_that_starts_there():
    assert CURVE.probability(0.0) == 0.2
    assert CURVE.probability(0.4999) == 0.2
    assert CURVE.probability(0.5) == 0.6
    assert CURVE.probability(0.8999) == 0.6
    assert CURVE.probability(0.9) == 0.9
    assert CURVE.probability(1.0) == 0.9  # the last bin includes its upper edge
    assert CURVE.probability(-0.3) == 0.2 and CURVE.probability(1.7) == 0.9  # nearest bin outside


def test_label_without_a_curve_uses_the_pooled_one_and_an_unknown_source_keeps_its_score():
    calibration = Calibration({"crf": {"PERS": flat(0.8), POOLED: flat(0.3)}})
    assert calibration.probability("crf", "PERS", 0.99) == 0.8
    assert calibration.probability("crf", "ORG", 0.99) == 0.3
    assert calibration.probability("camel", "ORG", 0.7) == 0.7
    assert calibration.probability("camel", "ORG", 1.4) == 1.0  # clamped


pairs = st.lists(st.tuples(st.floats(0, 1), st.booleans()), max_size=200)


@given(pairs, st.floats(-2, 3, allow_nan=False))
def test_calibrated_probabilities_are_in_0_1_and_never_fall_as_the_score_rises(observed, score):
    curve = fit_curve(observed)
    values = [b.probability for b in curve.bins]
    assert all(0.0 <= v <= 1.0 for v in values)
    assert values == sorted(values)
    assert 0.0 <= Calibration({"x": {POOLED: curve}}).probability("x", "PERS", score) <= 1.0
    assert all(a.high == b.low for a, b in zip(curve.bins, curve.bins[1:], strict=False))  # no gaps


@given(st.lists(st.floats(0, 1), max_size=6))
def test_combined_probability_is_in_0_1_and_at_least_the_best_member(probabilities):
    combined = Calibration.combine(probabilities)
    assert 0.0 <= combined <= 1.0
    assert combined >= max(probabilities, default=0.0)


def test_fit_measures_precision_per_bin():
    observed = [(0.95, True)] * 90 + [(0.95, False)] * 10 + [(0.45, True)] * 20 + [(0.45, False)] * 80
    curve = fit_curve(observed)
    low, high = curve.probability(0.45), curve.probability(0.95)
    assert 0.2 < low < 0.3 and 0.85 < high < 0.9  # shrunk a little towards the overall 0.55
    assert expected_calibration_error([(0.9, True)] * 9 + [(0.9, False)]) == pytest.approx(0.0)
    assert expected_calibration_error([(0.9, False)] * 10) == pytest.approx(0.9)


def prediction(source: str, items, audience: str | None = None) -> Prediction:
    return Prediction(
        "d", tuple(Suggestion(s, e, label, score, source) for s, e, label, score in items), None, audience
    )


TWO = Calibration({"crf": {POOLED: flat(0.6)}, "gazetteer": {POOLED: flat(0.5)}}, floor=0.4)


def scores(predictions: dict[str, Prediction]) -> dict[str, list[tuple[int, int, str, float]]]:
    return {name: [(s.start, s.end, s.label, s.score) for s in p.suggestions] for name, p in predictions.items()}


def test_two_members_that_agree_score_higher_than_either():
    out = calibrate(
        {"crf": prediction("crf", [(0, 5, "GPE", 0.9)]), "gazetteer": prediction("gazetteer", [(0, 5, "GPE", 0.9)])},
        TWO,
    )
    assert scores(out) == {"crf": [(0, 5, "GPE", 0.8)], "gazetteer": [(0, 5, "GPE", 0.8)]}  # 1 - 0.4 × 0.5
    alone = calibrate({"crf": prediction("crf", [(0, 5, "GPE", 0.9)])}, TWO)
    assert scores(alone) == {"crf": [(0, 5, "GPE", 0.6)]}
    other_label = calibrate(
        {"crf": prediction("crf", [(0, 5, "GPE", 0.9)]), "gazetteer": prediction("gazetteer", [(0, 5, "LOC", 0.9)])},
        TWO,
    )
    assert scores(other_label) == {"crf": [(0, 5, "GPE", 0.6)], "gazetteer": [(0, 5, "LOC", 0.5)]}


def test_a_suggestion_below_the_floor_is_dropped_unless_agreement_lifts_it():
    weak = Calibration({"crf": {POOLED: flat(0.6)}, "gazetteer": {POOLED: CURVE}}, floor=0.4)
    out = calibrate(
        {
            "crf": prediction("crf", [(0, 5, "GPE", 0.9)]),
            "gazetteer": prediction("gazetteer", [(0, 5, "GPE", 0.4), (9, 12, "GPE", 0.4), (20, 25, "PERS", 0.95)]),
        },
        weak,
    )
    assert scores(out) == {
        "crf": [(0, 5, "GPE", 0.68)],  # 1 - 0.4 × 0.8
        "gazetteer": [(0, 5, "GPE", 0.68), (20, 25, "PERS", 0.9)],  # (9, 12) alone: 0.2 < 0.4, dropped
    }


def test_an_annotators_own_suggestions_never_raise_a_shared_score():
    """Blind annotation: string matching learnt for alice agrees with the shared CRF; only alice's
    suggestion carries the combined probability, the one everyone sees keeps the CRF's own."""
    calibration = Calibration({"crf": {POOLED: flat(0.6)}, "strings": {POOLED: flat(0.5)}})
    out = calibrate(
        {
            "crf": prediction("crf", [(0, 5, "PERS", 0.9)]),
            "strings": prediction("strings", [(0, 5, "PERS", 1.0)], audience="alice"),
        },
        calibration,
    )
    assert scores(out) == {"crf": [(0, 5, "PERS", 0.6)], "strings": [(0, 5, "PERS", 0.8)]}


class Fixed(Recommender):
    """Suggests the same spans in every document."""

    def __init__(self, name: str, items) -> None:
        self.name = name
        self.items = items

    def predict(self, document: DocumentInput) -> Prediction:
        return Prediction(
            document.id, tuple(Suggestion(s, e, label, score, self.name) for s, e, label, score in self.items)
        )


def test_the_store_lists_the_combined_probability_after_a_run():
    text = "زار بوتين موسكو أمس"
    with Project.memory() as project:
        outcomes, _ = project.add_documents([IncomingDocument("a", text, "a.txt")])
        doc = outcomes[0].document_id
        putin, moscow, yesterday = (4, 9), (10, 15), (16, 19)
        crf = Fixed("crf", [(*putin, "PERS", 0.9), (*moscow, "GPE", 0.9)])
        gazetteer = Fixed("gazetteer", [(*moscow, "GPE", 0.9), (*yesterday, "GPE", 0.9)])
        weak = Calibration({"crf": {POOLED: flat(0.6)}, "gazetteer": {POOLED: flat(0.3)}}, floor=0.4)
        run_recommenders(project, [crf, gazetteer], calibration=weak)
        listed = {(s.start, s.end, s.label): (s.score, s.sources) for s in project.suggestions(doc, "alice")}
    assert listed == {
        (*putin, "PERS"): (0.6, ("crf",)),
        (*moscow, "GPE"): (0.72, ("crf", "gazetteer")),  # 1 - 0.4 × 0.7
    }  # أمس from the gazetteer alone: 0.3 < 0.4, not offered


def test_identity_keeps_raw_scores_and_the_shipped_table_is_a_calibration():
    out = calibrate({"crf": prediction("crf", [(0, 5, "GPE", 0.37)])}, IDENTITY)
    assert scores(out) == {"crf": [(0, 5, "GPE", 0.37)]}
    shipped = shipped_calibration()
    assert 0.0 <= shipped.floor < 1.0
    for by_label in shipped.curves.values():
        for curve in by_label.values():
            assert all(0.0 <= b.probability <= 1.0 for b in curve.bins)


def test_a_recommender_run_alone_keeps_its_weak_suggestions_with_their_probability():
    """The floor is for combinations: whoever runs string matching alone asked for all it finds."""
    weak = Calibration({"strings": {POOLED: flat(0.2)}}, floor=0.4)
    out = calibrate({"strings": prediction("strings", [(0, 5, "PERS", 1.0)])}, weak)
    assert scores(out) == {"strings": [(0, 5, "PERS", 0.2)]}


def test_a_measured_agreement_curve_replaces_the_noisy_or():
    """A name only the gazetteer finds while the CRF, which ran too, said nothing there: the
    precision measured for such lone suggestions, not the gazetteer's own."""
    measured = Calibration(
        {"crf": {POOLED: flat(0.6)}, "gazetteer": {POOLED: flat(0.8)}},
        floor=0.4,
        agreement={"gazetteer": {POOLED: flat(0.3)}, "crf+gazetteer": {POOLED: flat(0.95)}, "gazetteer~": {}},
    )
    out = calibrate(
        {
            "crf": prediction("crf", [(0, 5, "GPE", 0.9), (30, 40, "ORG", 0.9)]),
            "gazetteer": prediction("gazetteer", [(0, 5, "GPE", 0.9), (10, 15, "GPE", 0.9), (30, 35, "GPE", 0.9)]),
        },
        measured,
    )
    assert scores(out) == {
        "crf": [(0, 5, "GPE", 0.95), (30, 40, "ORG", 0.6)],  # crf~ has no curve: its own probability
        "gazetteer": [(0, 5, "GPE", 0.95), (30, 35, "GPE", 0.8)],  # (10, 15): 0.3 < 0.4; (30, 35) contested
    }


def test_string_matching_is_calibrated_and_floored_like_any_recommender():
    """A lone string match gets the precision measured for lone string matches at its raw score
    (share × tag rate), and a weak one is not offered: a common word tagged once is not a name."""
    calibration = Calibration(
        {"strings": {POOLED: Curve((Bin(0.0, 0.5, 0.1), Bin(0.5, 1.0, 0.9)))}, "gazetteer": {POOLED: flat(0.2)}},
        floor=0.4,
        agreement={"strings": {POOLED: Curve((Bin(0.0, 0.5, 0.05), Bin(0.5, 1.0, 0.6)))}},
    )
    out = calibrate(
        {
            "strings": prediction("strings", [(0, 5, "PERS", 1.0), (20, 30, "GPE", 0.1)]),
            "gazetteer": prediction("gazetteer", [(10, 15, "GPE", 0.9)]),
        },
        calibration,
    )
    assert scores(out) == {"strings": [(0, 5, "PERS", 0.6)], "gazetteer": []}
    assert Calibration.from_dict(calibration.to_dict()) == calibration
