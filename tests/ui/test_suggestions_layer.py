"""The view's suggestion layer lists exactly what the store lists as pending, whatever happens.

The layer computes pending suggestions from the view's span index (fast in a 20,000-span article)
rather than asking the store; here random sequences of everything that changes the answer —
tagging, relabelling, resizing and removing spans, accepting, rejecting, undo, redo, another
recommender run, another annotator's work — are checked against ``project.suggestions``.
"""

from __future__ import annotations

import random

import pytest
from PySide6.QtWidgets import QApplication

from annotator.errors import HashiyaError
from annotator.recommenders.base import Prediction, Suggestion

from .conftest import ANNOTATOR

LABELS = ["PERS", "GPE", "ORG"]


def random_suggestions(rng: random.Random, tokens, source: str, n: int) -> tuple[Suggestion, ...]:
    out = []
    for _ in range(n):
        i = rng.randrange(len(tokens) - 2)
        j = i + rng.choice([0, 0, 1])
        out.append(Suggestion(tokens[i][0], tokens[j][1], rng.choice(LABELS), round(rng.random(), 2), source))
    return tuple(out)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_layer_agrees_with_the_store_through_random_work(window, seed) -> None:
    rng = random.Random(seed)
    project, session, layer = window.session.project, window.session, window.suggestions.layer
    document_id = session.document_id
    tokens = [t for t in project.token_offsets(document_id) if session.text[t[0]].isalpha()][:120]

    def run(source: str) -> None:
        project.store_predictions(source, [Prediction(document_id, random_suggestions(rng, tokens, source, 40))])

    def my_spans():
        return project.spans(document_id, ANNOTATOR)

    run("gazetteer")
    run("crf")
    steps = []
    for _ in range(60):
        pending = project.suggestions(document_id, ANNOTATOR)
        step = rng.choice(["tag", "tag", "relabel", "resize", "remove", "accept", "reject", "label", "undo", "undo",
                           "redo", "rerun", "other"])  # fmt: skip
        steps.append(step)
        try:
            if step == "tag":
                i = rng.randrange(len(tokens) - 1)
                project.add_span(document_id, ANNOTATOR, tokens[i][0], tokens[i + rng.choice([0, 1])][1],
                                 rng.choice(LABELS))  # fmt: skip
            elif step in ("relabel", "resize", "remove") and my_spans():
                span = rng.choice(my_spans())
                if step == "relabel":
                    project.relabel_span(span.id, rng.choice(LABELS))
                elif step == "resize":
                    i = rng.randrange(len(tokens) - 1)
                    project.resize_span(span.id, tokens[i][0], tokens[i + 1][1])
                else:
                    project.remove_span(span.id)
            elif step in ("accept", "reject") and pending:
                chosen = rng.choice(pending)
                decide = project.accept_suggestion if step == "accept" else project.reject_suggestion
                decide(chosen.id, ANNOTATOR)
            elif step == "label" and pending:
                project.accept_label(document_id, ANNOTATOR, rng.choice(pending).label)
            elif step == "undo":
                project.undo(ANNOTATOR)
            elif step == "redo":
                project.redo(ANNOTATOR)
            elif step == "rerun":
                run(rng.choice(["gazetteer", "crf", "strings"]))
            elif step == "other":  # someone else's work never changes this annotator's suggestions
                i = rng.randrange(len(tokens))
                project.add_span(document_id, "someone else", tokens[i][0], tokens[i][1], rng.choice(LABELS))
        except HashiyaError:  # e.g. a span that already exists: refused, and the layer must still agree
            steps[-1] += " (refused)"
        QApplication.processEvents()
        expected = sorted(s.key for s in project.suggestions(document_id, ANNOTATOR))
        assert sorted(s.key for s in layer.pending) == expected, steps
        assert sorted((m.start, m.end, m.label) for m in window.view.suggestions.all()) == expected, steps
    refused = sum(step.endswith("(refused)") for step in steps)
    assert refused < len(steps) // 4, f"most of the work must really happen: {steps}"
