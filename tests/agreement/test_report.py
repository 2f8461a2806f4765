"""The project report: identical work, one differing span (by hand), missing data, selection."""

from __future__ import annotations

from fractions import Fraction

import pytest

from annotator.errors import HashiyaError
from annotator.model import DocStatus
from annotator.team.agreement.report import build_report
from tests.agreement.conftest import AHMAD, CAIRO, DAMASCUS, MUHAMMAD, SECOND, TEXT, annotate

pytestmark = pytest.mark.both_backends  # tests taking a project run on SQLite and on a PostgreSQL server


def test_identical_work_gives_one_everywhere(two_identical):
    data = build_report(two_identical).data
    assert data["annotators"] == ["amal", "badr"]
    assert data["documents"] == 2
    (pair,) = data["pairs"]
    assert pair["documents"] == 2
    assert pair["span_f1"]["exact"] == pair["span_f1"]["untyped"] == pair["span_f1"]["overlap"] == 1.0
    assert all(row["exact"] == row["overlap"] == 1.0 for row in pair["span_f1"]["per_label"].values())
    assert pair["token_kappa"] == pytest.approx(1.0)
    assert pair["token_kappa_entities"] == pytest.approx(1.0)
    assert pair["relation_f1"] == {"strict": 1.0, "unlabelled": 1.0}
    assert data["fleiss_kappa"] == pytest.approx(1.0)
    assert data["krippendorff_alpha"] == pytest.approx(1.0)
    assert data["unitizing_alpha"]["overall"] == pytest.approx(1.0)
    assert all(v == pytest.approx(1.0) for v in data["unitizing_alpha"]["per_label"].values())
    assert [d["span_f1"] for d in data["per_document"]] == [1.0, 1.0]
    matrix = data["confusion"]["matrix"]
    assert all(matrix[i][j] == 0 for i in range(len(matrix)) for j in range(len(matrix)) if i != j)
    assert data["counts"]["spans"]["amal"] == {"PERS": 3, "ORG": 1, "GPE": 3}


@pytest.fixture
def one_difference(project):
    """amal and badr agree on everything but دمشق: GPE for amal, LOC for badr. met_with is
    undirected, so the relation written the other way round by badr is the same relation."""
    spans = [(*AHMAD, "PERS"), (*CAIRO, "GPE"), (*MUHAMMAD, "PERS"), (*DAMASCUS, "GPE")]
    annotate(project, "amal", TEXT, spans, [(0, 2, "met_with")])
    annotate(project, "badr", TEXT, [*spans[:3], (*DAMASCUS, "LOC")], [(2, 0, "met_with")])
    return build_report(project).data


def test_one_differing_span_spans_by_hand(one_difference):
    (pair,) = one_difference["pairs"]
    # 4 spans each; 3 identical; the fourth has the same boundaries and another label
    assert pair["span_f1"]["exact"] == pytest.approx(2 * 3 / (4 + 4))
    assert pair["span_f1"]["untyped"] == pytest.approx(1.0)
    assert pair["span_f1"]["overlap"] == pytest.approx(0.75)  # overlap needs the same label too
    per_label = pair["span_f1"]["per_label"]
    assert per_label["PERS"]["exact"] == 1.0
    assert per_label["GPE"]["exact"] == pytest.approx(2 * 1 / (2 + 1))
    assert per_label["LOC"]["exact"] == 0.0
    assert pair["relation_f1"] == {"strict": 1.0, "unlabelled": 1.0}
    confusion = dict(zip(one_difference["confusion"]["labels"], one_difference["confusion"]["matrix"], strict=True))
    labels = one_difference["confusion"]["labels"]
    assert confusion["GPE"][labels.index("LOC")] == 1
    assert confusion["PERS"][labels.index("PERS")] == 2
    assert one_difference["per_document"][0]["span_f1"] == pytest.approx(0.75)


def test_one_differing_span_token_coefficients_by_hand(one_difference):
    (pair,) = one_difference["pairs"]
    # 9 tokens: O PERS O GPE O O PERS O GPE|LOC; they agree on 8.
    # marginals amal O5 PERS2 GPE2, badr O5 PERS2 GPE1 LOC1: p_e = (25 + 4 + 2) / 81
    p_o, p_e = Fraction(8, 9), Fraction(31, 81)
    assert pair["token_kappa"] == pytest.approx(float((p_o - p_e) / (1 - p_e)))  # 41/50
    # entity tokens: 4, agree on 3; marginals PERS2 GPE2 / PERS2 GPE1 LOC1: p_e = (4 + 2) / 16
    p_o, p_e = Fraction(3, 4), Fraction(6, 16)
    assert pair["token_kappa_entities"] == pytest.approx(float((p_o - p_e) / (1 - p_e)))  # 0.6
    # Fleiss: P̄ = 8/9; p_j over 18 ratings O10 PERS4 GPE3 LOC1
    p_bar, p_e = Fraction(8, 9), Fraction(100 + 16 + 9 + 1, 18 * 18)
    assert one_difference["fleiss_kappa"] == pytest.approx(float((p_bar - p_e) / (1 - p_e)))  # 9/11
    # Krippendorff: n = 18, one disagreeing unit gives o_GPE,LOC = o_LOC,GPE = 1
    d_o, d_e = Fraction(2, 18), Fraction(18 * 18 - 126, 18 * 17)
    assert one_difference["krippendorff_alpha"] == pytest.approx(float(1 - d_o / d_e))  # 82/99


