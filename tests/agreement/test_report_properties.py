"""Report figures against plain-Python definitions on random annotations."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_bipartite_matching
from sklearn.metrics import cohen_kappa_score

from annotator.store import Project
from annotator.team.agreement.report import build_report
from annotator.tokens import token_offsets
from tests.agreement.conftest import annotate

TEXT = "قال الرئيس الأمريكي دونالد ترامب إن المحادثات مع روسيا في ألاسكا كانت مثمرة جدا"
TOKENS = token_offsets(TEXT)
LABELS = ["PERS", "ORG", "GPE"]  # in the schema's order, which breaks ties between nested spans


@st.composite
def layers(draw):
    def one():
        spans = set()
        for _ in range(draw(st.integers(0, 8))):
            if draw(st.booleans()):  # token-aligned
                first = draw(st.integers(0, len(TOKENS) - 1))
                last = draw(st.integers(first, min(first + 2, len(TOKENS) - 1)))
                start, end = TOKENS[first][0], TOKENS[last][1]
            else:  # anywhere
                start = draw(st.integers(0, len(TEXT) - 1))
                end = draw(st.integers(start + 1, min(start + 12, len(TEXT))))
            spans.add((start, end, draw(st.sampled_from(LABELS))))
        return sorted(spans)

    first = one()
    second = sorted(set(first[: draw(st.integers(0, len(first)))] + one()))  # partly shared
    return first, second


def naive_tags(spans):
    tags = []
    for ts, te in TOKENS:
        covering = [(e - s, -s, -LABELS.index(label), label) for s, e, label in spans if s < te and ts < e]
        tags.append(max(covering)[3] if covering else "O")
    return tags


def naive_overlap_matches(a, b):
    exact = sum((Counter(a) & Counter(b)).values())
    rest_a = list((Counter(a) - Counter(b)).elements())
    rest_b = list((Counter(b) - Counter(a)).elements())
    if not rest_a or not rest_b:
        return exact
    graph = np.array([[x[2] == y[2] and x[0] < y[1] and y[0] < x[1] for y in rest_b] for x in rest_a], dtype=float)
    matched = maximum_bipartite_matching(csr_matrix(graph), perm_type="column")
    return exact + int((matched >= 0).sum())


@settings(max_examples=40)
@given(layers())
def test_report_matches_the_definitions(pair):
    a, b = pair
    with Project.memory() as project:
        annotate(project, "amal", TEXT, a)
        annotate(project, "badr", TEXT, b)
        data = build_report(project).data
    (entry,) = data["pairs"]
    total = len(a) + len(b)
    exact = sum((Counter(a) & Counter(b)).values())
    untyped = sum((Counter((s, e) for s, e, _ in a) & Counter((s, e) for s, e, _ in b)).values())
    f1 = entry["span_f1"]
    if total == 0:
        assert f1["exact"] is None
    else:
        assert f1["exact"] == pytest.approx(2 * exact / total)
        assert f1["untyped"] == pytest.approx(2 * untyped / total)
        assert f1["overlap"] == pytest.approx(2 * naive_overlap_matches(a, b) / total)
    tags_a, tags_b = naive_tags(a), naive_tags(b)
    if len(set(tags_a) | set(tags_b)) > 1:
        assert entry["token_kappa"] == pytest.approx(cohen_kappa_score(tags_a, tags_b))
    else:
        assert entry["token_kappa"] is None


def test_a_pair_reads_the_same_both_ways(project):
    a = [(4, 10, "PERS"), (20, 26, "PERS"), (27, 32, "GPE")]
    b = [(4, 10, "PERS"), (20, 32, "PERS"), (27, 32, "ORG")]
    annotate(project, "amal", TEXT, a)
    annotate(project, "badr", TEXT, b)
    forward = build_report(project, ["amal", "badr"]).data["pairs"][0]
    backward = build_report(project, ["badr", "amal"]).data["pairs"][0]
    for key in ("span_f1", "token_kappa", "token_kappa_entities", "relation_f1"):
        if key == "span_f1":
            assert {k: v for k, v in forward[key].items() if k != "per_label"} == {
                k: v for k, v in backward[key].items() if k != "per_label"
            }
        else:
            assert forward[key] == backward[key]
    assert forward["confusion"] == [list(row) for row in zip(*backward["confusion"], strict=True)]
