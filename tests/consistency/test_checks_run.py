"""run_checks: layers (one annotator, gold, everyone), kinds, order, stable keys, dismissals, context."""

from __future__ import annotations

import gc

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.consistency.context import context
from annotator.consistency.findings import CheckKind
from annotator.consistency.run import DEFAULT_KINDS, run_checks
from annotator.errors import HashiyaError
from annotator.model import GOLD, IncomingDocument
from annotator.store import Project

SAMPLE = {  # the sample corpus's findings by key subject (tests/consistency/conftest.py)
    "alice|بوتين": CheckKind.VARIATION,
    "alice|موسكو|GPE": CheckKind.MISSED,
    "alice|title-out|فلاديمير بوتين": CheckKind.BOUNDARY,
    "bob|proclitic-out|موسكو": CheckKind.BOUNDARY,
}


def subjects(findings):
    return {f.subject: f.kind for f in findings}


def test_everyone_is_every_layer_on_its_own(consistency_project):
    project = consistency_project.project
    everyone = run_checks(project)
    assert subjects(everyone) == SAMPLE
    assert subjects(run_checks(project, "alice")) == {s: k for s, k in SAMPLE.items() if s.startswith("alice|")}
    assert subjects(run_checks(project, "bob")) == {s: k for s, k in SAMPLE.items() if s.startswith("bob|")}
    assert run_checks(project, GOLD) == []  # القاهرة ×2 and the third inside «مطار القاهرة»: consistent
    for finding in everyone:
        assert {o.annotator for o in finding.occurrences} == {finding.subject.split("|")[0]}


def test_findings_come_highest_score_first(consistency_project):
    scores = [f.score for f in run_checks(consistency_project.project)]
    assert scores == sorted(scores, reverse=True) and len(scores) == len(SAMPLE)


def test_keys_are_stable_across_runs_and_independent_of_the_layer_asked(consistency_project):
    project = consistency_project.project
    first = {f.key for f in run_checks(project)}
    assert first == {f.key for f in run_checks(project)}
    assert {f.key for f in run_checks(project, "alice")} <= first
    # a new span elsewhere changes scores, not the key of the finding it joins
    corpus = consistency_project
    before = {f.subject: f for f in run_checks(project, "alice", [CheckKind.VARIATION])}
    corpus.tag("d4", "alice", "بوتين", "ORG")  # a third «بوتين» (nested in d4's «فلاديمير بوتين»)
    after = {f.subject: f for f in run_checks(project, "alice", [CheckKind.VARIATION])}
    assert after.keys() == before.keys()
    assert after["alice|بوتين"].key == before["alice|بوتين"].key
    assert after["alice|بوتين"].detail["labels"] == {"PERS": 2, "ORG": 2}
    assert after["alice|بوتين"].score < before["alice|بوتين"].score


def test_dismissed_findings_are_left_out(consistency_project):
    project = consistency_project.project
    findings = run_checks(project)
    gone = findings[0].key
    kept = run_checks(project, dismissed={gone})
    assert [f.key for f in kept] == [f.key for f in findings[1:]]


def test_kinds_select_checks_and_disagreement_is_not_a_default(consistency_project):
    assert CheckKind.DISAGREEMENT not in DEFAULT_KINDS
    only = run_checks(consistency_project.project, kinds=[CheckKind.BOUNDARY, "missed"])
    assert {f.kind for f in only} == {CheckKind.BOUNDARY, CheckKind.MISSED}


def test_an_unknown_annotator_is_an_error_and_a_missing_gold_layer_is_empty(project):
    with pytest.raises(HashiyaError, match="nobody"):
        run_checks(project, "nobody")
    assert run_checks(project, GOLD) == []
    assert run_checks(project) == []


def test_every_occurrence_names_its_document_and_context(consistency_project):
    texts = consistency_project.texts
    for finding in run_checks(consistency_project.project):
        for o in finding.occurrences:
            text = texts[o.document_name]
            assert consistency_project.ids[o.document_name] == o.document_id
            assert text[o.start : o.end] == o.text
            assert text[: o.start].rstrip().endswith(o.left) and text[o.end :].lstrip().startswith(o.right)


