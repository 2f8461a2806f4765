"""The plots (SVG for the HTML report and the window), the HTML report and the CLI commands."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from annotator.cli import main
from annotator.store import Project
from annotator.team.agreement.html import render_html
from annotator.team.agreement.plots import PAIR_METRICS, confusion_heatmap, label_bars, pair_heatmap
from annotator.team.agreement.report import build_report
from tests.agreement.conftest import AHMAD, CAIRO, DAMASCUS, MUHAMMAD, TEXT, annotate

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def report(project):
    spans = [(*AHMAD, "PERS"), (*CAIRO, "GPE"), (*MUHAMMAD, "PERS"), (*DAMASCUS, "GPE")]
    annotate(project, "amal", TEXT, spans)
    annotate(project, "badr", TEXT, [*spans[:3], (*DAMASCUS, "LOC")])
    annotate(project, "<كريم & co>", TEXT, spans[:2])
    return build_report(project)


def texts(svg: str) -> list[str]:
    return [t.text for t in ET.fromstring(svg).iter(f"{SVG}text")]


def grid(svg: str) -> dict[tuple[str, str], tuple[list[str], str]]:
    """The heatmap as a reader sees it: (row name, column name) → (what is printed in the cell, its tooltip).

    The row is the name printed left of the cell's band, the column the (slanted) name above it.
    """
    root = ET.fromstring(svg)
    words = [(float(t.get("x")), float(t.get("y")), t) for t in root.iter(f"{SVG}text")]
    cells = {}
    for rect in root.iter(f"{SVG}rect"):
        if rect.find(f"{SVG}title") is None:
            continue
        x, y, w, h = (float(rect.get(key)) for key in ("x", "y", "width", "height"))
        [row] = [t.text for tx, ty, t in words if t.get("text-anchor") == "end" and tx < x and y < ty < y + h]
        [column] = [t.text for tx, ty, t in words if t.get("transform") and x < tx < x + w and ty < y]
        inside = [t.text or "" for tx, ty, t in words if x < tx < x + w and y < ty < y + h]
        cells[(row, column)] = (inside, rect.find(f"{SVG}title").text)
    return cells


def pair_value(entry: dict, metric: str) -> float | None:
    """``metric`` ("span_f1.exact", "token_kappa") read from one pair's entry in the report data."""
    group, _, key = metric.partition(".")
    return entry[group][key] if key else entry[group]


@pytest.mark.parametrize("metric", list(PAIR_METRICS))
def test_pair_heatmap_shows_every_pair_value(report, metric):
    svg = pair_heatmap(report, metric)
    root = ET.fromstring(svg)  # well-formed XML, names escaped
    assert root.tag == f"{SVG}svg"
    assert "<كريم & co>" in texts(svg)
    cells = grid(svg)
    names = report.annotators
    assert set(cells) == {(a, b) for a in names for b in names}  # 3 annotators × 3
    for a in names:
        assert cells[(a, a)] == ([""], f"{a} × {a}: 1.000"), "the diagonal: everyone agrees with themselves"
    for entry in report.data["pairs"]:
        value = pair_value(entry, metric)
        shown, exact = ("—", "—") if value is None else (f"{value:.2f}", f"{value:.3f}")
        for row, column in ((entry["a"], entry["b"]), (entry["b"], entry["a"])):  # both halves of the grid
            printed, tip = cells[(row, column)]
            assert printed == [shown], (metric, row, column)
            assert tip == f"{row} × {column}: {exact} ({entry['documents']} documents)"


def test_pair_heatmap_shows_missing_values_as_a_dash(report):
    assert "—" in texts(pair_heatmap(report, "relation_f1.strict"))  # nobody drew relations
    with pytest.raises(ValueError, match="unknown pair metric"):
        pair_heatmap(report, "accuracy")


def test_label_bars_and_confusion(report):
    bars = texts(label_bars(report))
    assert {"PERS", "GPE", "LOC"} <= set(bars)
    confusion = confusion_heatmap(report)
    labels = report.data["confusion"]["labels"]
    matrix = report.data["confusion"]["matrix"]
    assert matrix[labels.index("GPE")][labels.index("LOC")] == 1
    assert "1" in texts(confusion)
    oriented = confusion_heatmap(report, ("badr", "amal"))
    assert "rows: badr" in texts(oriented)


def test_the_window_can_draw_the_same_svg(report, qapp):
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    for svg in (pair_heatmap(report), label_bars(report), confusion_heatmap(report)):
        renderer = QSvgRenderer(svg.encode("utf-8"))
        assert renderer.isValid()
        image = QImage(renderer.defaultSize(), QImage.Format.Format_ARGB32)
        image.fill(0xFFFFFFFF)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        assert len({image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}) > 3


def test_html_report_holds_plots_and_tables(report):
    page = render_html(report, "Agreement — test")
    assert page.count("<svg") == 5
    assert "&lt;كريم &amp; co&gt;" in page
    assert "<كريم" not in page
    assert page.count("<table>") == 5


@pytest.fixture
def project_file(tmp_path):
    path = tmp_path / "p.hashiya"
    with Project.create(path) as project:
        spans = [(*AHMAD, "PERS"), (*CAIRO, "GPE")]
        annotate(project, "amal", TEXT, spans)
        annotate(project, "badr", TEXT, spans[:1])
    return path


def test_cli_agreement_json_and_html(project_file, tmp_path, capsys):
    html = tmp_path / "report.html"
    assert main(["agreement", str(project_file), "--json", "--html", str(html)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["annotators"] == ["amal", "badr"]
    assert data["pairs"][0]["span_f1"]["exact"] == pytest.approx(2 / 3)
    for key in ("documents", "fleiss_kappa", "krippendorff_alpha", "unitizing_alpha", "per_document", "confusion"):
        assert key in data
    assert "<svg" in html.read_text(encoding="utf-8")


def test_cli_agreement_text_and_errors(project_file, capsys):
    assert main(["agreement", str(project_file)]) == 0
    out = capsys.readouterr().out
    assert "amal × badr" in out
    assert "0.667" in out
    assert main(["agreement", str(project_file), "--annotators", "amal,nobody"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no annotator called 'nobody'" in err


def test_cli_merge(project_file, tmp_path, capsys):
    lead = tmp_path / "lead.hashiya"
    Project.create(lead).close()
    assert main(["merge", str(lead), str(project_file)]) == 0
    assert "1 document(s) added" in capsys.readouterr().out
    assert main(["merge", str(lead), str(project_file)]) == 0
    assert "0 document(s) added" in capsys.readouterr().out
    assert main(["merge", str(lead), str(tmp_path / "missing.hashiya")]) == 1
    assert "no such project file" in capsys.readouterr().err
