"""A self-contained HTML agreement report: the plots (inline SVG) and every figure in tables."""

from __future__ import annotations

from html import escape

from annotator.team.agreement.figures import AgreementReport
from annotator.team.agreement.plots import confusion_heatmap, label_bars, pair_heatmap
from annotator.team.html_parts import STYLE, name_cell, num_cell, table

PER_DOCUMENT_ROWS = 200


def render_html(report: AgreementReport, title: str = "Inter-annotator agreement") -> str:
    details = report.details
    names = ", ".join(escape(n) for n in report.annotators)
    scope = "marked done" if report.status == "done" else "opened or annotated"
    parts = [
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>',
        f"<style>{STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f'<p>Annotators: <span dir="auto">{names}</span>. Documents compared: {report.documents} '
        f"(documents each annotator {scope}; a document an annotator has not seen is missing data).</p>",
        "<h2>Overall</h2>",
        table(
            ["coefficient", "value", "computed on"],
            [
                f"<tr><td>Fleiss' κ (token tags)</td>{num_cell(report.fleiss_kappa)}"
                f"<td>{details.fleiss_kappa.tokens} tokens of {details.fleiss_kappa.documents} "
                "documents every annotator saw</td></tr>",
                f"<tr><td>Krippendorff's α (token tags, nominal)</td>{num_cell(report.krippendorff_alpha)}"
                f"<td>{details.krippendorff_alpha.pairable_values} pairable values on "
                f"{details.krippendorff_alpha.tokens} tokens</td></tr>",
                f"<tr><td>Unitizing αu (characters, all labels)</td>{num_cell(report.unitizing_alpha.overall)}"
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
        + name_cell(p.a)
        + name_cell(p.b)
        + num_cell(p.documents)
        + num_cell(p.span_f1.exact)
        + num_cell(p.span_f1.untyped)
        + num_cell(p.span_f1.overlap)
        + num_cell(p.token_kappa)
        + num_cell(p.token_kappa_entities)
        + num_cell(p.relation_f1.strict)
        + num_cell(p.relation_f1.unlabelled)
        + "</tr>"
        for p in report.pairs
    ]
    headers = ["a", "b", "documents", "F1 exact", "F1 untyped", "F1 overlap", "κ tokens", "κ entities"]
    return table([*headers, "relations strict", "relations unlabelled"], rows)


def _labels_table(report: AgreementReport) -> str:
    rows = [
        "<tr>"
        + name_cell(label)
        + num_cell(row.span_f1_exact)
        + num_cell(row.span_f1_overlap)
        + num_cell(row.unitizing_alpha)
        + "</tr>"
        for label, row in report.per_label.items()
    ]
    return table(["label", "span F1 exact", "span F1 overlap", "unitizing αu"], rows)


def _documents_table(report: AgreementReport) -> str:
    shown = report.per_document[:PER_DOCUMENT_ROWS]
    rows = [
        "<tr>"
        + name_cell(d.name)
        + num_cell(d.span_f1)
        + num_cell(d.spans)
        + name_cell(", ".join(d.annotators))
        + f"<td><code>{escape(d.id)}</code></td></tr>"
        for d in shown
    ]
    more = len(report.per_document) - len(shown)
    note = f'<p class="note">{more} more documents in the JSON report.</p>' if more > 0 else ""
    return table(["document", "span F1", "spans", "annotators", "id"], rows) + note


def _counts_table(report: AgreementReport) -> str:
    counts = report.counts
    labels = report.labels
    rows = [
        "<tr>"
        + name_cell(name)
        + num_cell(counts.documents[name])
        + "".join(num_cell(counts.spans[name].get(label, 0)) for label in labels)
        + num_cell(sum(counts.relations[name].values()))
        + "</tr>"
        for name in report.annotators
    ]
    return table(["annotator", "documents", *labels, "relations"], rows)
