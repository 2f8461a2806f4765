"""The Team progress window (issue 16): the lead opens it from the Annotator menu and reads the figures.

The projects are real: distributed to annotators with an overlap sample, each annotator's file
filled by a script that opens documents, reads, accepts and rejects the gazetteer's suggestions,
tags by hand and marks documents done, over several days of a :class:`ManualClock` (nothing
sleeps), then merged back into the lead's file. The window must show what
:func:`annotator.team.progress.build_progress` reports for that file.
"""

from __future__ import annotations

import json
import random
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QTableView

from annotator.model import GOLD, DocStatus
from annotator.predictions import Prediction, Suggestion
from annotator.store import Project
from annotator.store.activity import ActivityRecorder, ManualClock
from annotator.team.agreement.svg import fmt
from annotator.team.distribute import DistributeOptions, distribute
from annotator.team.merge import merge_projects
from annotator.team.progress import build_progress
from annotator.team.progress_html import render_html
from tests.agreement.test_distribute import corpus
from ui.progress.table_model import VALUE_ROLE
from ui.progress.window import ProgressWindow
from ui.progress.wording import RLM

from .conftest import SCREENSHOTS
from .test_arabic_walk import assert_arabic, menu_texts, widget_texts

ENTITIES = [(4, 8, "PERS"), (13, 20, "GPE"), (28, 32, "PERS"), (36, 40, "GPE")]  # in every corpus text
SUGGESTED = ENTITIES[:2]  # the gazetteer finds the first two; the other two are tagged by hand
WRONG = (0, 3, "PERS")  # and it suggests one wrong span
DAY1 = datetime(2026, 11, 16, 8, 30, tzinfo=UTC).timestamp()
DAY = 24 * 3600


@dataclass
class Tally:
    """What one scripted annotator did, counted by the script itself."""

    done: int = 0
    decisions: Counter = field(default_factory=Counter)  # (label, "accepted"/"rejected") → how many


