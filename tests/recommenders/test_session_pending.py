"""The suggestion cursor keeps its pending list between keys; it must always be what the store lists.

Random sequences of everything that changes the answer — the cursor's own decisions (Enter,
Backspace, Shift+Enter, a threshold), tagging, relabelling, resizing and removing spans, undo,
redo, another recommender run, another annotator's work — are checked against
``project.suggestions`` after every step: once with the cursor told of every change (as the
window does), and once with every write but the cursor's own made by another program on the same
file, which the cursor learns of only through the store's watcher (the cursor never polls).
The hiding rule itself (:func:`~annotator.store.suggestions.covers`) is checked as a table.
"""

from __future__ import annotations

import random

import pytest

from annotator.errors import HashiyaError
from annotator.model import IncomingDocument, NewSpan
from annotator.recommenders.base import Prediction, Suggestion
from annotator.sessions.suggestions import SuggestionCursor
from annotator.store import Project
from annotator.store.suggestions import covers
from annotator.store.watcher import StoreWatcher

LABELS = ["PERS", "GPE", "ORG"]
ME = "alice"


def random_run(rng: random.Random, tokens, document_id: str, source: str) -> Prediction:
    found = []
    for _ in range(40):
        i = rng.randrange(len(tokens) - 2)
        j = i + rng.choice([0, 0, 1])
        found.append(Suggestion(tokens[i][0], tokens[j][1], rng.choice(LABELS), round(rng.random(), 2), source))
    return Prediction(document_id, tuple(found))


def step(project: Project, cursor: SuggestionCursor, doc: str, tokens, rng: random.Random) -> str:
    kind = rng.choice(["next", "accept", "accept", "reject", "reject", "label", "above", "tag", "tag", "relabel",
                       "resize", "remove", "undo", "redo", "rerun", "other"])  # fmt: skip
    mine = project.spans(doc, ME)
    if kind in ("accept", "reject", "label") and cursor.current() is None:
        cursor.next()
    if kind == "next":
        cursor.next() if rng.random() < 0.7 else cursor.previous()
    elif kind == "accept":
        cursor.accept()
    elif kind == "reject":
        cursor.reject()
    elif kind == "label":
        cursor.accept_label()
    elif kind == "above":
        cursor.accept_above(rng.choice([0.5, 0.8, 0.95]))
    elif kind == "tag":
        i = rng.randrange(len(tokens) - 1)
        project.add_span(doc, ME, tokens[i][0], tokens[i + rng.choice([0, 1])][1], rng.choice(LABELS))
    elif kind == "relabel" and mine:
        project.relabel_span(rng.choice(mine).id, rng.choice(LABELS))
    elif kind == "resize" and mine:
        i = rng.randrange(len(tokens) - 1)
        project.resize_span(rng.choice(mine).id, tokens[i][0], tokens[i + 1][1])
    elif kind == "remove" and mine:
        project.remove_span(rng.choice(mine).id)
    elif kind == "undo":
        project.undo(ME)
    elif kind == "redo":
        project.redo(ME)
    elif kind == "rerun":
        source = rng.choice(["crf", "strings"])
        project.store_predictions(source, [random_run(rng, tokens, doc, source)])
    elif kind == "other":  # someone else's work never changes this annotator's suggestions
        i = rng.randrange(len(tokens))
        project.add_span(doc, "someone else", tokens[i][0], tokens[i][1], rng.choice(LABELS))
    return kind


