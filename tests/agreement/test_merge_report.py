"""The merge report is a typed, frozen record: what the CLI and the Merge dialog read after a merge."""

from __future__ import annotations

import dataclasses

import pytest

from annotator.store import ChangeKind, Project
from annotator.team.merge import MergeReport, SourceOutcome, merge_projects
from tests.agreement.conftest import AHMAD, CAIRO, TEXT, annotate


def test_a_merge_reports_typed_frozen_outcomes(tmp_path):
    other = tmp_path / "other.hashiya"
    with Project.create(other) as project:
        annotate(project, "amal", TEXT, [(*AHMAD, "PERS"), (*CAIRO, "GPE")], [(0, 1, "met_with")])
    with Project.create(tmp_path / "lead.hashiya") as lead:
        report = merge_projects(lead, [other])
        again = merge_projects(lead, [other])
    assert isinstance(report, MergeReport) and isinstance(report.sources, tuple)
    (outcome,) = report.sources
    assert isinstance(outcome, SourceOutcome)
    assert (outcome.documents_added, outcome.spans_added, outcome.relations_added) == (1, 2, 1)
    assert (outcome.bodies_added, outcome.statuses_changed, outcome.annotators_added) == (1, 1, ("amal",))
    assert report.conflicts == () and report.labels_added == []
    assert report.change.kind is ChangeKind.MERGE
    assert len(report.change.spans_added) == 2 and len(report.change.annotators_added) == 1
    (same,) = again.sources
    assert (same.documents_matched, same.bodies_present, same.spans_added) == (1, 1, 0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        outcome.spans_added = 0  # type: ignore[misc]
