"""Active time from activity events, the recorder in the core, and the time saved by suggestions."""

from __future__ import annotations

import pytest

from annotator.model import DocStatus, IncomingDocument
from annotator.store import Project
from annotator.store.activity import ActivityEvent, ActivityRecorder, ManualClock
from annotator.team.progress import build_progress
from annotator.team.progress_saving import time_saved
from annotator.team.progress_time import TimedAction, active_time, day_of

pytestmark = pytest.mark.both_backends  # tests taking a project run on SQLite and on a PostgreSQL server

TEXT = "ذهب أحمد إلى القاهرة ثم زار محمد في دمشق"


def ev(at: float, kind: str, doc: str | None = "d1", who: str = "a", items: int = 0) -> ActivityEvent:
    return ActivityEvent(f"{who}{at}{kind}", who, doc, at, kind, items)


def test_gaps_longer_than_the_idle_gap_and_time_after_leaving_never_count():
    events = [
        ev(0, "open"),
        ev(30, "input"),
        ev(40, "add_span", items=1),  # 40 s of work on d1
        ev(400, "input"),  # 360 s: longer than the 300 s idle gap
        ev(410, "blur"),  # 10 s
        ev(460, "focus"),  # unfocused: nothing
        ev(470, "done"),  # 10 s
        ev(480, "open", "d2"),  # 10 s: still d1 open
        ev(500, "add_span", "d2", items=2),  # 20 s on d2
    ]
    timed = active_time(events, 300)
    assert timed.by_document == {("a", "d1"): 70, ("a", "d2"): 20}
    assert [(a.kind, a.items, a.seconds) for a in timed.actions] == [
        ("add_span", 1, 40),
        ("done", 0, 20),  # since the span: 10 s before leaving, 10 s after coming back
        ("add_span", 2, 20),
    ]
    assert timed.done_day == {("a", "d1"): day_of(470)}
    assert active_time(events, 400).by_document[("a", "d1")] == 430  # a longer idle gap takes the 360 s in


def test_each_annotator_has_their_own_clock_line_and_days_are_utc():
    night = 86400 - 60  # one minute before midnight, UTC
    events = [ev(night, "open"), ev(night + 120, "add_span", items=1), ev(night + 10, "open", "d9", who="b")]
    timed = active_time(events, 300)
    assert dict(timed.by_day) == {("a", "1970-01-02"): 120}  # an interval belongs to the day it ended
    assert timed.total("b") == 0


def test_the_saving_and_its_interval_are_seeded_and_bracket_the_estimate():
    actions = [TimedAction("a", "d", "accept_suggestion", 1, s, "x") for s in (2, 3, 2, 4, 1)]
    actions += [TimedAction("a", "d", "add_span", 1, s, "x") for s in (10, 12, 9, 14)]
    actions.append(TimedAction("a", "d", "accept_above", 3, 3, "x"))  # three at once
    first, again = time_saved(actions, seed=3), time_saved(actions, seed=3)
    assert first == again
    assert first.seconds_per_accepted == pytest.approx(15 / 8)
    assert first.seconds_per_manual == pytest.approx(45 / 4)
    assert first.seconds_saved == pytest.approx((45 / 4 - 15 / 8) * 8)
    low, high = first.interval
    assert 0 < low < first.seconds_saved < high
    assert time_saved(actions[:5]).seconds_saved is None  # nothing manual to compare with


def test_the_recorder_hears_actions_and_coalesces_input(new_project):
    project = new_project()
    (outcome,), _ = project.add_documents([IncomingDocument("d", TEXT, "d.txt")])
    doc = outcome.document_id
    clock = ManualClock(1000.0)
    recorder = ActivityRecorder(project, "amal", clock)
    recorder.open(doc)
    for _ in range(5):
        clock.advance(3)
        recorder.input()  # 15 s of typing: one row at 1012 (the first at 1003 is within 10 s of the open)
    clock.advance(2)
    project.add_span(doc, "amal", 4, 8, "PERS")
    project.add_span(doc, "badr", 4, 8, "PERS")  # someone else's action: not amal's time
    clock.advance(5)
    project.set_status(doc, "amal", DocStatus.DONE)
    recorder.close()
    recorder.input()  # after closing: nothing
    rows = [(e.kind, e.at, e.items) for e in project.activity_events()]
    assert rows == [
        ("open", 1000, 0),
        ("input", 1012, 0),
        ("input", 1015, 0),
        ("add_span", 1017, 1),
        ("done", 1022, 0),
        ("close", 1022, 0),
    ]
    report, _final = build_progress(project)
    (amal,) = report.annotators
    assert (amal.name, amal.total.active_seconds, amal.total.documents_done, amal.total.entities) == ("amal", 22, 1, 1)
    assert report.agreement.note  # no overlap sample: the reason instead of a number


def test_an_older_project_gains_the_activity_table(tmp_path):
    from annotator.store.connection import connect

    path = tmp_path / "old.hashiya"
    Project.create(path).close()
    conn = connect(path, create=False)
    conn.execute("DROP TABLE activity")
    conn.execute("PRAGMA user_version = 6")
    conn.close()
    with Project.open(path) as project:
        assert project.activity_events() == []
        project.record_activity(project.ensure_annotator("amal").id, None, 5.0, "focus")
        assert [e.kind for e in project.activity_events()] == ["focus"]


def test_a_closed_project_loses_the_event_and_not_the_annotators_work(new_project):
    project = new_project()
    recorder = ActivityRecorder(project, "amal", ManualClock(5.0))
    project.close()  # a window closing after its project (tests' teardown does this)
    recorder.focus(False)
    assert recorder.lost == 1


def test_rows_are_kept_and_written_together_not_one_synced_commit_per_action(new_project):
    """A tag used to cost two more commits for its time records; now rows reach the file in batches:
    once the oldest kept row is ``coalesce`` seconds old, on a blur and close. An opening is kept too:
    a window's start and every document switch used to pay a synced commit for it."""
    project = new_project()
    (outcome,), _ = project.add_documents([IncomingDocument("d", TEXT, "d.txt")])
    doc = outcome.document_id
    clock = ManualClock(1000.0)
    recorder = ActivityRecorder(project, "amal", clock)
    commits = []
    project.database.conn.set_trace_callback(lambda sql: commits.append(sql) if sql == "COMMIT" else None)
    recorder.open(doc)  # kept, not written at once
    assert commits == [] and project.activity_events() == []
    for start in (0, 10, 20):
        clock.advance(2)
        project.add_span(doc, "amal", start, start + 3, "PERS")  # one commit each: the action's own
    assert len(commits) == 3 and project.activity_events() == []
    clock.advance(9)  # the oldest kept row (the opening) is now over 10 s old: the next row writes them all
    project.add_span(doc, "amal", 30, 33, "PERS")
    assert len(commits) == 5 and [e.kind for e in project.activity_events()] == ["open"] + ["add_span"] * 4
    clock.advance(1)
    recorder.focus(False)  # leaving the window writes what is kept
    assert [e.kind for e in project.activity_events()][-1] == "blur"