@pytest.mark.parametrize("told", [True, False], ids=["told of every change", "another program, via the watcher"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_kept_list_is_what_the_store_lists(seeded, seed, told, tmp_path) -> None:
    project, doc, text = seeded
    writer = watcher = None
    if not told:  # the same document in a file that a second connection (another program) writes to
        project = Project.create(tmp_path / "shared.hashiya")
        (outcome,), _ = project.add_documents([IncomingDocument("seed", text, "seed.txt")])
        doc = outcome.document_id
        writer, watcher = Project.open(tmp_path / "shared.hashiya"), StoreWatcher(project)
    rng = random.Random(seed)
    tokens = [t for t in project.token_offsets(doc) if text[t[0]].isalpha()][:120]
    project.store_predictions("gazetteer", [random_run(rng, tokens, doc, "gazetteer")])
    project.store_predictions("crf", [random_run(rng, tokens, doc, "crf")])
    cursor = SuggestionCursor(project, doc, ME)
    project.subscribe(cursor.follow)
    steps = []
    for _ in range(80):
        try:
            steps.append(step(writer or project, cursor, doc, tokens, rng))
        except HashiyaError:  # e.g. a span that already exists: refused, and the list must still agree
            steps.append("refused")
        if watcher is not None:
            watcher.check()  # the window's timer tick
        expected = project.suggestions(doc, ME)
        assert cursor.pending() == expected, steps
        current = cursor.current()
        assert current is None or current in expected, steps
    assert steps.count("refused") < len(steps) // 4, f"most of the work must really happen: {steps}"
    if writer is not None:
        writer.close()
        project.close()


def test_keys_do_not_list_the_document_again(seeded, monkeypatch) -> None:
    """N, P and Enter in a long article use the kept list: the store lists the document once."""
    project, doc, text = seeded
    tokens = [t for t in project.token_offsets(doc) if text[t[0]].isalpha()]
    project.add_spans(doc, ME, [NewSpan(s, e, "MISC") for s, e in tokens[:200]])
    free = tokens[200:260]
    project.store_predictions("crf", [Prediction(doc, tuple(Suggestion(s, e, "GPE", 0.9, "crf") for s, e in free))])
    cursor = SuggestionCursor(project, doc, ME)
    project.subscribe(cursor.follow)
    listings = 0
    original = project.suggestions

    def counting(*args, **kwargs):
        nonlocal listings
        listings += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(project, "suggestions", counting)
    cursor.next()
    for _ in range(5):
        cursor.next()
        cursor.previous()
        cursor.accept()
        cursor.reject()
        project.add_span(doc, ME, *free[-1], "GPE")  # tagging covers one: hidden without a listing
        project.remove_span(project.spans(doc, ME)[-1].id)
    assert listings <= 1 + 5, "one listing to start, then only after removing a span (it may uncover some)"
    assert cursor.pending() == original(doc, ME)


# (span, suggestion) → hidden?  Spans are the annotator's; a suggestion is hidden if covered.
RULE = [
    ((10, 15, "GPE"), (10, 15, "GPE"), True),  # the same span
    ((10, 15, "PERS"), (10, 15, "GPE"), True),  # same offsets, another label: the annotator decided otherwise
    ((8, 12, "GPE"), (10, 15, "GPE"), True),  # overlapping, same label
    ((10, 20, "GPE"), (12, 15, "GPE"), True),  # inside a longer span of the label
    ((12, 14, "GPE"), (10, 15, "GPE"), True),  # a shorter span of the label inside it
    ((8, 12, "PERS"), (10, 15, "GPE"), False),  # overlapping, another label: both may stand
    ((5, 10, "GPE"), (10, 15, "GPE"), False),  # touching is not overlapping
    ((15, 18, "GPE"), (10, 15, "GPE"), False),
    ((0, 4, "GPE"), (10, 15, "GPE"), False),  # elsewhere
]


@pytest.mark.parametrize(("span", "suggestion", "hidden"), RULE)
def test_the_one_rule_for_hiding_covered_suggestions(project, span, suggestion, hidden) -> None:
    assert covers(span, suggestion) is hidden
    (outcome,), _ = project.add_documents([IncomingDocument("d", "ا" * 30, "d.txt")])
    doc = outcome.document_id
    project.store_predictions("crf", [Prediction(doc, (Suggestion(*suggestion, 0.9, "crf"),))])
    project.add_span(doc, ME, *span)
    assert [s.key for s in project.suggestions(doc, ME)] == ([] if hidden else [suggestion])
