"""The agreement plots as SVG text: annotator-pair heatmap, per-label bars, confusion matrix.

The HTML report embeds these strings and the Agreement window renders the same strings with
``QSvgRenderer``, so both show the same pictures. Each function takes an
:class:`~annotator.team.agreement.report.AgreementReport`, and a ``say`` that words titles, legends and
tooltips (:mod:`annotator.wording`: English by default, the window's language in the window).
"""

from __future__ import annotations

from annotator.team.agreement.figures import AgreementReport
from annotator.team.agreement.svg import (
    INK,
    MUTED,
    NEGATIVE,
    OFF_DIAGONAL,
    POSITIVE,
    Svg,
    agreement_colour,
    fmt,
    mix,
    text_colour,
    text_width,
)
from annotator.wording import Say, english

PAIR_METRICS: dict[str, str] = {
    "span_f1.exact": "Span F1, exact",
    "span_f1.untyped": "Span F1, exact boundaries, any label",
    "span_f1.overlap": "Span F1, overlap",
    "token_kappa": "Cohen's κ on token tags",
    "token_kappa_entities": "Cohen's κ on entity tokens",
    "relation_f1.strict": "Relation F1, strict",
    "relation_f1.unlabelled": "Relation F1, unlabelled",
}
LABEL_SERIES: dict[str, str] = {
    "span_f1_exact": "Span F1, exact",
    "span_f1_overlap": "Span F1, overlap",
    "unitizing_alpha": "Unitizing αu",
}
SERIES_COLOURS = ("#0072B2", "#56B4E9", "#009E73")
CELL = 56
PAD = 12


def pair_heatmap(report: AgreementReport, metric: str = "span_f1.exact", say: Say = english) -> str:
    """Annotator × annotator grid of ``metric`` (a key of :data:`PAIR_METRICS`)."""
    if metric not in PAIR_METRICS:
        raise ValueError(f"unknown pair metric {metric!r} (choose from {', '.join(PAIR_METRICS)})")
    names = report.annotators
    matrix = report.pair_matrix(metric)
    documents = report.pair_matrix("documents")
    left = PAD + max(text_width(n) for n in names)
    top = 30 + max(text_width(n) for n in names) * 0.72
    n = len(names)
    title = say(PAIR_METRICS[metric])
    svg = Svg(max(left + n * CELL + PAD, text_width(title, 13) + 2 * PAD), top + n * CELL + PAD + 22, title)
    svg.text(PAD, 18, title, size=13, bold=True)
    for i, name in enumerate(names):
        svg.text(left - 6, top + i * CELL + CELL / 2 + 4, name, anchor="end")
        x = left + i * CELL + CELL / 2
        svg.text(x, top - 6, name, rotate=-45)
        for j in range(n):
            value = matrix[i][j]
            fill = agreement_colour(value) if i != j else "#f4f4f4"
            tip = f"{names[i]} × {names[j]}: {fmt(value, 3)}"
            if i != j and documents[i][j] is not None:
                tip += say(" ({n} documents)", round(documents[i][j]))
            svg.rect(left + j * CELL, top + i * CELL, CELL - 2, CELL - 2, fill, tip=tip)
            label = "" if i == j else fmt(value)
            x, y = left + j * CELL + CELL / 2 - 1, top + i * CELL + CELL / 2 + 4
            svg.text(x, y, label, anchor="middle", fill=text_colour(fill))
    _scale_legend(svg, left, top + n * CELL + 14)
    return svg.render()


def _scale_legend(svg: Svg, x: float, y: float) -> None:
    for k in range(11):
        value = -1 + k * 0.2
        svg.rect(x + k * 14, y - 9, 14, 10, mix(POSITIVE, value) if value >= 0 else mix(NEGATIVE, -value))
    svg.text(x, y + 12, "−1", size=10, fill=MUTED)
    svg.text(x + 77, y + 12, "0", size=10, anchor="middle", fill=MUTED)
    svg.text(x + 154, y + 12, "1", size=10, anchor="end", fill=MUTED)


