"""Variation n-grams: one matching key, several labels; the minority relabelled to the majority."""

from __future__ import annotations

import pytest

from annotator.consistency.findings import CheckKind, FixAction
from annotator.consistency.run import run_checks

VARIATION = [CheckKind.VARIATION]


@pytest.mark.parametrize(
    ("texts", "tags", "key", "majority", "relabelled"),
    [
        pytest.param(  # diacritics and tatweel do not split a key
            {"a": "زار بوتين موسكو.", "b": "قال بُوتِين كلاما.", "c": "وصل بوتـين أمس."},
            [("a", "بوتين", "PERS"), ("b", "بُوتِين", "PERS"), ("c", "بوتـين", "ORG")],
            "بوتين",
            "PERS",
            ["بوتـين"],
            id="diacritics-tatweel",
        ),
        pytest.param(  # alef forms and ta marbuta fold alike
            {"a": "في إسطنبول اليوم.", "b": "إلى اسطنبول غدا.", "c": "من أسطنبول أمس."},
            [("a", "إسطنبول", "GPE"), ("b", "اسطنبول", "LOC"), ("c", "أسطنبول", "GPE")],
            "اسطنبول",
            "GPE",
            ["اسطنبول"],
            id="alef-forms",
        ),
        pytest.param(
            {"a": "في الجزيرة نت.", "b": "قناة الجزيره اليوم.", "c": "عن الجزيرة أمس."},
            [("a", "الجزيرة", "ORG"), ("b", "الجزيره", "ORG"), ("c", "الجزيرة", "LOC")],
            "الجزيره",
            "ORG",
            ["الجزيرة"],
            id="ta-marbuta",
        ),
        pytest.param(  # a proclitic inside a span still joins the group (the layer tags موسكو bare too)
            {"a": "زار موسكو.", "b": "في موسكو أمس.", "c": "ووصل وموسكو ترد."},
            [("a", "موسكو", "GPE"), ("b", "موسكو", "GPE"), ("c", "وموسكو", "ORG")],
            "موسكو",
            "GPE",
            ["وموسكو"],
            id="proclitic",
        ),
    ],
)
def test_a_key_labelled_two_ways_relabels_the_minority(corpus_builder, texts, tags, key, majority, relabelled):
    corpus = corpus_builder(texts)
    for doc, surface, label in tags:
        corpus.tag(doc, "alice", surface, label)
    [finding] = run_checks(corpus.project, "alice", VARIATION)
    assert finding.kind is CheckKind.VARIATION
    assert finding.summary.startswith(f"«{key}»")
    assert finding.detail["majority"] == majority
    assert sum(finding.detail["labels"].values()) == len(tags)
    assert len(finding.occurrences) == len(tags)  # every occurrence is listed
    fixed = [(o.text, f.action, f.label) for o, f in finding.fixes]
    assert fixed == [(text, FixAction.RELABEL, majority) for text in relabelled]


def test_one_label_everywhere_is_no_finding(corpus_builder):
    corpus = corpus_builder({"a": "زار بوتين موسكو.", "b": "قال بُوتِين كلاما."})
    corpus.tag("a", "alice", "بوتين", "PERS")
    corpus.tag("b", "alice", "بُوتِين", "PERS")
    assert run_checks(corpus.project, "alice", VARIATION) == []


def test_a_bare_word_is_not_cut_without_evidence(corpus_builder):
    """«لبنان» tagged often is not «ل + بنان» because «بنان» was tagged once."""
    corpus = corpus_builder({"a": "زار لبنان وبنان.", "b": "في لبنان.", "c": "من لبنان."})
    for doc in "abc":
        corpus.tag(doc, "alice", "لبنان", "GPE")
    corpus.tag("a", "alice", "وبنان", "PERS")
    assert run_checks(corpus.project, "alice", VARIATION) == []


def test_a_split_scores_higher_than_a_tie(corpus_builder):
    texts = {f"d{i}": f"قال بوتين {i} وزار موسكو." for i in range(6)}
    corpus = corpus_builder(texts)
    for i in range(6):
        corpus.tag(f"d{i}", "alice", "بوتين", "ORG" if i == 0 else "PERS")
    corpus.tag("d0", "alice", "موسكو", "GPE")
    corpus.tag("d1", "alice", "موسكو", "LOC")
    by_key = {f.summary.split("»")[0]: f for f in run_checks(corpus.project, "alice", VARIATION)}
    five_to_one, tie = by_key["«بوتين"], by_key["«موسكو"]
    assert five_to_one.score > tie.score
    assert tie.fixes == ()  # no majority, no proposal
    assert [o.text for o, _fix in five_to_one.fixes] == ["بوتين"]
    assert five_to_one.fixes[0][0].document_name == "d0"


def test_the_article_is_never_stripped_to_join_a_group(corpus_builder):
    """«المغرب» (Morocco) and «مغرب» (sunset) are different words, whatever the layer tags."""
    corpus = corpus_builder({"a": "زار المغرب أمس.", "b": "بعد مغرب اليوم."})
    corpus.tag("a", "alice", "المغرب", "GPE")
    corpus.tag("b", "alice", "مغرب", "DATE")
    assert run_checks(corpus.project, "alice", VARIATION) == []