def work(project: Project, name: str, documents: list[str], days: int, error_rate: float, start: float) -> Tally:
    """One annotator's days in their own file: open, read, decide on suggestions, tag, mark done.

    Every step is one event at the clock's time; a lunch break (longer than the idle gap) splits
    each day. The rare mistakes (rejecting a right suggestion, a wrong label) make agreement imperfect.
    """
    clock = ManualClock(start)
    recorder = ActivityRecorder(project, name, clock)
    rng = random.Random(name)
    tally = Tally()
    per_day = -(-len(documents) // days)
    for i, doc in enumerate(documents):
        if i and i % per_day == 0:
            clock.t = start + DAY * (i // per_day)  # the next morning
        clock.advance(45 * 60 if i % per_day == per_day // 2 else 15)  # lunch, else the next document
        recorder.open(doc)
        clock.advance(40 + rng.randint(0, 120))  # reading
        recorder.input()
        for s in project.suggestions(doc, name):
            clock.advance(2 + rng.randint(0, 3))
            if (s.start, s.end, s.label) == WRONG or rng.random() < error_rate / 2:
                project.reject_suggestion(s.id, name)
                tally.decisions[(s.label, "rejected")] += 1
            else:
                project.accept_suggestion(s.id, name)
                tally.decisions[(s.label, "accepted")] += 1
        for begin, end, label in ENTITIES[2:]:
            if rng.random() < error_rate / 2:
                continue  # missed
            clock.advance(6 + rng.randint(0, 6))
            recorder.input()
            clock.advance(3)
            project.add_span(doc, name, begin, end, "LOC" if rng.random() < error_rate / 2 else label)
        clock.advance(4)
        project.set_status(doc, name, DocStatus.DONE)
        tally.done += 1
    clock.advance(5)
    recorder.close()
    return tally


def build_team(folder: Path, rates: dict[str, float], documents: int, days: int) -> tuple[Path, dict[str, Tally]]:
    """The lead's project after distribute (25% overlap), a scripted annotator per file, and merge."""
    folder.mkdir(parents=True, exist_ok=True)
    lead = folder / "news.hashiya"
    with Project.create(lead) as project:
        project.add_documents(corpus(documents))
        report = distribute(project, folder / "out", DistributeOptions(tuple(rates), overlap=0.25, seed=3))
    tallies = {}
    for k, file in enumerate(report.files):
        with Project.open(file.path) as own:
            predictions = [
                Prediction(d.id, tuple(Suggestion(*e, 0.9, "gazetteer") for e in (*SUGGESTED, WRONG)))
                for d in own.documents()
            ]
            own.store_predictions("gazetteer", predictions)
            ids = [d.id for d in own.documents()]
            start = DAY1 + 17 * 60 * k  # each starts a little later than the one before
            tallies[file.annotator] = work(own, file.annotator, ids, days, rates[file.annotator], start)
    with Project.open(lead) as project:
        merge_projects(project, [f.path for f in report.files])
    return lead, tallies


@pytest.fixture(scope="module")
def pair(tmp_path_factory) -> tuple[Path, dict[str, Tally]]:
    """Two annotators, 12 documents (3 in the overlap), over two days."""
    return build_team(tmp_path_factory.mktemp("pair"), {"layla": 0.0, "omar": 0.3}, documents=12, days=2)


@pytest.fixture(scope="module")
def team(tmp_path_factory) -> tuple[Path, dict[str, Tally]]:
    """The screenshots' project: three annotators, 24 documents (6 in the overlap), over three days."""
    rates = {"layla": 0.0, "omar": 0.2, "sara": 0.45}
    return build_team(tmp_path_factory.mktemp("team"), rates, documents=24, days=3)


def open_progress(qtbot, window) -> ProgressWindow:
    """Annotator → Team progress…, as the menu opens it; waits for the figures."""
    from ui.dialogs.team_windows import MultiAnnotator

    window.actions_by_name["progress"].trigger()
    progress = window.findChild(MultiAnnotator).dialogs["progress"]
    qtbot.addWidget(progress)
    qtbot.waitUntil(lambda: progress.report is not None and progress.job is None, timeout=30_000)
    return progress


def rows_by_name(model, column: int = 0) -> dict[str, int]:
    return {model.index(r, column).data(VALUE_ROLE): r for r in range(model.rowCount())}


def cell(model, row: int, header: str, role=Qt.ItemDataRole.DisplayRole):
    return model.index(row, model.headers.index(header)).data(role)


def test_the_lead_reads_what_build_progress_reports(qtbot, open_window, pair) -> None:
    from ui.dialogs.team_windows import MultiAnnotator

    lead, tallies = pair
    with Project.open(lead) as project:
        window = open_window(project, "lead")
        feature = window.findChild(MultiAnnotator)
        window.actions_by_name["progress"].trigger()  # an annotator: blind, the entry is off
        assert not window.actions_by_name["progress"].isEnabled()
        feature.show_progress()  # and any other path is refused, saying why
        assert "progress" not in feature.dialogs and "curator" in window.statusBar().currentMessage()
        feature.switch_to(GOLD)
        assert window.actions_by_name["progress"].isEnabled()
        progress = open_progress(qtbot, window)
        assert progress.isVisible() and progress.pages.currentIndex() == 1
        expected, _final = build_progress(project)
        people = {a.name: a for a in expected.annotators}
        assert set(tallies) <= set(people)

        totals = rows_by_name(progress.totals)
        for name, tally in tallies.items():
            row, figures = totals[name], people[name].total
            assert cell(progress.totals, row, "Documents done") == str(tally.done) == str(figures.documents_done)
            assert cell(progress.totals, row, "Active hours") == fmt(figures.active_hours, 2)
            assert cell(progress.totals, row, "Active hours", VALUE_ROLE) == pytest.approx(figures.active_hours)
            assert 0 < figures.active_hours < 1, "breaks and nights never count"
            assert cell(progress.totals, row, "Median s per document") == fmt(figures.median_seconds_per_document, 0)
        # per day: both days, each with its own documents and hours
        days = progress.days
        shown = {
            (days.index(r, 0).data(VALUE_ROLE), days.index(r, 1).data(VALUE_ROLE)): r for r in range(days.rowCount())
        }
        for name in tallies:
            for day, figures in people[name].days.items():
                row = shown[(name, day)]
                assert cell(days, row, "Documents done", VALUE_ROLE) == figures.documents_done
                assert cell(days, row, "Active hours") == fmt(figures.active_hours, 2)
                assert cell(days, row, "Entities per active hour") == fmt(figures.entities_per_active_hour, 1)
        assert {day for (name, day) in shown if name in tallies} == {"2026-11-16", "2026-11-17"}

        # acceptance: per recommender and per label, the script's own count of its decisions
        acceptance = progress.acceptance
        for r in range(acceptance.rowCount()):
            name, axis, key = (acceptance.index(r, c).data(VALUE_ROLE) for c in range(3))
            if name not in tallies:
                continue
            rate = people[name].acceptance[axis][key]
            decided = tallies[name].decisions
            if axis == "labels":
                assert (rate.accepted, rate.rejected) == (decided[(key, "accepted")], decided[(key, "rejected")])
            else:
                assert key == "gazetteer"
                assert rate.accepted == sum(n for (_, how), n in decided.items() if how == "accepted")
            assert cell(acceptance, r, "Accepted") == str(rate.accepted)
            assert cell(acceptance, r, "Rejected") == str(rate.rejected)
            assert cell(acceptance, r, "Acceptance rate") == fmt(rate.rate, 3)
        assert {acceptance.index(r, 1).data(VALUE_ROLE) for r in range(acceptance.rowCount())} == {
            "recommenders",
            "labels",
        }

        # time saved, with its interval, and the overlap agreement
        saved = progress.saved
        assert saved.index(0, 0).data(VALUE_ROLE) == "team"
        assert cell(saved, 0, "Seconds saved") == fmt(expected.time_saved.seconds_saved, 0)
        low, high = expected.time_saved.interval
        assert cell(saved, 0, "95% interval") == f"{fmt(low, 0)} to {fmt(high, 0)}"
        assert "Time saved by suggestions:" in progress.summary.text()
        assert progress.trend_plot.rendered and "Agreement on the overlap sample, by day" in progress.trend_plot.svg
        pairs = [progress.pairs.index(r, 0).data(VALUE_ROLE) for r in range(progress.pairs.rowCount())]
        assert pairs == [(p.a, p.b) for p in expected.agreement.worst_pairs] and ("layla", "omar") in pairs
        assert progress.labels.rowCount() == len(expected.agreement.worst_labels) > 0


def test_idle_gap_and_refresh_compute_again(qtbot, open_window, pair) -> None:
    lead, _tallies = pair
    with Project.open(lead) as project:
        window = open_window(project, GOLD)
        progress = open_progress(qtbot, window)
        before = rows_by_name(progress.totals)
        hours = cell(progress.totals, before["omar"], "Active hours", VALUE_ROLE)
        with qtbot.waitSignal(progress.computed, timeout=30_000):
            progress.idle.setValue(0.25)  # 15 s: the reading before the first action no longer counts
        assert progress.report.idle_minutes == 0.25
        expected, _ = build_progress(project, 0.25)
        omar = next(a for a in expected.annotators if a.name == "omar")
        shorter = cell(progress.totals, rows_by_name(progress.totals)["omar"], "Active hours", VALUE_ROLE)
        assert shorter == pytest.approx(omar.total.active_hours) and shorter < hours
        progress.activateWindow()
        with qtbot.waitSignal(progress.computed, timeout=30_000):
            qtbot.keyClick(progress, Qt.Key.Key_F5)
        assert progress.job is None and progress.report.idle_minutes == 0.25


def test_save_html_writes_the_report(qtbot, open_window, pair, tmp_path, monkeypatch) -> None:
    lead, _tallies = pair
    with Project.open(lead) as project:
        window = open_window(project, GOLD)
        progress = open_progress(qtbot, window)
        target = tmp_path / "progress.html"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
        qtbot.mouseClick(progress.save_html_button, Qt.MouseButton.LeftButton)
        html = target.read_text(encoding="utf-8")
        assert html == render_html(progress.report, progress.final, "Team progress — news")
        assert html.count("<svg") == 3 and "layla" in html and "omar" in html
        assert f"{fmt(progress.report.annotators[0].total.active_hours, 2)}</td>" in html
        target = tmp_path / "progress.json"
        qtbot.mouseClick(progress.save_json_button, Qt.MouseButton.LeftButton)
        assert json.loads(target.read_text(encoding="utf-8")) == json.loads(progress.report.to_json())
        assert progress.statusBar().currentMessage().startswith("Saved")


def test_a_project_nobody_worked_in_says_so(qtbot, tmp_path) -> None:
    path = tmp_path / "fresh.hashiya"
    with Project.create(path) as project:
        project.add_documents(corpus(3))
        progress = open_direct(qtbot, project)
        assert progress.pages.currentIndex() == 0
        assert progress.findChild(QLabel, "progressEmptyTitle").isVisible()
        assert not progress.findChild(QTableView, "progressTotals").isVisible(), "no empty grid"
        assert progress.totals.rowCount() == 0 and progress.save_html_button.isEnabled()


def test_a_project_nobody_worked_in_says_so_in_arabic(qtbot, tmp_path) -> None:
    path = tmp_path / "fresh.hashiya"
    with Project.create(path) as project:
        project.add_documents(corpus(3))
        progress = open_direct(qtbot, project, arabic=True)
        assert progress.findChild(QLabel, "progressEmptyTitle").text() == "لم يُسجَّل أي نشاط بعد"
        assert_arabic(widget_texts(progress), project)


def test_no_overlap_sample_is_said_in_words(qtbot, tmp_path) -> None:
    path = tmp_path / "solo.hashiya"
    with Project.create(path) as project:
        project.add_documents(corpus(2))
        doc = project.documents()[0].id
        clock = ManualClock(DAY1)
        recorder = ActivityRecorder(project, "layla", clock)
        recorder.open(doc)
        clock.advance(30)
        project.add_span(doc, "layla", *ENTITIES[0])
        clock.advance(5)
        project.set_status(doc, "layla", DocStatus.DONE)
        recorder.close()
        progress = open_direct(qtbot, project)
        assert progress.pages.currentIndex() == 1
        assert progress.agreement_note.isVisible() and "No overlap sample" in progress.agreement_note.text()
        assert not progress.trend_plot.isVisible() and progress.pairs.rowCount() == 0
        assert "not measurable yet" in progress.summary.text()


def open_direct(qtbot, project: Project, *, arabic: bool = False) -> ProgressWindow:
    """The window on its own (no main window recording the lead's own time), in English or Arabic."""
    from ui import i18n

    if arabic:  # what the main window does at start-up in Arabic (the fixture puts English back)
        i18n.set_language("ar")
        QApplication.instance().setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    progress = ProgressWindow(project)
    qtbot.addWidget(progress)
    progress.resize(1440, 900)
    progress.show()
    qtbot.waitExposed(progress)
    qtbot.waitUntil(lambda: progress.report is not None and progress.job is None, timeout=30_000)
    QApplication.processEvents()
    return progress


def save_screenshot(progress: ProgressWindow, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    out = SCREENSHOTS / name
    assert progress.grab().save(str(out))
    assert out.stat().st_size > 30_000


def test_screenshot_progress_dashboard(qtbot, team) -> None:
    lead, tallies = team
    with Project.open(lead) as project:
        progress = open_direct(qtbot, project)
        save_screenshot(progress, "progress-dashboard.png")
        assert progress.totals.rowCount() == 3 and progress.days.rowCount() == 9
        assert [progress.totals.index(r, 1).data() for r in range(3)] == [str(t.done) for t in tallies.values()]
        assert len(progress.report.agreement.trend) >= 2
        progress.close()


def test_screenshot_progress_dashboard_arabic(qtbot, team) -> None:
    lead, _tallies = team
    with Project.open(lead) as project:
        progress = open_direct(qtbot, project, arabic=True)
        save_screenshot(progress, "progress-dashboard-ar.png")
        assert progress.layoutDirection() == Qt.LayoutDirection.RightToLeft
        texts = widget_texts(progress) + [("trend tip", tip) for _, tip in progress.trend_plot.regions]
        assert any("الاتفاق على العيّنة المشتركة" in text for _, text in texts)
        assert_arabic(texts, project)
        drawn = [e.text or "" for e in ET.fromstring(progress.trend_plot.svg).iter() if e.tag.endswith("}text")]
        arabic = [t for t in drawn if re.search("[\u0600-\u06ff]", t)]
        assert arabic and all(t.startswith(RLM) for t in arabic), "F1 would be read last in «F1 للكيانات…»"
        progress.close()


def test_opened_from_the_arabic_window_reads_in_arabic(qtbot, arabic_team) -> None:
    """What the Arabic walk (tests/ui/test_arabic_walk.py) reads, on its own team project: no English left."""
    from ui.dialogs.team_windows import MultiAnnotator

    window, project = arabic_team, arabic_team.session.project
    window.findChild(MultiAnnotator).switch_to(GOLD)
    progress = open_progress(qtbot, window)
    assert progress.layoutDirection() == Qt.LayoutDirection.RightToLeft
    texts = widget_texts(progress) + menu_texts(window) + [("trend", t) for _, t in progress.trend_plot.regions]
    assert_arabic(texts, project)
