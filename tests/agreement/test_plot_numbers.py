"""Numbers on the agreement plots: a value that rounds to zero reads "0.00", never "-0.00 (below 0)";
titles and legends come in the reader's words when a ``say`` is given."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from annotator.agreement.plots import confusion_heatmap, label_bars, pair_heatmap
from annotator.agreement.report import AgreementReport

SVG = "{http://www.w3.org/2000/svg}"


def report(unitizing: float, kappa: float) -> AgreementReport:
    """Two annotators, one label, with the given unitizing αu and token κ (the rest perfect)."""
    return AgreementReport(
        {
            "annotators": ["amal", "badr"],
            "labels": ["PERS"],
            "per_label": {"PERS": {"span_f1_exact": 1.0, "span_f1_overlap": 1.0, "unitizing_alpha": unitizing}},
            "pairs": [
                {"a": "amal", "b": "badr", "documents": 2, "token_kappa": kappa, "confusion": [[3]]},
            ],
            "confusion": {"labels": ["PERS"], "matrix": [[3]]},
        }
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