@pytest.mark.parametrize(
    ("text", "start", "end", "width", "expected"),
    [
        ("قال بوتين أمس", 4, 9, 40, ("قال", "أمس")),
        ("سطر أول\nقال بوتين أمس\nسطر آخر", 12, 17, 40, ("قال", "أمس")),  # one line only
        ("كلمة طويلة جدا ثم بوتين ثم كلمة طويلة جدا", 18, 23, 8, ("جدا ثم", "ثم كلمة")),  # whole words
    ],
)
def test_context_is_one_line_of_whole_words(text, start, end, width, expected):
    assert text[start:end] == "بوتين"
    assert context(text, start, end, width) == expected


WORDS = ["بوتين", "بُوتِين", "وبوتين", "موسكو", "موسـكو", "وموسكو", "الرئيس", "إسطنبول", "اسطنبول", "على", "قال", "في"]


@given(
    st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12), min_size=2, max_size=4),
    st.lists(st.tuples(st.integers(0, 3), st.integers(0, 11), st.sampled_from(["PERS", "GPE", "ORG"])), max_size=12),
)
def test_every_occurrence_slices_the_stored_text_to_its_text(docs, tags):
    with Project.memory() as project:
        outcomes, _ = project.add_documents(
            [IncomingDocument(f"d{i}", " ".join(w), f"d{i}") for i, w in enumerate(docs)]
        )
        for doc_index, token_index, label in tags:
            if doc_index < len(outcomes):
                doc_id = outcomes[doc_index].document_id
                tokens = project.token_offsets(doc_id)
                start, end = tokens[token_index % len(tokens)]
                project.add_span(doc_id, "alice", start, end, label)
        for finding in run_checks(project):
            for occurrence, fix in finding.fixes:
                assert fix is occurrence.fix
            for o in finding.occurrences:
                text = project.document(o.document_id).text
                assert text[o.start : o.end] == o.text
                if o.fix is not None and o.fix.start is not None:
                    assert 0 <= o.fix.start < o.fix.end <= len(text)
                    assert text[o.fix.start : o.fix.end].strip() == text[o.fix.start : o.fix.end]


@pytest.mark.parametrize("kind", [CheckKind.VARIATION, CheckKind.MISSED, CheckKind.BOUNDARY])
def test_applying_a_findings_fixes_through_the_store_makes_it_go_away(consistency_project, kind):
    """The fixes the checks propose are ones the store applies (one action), after which the same
    check finds nothing more for that subject; undo brings the finding back."""
    project = consistency_project.project
    finding = next(f for f in run_checks(project, kinds=[kind]) if f.fixes)
    layer = finding.occurrences[0].annotator
    project.apply_fixes(layer, finding.fixes, what=finding.summary)
    assert finding.key not in {f.key for f in run_checks(project, kinds=[kind])}
    project.undo(layer)
    assert finding.key in {f.key for f in run_checks(project, kinds=[kind])}


def test_dismissals_stored_in_the_project_are_left_out(consistency_project):
    project = consistency_project.project
    finding = run_checks(project)[0]
    project.dismiss_finding("alice", finding)
    assert finding.key not in {f.key for f in run_checks(project, dismissed=project.dismissed_findings())}


def test_the_cycle_collector_is_paused_only_during_a_run(consistency_project):
    assert gc.isenabled()
    run_checks(consistency_project.project)
    assert gc.isenabled()
    gc.disable()
    try:
        run_checks(consistency_project.project)
        assert not gc.isenabled()  # a caller's own choice is left as it was
    finally:
        gc.enable()


def test_a_cancelled_model_check_stops_and_reports_progress_until_then(consistency_project):
    """The window's job passes its cancel flag and progress through run_checks to the model check."""
    from annotator.recommenders.crf import TrainingCancelled

    seen: list[tuple[int, int, str]] = []
    with pytest.raises(TrainingCancelled):
        run_checks(
            consistency_project.project,
            "alice",
            [CheckKind.DISAGREEMENT],
            cancelled=lambda: bool(seen),
            progress=lambda done, total, what: seen.append((done, total, what)),
        )
    assert seen
