"""The seen matrix the report decides from the statuses it has already read equals the policy's own
:func:`annotator.policies.covered` (one query fewer on every report)."""

from __future__ import annotations

import numpy as np
import pytest

from annotator.model import DocStatus
from annotator.policies import DocumentPolicy
from annotator.team.agreement.data import _covered, load
from tests.agreement.conftest import AHMAD, CAIRO, SECOND, TEXT, annotate

THIRD = "زار محمد دمشق"
NAMES = ["amal", "badr", "dina"]


@pytest.fixture
def mixed(project):
    """Every state a policy tells apart: done, in progress, new with spans, new and empty, unseen."""
    annotate(project, "amal", TEXT, [(*AHMAD, "PERS")], status=DocStatus.DONE)
    annotate(project, "badr", TEXT, [(*CAIRO, "GPE")], status=DocStatus.IN_PROGRESS)
    annotate(project, "amal", SECOND, [(5, 13, "ORG")], status=DocStatus.NEW, doc_name="second")
    annotate(project, "badr", SECOND, [], status=DocStatus.DONE, doc_name="second")
    annotate(project, "dina", SECOND, [], status=DocStatus.IN_PROGRESS, doc_name="second")
    annotate(project, "dina", THIRD, [], status=DocStatus.DONE, doc_name="third")
    annotate(project, "badr", THIRD, [(0, 3, "PERS")], [], status=DocStatus.NEW, doc_name="third")
    return project


@pytest.mark.parametrize(
    "policy",
    [
        "done",
        "all",
        DocumentPolicy.IN_PROGRESS_OR_DONE,
        DocumentPolicy.WORKED_ON,
        DocumentPolicy.DONE,
        DocumentPolicy.ALL,
    ],
)
def test_seen_equals_the_policy_covered(mixed, policy):
    data = load(mixed, NAMES, policy)
    ids = {a.name: a.id for a in mixed.annotators()}
    expected = _covered(mixed, data.policy, [ids[n] for n in NAMES], data.corpus.ids)
    assert np.array_equal(data.seen, expected)
    assert (data.seen.any() and not data.seen.all()) or data.policy is DocumentPolicy.ALL


def test_the_states_are_told_apart(mixed):
    """The fixture is not trivial: the three status policies give three different matrices."""
    seen = {p: load(mixed, NAMES, p).seen.tolist() for p in ("done", "in-progress-or-done", "worked-on")}
    assert len({str(s) for s in seen.values()}) == 3
