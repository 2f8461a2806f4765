"""A merge brings the annotators' suggestion decisions and activity, so `hashiya progress` on the lead's
project reports what it reports on each annotator's own file (issue 16)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.model import DocStatus, IncomingDocument
from annotator.predictions import Prediction, Suggestion
from annotator.store import Project
from annotator.store.activity import ActivityRecorder, ManualClock
from annotator.team.merge import merge_projects
from annotator.team.progress import build_progress
from tests.agreement.conftest import AHMAD, CAIRO, MUHAMMAD, SECOND, TEXT, annotate

WRONG = (0, 3, "PERS")
SUGGESTED = {
    TEXT: [(*AHMAD, "PERS"), (*CAIRO, "GPE"), WRONG],
    SECOND: [(5, 13, "ORG"), (17, 22, "PERS"), (29, 34, "GPE")],
}
# each annotator's decision per suggestion: accept, reject, or accept under another label
DECIDE = {
    "amal": {(*AHMAD, "PERS"): "accept", (*CAIRO, "GPE"): "accept", WRONG: "reject", (5, 13, "ORG"): "accept",
             (17, 22, "PERS"): "accept", (29, 34, "GPE"): "reject"},
    "badr": {(*AHMAD, "PERS"): "accept", (*CAIRO, "GPE"): "LOC", WRONG: "reject", (5, 13, "ORG"): "reject",
             (17, 22, "PERS"): "accept", (29, 34, "GPE"): "LOC"},
}  # fmt: skip


def decisions(project: Project) -> list[tuple]:
    return project.database.table_rows("suggestion_decisions")


def annotators_file(path: Path, name: str, *, manual: bool = True) -> None:
    """``name``'s own file: both texts, the gazetteer's suggestions decided as DECIDE says, a span
    tagged by hand, both documents done, on a clock the test moves (so time saved is measurable)."""
    with Project.create(path) as own:
        own.add_documents([IncomingDocument("doc0", TEXT, "seed"), IncomingDocument("second", SECOND, "seed")])
        docs = dict(zip((TEXT, SECOND), (d.id for d in own.documents()), strict=True))
        own.store_predictions(
            "gazetteer",
            [
                Prediction(docs[t], tuple(Suggestion(*k, 0.9, "gazetteer") for k in keys))
                for t, keys in SUGGESTED.items()
            ],
        )
        clock = ManualClock(1_750_000_000.0)
        recorder = ActivityRecorder(own, name, clock)
        for text, doc in docs.items():
            clock.advance(5)
            recorder.open(doc)
            for s in own.suggestions(doc, name):
                clock.advance(3)
                choice = DECIDE[name][(s.start, s.end, s.label)]
                if choice == "accept":
                    own.accept_suggestion(s.id, name)
                elif choice == "reject":
                    own.reject_suggestion(s.id, name)
                else:
                    own.accept_as(s.id, name, choice)
            if manual and text == TEXT:
                clock.advance(11)
                own.add_span(doc, name, *MUHAMMAD, "PERS")
            clock.advance(4)
            own.set_status(doc, name, DocStatus.DONE)
        recorder.close()


@pytest.fixture
def files(tmp_path: Path) -> Path:
    with Project.create(tmp_path / "lead.hashiya") as lead:
        lead.add_documents([IncomingDocument("doc0", TEXT, "seed")])  # the second text comes with the merge
    for name in DECIDE:
        annotators_file(tmp_path / f"{name}.hashiya", name)
    return tmp_path


def sources(files: Path) -> list[Path]:
    return [files / f"{name}.hashiya" for name in DECIDE]


def by_name(project: Project) -> dict:
    report, _ = build_progress(project)
    return {a.name: a for a in report.annotators}


def test_progress_on_the_merged_project_reports_the_sources_acceptance_and_time_saved(files) -> None:
    expected = {}
    for name, path in zip(DECIDE, sources(files), strict=True):
        with Project.open(path) as own:
            expected[name] = by_name(own)[name]
            assert expected[name].acceptance["recommenders"]["gazetteer"].accepted > 0  # the set-up decided
    with Project.open(files / "lead.hashiya") as lead:
        report = merge_projects(lead, sources(files))
        assert [s.decisions_added for s in report.sources] == [6, 6]
        assert all(s.activity_added > 0 for s in report.sources)
        merged = by_name(lead)
    for name in DECIDE:
        assert merged[name].acceptance == expected[name].acceptance
        assert merged[name].time_saved == expected[name].time_saved
        assert merged[name].total == expected[name].total
    assert merged["badr"].acceptance["labels"]["GPE"].rejected == 2  # accepted as LOC: GPE recorded rejected


def test_decisions_point_at_the_merged_spans(files) -> None:
    with Project.open(files / "lead.hashiya") as lead:
        merge_projects(lead, sources(files))
        spans = {s.id: s for d in lead.documents() for name in DECIDE for s in lead.spans(d.id, name)}
        rows = lead.database.conn.execute("SELECT * FROM suggestion_decisions").fetchall()
        assert len(rows) == 12
        for row in rows:
            if row["decision"] == "accepted" or row["span_id"] is not None:
                span = spans[row["span_id"]]  # accepted as another label: the rejection names the span too
                assert (span.document_id, span.annotator_id, span.start, span.end) == (
                    row["document_id"], row["annotator_id"], row["start"], row["end"],
                )  # fmt: skip
        names = {a.id: a.name for a in lead.annotators()}
        assert {names[row["annotator_id"]] for row in rows} == set(DECIDE)


def test_a_decision_whose_span_is_gone_is_merged_without_one(tmp_path) -> None:
    annotators_file(tmp_path / "amal.hashiya", "amal")
    with Project.open(tmp_path / "amal.hashiya") as own:
        doc = own.documents()[0].id
        cairo = next(s for s in own.spans(doc, "amal") if (s.start, s.end) == CAIRO)
        own.remove_span(cairo.id)  # the decision stays "accepted", naming a span no longer there
    with Project.create(tmp_path / "lead.hashiya") as lead:
        merge_projects(lead, [tmp_path / "amal.hashiya"])
        row = lead.database.conn.execute(
            "SELECT decision, span_id FROM suggestion_decisions WHERE start = ? AND label = 'GPE'", (CAIRO[0],)
        ).fetchone()
        assert tuple(row) == ("accepted", None)


def test_the_same_work_already_here_gets_the_decisions_pointing_at_its_spans(files) -> None:
    """The lead holds amal's work on the first text already (other span ids): the decisions point there."""
    with Project.open(files / "amal.hashiya") as own:
        doc = own.documents()[0].id
        keys = [(s.start, s.end, s.label) for s in own.spans(doc, "amal")]
    with Project.open(files / "lead.hashiya") as lead:
        here = annotate(lead, "amal", TEXT, keys)
        ids = {(s.start, s.end, s.label): s.id for s in lead.spans(here, "amal")}
        merge_projects(lead, [files / "amal.hashiya"])
        accepted = lead.database.conn.execute(
            'SELECT start, "end", label, span_id FROM suggestion_decisions WHERE document_id = ? '
            "AND decision = 'accepted'",
            (here,),
        ).fetchall()
        assert sorted((s, e, label, span) for s, e, label, span in accepted) == sorted(
            (*key, ids[key]) for key in [(*AHMAD, "PERS"), (*CAIRO, "GPE")]
        )


