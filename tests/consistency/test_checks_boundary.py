"""Boundary variation: extents measured against the project's convention, and against each other."""

from __future__ import annotations

import pytest

from annotator.consistency.findings import CheckKind, FixAction
from annotator.consistency.run import run_checks
from annotator.conventions import BoundaryConvention, Placement

BOUNDARY = [CheckKind.BOUNDARY]
OUT, IN = Placement.OUT, Placement.IN


def set_convention(project, proclitics: Placement, titles: Placement) -> None:
    convention = BoundaryConvention(proclitics, titles)
    project.set_recommender_settings(convention.to_settings(project.recommender_settings()))


def resized(findings):
    """``(rule, start, end)`` of every proposed resize."""
    out = []
    for finding in findings:
        for _occurrence, fix in finding.fixes:
            assert fix.action is FixAction.RESIZE
            out.append((finding.detail.get("rule", "extent"), fix.start, fix.end))
    return out


@pytest.mark.parametrize(
    ("proclitics", "titles", "tags", "expected"),
    [
        pytest.param(  # titles out: «الرئيس فلاديمير بوتين» loses its title
            OUT, OUT, [("الرئيس فلاديمير بوتين", "PERS")], [("title-out", "فلاديمير بوتين")], id="title-out"
        ),
        pytest.param(  # titles in: the name right after a title takes it in
            OUT, IN, [("فلاديمير بوتين", "PERS")], [("title-in", "الرئيس فلاديمير بوتين")], id="title-in"
        ),
        pytest.param(  # titles concern persons only
            OUT, OUT, [("الرئيس فلاديمير بوتين", "ORG")], [], id="title-not-a-person"
        ),
        pytest.param(  # proclitics in: a span starting after و grows to the word's start
            IN, OUT, [("موسكو", "GPE")], [("proclitic-in", "وموسكو")], id="proclitic-in"
        ),
        pytest.param(  # proclitics out: «وموسكو» is cut where the layer tags «موسكو» bare as often
            OUT, OUT, [("وموسكو", "GPE"), ("موسكو", "GPE")], [("proclitic-out", "موسكو")], id="proclitic-out"
        ),
        pytest.param(  # ... but never without evidence: the و of «وموسكو» alone stays
            OUT, OUT, [("وموسكو", "GPE")], [], id="proclitic-out-no-evidence"
        ),
        pytest.param(OUT, OUT, [("فلاديمير بوتين", "PERS"), ("موسكو", "GPE")], [], id="conforming"),
    ],
)
def test_spans_that_break_the_convention_are_resized_to_it(corpus_builder, proclitics, titles, tags, expected):
    text = "قال الرئيس فلاديمير بوتين إن وموسكو لن تتراجع، وإن موسكو ستبقى."
    corpus = corpus_builder({"d": text})
    set_convention(corpus.project, proclitics, titles)
    for surface, label in tags:
        nth = 1 if surface == "موسكو" and any(s == "وموسكو" for s, _l in tags) else 0
        corpus.tag("d", "alice", surface, label, nth=nth)
    findings = run_checks(corpus.project, "alice", BOUNDARY)
    got = [(rule, text[start:end]) for rule, start, end in resized(findings)]
    assert got == expected
    assert all(f.score == 0.9 for f in findings)


def test_a_minority_extent_is_resized_to_the_majority(corpus_builder):
    texts = {
        "a": "قال فلاديمير بوتين أمس.",
        "b": "وصل فلاديمير بوتين اليوم.",
        "c": "رد فلاديمير بوتين غدا.",
        "d": "وقال بوتين وحده.",  # «بوتين» alone where the text says only «بوتين»: no variation
    }
    corpus = corpus_builder(texts)
    corpus.tag("a", "alice", "فلاديمير بوتين", "PERS")
    corpus.tag("b", "alice", "فلاديمير بوتين", "PERS")
    corpus.tag("c", "alice", "بوتين", "PERS")
    corpus.tag("d", "alice", "بوتين", "PERS")
    [finding] = run_checks(corpus.project, "alice", BOUNDARY)
    assert finding.detail["extents"] == {"فلاديمير بوتين": 2, "بوتين": 1}
    [(occurrence, fix)] = finding.fixes
    assert occurrence.document_name == "c"
    assert texts["c"][fix.start : fix.end] == "فلاديمير بوتين"
    assert len(finding.occurrences) == 3


def test_the_long_extent_in_the_minority_is_cut_to_the_part(corpus_builder):
    texts = {k: f"{w} فلاديمير بوتين." for k, w in (("a", "قال"), ("b", "وصل"), ("c", "رد"))}
    corpus = corpus_builder(texts)
    corpus.tag("a", "alice", "فلاديمير بوتين", "PERS")
    corpus.tag("b", "alice", "بوتين", "PERS")
    corpus.tag("c", "alice", "بوتين", "PERS")
    [finding] = run_checks(corpus.project, "alice", BOUNDARY)
    [(occurrence, fix)] = finding.fixes
    assert occurrence.text == "فلاديمير بوتين"
    assert texts["a"][fix.start : fix.end] == "بوتين"


def test_the_sample_corpus(consistency_project):
    findings = run_checks(consistency_project.project, None, BOUNDARY)
    assert sorted(f.subject for f in findings) == ["alice|title-out|فلاديمير بوتين", "bob|proclitic-out|موسكو"]
