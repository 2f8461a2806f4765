"""The consistency report as one self-contained HTML page: findings as concordance (KWIC) lines.

Linguists check consistency with a concordancer: every occurrence on its own line, the hit in a
middle column, the text before and after it aligned against it, so differences in label and
extent stand out down the column. Arabic runs right to left, so each finding's lines are a
``dir="rtl"`` table: the text before the hit sits to its right, the text after to its left. Each
occurrence's label is coloured as the window colours it (the colours of the project's schema).
The page holds its own style and no script; every piece of document text is escaped, so a
document containing ``<script>`` shows it as text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from html import escape
from pathlib import Path

from annotator.consistency.findings import Finding, FixAction, Occurrence
from annotator.schema import LabelSchema

UNKNOWN_COLOUR = "#9E9E9E"  # a label the schema no longer has (schema drift): grey, as the window shows it

KWIC_STYLE = """
body { font-family: "Noto Naskh Arabic", "Amiri", "Segoe UI", sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin: 1.6em 0 0.3em; }
.meta { color: #555; font-size: 0.9em; } .proposal { margin: 0.2em 0 0.6em; }
.legend span { margin-inline-end: 1em; }
.kind { text-transform: uppercase; font-size: 0.8em; color: #555; margin-inline-end: 0.6em; }
table.kwic { border-collapse: collapse; width: 100%; font-size: 1.05em; }
table.kwic td { padding: 0.15em 0.4em; white-space: nowrap; border-bottom: 1px solid #eee; }
td.before { text-align: end; width: 40%; overflow: hidden; }
td.hit { text-align: center; font-weight: bold; border-radius: 3px; }
td.after { text-align: start; width: 40%; overflow: hidden; }
td.where, td.who { color: #666; font-size: 0.85em; }
.label { display: inline-block; padding: 0 0.35em; border-radius: 3px; font-size: 0.8em; font-weight: bold;
         font-family: monospace; direction: ltr; }
.fix { font-size: 0.85em; direction: ltr; unicode-bidi: isolate; }
"""


def label_colours(schema: LabelSchema) -> dict[str, str]:
    """Each label's colour in the schema (#RRGGBB), as the window paints it."""
    return {label.name: label.colour for label in schema.labels}


def render_report(findings: Sequence[Finding], schema: LabelSchema, *, title: str, dismissed: int = 0) -> str:
    """The whole page for ``findings`` (already ordered, most likely errors first)."""
    colours = label_colours(schema)
    kinds = Counter(str(f.kind) for f in findings)
    counts = ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items())) or "none"
    left_out = f"; {dismissed} dismissed finding{'s' if dismissed != 1 else ''} left out" if dismissed else ""
    legend = " ".join(label_chip(name, colours) for name in colours)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title><style>{KWIC_STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">{len(findings)} finding{"s" if len(findings) != 1 else ""} ({escape(counts)}){left_out}. '
        "Most likely errors first.</p>",
        f'<p class="legend">{legend}</p>',
    ]
    parts += [_finding(number, finding, colours) for number, finding in enumerate(findings, 1)]
    parts.append("</body></html>")
    return "\n".join(parts)


def write_report(
    path: Path, findings: Sequence[Finding], schema: LabelSchema, *, title: str, dismissed: int = 0
) -> None:
    """Write :func:`render_report` to ``path`` (whole or not at all; a file that cannot be written is a user error)."""
    from annotator.exporting.files import atomic_write  # only when a page is saved: not at start-up

    atomic_write(path, render_report(findings, schema, title=title, dismissed=dismissed))


def _finding(number: int, finding: Finding, colours: dict[str, str]) -> str:
    rows = "\n".join(kwic_line(o, colours) for o in finding.occurrences)
    return (
        f'<section id="f{number}" data-key="{escape(finding.key)}">'
        f'<h2>{number}. <span class="kind">{escape(str(finding.kind))}</span>'
        f'<span dir="auto">{escape(finding.summary)}</span> '
        f'<span class="meta">score {finding.score:.2f}</span></h2>'
        f'<p class="proposal" dir="auto">{escape(finding.proposal)}</p>'
        f'<table class="kwic" dir="rtl" lang="ar">\n{rows}\n</table></section>'
    )


def kwic_line(occurrence: Occurrence, colours: dict[str, str]) -> str:
    """One concordance line: where, whose, the text before, the hit in its label's colour, the text
    after, the label and the proposed fix."""
    colour = colours.get(occurrence.label or "", UNKNOWN_COLOUR) if occurrence.label else None
    hit_style = f' style="background: {escape(colour)}40; box-shadow: inset 0 -2px {escape(colour)}"' if colour else ""
    label = label_chip(occurrence.label, colours) if occurrence.label else '<span class="label">untagged</span>'
    where = f"{occurrence.document_name} [{occurrence.start}, {occurrence.end})"
    return (
        f'<tr><td class="where" dir="auto">{escape(where)}</td>'
        f'<td class="who" dir="auto">{escape(occurrence.annotator or "")}</td>'
        f'<td class="before">{escape(occurrence.left)}</td>'
        f'<td class="hit"{hit_style}>{escape(occurrence.text)}</td>'
        f'<td class="after">{escape(occurrence.right)}</td>'
        f"<td>{label}</td><td>{_fix(occurrence, colours)}</td></tr>"
    )


def _fix(occurrence: Occurrence, colours: dict[str, str]) -> str:
    fix = occurrence.fix
    if fix is None:
        return ""
    action = FixAction(fix.action)
    if action in (FixAction.RELABEL, FixAction.ADD) and fix.label:
        verb = "→" if action == FixAction.RELABEL else "tag"
        extent = f" [{fix.start}, {fix.end})" if fix.start is not None and fix.end is not None else ""
        return f'<span class="fix">{verb} {label_chip(fix.label, colours)}{escape(extent)}</span>'
    if action == FixAction.RESIZE:
        return f'<span class="fix">resize → [{fix.start}, {fix.end})</span>'
    return f'<span class="fix">{escape(str(action))}</span>'


def label_chip(label: str, colours: dict[str, str]) -> str:
    colour = colours.get(label, UNKNOWN_COLOUR)
    return f'<span class="label" style="background: {escape(colour)}; color: {_ink(colour)}">{escape(label)}</span>'


def _ink(colour: str) -> str:
    """Black or white text, whichever reads on ``colour`` (#RRGGBB)."""
    try:
        r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    except ValueError:
        return "#000"
    return "#000" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#fff"