def label_bars(report: AgreementReport, say: Say = english) -> str:
    """Per label: span F1 (exact, overlap) pooled over pairs, and unitizing αu."""
    rows = report.per_label
    labels = list(rows)
    left = PAD + max([text_width(label) for label in labels] + [40])
    bar_h, gap = 12, 10
    plot_w = 320
    group_h = len(LABEL_SERIES) * bar_h + gap
    top = 48
    title = say("Agreement per label")
    svg = Svg(left + plot_w + 60, top + max(len(labels), 1) * group_h + 30, title)
    svg.text(PAD, 18, title, size=13, bold=True)
    for k, (series, colour) in enumerate(zip(LABEL_SERIES.values(), SERIES_COLOURS, strict=True)):
        svg.rect(PAD + k * 150, 28, 10, 10, colour)
        svg.text(PAD + k * 150 + 14, 37, say(series), size=11)
    zero = left
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        x = zero + tick * plot_w
        svg.line(x, top - 4, x, top + len(labels) * group_h, stroke="#dddddd")
        svg.text(x, top + len(labels) * group_h + 14, f"{tick:g}", size=10, anchor="middle", fill=MUTED)
    for i, label in enumerate(labels):
        y0 = top + i * group_h
        svg.text(left - 6, y0 + group_h / 2, label, anchor="end")
        for k, (key, colour) in enumerate(zip(LABEL_SERIES, SERIES_COLOURS, strict=True)):
            value = getattr(rows[label], key)
            y = y0 + k * bar_h
            width = max(0.0, min(value or 0.0, 1.0)) * plot_w
            tip = f"{label}: {say(LABEL_SERIES[key])} {fmt(value, 3)}"
            if width > 0:
                svg.rect(zero, y, width, bar_h - 2, colour, tip=tip)
            shown = fmt(value)  # "0.00" for a value that rounds to zero: not "below 0"
            note = say("{value} (below 0)", value=shown) if shown.startswith("-") else shown
            svg.text(zero + width + 4, y + bar_h - 3, note, size=10, fill=INK if value is not None else MUTED)
    return svg.render()


def confusion_heatmap(report: AgreementReport, pair: tuple[str, str] | None = None, say: Say = english) -> str:
    """Label × label counts of boundary-matched spans, over all pairs or one ``pair`` (rows: its first)."""
    if pair is None:
        labels = report.confusion.labels
        matrix = report.confusion.matrix
        title, rows_note, cols_note = say("Labels of spans with the same boundaries (all pairs)"), "", ""
    else:
        entry = report.pair(*pair)
        if entry is None:
            raise ValueError(f"no pair {pair[0]!r} × {pair[1]!r} in this report")
        labels = report.labels
        matrix = entry.confusion
        if entry.a != pair[0]:
            matrix = tuple(zip(*matrix, strict=True))
        title = say("Labels of spans with the same boundaries: {a} × {b}", a=pair[0], b=pair[1])
        rows_note, cols_note = say("rows: {name}", name=pair[0]), say("columns: {name}", name=pair[1])
    n = len(labels)
    left = PAD + max([text_width(label) for label in labels] + [text_width(rows_note, 11) + 10, 40])
    top = 46 + max([text_width(label) for label in labels] + [40]) * 0.72
    svg = Svg(max(left + n * CELL + PAD, text_width(title, 13) + 2 * PAD), top + n * CELL + PAD + 4, title)
    svg.text(PAD, 18, title, size=13, bold=True)
    if cols_note:
        svg.text(left, 36, cols_note, size=11, fill=MUTED)
        svg.text(PAD, top - 6, rows_note, size=11, fill=MUTED)
    diagonal = max([matrix[i][i] for i in range(n)] + [1])
    off = max([matrix[i][j] for i in range(n) for j in range(n) if i != j] + [1])
    for i, label in enumerate(labels):
        svg.text(left - 6, top + i * CELL + CELL / 2 + 4, label, anchor="end")
        svg.text(left + i * CELL + CELL / 2, top - 6, label, rotate=-45)
        for j in range(n):
            count = matrix[i][j]
            colour = POSITIVE if i == j else OFF_DIAGONAL
            fill = mix(colour, 0.15 + 0.85 * count / (diagonal if i == j else off)) if count else "#f7f7f7"
            svg.rect(left + j * CELL, top + i * CELL, CELL - 2, CELL - 2, fill, tip=f"{label} × {labels[j]}: {count}")
            if count:
                x, y = left + j * CELL + CELL / 2 - 1, top + i * CELL + CELL / 2 + 4
                size = min(12.0, (CELL - 8) / (0.62 * len(str(count))))  # large counts still fit the cell
                svg.text(x, y, str(count), size=round(size, 1), anchor="middle", fill=text_colour(fill))
    return svg.render()
