"""The progress report as one self-contained HTML page, and its agreement trend as SVG.

The trend plot is drawn with the agreement report's SVG helpers (:mod:`annotator.team.agreement.svg`)
and the pair heatmap and label bars are the agreement report's own (:mod:`annotator.team.agreement.plots`),
so the pictures look the same as in the agreement report and window. Titles go through ``say``
(:mod:`annotator.wording`) for a window in Arabic.
"""

from __future__ import annotations

from html import escape

from annotator.team.agreement.figures import AgreementReport
from annotator.team.agreement.plots import SERIES_COLOURS, label_bars, pair_heatmap
from annotator.team.agreement.svg import INK, MUTED, Svg, fmt
from annotator.team.html_parts import STYLE, name_cell, num_cell, table  # the agreement report's look
from annotator.team.progress import ProgressReport, Throughput
from annotator.team.progress_agreement import OverlapAgreement
from annotator.team.progress_saving import TimeSaved
from annotator.wording import Say, english

TREND_SERIES = {
    "span_f1": "Span F1, exact (mean over pairs)",
    "fleiss_kappa": "Fleiss' κ",
    "krippendorff_alpha": "Krippendorff's α",
}


def trend_plot(agreement: OverlapAgreement, say: Say = english) -> str:
    """Agreement on the overlap sample per day: one line per coefficient, values from 0 to 1."""
    points = agreement.trend
    title = say("Agreement on the overlap sample, by day")
    left, top, plot_w, plot_h = 44.0, 28.0 + 16 * len(TREND_SERIES) + 12, max(300.0, 80.0 * len(points)), 180.0
    svg = Svg(left + plot_w + 40, top + plot_h + 60, title)
    svg.text(12, 18, title, size=13, bold=True)
    for k, (name, colour) in enumerate(zip(TREND_SERIES.values(), SERIES_COLOURS, strict=True)):
        svg.rect(12, 28 + 16 * k, 10, 10, colour)  # one legend line per series: no width guessing
        svg.text(26, 37 + 16 * k, say(name), size=11)
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        y = top + plot_h * (1 - tick)
        svg.line(left, y, left + plot_w, y, stroke="#dddddd")
        svg.text(left - 6, y + 4, f"{tick:g}", size=10, anchor="end", fill=MUTED)
    step = plot_w / max(len(points), 1)
    for i, point in enumerate(points):
        x = left + step * (i + 0.5)
        svg.text(x, top + plot_h + 16, point.day, size=10, anchor="middle", fill=INK)
        svg.text(x, top + plot_h + 30, say("{n} document(s)", point.documents), size=9, anchor="middle", fill=MUTED)
    for key, colour in zip(TREND_SERIES, SERIES_COLOURS, strict=True):
        previous = None
        for i, point in enumerate(points):
            value = getattr(point, key)
            if value is None:
                previous = None
                continue
            x, y = left + step * (i + 0.5), top + plot_h * (1 - max(0.0, min(value, 1.0)))
            if previous is not None:
                svg.line(*previous, x, y, stroke=colour)
            svg.rect(x - 3, y - 3, 6, 6, colour, tip=f"{point.day}: {say(TREND_SERIES[key])} {fmt(value, 3)}")
            previous = (x, y)
    if not points:
        svg.text(left + 8, top + plot_h / 2, say("no overlap document is finished by two annotators yet"), fill=MUTED)
    return svg.render()


def render_html(report: ProgressReport, final: AgreementReport | None, title: str = "Team progress") -> str:
    parts = [
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>',
        f"<style>{STYLE}</style></head><body><h1>{escape(title)}</h1>",
        f'<p class="note">Active time counts the time between two events of an annotator (an action, input in '
        f"the document, a document opened) when the gap is at most {fmt(report.idle_minutes, 1)} minutes and the "
        "window was focused. Days are UTC.</p>",
        "<h2>Per annotator</h2>",
        _throughput_table([(a.name, "all", a.total) for a in report.annotators]),
        "<h2>Per annotator and day</h2>",
        _throughput_table([(a.name, day, t) for a in report.annotators for day, t in a.days.items()]),
        "<h2>Suggestions</h2>",
        _rates_table(report),
        _saved_table([("team", report.time_saved), *((a.name, a.time_saved) for a in report.annotators)]),
        "<h2>Agreement on the overlap sample</h2>",
    ]
    agreement = report.agreement
    if agreement.note:
        parts.append(f'<p class="note">{escape(agreement.note)}</p>')
    parts.append(f'<div class="plots">{trend_plot(agreement)}')
    if final is not None and final.pairs:
        parts.append(pair_heatmap(final) + label_bars(final))
    parts.append("</div>")
    parts.append(table(["worst pairs", "", "documents", "span F1"], [
        f"<tr>{name_cell(p.a)}{name_cell(p.b)}{num_cell(p.documents)}{num_cell(p.span_f1)}</tr>"
        for p in agreement.worst_pairs
    ]))  # fmt: skip
    parts.append(table(["worst labels", "span F1"], [
        f"<tr>{name_cell(w.label)}{num_cell(w.span_f1)}</tr>" for w in agreement.worst_labels
    ]))  # fmt: skip
    parts.append("</body></html>")
    return "".join(parts)


def _throughput_table(rows: list[tuple[str, str, Throughput]]) -> str:
    headers = ["annotator", "day", "documents done", "active hours", "entities", "entities per hour", "median s/doc"]
    body = [
        f"<tr>{name_cell(name)}<td>{escape(day)}</td>{num_cell(t.documents_done)}{num_cell(t.active_hours, 2)}"
        f"{num_cell(t.entities)}{num_cell(t.entities_per_active_hour, 1)}"
        f"{num_cell(t.median_seconds_per_document, 0)}</tr>"
        for name, day, t in rows
    ]
    return table(headers, body)


def _rates_table(report: ProgressReport) -> str:
    body = [
        f"<tr>{name_cell(a.name)}<td>{axis[:-1]}</td>{name_cell(key)}{num_cell(rate.accepted)}{num_cell(rate.rejected)}"
        f"{num_cell(rate.rate)}</tr>"
        for a in report.annotators
        for axis, rates in a.acceptance.items()
        for key, rate in rates.items()
    ]
    if not body:
        return '<p class="note">No suggestion was accepted or rejected in this project.</p>'
    return table(["annotator", "by", "recommender or label", "accepted", "rejected", "acceptance rate"], body)


def _saved_table(rows: list[tuple[str, TimeSaved]]) -> str:
    body = []
    for name, t in rows:
        interval = "—" if t.interval is None else f"{fmt(t.interval[0], 0)} to {fmt(t.interval[1], 0)}"
        body.append(
            f"<tr>{name_cell(name)}{num_cell(t.accepted_spans)}{num_cell(t.seconds_per_accepted, 1)}"
            f"{num_cell(t.manual_spans)}"
            f'{num_cell(t.seconds_per_manual, 1)}{num_cell(t.seconds_saved, 0)}<td class="num">{interval}</td></tr>'
        )
    headers = [
        "who",
        "accepted",
        "s per accepted",
        "manual spans",
        "s per manual span",
        "seconds saved",
        "95% interval",
    ]
    return table(headers, body)
