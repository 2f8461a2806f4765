"""The benchmark's error injection and scoring (benchmarks/consistency_injection.py), on a small corpus.

The figures ``make bench`` reports are only as good as this code: these tests pin what counts as an
injected error, what counts as finding one, and what precision at n compares against.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from annotator.consistency.findings import CheckKind, Finding, Fix, FixAction, Occurrence

_PATH = Path(__file__).resolve().parents[2] / "benchmarks" / "consistency_injection.py"
_spec = importlib.util.spec_from_file_location("consistency_injection", _PATH)
inj = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("consistency_injection", inj)
_spec.loader.exec_module(inj)

SENTENCES = [
    ("قال الرئيس بوتين إن موسكو لن تتراجع", [("بوتين", "PERS"), ("موسكو", "LOC")]),
    ("وزار والعراق وفد من الأمم المتحدة", [("والعراق", "LOC"), ("الأمم المتحدة", "ORG")]),
    ("أعلن الدولار ارتفاعا في بالقاهرة", [("الدولار", "MISC"), ("بالقاهرة", "LOC")]),
]


def _corpus(copies: int = 20) -> list:
    docs = []
    for i in range(copies):
        text, spans = SENTENCES[i % len(SENTENCES)]
        found = []
        for surface, label in spans:
            start = text.index(surface)
            found.append((start, start + len(surface), label))
        docs.append(inj.CorpusDocument(f"doc-{i:02d}", text, sorted(found)))
    return docs


def test_injection_changes_the_share_asked_for_evenly_and_remembers_the_original():
    docs = _corpus(60)  # 120 entities: 5 % is 6, two of each kind
    injection = inj.inject(docs, "anercorp", seed=1)
    assert len(injection.errors) == 6
    assert {k: sum(e.kind == k for e in injection.errors) for k in inj.KINDS} == {"flip": 2, "boundary": 2, "delete": 2}
    originals = {d.name: set(d.spans) for d in docs}
    now = {d.name: set(d.spans) for d in injection.documents}
    for error in injection.errors:
        assert error.original in originals[error.document] and error.original not in now[error.document]
        if error.now is not None:
            assert error.now in now[error.document]
    assert all(set(d.spans) == originals[d.name] for d in docs)  # the input is left as it was
    assert inj.inject(docs, "anercorp", seed=1).errors == injection.errors  # a seed is a fixed draw
    assert inj.inject(docs, "anercorp", seed=2).errors != injection.errors


def test_flips_stay_within_confusable_types_and_shifts_are_a_clitic_or_a_title():
    docs = _corpus(60)
    injection = inj.inject(docs, "anercorp", seed=3, rate=0.3)
    texts = {d.name: d.text for d in docs}
    for error in injection.errors:
        if error.kind == "flip":
            assert error.now[2] in inj.CONFUSABLE["anercorp"][error.original[2]]
            assert error.now[:2] == error.original[:2]
        elif error.kind == "boundary":
            text = texts[error.document]
            if error.how == "clitic":
                assert error.now == (error.original[0] + 1, error.original[1], error.original[2])
                assert text[error.original[0]] in inj.PROCLITICS
            else:
                assert error.how == "title" and text[error.now[0] : error.original[0]].strip() == "الرئيس"
    assert {e.how for e in injection.errors if e.kind == "boundary"} == {"clitic", "title"}


def _occurrence(doc, start, end, label=None, fix=None):
    return Occurrence(doc, doc, start, end, "", "", "", label=label, annotator="a", fix=fix)


def _finding(*occurrences, kind=CheckKind.VARIATION, subject="s"):
    return Finding(kind, subject, 0.9, "", "", tuple(occurrences))


def test_an_error_is_found_only_by_a_fix_that_restores_it():
    flip = inj.Injected("flip", "LOC→ORG", "d", (4, 9, "LOC"), (4, 9, "ORG"))
    shift = inj.Injected("boundary", "title", "d", (20, 25, "PERS"), (13, 25, "PERS"))
    deleted = inj.Injected("delete", "deleted", "d", (30, 35, "ORG"), None)
    names = {"d": "d"}
    assert inj.found_by(_finding(_occurrence("d", 4, 9, "ORG", Fix(FixAction.RELABEL, "LOC"))), flip, names)
    assert not inj.found_by(_finding(_occurrence("d", 4, 9, "ORG", Fix(FixAction.RELABEL, "MISC"))), flip, names)
    listed = _finding(_occurrence("d", 4, 9, "ORG"), _occurrence("d", 40, 45, "LOC", Fix(FixAction.RELABEL, "ORG")))
    assert not inj.found_by(listed, flip, names)  # it lists the occurrence but fixes another one
    assert inj.found_by(_finding(_occurrence("d", 13, 25, "PERS", Fix(FixAction.RESIZE, None, 20, 25))), shift, names)
    assert not inj.found_by(_finding(_occurrence("d", 13, 25, "PERS", Fix(FixAction.REMOVE))), shift, names)
    assert inj.found_by(_finding(_occurrence("d", 30, 35, None, Fix(FixAction.ADD, "ORG", 30, 35))), deleted, names)


def test_precision_counts_only_findings_the_clean_run_does_not_have():
    flip = inj.Injected("flip", "LOC→ORG", "d", (4, 9, "LOC"), (4, 9, "ORG"))
    right = _finding(_occurrence("id2", 4, 9, "ORG", Fix(FixAction.RELABEL, "LOC")), subject="right")
    wrong = _finding(_occurrence("id2", 50, 55, "LOC", Fix(FixAction.REMOVE)), subject="noise")
    old = _finding(_occurrence("id2", 60, 65, "LOC", Fix(FixAction.REMOVE)), subject="old")
    old_in_clean = _finding(_occurrence("id1", 60, 65, "LOC", Fix(FixAction.REMOVE)), subject="old")
    scores = inj.score([old, right, wrong], [old_in_clean], [flip], {"id2": "d"}, {"id1": "d"})
    assert scores.new_findings == 2  # «old» is the same finding in both projects (documents by name)
    assert scores.precision == pytest.approx(0.5)
    assert scores.recall == {"flip": 1.0, "boundary": 0.0, "delete": 0.0}
    assert scores.recall_by_check == {"variation": {"flip": 1.0, "boundary": 0.0, "delete": 0.0}}
    assert scores.missed == []
    assert inj.score([wrong], [], [flip], {"id2": "d"}, {}).missed == [flip]
