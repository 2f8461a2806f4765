"""Issue 16's acceptance: a whole team cycle without the window, timed by a clock the script controls.

Distribute 30 documents to three annotators with a 20% overlap; a scripted annotator per file
(different error rates) reads, accepts or rejects suggestions, tags by hand and marks documents
done over two days, with a coffee break (longer than the idle gap) and a spell in another program
(the window unfocused) that must not count; merge; agreement on the overlap alone against a direct
computation; curation of the overlap into gold; and ``hashiya progress --json`` against the
script's own tally of its clock.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from statistics import median

import pytest

from annotator.cli import main
from annotator.model import DocStatus
from annotator.policies import DocumentPolicy
from annotator.predictions import Prediction, Suggestion
from annotator.sessions.curation import Curation
from annotator.store import Project
from annotator.store.activity import ActivityRecorder, ManualClock
from annotator.store.merge import merge_activity
from annotator.team.agreement.report import build_report
from annotator.team.distribute import DistributeOptions, distribute
from annotator.team.merge import merge_projects
from tests.agreement.conftest import annotate
from tests.agreement.test_distribute import TEAM, corpus

ENTITIES = [(4, 8, "PERS"), (13, 20, "GPE"), (28, 32, "PERS"), (36, 40, "GPE")]  # in every corpus text
SUGGESTED = ENTITIES[:2]  # the gazetteer finds the first two; the other two are tagged by hand
WRONG = (0, 3, "PERS")  # and it suggests one wrong span
ERROR_RATES = {"layla": 0.0, "omar": 0.2, "sara": 0.4}
DAY1 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC).timestamp()
DAY2 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC).timestamp()
ACCEPTS = {"accept_suggestion", "accept_suggestion_as"}


@dataclass
class Tally:
    """What the script itself expects, from its own clock, for one idle gap."""

    idle: float
    by_day: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    by_doc: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    since: float = 0.0
    actions: list[tuple[str, int, float]] = field(default_factory=list)  # kind, spans added, seconds


class Scripted:
    """A scripted annotator in their own file: every call is one event at the clock's time."""

    def __init__(self, project: Project, name: str) -> None:
        self.project, self.name = project, name
        self.clock = ManualClock(DAY1)
        self.recorder = ActivityRecorder(project, name, self.clock)
        self.rng = random.Random(name)
        self.tallies = [Tally(300.0), Tally(15.0)]  # the default 5 minutes, and --idle-minutes 0.25
        self.last: float | None = None  # time of the last event, None after a stop
        self.doc: str | None = None
        self.done: dict[str, str] = {}  # document id → day
        self.entities: dict[str, int] = defaultdict(int)

    def at(self, seconds: float, event, *, stop: bool = False, opens: str | None = None, action: str = "") -> None:
        """Let ``seconds`` pass, then cause one event; tally what should count."""
        self.clock.advance(seconds)
        items = len(event().spans_added) if action else (event() or 0)
        now, day = self.clock.now(), datetime.fromtimestamp(self.clock.now(), UTC).date().isoformat()
        for tally in self.tallies:
            if self.last is not None and now - self.last <= tally.idle:
                tally.by_day[day] += now - self.last
                tally.by_doc[self.doc] += now - self.last
                tally.since += now - self.last
            if opens:
                tally.since = 0.0
            if action:
                tally.actions.append((action, items, tally.since))
                tally.since = 0.0
        if action:
            self.entities[day] += items
        self.last = None if stop else now
        if opens:
            self.doc = opens

    def work(self, documents: list[str]) -> None:
        rec, p, name = self.recorder, self.project, self.name
        for i, doc in enumerate(documents):
            if i == len(documents) // 2:
                self.clock.t = DAY2 + 60 * len(name)  # the next morning
            if i == 3:
                self.at(0, lambda: rec.focus(False), stop=True)  # off to the mail: not work
                self.at(180, lambda: rec.focus(True))
            pause = 20 * 60 if i == 5 else 12  # a coffee break before the sixth document
            self.at(pause, lambda doc=doc: rec.open(doc), opens=doc)
            self.at(20, rec.input)  # reading, scrolling
            for s in p.suggestions(doc, name):
                roll = self.rng.random()
                if (s.start, s.end, s.label) == WRONG:
                    self.at(3, lambda s=s: p.reject_suggestion(s.id, name), action="reject_suggestion")
                elif roll < ERROR_RATES[name] / 2:
                    self.at(3, lambda s=s: p.reject_suggestion(s.id, name), action="reject_suggestion")  # missed
                elif roll < ERROR_RATES[name]:
                    self.at(2, lambda s=s: p.accept_as(s.id, name, "LOC"), action="accept_suggestion_as")
                else:
                    self.at(2, lambda s=s: p.accept_suggestion(s.id, name), action="accept_suggestion")
            for start, end, label in ENTITIES[2:]:
                roll = self.rng.random()
                if roll < ERROR_RATES[name] / 2:
                    continue  # missed
                self.at(6 + self.rng.randint(0, 4), rec.input)
                wrong = "LOC" if roll < ERROR_RATES[name] else label
                self.at(3, lambda d=doc, a=start, b=end, w=wrong: p.add_span(d, name, a, b, w), action="add_span")
            self.at(4, lambda doc=doc: p.set_status(doc, name, DocStatus.DONE), action="done")
            self.done[doc] = datetime.fromtimestamp(self.clock.now(), UTC).date().isoformat()
        self.at(5, rec.close, stop=True)