def _expected_disagreement(lengths, gaps, observers, length):
    """Krippendorff's (2004) D_e written out: see docs/agreement.md."""
    n = len(lengths)
    total = sum(
        Fraction((n - 1) * (2 * ln**3 - 3 * ln**2 + ln), 3) + ln * ln * sum(g - ln + 1 for g in gaps if g >= ln)
        for ln in lengths
    )
    pairs = observers * length * (observers * length - 1) - sum(x * (x - 1) for x in lengths)
    return Fraction(2, length) * total / pairs


def test_one_differing_span_unitizing_by_hand(one_difference):
    length, m = len(TEXT), 2  # one document of 40 code points, two observers
    # PERS: the same two units of 4 each; gaps 4, 20, 8 for each observer
    de_pers = _expected_disagreement([4, 4, 4, 4], [4, 20, 8] * 2, m, length)
    # GPE: amal [13,20) and [36,40), badr [13,20): amal's [36,40) lies in badr's gap: δ² = 4² for each order
    do_gpe = Fraction(2 * 16, m * (m - 1) * length**2)
    de_gpe = _expected_disagreement([7, 4, 7], [13, 16, 13, 20], m, length)
    # LOC: only badr's [36,40)
    do_loc = Fraction(2 * 16, m * (m - 1) * length**2)
    de_loc = _expected_disagreement([4], [40, 36], m, length)
    unitizing = one_difference["unitizing_alpha"]
    assert unitizing["per_label"]["PERS"] == 1.0
    assert unitizing["per_label"]["GPE"] == pytest.approx(float(1 - do_gpe / de_gpe))  # 0.7655
    assert unitizing["per_label"]["LOC"] == pytest.approx(float(1 - do_loc / de_loc))  # -0.1264
    overall = 1 - (do_gpe + do_loc) / (de_pers + de_gpe + de_loc)
    assert unitizing["overall"] == pytest.approx(float(overall))  # 0.7425
    assert one_difference["details"]["unitizing_alpha"]["per_label"]["GPE"]["observed"] == pytest.approx(0.01)


def test_unseen_documents_are_missing_data_not_empty(project):
    spans = [(*AHMAD, "PERS"), (*CAIRO, "GPE")]
    for name in ("amal", "badr", "dina"):
        annotate(project, name, TEXT, spans)
    second = annotate(project, "amal", SECOND, [(17, 22, "PERS")], doc_name="second")
    annotate(project, "badr", SECOND, [(17, 22, "PERS")], doc_name="second")
    # dina opened the second document but did not finish it: with --status done she has not seen it
    project.set_status(second, "dina", DocStatus.IN_PROGRESS)
    data = build_report(project).data
    pairs = {(p["a"], p["b"]): p for p in data["pairs"]}
    assert pairs[("amal", "badr")]["documents"] == 2
    assert pairs[("amal", "dina")]["documents"] == 1
    assert pairs[("amal", "dina")]["span_f1"]["exact"] == 1.0  # not lowered by dina's unseen document
    assert data["details"]["fleiss_kappa"]["documents"] == 1  # only the document all three finished
    assert data["details"]["krippendorff_alpha"]["documents"] == 2
    assert data["counts"]["documents"] == {"amal": 2, "badr": 2, "dina": 1}
    # with --status all, dina's empty in-progress document counts as "no entities" for her
    everything = build_report(project, status="all").data
    pairs = {(p["a"], p["b"]): p for p in everything["pairs"]}
    assert pairs[("amal", "dina")]["documents"] == 2
    assert pairs[("amal", "dina")]["span_f1"]["exact"] == pytest.approx(2 * 2 / (3 + 2))


def test_annotator_selection(two_identical):
    annotate(two_identical, "gold", TEXT, [(*AHMAD, "PERS")])
    assert build_report(two_identical).data["annotators"] == ["amal", "badr"]  # gold is left out by default
    against_gold = build_report(two_identical, ["amal", "gold"]).data
    assert against_gold["annotators"] == ["amal", "gold"]
    assert against_gold["pairs"][0]["documents"] == 1
    with pytest.raises(HashiyaError, match="no annotator called 'nobody'"):
        build_report(two_identical, ["amal", "nobody"])
    with pytest.raises(HashiyaError, match="at least two annotators"):
        build_report(two_identical, ["amal"])
    with pytest.raises(HashiyaError, match="unknown status"):
        build_report(two_identical, status="finished")


def test_nested_spans_tag_tokens_with_the_outermost(project):
    # "جامعة القاهرة" as ORG containing القاهرة as GPE: tokens take ORG, so both tags agree
    text = "درس في جامعة القاهرة"
    annotate(project, "amal", text, [(7, 20, "ORG"), (13, 20, "GPE")])
    annotate(project, "badr", text, [(7, 20, "ORG")])
    (pair,) = build_report(project).data["pairs"]
    assert pair["token_kappa"] == pytest.approx(1.0)
    assert pair["span_f1"]["exact"] == pytest.approx(2 / 3)
