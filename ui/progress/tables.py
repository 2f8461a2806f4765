"""The dashboard's tables: their headers and their rows, read from a :class:`ProgressReport`.

The same figures as the HTML report (:mod:`annotator.team.progress_html`), column for column,
so the window and the printed page can be read side by side. Headers are built when asked
(the window's language is chosen at start-up), each a literal ``tr`` call the i18n test finds.
"""

from __future__ import annotations

from annotator.team.progress import ProgressReport, Throughput
from annotator.team.progress_agreement import OverlapAgreement
from annotator.team.progress_saving import TimeSaved
from ui.i18n import ltr, tr
from ui.progress.table_model import Cell, name, number, plain

TEAM = "team"  # the time-saved row of everyone together


def throughput_headers(with_day: bool) -> list[str]:
    first = [tr("Annotator"), tr("Day")] if with_day else [tr("Annotator")]
    return [
        *first,
        tr("Documents done"),
        tr("Active hours"),
        tr("Entities"),
        tr("Entities per active hour"),
        tr("Median s per document"),
    ]


def acceptance_headers() -> list[str]:
    return [
        tr("Annotator"),
        tr("By"),
        tr("Recommender or label"),
        tr("Accepted"),
        tr("Rejected"),
        tr("Acceptance rate"),
    ]


def saved_headers() -> list[str]:
    return [
        tr("Who"),
        tr("Accepted"),
        tr("s per accepted"),
        tr("Manual spans"),
        tr("s per manual span"),
        tr("Seconds saved"),
        tr("95% interval"),
    ]


def pair_headers() -> list[str]:
    return [tr("Annotator pair"), tr("Documents"), tr("Span F1")]


def label_headers() -> list[str]:
    return [tr("Label"), tr("Span F1")]


def _figures(t: Throughput) -> list[Cell]:
    return [
        number(t.documents_done),
        number(t.active_hours, 2),
        number(t.entities),
        number(t.entities_per_active_hour, 1),
        number(t.median_seconds_per_document, 0),
    ]


def total_rows(report: ProgressReport) -> list[list[Cell]]:
    """One row per annotator: everything they did."""
    return [[name(a.name), *_figures(a.total)] for a in report.annotators]


def day_rows(report: ProgressReport) -> list[list[Cell]]:
    """One row per annotator and day (UTC), oldest day first."""
    return [[name(a.name), plain(ltr(day), day), *_figures(t)] for a in report.annotators for day, t in a.days.items()]


def acceptance_rows(report: ProgressReport) -> list[list[Cell]]:
    """Decisions on suggestions per annotator, by recommender then by label."""
    axes = {"recommenders": tr("recommender"), "labels": tr("label")}
    return [
        [name(a.name), plain(axes.get(axis, axis), axis), name(key), *_rate(rate.accepted, rate.rejected, rate.rate)]
        for a in report.annotators
        for axis, rates in a.acceptance.items()
        for key, rate in rates.items()
    ]


def _rate(accepted: int, rejected: int, rate: float | None) -> list[Cell]:
    return [number(accepted), number(rejected), number(rate, 3)]


def saved_rows(report: ProgressReport) -> list[list[Cell]]:
    """The team's saving first, then each annotator's."""
    team = [plain(tr("whole team"), TEAM), *_saved(report.time_saved)]
    return [team, *([name(a.name), *_saved(a.time_saved)] for a in report.annotators)]


def _saved(t: TimeSaved) -> list[Cell]:
    return [
        number(t.accepted_spans),
        number(t.seconds_per_accepted, 1),
        number(t.manual_spans),
        number(t.seconds_per_manual, 1),
        number(t.seconds_saved, 0),
        interval(t.interval, 0),
    ]


def interval(bounds: tuple[float, float] | None, digits: int) -> Cell:
    """A 95% interval as "low to high" (each bound left to right: a negative bound keeps its sign in front)."""
    if bounds is None:
        return Cell("—", None, numeric=True)
    low, high = (number(b, digits).text for b in bounds)
    return Cell(tr("{low} to {high}").format(low=low, high=high), bounds, numeric=True)


def pair_rows(agreement: OverlapAgreement) -> list[list[Cell]]:
    return [
        [plain(f"{name(p.a).text} × {name(p.b).text}", (p.a, p.b)), number(p.documents), number(p.span_f1, 3)]
        for p in agreement.worst_pairs
    ]


def label_rows(agreement: OverlapAgreement) -> list[list[Cell]]:
    return [[name(w.label), number(w.span_f1, 3)] for w in agreement.worst_labels]


def team_totals(report: ProgressReport) -> tuple[int, float]:
    """Documents done and active hours of the whole team."""
    return sum(a.total.documents_done for a in report.annotators), sum(a.total.active_hours for a in report.annotators)
