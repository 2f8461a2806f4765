"""Blind annotation in the main window: only the curator opens Agreement, the curator's view and others' exports.

Alice has tagged the article; bob annotates the same project from the same file. Nothing of alice's
may reach bob's window until curation, so bob's Agreement and Curate entries are off, their code
refuses him, and his export dialog offers his own layer and curated gold only (docs/blind.md).
"""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.model import GOLD, DocStatus, IncomingDocument
from annotator.store import Project

ALICE_WORD = "كييف"


@pytest.fixture
def team(tmp_path, seed_text):
    """A project with alice's span on the article and a second article, as ``(path, ids)``."""
    path = tmp_path / "team.hashiya"
    with Project.create(path) as project:
        outcomes, _ = project.add_documents(
            [IncomingDocument("seed", seed_text, "seed.txt"), IncomingDocument("second", "خبر من موسكو.", "b.txt")]
        )
        seed, second = (o.document_id for o in outcomes)
        start = seed_text.index(ALICE_WORD)
        project.add_span(seed, "alice", start, start + len(ALICE_WORD), "GPE")
        project.set_status(seed, "alice", DocStatus.DONE)
    return path, {"seed": seed, "second": second}


def feature_of(window):
    from ui.dialogs.team_windows import MultiAnnotator

    return window.findChild(MultiAnnotator)


def annotator_menu(window):
    return next(a.menu() for a in window.menuBar().actions() if a.text() == "A&nnotator")


def open_export(window):
    window.actions_by_name["export"].trigger()
    return feature_of(window).dialogs["export"]


def layers(dialog) -> list[str]:
    return [dialog.layer.itemData(i) for i in range(dialog.layer.count())]


def export_jsonl(qtbot, dialog, layer: str, target) -> list[dict]:
    dialog.set_format("jsonl")
    dialog.layer.setCurrentIndex(dialog.layer.findData(layer))
    dialog.target.setText(str(target))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.job is None, timeout=15_000)
    return [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines() if line]


def test_an_annotator_cannot_open_the_curators_windows(qtbot, open_window, team) -> None:
    path, ids = team
    with Project.open(path) as project:
        window = open_window(project, "bob")
        feature = feature_of(window)
        agreement, curate = window.actions_by_name["agreement"], window.actions_by_name["curate"]
        assert not agreement.isEnabled() and not curate.isEnabled()
        assert annotator_menu(window).toolTipsVisible()
        for action in (agreement, curate):
            assert "Only the curator" in action.toolTip() and "Switch annotator" in action.toolTip()
        agreement.trigger()
        curate.trigger()
        feature.show_agreement()  # the other ways in (the Annotators dialog's button, the agreement table)
        feature.curate(ids["seed"], ["alice"])
        assert feature.agreement is None and feature.curation is None
        assert "Only the curator" in window.statusBar().currentMessage()
        assert project.spans(ids["seed"], GOLD) == []  # no curation ran: nothing pre-accepted into gold


def test_the_disabled_entries_say_how_in_arabic(qtbot, open_window, settings, team) -> None:
    path, _ids = team
    settings.language = "ar"
    with Project.open(path) as project:
        window = open_window(project, "bob")
        tip = window.actions_by_name["curate"].toolTip()
        assert "المحكِّم" in tip and "تبديل الموسِّم" in tip and "Only" not in tip


def test_an_annotators_export_has_only_their_layer_and_curated_gold(qtbot, open_window, team, tmp_path) -> None:
    path, ids = team
    with Project.open(path) as project:
        window = open_window(project, "bob")
        dialog = open_export(window)
        assert layers(dialog) == ["bob"]  # no gold yet, and never alice
        dialog.close()

        seed_text = project.document(ids["seed"]).text
        start = seed_text.index(ALICE_WORD)
        project.add_span(ids["seed"], GOLD, start, start + len(ALICE_WORD), "GPE")  # curated
        project.set_status(ids["seed"], GOLD, DocStatus.DONE)
        project.add_span(ids["second"], GOLD, 4, 9, "GPE")  # curation under way: not done
        dialog = open_export(window)
        assert layers(dialog) == ["bob", GOLD]
        dialog.layer.setCurrentIndex(dialog.layer.findData(GOLD))
        assert dialog.status.currentData() == "done" and not dialog.status.isEnabled()
        assert "curated documents" in dialog.status.toolTip()
        dialog.status.setCurrentIndex(dialog.status.findData("all"))  # forced back by the code path too
        rows = export_jsonl(qtbot, dialog, GOLD, tmp_path / "gold.jsonl")
        assert [row["name"] for row in rows] == ["seed"]  # gold of the curated document only


def test_the_curator_opens_everything(qtbot, open_window, team, tmp_path) -> None:
    path, ids = team
    with Project.open(path) as project:
        window = open_window(project, "bob")
        feature = feature_of(window)
        feature.switch_to(GOLD)
        agreement, curate = window.actions_by_name["agreement"], window.actions_by_name["curate"]
        assert agreement.isEnabled() and curate.isEnabled()
        assert "Only the curator" not in curate.toolTip()
        window.open_document(ids["seed"])
        curate.trigger()
        qtbot.addWidget(feature.curation)
        assert feature.curation.isVisible() and feature.curation.curation.document_id == ids["seed"]
        assert [a.name for a in feature.curation.curation.sources] == ["alice"]
        agreement.trigger()
        qtbot.addWidget(feature.agreement)
        assert feature.agreement.isVisible()

        dialog = open_export(window)
        assert layers(dialog) == ["alice", "bob", GOLD]
        dialog.layer.setCurrentIndex(dialog.layer.findData(GOLD))
        assert dialog.status.isEnabled()  # the curator may export gold in the making
        rows = export_jsonl(qtbot, dialog, "alice", tmp_path / "alice.jsonl")
        assert [row["name"] for row in rows] == ["seed"]


def test_switching_back_to_an_annotator_turns_the_entries_off(qtbot, open_window, team) -> None:
    path, _ids = team
    with Project.open(path) as project:
        window = open_window(project, GOLD)
        assert window.actions_by_name["curate"].isEnabled()
        # as Annotator → Switch annotator… does it: the entries follow when the menu opens
        window.session.annotator = project.ensure_annotator("bob")
        window.load_annotator()
        menu = annotator_menu(window)
        menu.popup(window.mapToGlobal(window.rect().center()))
        QApplication.processEvents()
        assert not window.actions_by_name["curate"].isEnabled()
        assert not window.actions_by_name["agreement"].isEnabled()
        menu.hide()
