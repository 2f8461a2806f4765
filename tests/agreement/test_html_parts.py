"""The cells and style sheet both team HTML reports are built from (annotator.team.html_parts)."""

from __future__ import annotations

from annotator.store import Project
from annotator.team.agreement.html import render_html as agreement_html
from annotator.team.agreement.report import build_report
from annotator.team.html_parts import STYLE, name_cell, num_cell, table
from annotator.team.progress import build_progress
from annotator.team.progress_html import render_html as progress_html


def test_cells() -> None:
    assert num_cell(12) == '<td class="num">12</td>'
    assert num_cell(0.12345) == '<td class="num">0.123</td>'
    assert num_cell(2.46, 1) == '<td class="num">2.5</td>'
    assert num_cell(None) == '<td class="num">—</td>'
    assert num_cell(True) == '<td class="num">1.000</td>'  # a flag is not a count
    assert name_cell("ليلى <a>") == '<td dir="auto">ليلى &lt;a&gt;</td>'
    assert table(["a", "b&c"], ["<tr><td>1</td></tr>"]) == (
        "<table><thead><tr><th>a</th><th>b&amp;c</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>"
    )


def test_both_reports_share_the_style_sheet(two_identical: Project) -> None:
    agreement = build_report(two_identical, ["amal", "badr"])
    progress, final = build_progress(two_identical)
    for page in (agreement_html(agreement), progress_html(progress, final)):
        assert f"<style>{STYLE}</style>" in page
