"""Agreement on the overlap sample as work proceeds: a point per day, the worst pairs, the worst labels.

Each day's point is the agreement report (:mod:`annotator.team.agreement`) on the overlap documents
each annotator had marked done by the end of that day: the same computation as
``hashiya agreement --documents overlap``, restricted in time, so the last point equals that report.
A document counts from the day its annotator last marked it done (the activity's ``done`` event,
else the status row's date).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from statistics import fmean

import numpy as np

from annotator.errors import HashiyaError
from annotator.policies import DocumentPolicy
from annotator.store import Project
from annotator.team.agreement.data import load
from annotator.team.agreement.figures import AgreementReport, JsonRecord
from annotator.team.agreement.report import compute

WORST = 3


@dataclass(frozen=True, slots=True)
class TrendPoint(JsonRecord):
    """Agreement on the overlap documents done by the end of ``day``."""

    day: str
    documents: int  # overlap documents at least two annotators had done
    span_f1: float | None  # exact span F1, mean over pairs
    fleiss_kappa: float | None
    krippendorff_alpha: float | None


@dataclass(frozen=True, slots=True)
class WorstPair(JsonRecord):
    a: str
    b: str
    documents: int
    span_f1: float | None


@dataclass(frozen=True, slots=True)
class WorstLabel(JsonRecord):
    label: str
    span_f1: float | None


@dataclass(frozen=True, slots=True)
class OverlapAgreement(JsonRecord):
    """The trend and today's worst; ``note`` says why there is none (no sample, one annotator)."""

    trend: tuple[TrendPoint, ...]
    worst_pairs: tuple[WorstPair, ...]
    worst_labels: tuple[WorstLabel, ...]
    note: str = ""


def overlap_agreement(
    project: Project, done_days: Mapping[tuple[str, str], str]
) -> tuple[OverlapAgreement, AgreementReport | None]:
    """The trend over the days in ``done_days`` ((annotator name, document id) → day), and the final
    report (None when agreement cannot be computed yet: the note says why)."""
    try:
        data = load(project, None, DocumentPolicy.OVERLAP)
    except HashiyaError as exc:
        return OverlapAgreement((), (), (), note=str(exc)), None
    final = compute(data)
    day_of = np.full(data.seen.shape, "9999-99-99", dtype=object)
    for a, name in enumerate(data.annotators):
        for d, doc in enumerate(data.corpus.ids):
            day_of[a, d] = done_days.get((name, doc), "9999-99-99")
    points = []
    compared, documents = set(data.annotators), set(data.corpus.ids)
    for day in sorted({day for (name, doc), day in done_days.items() if name in compared and doc in documents}):
        seen = data.seen & (day_of <= day)
        if (seen.sum(axis=0) >= 2).sum() == 0:
            continue  # no document two annotators had finished yet
        points.append(_point(day, compute(replace(data, seen=seen))))
    return OverlapAgreement(tuple(points), _worst_pairs(final), _worst_labels(final)), final


def _point(day: str, report: AgreementReport) -> TrendPoint:
    f1s = [p.span_f1.exact for p in report.pairs if p.span_f1.exact is not None]
    return TrendPoint(
        day, report.documents, fmean(f1s) if f1s else None, report.fleiss_kappa, report.krippendorff_alpha
    )


def _worst_pairs(report: AgreementReport) -> tuple[WorstPair, ...]:
    pairs = [WorstPair(p.a, p.b, p.documents, p.span_f1.exact) for p in report.pairs if p.documents]
    pairs.sort(key=lambda p: (p.span_f1 is None, p.span_f1 or 0.0, p.a, p.b))
    return tuple(pairs[:WORST])


def _worst_labels(report: AgreementReport) -> tuple[WorstLabel, ...]:
    labels = [WorstLabel(name, figures.span_f1_exact) for name, figures in report.per_label.items()]
    labels.sort(key=lambda w: (w.span_f1 is None, w.span_f1 or 0.0, w.label))
    return tuple(labels[:WORST])
