"""A self-contained HTML agreement report: the plots (inline SVG) and every figure in tables."""

from __future__ import annotations

from html import escape
from typing import Any

from annotator.team.agreement.figures import AgreementReport
from annotator.team.agreement.plots import confusion_heatmap, label_bars, pair_heatmap
from annotator.team.agreement.svg import fmt

_STYLE = """
body { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; margin: 2em auto; max-width: 70em;
       color: #222; padding: 0 1em; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; margin: 0.5em 0 1em; }
th, td { padding: 0.25em 0.7em; border-bottom: 1px solid #eee; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.plots { display: flex; flex-wrap: wrap; gap: 1.5em; align-items: flex-start; }
.note { color: #666; font-size: 0.9em; }
"""
PER_DOCUMENT_ROWS = 200


def _num(value: Any, digits: int = 3) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return f'<td class="num">{value}</td>'
    return f'<td class="num">{fmt(value, digits)}</td>'


def _name(value: str) -> str:
    return f'<td dir="auto">{escape(value)}</td>'


def _table(headers: list[str], rows: list[str]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def render_html(report: AgreementReport, title: str = "Inter-annotator agreement") -> str:
    details = report.details
    names = ", ".join(escape(n) for n in report.annotators)
    scope = "marked done" if report.status == "done" else "opened or annotated"
    parts = [
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>',
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f'<p>Annotators: <span dir="auto">{names}</span>. Documents compared: {report.documents} '
        f"(documents each annotator {scope}; a document an annotator has not seen is missing data).</p>",
        "<h2>Overall</h2>",
        _table(
            ["coefficient", "value", "computed on"],
            [
                f"<tr><td>Fleiss' κ (token tags)</td>{_num(report.fleiss_kappa)}"
                f"<td>{details.fleiss_kappa.tokens} tokens of {details.fleiss_kappa.documents} "
                "documents every annotator saw</td></tr>",
                f"<tr><td>Krippendorff's α (token tags, nominal)</td>{_num(report.krippendorff_alpha)}"
                f"<td>{details.krippendorff_alpha.pairable_values} pairable values on "
                f"{details.krippendorff_alpha.tokens} tokens</td></tr>",
                f"<tr><td>Unitizing αu (characters, all labels)</td>{_num(report.unitizing_alpha.overall)}"
                f"<td>{details.unitizing_alpha.characters} characters of "
                f"{details.unitizing_alpha.documents} documents every annotator saw</td></tr>",
            ],
        ),
        "<h2>Annotator pairs</h2>",
        '<div class="plots">',
        pair_heatmap(report, "span_f1.exact"),
        pair_heatmap(report, "token_kappa"),
        pair_heatmap(report, "relation_f1.strict"),
        "</div>",
        _pairs_table(report),
        "<h2>Labels</h2>",
        '<div class="plots">',
        label_bars(report),
        confusion_heatmap(report),
        "</div>",
        _labels_table(report),
        "<h2>Documents, worst first</h2>",
        _documents_table(report),
        "<h2>Counts</h2>",
        _counts_table(report),
        '<p class="note">Definitions of every figure: docs/agreement.md.</p>',
        "</body></html>",
    ]
    return "\n".join(parts)


def _pairs_table(report: AgreementReport) -> str:
    rows = [
        "<tr>"
        + _name(p.a)
        + _name(p.b)
        + _num(p.documents)
        + _num(p.span_f1.exact)
        + _num(p.span_f1.untyped)
        + _num(p.span_f1.overlap)
        + _num(p.token_kappa)
        + _num(p.token_kappa_entities)
        + _num(p.relation_f1.strict)
        + _num(p.relation_f1.unlabelled)
        + "</tr>"
        for p in report.pairs
    ]
    headers = ["a", "b", "documents", "F1 exact", "F1 untyped", "F1 overlap", "κ tokens", "κ entities"]
    return _table([*headers, "relations strict", "relations unlabelled"], rows)


def _labels_table(report: AgreementReport) -> str:
    rows = [
        "<tr>"
        + _name(label)
        + _num(row.span_f1_exact)
        + _num(row.span_f1_overlap)
        + _num(row.unitizing_alpha)
        + "</tr>"
        for label, row in report.per_label.items()
    ]
    return _table(["label", "span F1 exact", "span F1 overlap", "unitizing αu"], rows)


def _documents_table(report: AgreementReport) -> str:
    shown = report.per_document[:PER_DOCUMENT_ROWS]
    rows = [
        "<tr>"
        + _name(d.name)
        + _num(d.span_f1)
        + _num(d.spans)
        + _name(", ".join(d.annotators))
        + f"<td><code>{escape(d.id)}</code></td></tr>"
        for d in shown
    ]
    more = len(report.per_document) - len(shown)
    note = f'<p class="note">{more} more documents in the JSON report.</p>' if more > 0 else ""
    return _table(["document", "span F1", "spans", "annotators", "id"], rows) + note


def _counts_table(report: AgreementReport) -> str:
    counts = report.counts
    labels = report.labels
    rows = [
        "<tr>"
        + _name(name)
        + _num(counts.documents[name])
        + "".join(_num(counts.spans[name].get(label, 0)) for label in labels)
        + _num(sum(counts.relations[name].values()))
        + "</tr>"
        for name in report.annotators
    ]
    return _table(["annotator", "documents", *labels, "relations"], rows)
