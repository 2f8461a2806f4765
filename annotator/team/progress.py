"""Time and throughput of an annotation team (issue 16): ``hashiya progress`` and its HTML report.

Per annotator, overall and per day (UTC): documents done, active hours (idle-aware, from the
activity the store records: :mod:`annotator.team.progress_time`), entities per active hour (spans
added by timed actions), the median active time of a finished document; suggestion acceptance per
recommender and per label, and the time suggestions saved with its uncertainty
(:mod:`annotator.team.progress_saving`); agreement on the overlap sample as it evolves
(:mod:`annotator.team.progress_agreement`). Everything is computed from the project file alone,
so the lead runs it on the merged project (merge brings the activity along).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from statistics import median

from annotator.store import Project
from annotator.team.agreement.figures import AgreementReport, JsonRecord
from annotator.team.progress_agreement import OverlapAgreement, overlap_agreement
from annotator.team.progress_saving import Rate, TimeSaved, acceptance, time_saved
from annotator.team.progress_time import DEFAULT_IDLE_MINUTES, ActiveTime, active_time

VERSION = 1


@dataclass(frozen=True, slots=True)
class Throughput(JsonRecord):
    """One annotator's figures over a period (a day, or everything)."""

    documents_done: int
    active_seconds: float
    active_hours: float
    entities: int  # spans added by their timed actions
    entities_per_active_hour: float | None
    median_seconds_per_document: float | None  # active time of the documents done in the period


@dataclass(frozen=True, slots=True)
class AnnotatorProgress(JsonRecord):
    name: str
    total: Throughput
    days: Mapping[str, Throughput]
    acceptance: Mapping[str, Mapping[str, Rate]]  # "recommenders" / "labels" → key → rate
    time_saved: TimeSaved


@dataclass(frozen=True, slots=True)
class ProgressReport(JsonRecord):
    """What ``hashiya progress --json`` writes (docs/team.md, "Time and throughput")."""

    version: int
    idle_minutes: float
    annotators: tuple[AnnotatorProgress, ...]
    time_saved: TimeSaved  # the whole team's
    agreement: OverlapAgreement

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)


def build_progress(
    project: Project, idle_minutes: float = DEFAULT_IDLE_MINUTES, seed: int = 0
) -> tuple[ProgressReport, AgreementReport | None]:
    """The progress report, and the overlap agreement report it ends with (for the HTML plots)."""
    names = {a.id: a.name for a in project.annotators()}
    activity = project.activity
    timed = active_time(activity.events(), idle_minutes * 60)
    done: dict[tuple[str, str], str] = {}  # (annotator id, document id) → day marked done
    for who, doc, updated_at in activity.done_rows():
        done[(who, doc)] = timed.done_day.get((who, doc), updated_at[:10])
    rates = acceptance((names.get(w, w), label, d, s) for w, label, d, s in activity.decision_rows())
    with_rates = {a.id for a in project.annotators() if a.name in rates}
    active = {w for w, _ in timed.by_day} | {a.annotator_id for a in timed.actions} | {w for w, _ in done}
    people = sorted(active | with_rates, key=lambda w: names.get(w, w))
    annotators = tuple(_annotator(names.get(who, who), who, timed, done, rates, seed) for who in people)
    agreement, final = overlap_agreement(project, {(names.get(w, w), d): day for (w, d), day in done.items()})
    team = time_saved(timed.actions, seed=seed)
    return ProgressReport(VERSION, idle_minutes, annotators, team, agreement), final


def _annotator(
    name: str,
    who: str,
    timed: ActiveTime,
    done: Mapping[tuple[str, str], str],
    rates: Mapping[str, Mapping[str, Mapping[str, Rate]]],
    seed: int,
) -> AnnotatorProgress:
    mine = [a for a in timed.actions if a.annotator_id == who]
    finished = {doc: day for (w, doc), day in done.items() if w == who}
    entities: dict[str, int] = defaultdict(int)
    for action in mine:
        entities[action.day] += action.items
    days = sorted({d for w, d in timed.by_day if w == who} | set(finished.values()) | set(entities))
    per_day = {
        day: _throughput(
            timed.by_day.get((who, day), 0.0),
            entities[day],
            [timed.by_document.get((who, doc), 0.0) for doc, on in finished.items() if on == day],
        )
        for day in days
    }
    total = _throughput(
        timed.total(who), sum(entities.values()), [timed.by_document.get((who, doc), 0.0) for doc in finished]
    )
    return AnnotatorProgress(name, total, per_day, rates.get(name, {}), time_saved(mine, seed=seed))


def _throughput(seconds: float, entities: int, document_seconds: Iterable[float]) -> Throughput:
    finished = list(document_seconds)
    hours = seconds / 3600
    return Throughput(
        documents_done=len(finished),
        active_seconds=seconds,
        active_hours=hours,
        entities=entities,
        entities_per_active_hour=entities / hours if hours else None,
        median_seconds_per_document=median(finished) if finished else None,
    )
