"""The pieces the team's HTML reports are built from: one style sheet and the table cells.

The agreement report (:mod:`annotator.team.agreement.html`) and the progress report
(:mod:`annotator.team.progress_html`) share them so that both pages look alike, and neither
reaches into the other's private names.
"""

from __future__ import annotations

from html import escape
from typing import Any

from annotator.team.agreement.svg import fmt

STYLE = """
body { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; margin: 2em auto; max-width: 70em;
       color: #222; padding: 0 1em; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; margin: 0.5em 0 1em; }
th, td { padding: 0.25em 0.7em; border-bottom: 1px solid #eee; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.plots { display: flex; flex-wrap: wrap; gap: 1.5em; align-items: flex-start; }
.note { color: #666; font-size: 0.9em; }
"""


def num_cell(value: Any, digits: int = 3) -> str:
    """A right-aligned number cell: integers as they are, other values to ``digits`` (a dash for none)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return f'<td class="num">{value}</td>'
    return f'<td class="num">{fmt(value, digits)}</td>'


def name_cell(value: str) -> str:
    """A text cell whose direction follows its text (an Arabic name reads right to left)."""
    return f'<td dir="auto">{escape(value)}</td>'


def table(headers: list[str], rows: list[str]) -> str:
    """A table of ``rows`` (each a ``<tr>`` already) under ``headers``."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
