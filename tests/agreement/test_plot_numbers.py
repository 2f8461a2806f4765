"""Numbers on the agreement plots: a value that rounds to zero reads "0.00", never "-0.00 (below 0)";
titles and legends come in the reader's words when a ``say`` is given."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from annotator.team.agreement.figures import (
    AgreementReport,
    AlphaDetails,
    Confusion,
    Counts,
    Details,
    FleissDetails,
    LabelAgreement,
    LabelF1,
    PairAgreement,
    RelationF1,
    Sides,
    SpanF1,
    UnitizingAlpha,
    UnitizingDetails,
)
from annotator.team.agreement.plots import confusion_heatmap, label_bars, pair_heatmap

SVG = "{http://www.w3.org/2000/svg}"


def report(unitizing: float, kappa: float) -> AgreementReport:
    """Two annotators, one label, with the given unitizing αu and token κ (the rest perfect)."""
    pair = PairAgreement(
        a="amal",
        b="badr",
        documents=2,
        span_f1=SpanF1(1.0, 1.0, 1.0, {"PERS": LabelF1(1.0, 1.0, 3, 3)}),
        spans=Sides(3, 3),
        relation_f1=RelationF1(None, None),
        relations=Sides(0, 0),
        confusion=((3,),),
        token_kappa=kappa,
        token_kappa_entities=kappa,
        tokens=20,
        entity_tokens=6,
    )
    return AgreementReport(
        version=1,
        status="done",
        document_policy="done",
        annotators=("amal", "badr"),
        labels=("PERS",),
        documents=2,
        pairs=(pair,),
        fleiss_kappa=kappa,
        krippendorff_alpha=kappa,
        unitizing_alpha=UnitizingAlpha(unitizing, {"PERS": unitizing}),
        per_label={"PERS": LabelAgreement(span_f1_exact=1.0, span_f1_overlap=1.0, unitizing_alpha=unitizing)},
        per_document=(),
        confusion=Confusion(("PERS",), ((3,),)),
        counts=Counts({"amal": 2, "badr": 2}, {"amal": {"PERS": 3}, "badr": {"PERS": 3}}, {"amal": {}, "badr": {}}),
        details=Details(FleissDetails(2, 20, 1.0, 0.5), AlphaDetails(2, 20, 40, 0.0, 0.5), UnitizingDetails(2, 80, {})),
    )


def texts(svg: str) -> list[str]:
    return [t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text")]


@pytest.mark.parametrize("tiny", [-0.0, -0.001, -0.0049])
def test_a_value_that_rounds_to_zero_is_not_below_zero(tiny) -> None:
    bars = texts(label_bars(report(tiny, tiny)))
    assert "0.00" in bars
    assert not any(t.startswith("-0.00") or "below 0" in t for t in bars)
    cells = texts(pair_heatmap(report(tiny, tiny), "token_kappa"))
    assert "0.00" in cells and "-0.00" not in cells


def test_a_value_below_zero_still_says_so() -> None:
    assert "-0.25 (below 0)" in texts(label_bars(report(-0.25, 0.5)))


def test_titles_and_legends_are_worded_by_say() -> None:
    def shout(template: str, n: int | None = None, **fields: object) -> str:
        return "«" + template.format(n=n, **fields).upper() + "»"

    data = report(0.5, 0.5)
    assert "«AGREEMENT PER LABEL»" in texts(label_bars(data, shout))
    assert "«UNITIZING ΑU»" in texts(label_bars(data, shout))
    assert "«COHEN'S Κ ON TOKEN TAGS»" in texts(pair_heatmap(data, "token_kappa", shout))
    pair = texts(confusion_heatmap(data, ("amal", "badr"), shout))
    assert "«LABELS OF SPANS WITH THE SAME BOUNDARIES: AMAL × BADR»" in pair
    assert "«COLUMNS: BADR»" in pair and "«ROWS: AMAL»" in pair