def test_merging_twice_adds_nothing(files) -> None:
    with Project.open(files / "lead.hashiya") as lead:
        merge_projects(lead, sources(files))
        before = decisions(lead), lead.database.table_rows("activity"), lead.history.count()
        again = merge_projects(lead, sources(files))
        assert again.change.empty
        assert [(s.decisions_added, s.activity_added) for s in again.sources] == [(0, 0), (0, 0)]
        assert (decisions(lead), lead.database.table_rows("activity"), lead.history.count()) == before


def test_a_decision_already_made_here_is_kept(files) -> None:
    """amal rejected, in the lead's project, the suggestion her file accepted: the merge keeps the rejection."""
    with Project.open(files / "lead.hashiya") as lead:
        doc = lead.documents()[0].id
        lead.store_predictions("gazetteer", [Prediction(doc, (Suggestion(*AHMAD, "PERS", 0.9, "gazetteer"),))])
        lead.reject_suggestion(lead.suggestions(doc, "amal")[0].id, "amal")
        mine = decisions(lead)
        report = merge_projects(lead, [files / "amal.hashiya"])
        assert report.sources[0].decisions_added == 5
        assert set(mine) <= set(decisions(lead))


def test_decisions_of_a_conflict_stay_out(files) -> None:
    """badr has different work on the first text here: neither his spans nor his decisions there come in."""
    with Project.open(files / "lead.hashiya") as lead:
        doc = annotate(lead, "badr", TEXT, [(*MUHAMMAD, "GPE")])
        report = merge_projects(lead, [files / "badr.hashiya"])
        assert len(report.conflicts) == 1
        badr = lead.get_annotator("badr").id
        rows = lead.database.conn.execute(
            "SELECT document_id FROM suggestion_decisions WHERE annotator_id = ?", (badr,)
        )
        assert doc not in {row[0] for row in rows}
        assert report.sources[0].decisions_added == 3  # those of the second text