@pytest.fixture(scope="module")
def cycle(tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("cycle")
    lead = tmp / "news.hashiya"
    with Project.create(lead) as project:
        project.add_documents(corpus(30))
        report = distribute(project, tmp / "out", DistributeOptions(TEAM, overlap=0.2, seed=7))
    scripts: dict[str, Scripted] = {}
    for file in report.files:
        with Project.open(file.path) as own:
            predictions = [
                Prediction(d.id, tuple(Suggestion(*k, 0.9, "gazetteer") for k in (*SUGGESTED, WRONG)))
                for d in own.documents()
            ]
            own.store_predictions("gazetteer", predictions)
            script = scripts[file.annotator] = Scripted(own, file.annotator)
            script.work([d.id for d in own.documents()])
            script.sha = {d.id: d.sha256 for d in own.documents()}
            script.events = len(own.activity_events())
    paths = [f.path for f in report.files]
    with Project.open(lead) as project:
        merge_projects(project, paths)
        merged_events = len(project.activity_events())
        again = [merge_activity(project, path) for path in paths]  # the merge copied them all: nothing left
        overlap = project.recommender_settings()["overlap_sample"]
    return {"lead": lead, "files": paths, "scripts": scripts, "overlap": overlap, "merged_events": merged_events,
            "again": again, "tmp": tmp}  # fmt: skip


def test_activity_survives_merge_once(cycle):
    total = sum(s.events for s in cycle["scripts"].values())
    with Project.open(cycle["lead"]) as project:
        assert len(project.activity_events()) == total
        by_name = {a.id: a.name for a in project.annotators()}
        assert {by_name[e.annotator_id] for e in project.activity_events()} == set(TEAM)
    # the merge copies them all, and a second copy adds nothing
    assert cycle["merged_events"] == total and cycle["again"] == [0, 0, 0]
    with Project.open(cycle["lead"]) as project:
        assert [merge_activity(project, path) for path in cycle["files"]] == [0, 0, 0]


def test_agreement_on_the_overlap_matches_a_direct_computation(cycle, capsys):
    lead, overlap = cycle["lead"], cycle["overlap"]
    assert len(overlap) == 6  # 20% of 30
    capsys.readouterr()
    assert main(["agreement", str(lead), "--documents", "overlap", "--json"]) == 0
    via_cli = json.loads(capsys.readouterr().out)
    with Project.open(lead) as project, Project.create(cycle["tmp"] / "direct.hashiya") as only:
        for sha in overlap:
            doc = project.document(project.document_by_sha256(sha).id)
            for name in TEAM:
                annotate(only, name, doc.text, [(s.start, s.end, s.label) for s in project.spans(doc.id, name)],
                         doc_name=doc.name)  # fmt: skip
        expected = build_report(only, list(TEAM)).data
    for key in ("documents", "pairs", "fleiss_kappa", "krippendorff_alpha", "unitizing_alpha", "per_label"):
        assert via_cli[key] == expected[key], key
    f1 = {(p["a"], p["b"]): p["span_f1"]["exact"] for p in via_cli["pairs"]}
    assert f1[("layla", "omar")] > f1[("omar", "sara")]  # the error rates show


def test_curation_of_the_overlap_into_gold(cycle):
    with Project.open(cycle["lead"]) as project:
        for sha in cycle["overlap"]:
            doc = project.document_by_sha256(sha).id
            session = Curation(project, doc, status=DocumentPolicy.OVERLAP)
            assert [a.name for a in session.sources] == sorted(TEAM)
            session.accept_agreed()
            for _ in range(20):
                if session.next_open() is None:
                    break
                session.take("layla")  # the careful one
            session.finish()
            assert sorted((s.start, s.end, s.label) for s in project.spans(doc, "gold")) == sorted(ENTITIES)
            assert project.status(doc, "gold") == DocStatus.DONE


@pytest.mark.parametrize("idle_minutes", [5.0, 0.25])
def test_progress_json_agrees_with_the_scripts_clock(cycle, capsys, idle_minutes):
    capsys.readouterr()
    assert main(["progress", str(cycle["lead"]), "--json", "--idle-minutes", str(idle_minutes)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["idle_minutes"] == idle_minutes
    people = {a["name"]: a for a in report["annotators"]}
    assert set(TEAM) <= set(people)
    index = 0 if idle_minutes == 5.0 else 1
    for name in TEAM:
        script, got = cycle["scripts"][name], people[name]
        tally = script.tallies[index]
        assert got["total"]["active_seconds"] == pytest.approx(sum(tally.by_day.values()))
        assert set(got["days"]) == {"2026-03-01", "2026-03-02"}
        for day, seconds in tally.by_day.items():
            figures = got["days"][day]
            assert figures["active_seconds"] == pytest.approx(seconds)
            assert figures["active_hours"] == pytest.approx(seconds / 3600)
            assert figures["documents_done"] == sum(1 for d in script.done.values() if d == day)
            assert figures["entities"] == script.entities[day]
            assert figures["entities_per_active_hour"] == pytest.approx(script.entities[day] / (seconds / 3600))
            finished = [tally.by_doc[doc] for doc, on in script.done.items() if on == day]
            assert figures["median_seconds_per_document"] == pytest.approx(median(finished))
        assert got["total"]["documents_done"] == len(script.done)
        saved = got["time_saved"]
        accepted = [(n, s) for kind, n, s in tally.actions if kind in ACCEPTS and n]
        manual = [(n, s) for kind, n, s in tally.actions if kind == "add_span" and n]
        assert saved["accepted_spans"] == sum(n for n, _ in accepted)
        assert saved["seconds_per_accepted"] == pytest.approx(sum(s for _, s in accepted) / sum(n for n, _ in accepted))
        assert saved["seconds_per_manual"] == pytest.approx(sum(s for _, s in manual) / sum(n for n, _ in manual))
    team = report["time_saved"]
    low, high = team["interval"]
    assert low <= team["seconds_saved"] <= high
    if idle_minutes == 5.0:
        assert team["seconds_per_accepted"] < team["seconds_per_manual"]  # 2 s vs 9-13 s a span: a saving
        assert low > 0
        # the breaks never count: two working days of 15 documents take well under an hour each
        assert all(people[n]["total"]["active_seconds"] < 2 * 3600 for n in TEAM)
    trend = report["agreement"]["trend"]
    assert [p["day"] for p in trend] == ["2026-03-01", "2026-03-02"] or [p["day"] for p in trend] == ["2026-03-02"]
    with Project.open(cycle["lead"]) as project:
        final = build_report(project, list(TEAM), DocumentPolicy.OVERLAP)
    assert trend[-1]["documents"] == final.documents
    assert trend[-1]["fleiss_kappa"] == pytest.approx(final.fleiss_kappa)
    worst = report["agreement"]["worst_pairs"][0]
    assert "sara" in (worst["a"], worst["b"])  # the one with most errors is in the worst pair


def test_acceptance_rates_per_recommender_and_label_in_an_annotators_file(cycle, capsys):
    for name, path in zip(TEAM, cycle["files"], strict=True):
        capsys.readouterr()
        assert main(["progress", str(path), "--json"]) == 0
        report = json.loads(capsys.readouterr().out)
        mine = next(a for a in report["annotators"] if a["name"] == name)
        with Project.open(path) as own:
            rows = own.activity.decision_rows()
        accepted = sum(1 for r in rows if r[2] == "accepted")
        gazetteer = mine["acceptance"]["recommenders"]["gazetteer"]
        assert (gazetteer["accepted"], gazetteer["accepted"] + gazetteer["rejected"]) == (accepted, len(rows))
        assert mine["acceptance"]["labels"]["PERS"]["rejected"] >= 10  # the wrong suggestion, every document
        if name == "layla":
            assert mine["acceptance"]["labels"]["GPE"]["rate"] == 1.0


def test_acceptance_rates_on_the_merged_project_are_each_annotators_own(cycle, capsys):
    """The merge brings the suggestion decisions: the lead's report shows what each annotator's file does."""
    capsys.readouterr()
    assert main(["progress", str(cycle["lead"]), "--json"]) == 0
    merged = {a["name"]: a for a in json.loads(capsys.readouterr().out)["annotators"]}
    for name, path in zip(TEAM, cycle["files"], strict=True):
        assert main(["progress", str(path), "--json"]) == 0
        own = next(a for a in json.loads(capsys.readouterr().out)["annotators"] if a["name"] == name)
        assert merged[name]["acceptance"] == own["acceptance"]
        assert merged[name]["acceptance"]["recommenders"]["gazetteer"]["accepted"] > 0
        assert merged[name]["time_saved"] == own["time_saved"]


def test_html_report_has_the_plots(cycle, tmp_path, capsys):
    out = tmp_path / "progress.html"
    assert main(["progress", str(cycle["lead"]), "--html", str(out)]) == 0
    text = capsys.readouterr().out
    assert "layla" in text and "suggestions saved" in text
    page = Path(out).read_text(encoding="utf-8")
    assert page.count("<svg") == 3  # the trend, the pair heatmap and the label bars
    assert "Agreement on the overlap sample, by day" in page
