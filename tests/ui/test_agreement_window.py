"""The Agreement window: opened from the main window, plots drawn, worst document first → curation."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication

from annotator.model import GOLD
from annotator.store import Project
from annotator.team.agreement import build_report

from .conftest import SCREENSHOTS
from .test_curation_screenshot import build_team_project


def open_agreement(qtbot, window):
    """Annotator → Agreement…, as the curator: an annotator may not compare layers (blind)."""
    from ui.dialogs.team_windows import MultiAnnotator

    feature = window.findChild(MultiAnnotator)
    feature.switch_to(GOLD)
    window.actions_by_name["agreement"].trigger()
    agreement = feature.agreement
    qtbot.addWidget(agreement)
    qtbot.waitUntil(lambda: agreement.report is not None or "No agreement" in agreement.overall.text(), timeout=10_000)
    return feature, agreement


@pytest.fixture
def team_path(tmp_path, seed_text):
    path = tmp_path / "pair.hashiya"
    ids = build_team_project(path, seed_text, names=("amal", "badr"))
    return path, ids


def test_plots_render_and_worst_document_opens_curation(qtbot, open_window, team_path) -> None:
    path, ids = team_path
    with Project.open(path) as project:
        window = open_window(project, "amal")
        feature, agreement = open_agreement(qtbot, window)
        report = agreement.report
        assert report is not None and report.annotators == ("amal", "badr")
        for plot in (agreement.pair_plot, agreement.label_plot, agreement.confusion_plot):
            assert plot.rendered and plot.svg.startswith("<svg")
        # the heatmap follows the metric box; hovering a cell shows its value (SVG titles do not show in Qt)
        agreement.metric_box.setCurrentIndex(agreement.metric_box.findData("token_kappa"))
        assert "Cohen" in agreement.pair_plot.svg
        exact = report.pair("amal", "badr").span_f1.exact
        agreement.metric_box.setCurrentIndex(agreement.metric_box.findData("span_f1.exact"))
        tips = [tip for _, tip in agreement.pair_plot.regions if tip.startswith("amal × badr")]
        assert tips == [f"amal × badr: {exact:.3f} (3 documents)"]
        box = next(b for b, t in agreement.pair_plot.regions if t == tips[0])
        target, size = agreement.pair_plot.plot_rect(), agreement.pair_plot.renderer.defaultSize()
        scale = target.width() / size.width()
        centre = QPointF(target.left() + box.center().x() * scale, target.top() + box.center().y() * scale)
        assert agreement.pair_plot.tip_at(centre) == tips[0]

        # documents worst first: «third» (they disagree on most), then the article, then «second» (identical)
        table = agreement.documents
        names = [table.item(r, 0).text() for r in range(table.rowCount())]
        assert names == ["third", "seed", "second"]
        assert table.item(2, 1).text() == "1.000"
        rect = table.visualRect(table.model().index(0, 0))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a double-click's
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # first press, then it
        curation = feature.curation
        assert curation is not None and curation.isVisible()
        qtbot.addWidget(curation)
        assert curation.curation.document_id == ids["third"]
        assert [a.name for a in curation.curation.sources] == ["amal", "badr"]
        assert curation.curation.items, "the disagreements of «third» are queued"


def test_save_html_and_json(qtbot, open_window, team_path, tmp_path, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    path, _ids = team_path
    with Project.open(path) as project:
        window = open_window(project, "amal")
        _feature, agreement = open_agreement(qtbot, window)
        target = tmp_path / "out.json"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
        agreement.save_json_button.click()
        assert json.loads(target.read_text(encoding="utf-8")) == json.loads(json.dumps(agreement.report.data))
        target = tmp_path / "out.html"
        agreement.save_html_button.click()
        html = target.read_text(encoding="utf-8")
        assert html.startswith("<!DOCTYPE html>") and html.count("<svg") >= 3 and "amal" in html


def test_one_annotator_is_a_clear_message(qtbot, open_window, project_path) -> None:
    with Project.open(project_path) as project:
        window = open_window(project)
        _feature, agreement = open_agreement(qtbot, window)
        assert agreement.report is None
        assert "No agreement report" in agreement.overall.text() and "Traceback" not in agreement.overall.text()
        assert not agreement.pair_plot.rendered and not agreement.save_html_button.isEnabled()


def test_screenshot_agreement(qtbot, open_window, tmp_path, seed_text) -> None:
    path = tmp_path / "team.hashiya"
    build_team_project(path, seed_text)
    with Project.open(path) as project:
        window = open_window(project, "amal")
        _feature, agreement = open_agreement(qtbot, window)
        agreement.resize(1300, 900)
        QApplication.processEvents()
        expected = build_report(project)
        assert agreement.report.data["pairs"] == expected.data["pairs"]
        assert agreement.documents.rowCount() == 3
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        out = SCREENSHOTS / "agreement.png"
        assert agreement.grab().save(str(out))
        assert out.stat().st_size > 20_000
