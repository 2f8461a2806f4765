"""Pre-annotation in the background (completes, cancels), the missing camel-tools model, training,
ordering by uncertainty and the About box — driven through the window's menus and dialogs."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.model import DocStatus, IncomingDocument
from annotator.recommenders.blind import model_name
from annotator.recommenders.crf import PROJECT_MODEL
from annotator.store import Project

from .conftest import ANNOTATOR, SCREENSHOTS
from .probes import run_probe


def answer_dialog(window, action: str, respond) -> None:
    """Trigger a menu action that opens a modal dialog, and let ``respond(dialog)`` fill it in."""
    seen = []

    def later() -> None:
        dialog = QApplication.activeModalWidget()
        seen.append(dialog)
        respond(dialog)

    QTimer.singleShot(0, later)
    window.actions_by_name[action].trigger()
    assert seen and seen[0] is not None, "the dialog opened"


def run_preannotation(window, qtbot, *, scope: str = "all", only: tuple[str, ...] | None = None) -> None:
    def respond(dialog) -> None:
        if only is not None:
            for name, box in dialog.boxes.items():
                box.setChecked(name in only)
        dialog.findChild(type(dialog.scope.button(0)), f"scope_{scope}").setChecked(True)
        dialog.accept()

    answer_dialog(window, "preannotate", respond)


def test_missing_camel_model_is_explained_and_offline_recommenders_still_run(tmp_path) -> None:
    # in a fresh interpreter: here an earlier test may have imported torch, and "not imported" would hold anyway
    report = run_probe("offline", tmp_path)
    dialog, run = report["dialog"], report["run"]
    boxes = dialog["boxes"]
    assert boxes["camel"] == [False, False]
    assert "camel_data -i ner-arabert" in dialog["status"] and "camel_data -i ner-arabert" in dialog["tooltip"]
    assert report["model_dir"] in dialog["status"]
    assert boxes["gazetteer"] == [True, True] and boxes["crf"] == [True, True]
    assert boxes["strings"][0] is False  # nothing tagged in the project yet: nothing to match
    # the offline recommenders keep working: they ran and their suggestions are in the view
    assert run["finished"] and not run["cancelled"], run["message"]
    assert {"أوكرانيا", "موسكو", "روسيا"} <= set(run["view_texts"])
    assert "camel" not in run["sources"] and {"gazetteer", "crf"} <= set(run["sources"])
    # neither the dialog nor the run imported torch, on any thread
    assert report["torch_thread"] is None and not report["torch_at_end"]


def test_background_preannotation_completes_and_suggestions_appear(window, qtbot, no_camel) -> None:
    project = window.session.project
    run_preannotation(window, qtbot, scope="all")
    feature = window.suggestions
    run = feature.preannotation
    strip = run.strip
    assert strip.isVisible()  # progress and Cancel in the status bar while it runs
    # the worker waits at its first hand-over of predictions until a key was pressed: "while it runs" for sure
    gate = threading.Event()
    run.relay.predictions.connect(lambda *_: gate.wait(30), Qt.ConnectionType.DirectConnection)
    try:
        qtbot.waitUntil(lambda: len(window.view.suggestions) > 0, timeout=30_000)  # the first chunk, shown already
        assert run.running
        window.view.setFocus()
        qtbot.keyClick(window.view, "n")  # the window answers keys while the worker runs
        assert window.view.current_suggestion is not None and run.running
    finally:
        gate.set()
    qtbot.waitUntil(lambda: not feature.preannotation.running, timeout=30_000)
    assert not strip.isVisible()
    report = feature.preannotation.report
    assert report.documents == 2 and not report.cancelled
    for info in project.documents():
        assert project.suggestions(info.id, ANNOTATOR), info.name
    assert len(window.view.suggestions) == len(project.suggestions(window.session.document_id, ANNOTATOR)) > 10
    assert "Pre-annotated 2 documents" in window.statusBar().currentMessage()
    # accepting one works straight away
    qtbot.keyClick(window.view, "n")
    qtbot.keyClick(window.view, "\r")
    [span] = project.spans(window.session.document_id, ANNOTATOR)
    assert span.origin == "suggestion"


@pytest.fixture
def many(open_window, tmp_path, seed_text):
    """A window on a project of 80 articles (five chunks of pre-annotation work)."""
    path = tmp_path / "many.hashiya"
    with Project.create(path) as project:
        project.add_documents([IncomingDocument(f"d{i}", f"{seed_text[i * 20 :]} {i}", f"d{i}.txt") for i in range(80)])
    with Project.open(path) as project:
        yield open_window(project), project


def test_cancel_button_stops_the_run(many, qtbot, no_camel) -> None:
    window, project = many
    run_preannotation(window, qtbot, only=("gazetteer", "crf"))
    run = window.suggestions.preannotation
    assert run.strip.cancel_button.isVisible()
    qtbot.mouseClick(run.strip.cancel_button, Qt.MouseButton.LeftButton)
    assert run.strip.label.text() == "Cancelling…"
    qtbot.waitUntil(lambda: not run.running, timeout=30_000)
    assert run.report is None or run.report.cancelled
    assert len([d for d in project.documents() if project.suggestions(d.id)]) < 80
    assert "cancelled" in window.statusBar().currentMessage()
    assert not run.strip.isVisible()


def test_cancelling_keeps_the_chunks_already_done(many, qtbot, no_camel) -> None:
    window, project = many
    run_preannotation(window, qtbot, only=("gazetteer", "crf"))
    run = window.suggestions.preannotation
    # cancel as soon as the worker hands over its first predictions (direct: on the worker's thread)
    run.relay.predictions.connect(lambda *_: run.job.cancel(), Qt.ConnectionType.DirectConnection)
    qtbot.waitUntil(lambda: not run.running, timeout=30_000)
    assert run.report.cancelled
    done = {d.id for d in project.documents() if project.suggestions(d.id)}
    assert done == run.stored_documents == set(run.report.document_ids)
    assert 16 <= len(done) < 80 and len(done) % 16 == 0  # whole chunks kept, the rest never run
    assert f"cancelled after {len(done)} documents" in window.statusBar().currentMessage()


def test_order_documents_by_uncertainty(window, qtbot, no_camel) -> None:
    project = window.session.project
    run_preannotation(window, qtbot, only=("crf",))
    qtbot.waitUntil(lambda: not window.suggestions.preannotation.running, timeout=30_000)
    window.actions_by_name["order_uncertainty"].trigger()
    model = window.documents.model
    expected = [info.id for info, _u in project.documents_by_uncertainty()]
    assert [model.document_id(r) for r in range(model.rowCount())] == expected
    assert model.columnCount() == 4  # the uncertainty is shown
    scores = [model.data(model.index(r, 3)) for r in range(model.rowCount())]
    assert scores == sorted(scores, reverse=True) and all(s != "—" for s in scores)
    # next document (Ctrl+PgDown) follows the list's order
    window.open_document(expected[0])
    window.actions_by_name["next"].trigger()
    assert window.session.document_id == expected[1]
    window.actions_by_name["order_uncertainty"].trigger()
    assert window.documents.model.columnCount() == 3


def test_train_shows_cross_validated_scores_per_label(open_window, qtbot, tmp_path, seed_text) -> None:
    path = tmp_path / "train.hashiya"
    words = [("بوتين", "PERS"), ("موسكو", "GPE"), ("أوكرانيا", "GPE"), ("ترامب", "PERS")]
    with Project.create(path) as project:
        outcomes, _ = project.add_documents(
            [IncomingDocument(f"d{i}", seed_text[i * 15 :], f"d{i}.txt") for i in range(4)]
        )
        for outcome in outcomes:
            text = project.document(outcome.document_id).text
            for word, label in words:
                start = text.find(word)
                while start >= 0:
                    project.add_span(outcome.document_id, ANNOTATOR, start, start + len(word), label)
                    start = text.find(word, start + 1)
            project.set_status(outcome.document_id, ANNOTATOR, DocStatus.DONE)
    with Project.open(path) as project:
        window = open_window(project)
        window.actions_by_name["train"].trigger()
        dialog = window.suggestions.training
        assert dialog.isVisible() and "4 documents" in dialog.intro.text()
        qtbot.mouseClick(dialog.train_button, Qt.MouseButton.LeftButton)
        assert dialog.job is not None  # runs in a worker: the click returned at once
        qtbot.waitUntil(lambda: dialog.job is None, timeout=60_000)
        assert dialog.report is not None, dialog.status.text()
        table = dialog.table
        rows = {
            table.item(r, 0).text(): [table.item(r, c).text() for c in range(1, 4)] for r in range(table.rowCount())
        }
        assert {"PERS", "GPE", "micro"} <= set(rows)
        for values in rows.values():
            assert all(0.0 <= float(v) <= 1.0 for v in values)
        assert project.load_model(model_name(PROJECT_MODEL, ANNOTATOR)) is not None  # saved: their crf uses it
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        assert dialog.grab().save(str(SCREENSHOTS / "train-scores.png"))
        dialog.close()


def test_about_box_attributes_the_model_and_the_font(window) -> None:
    window.actions_by_name["about"].trigger()
    box = window.findChild(QMessageBox, "aboutBox")
    assert box is not None and box.isVisible()
    text = box.text()
    assert "AQMAR" in text and "CC BY-SA 3.0" in text
    assert "Amiri" in text and "Open Font License" in text
    box.close()


def test_escape_during_training_stops_it(open_window, qtbot, tmp_path, seed_text) -> None:
    path = tmp_path / "train.hashiya"
    with Project.create(path) as project:
        outcomes, _ = project.add_documents(
            [IncomingDocument(f"d{i}", seed_text[i * 15 :], f"d{i}.txt") for i in range(3)]
        )
        for outcome in outcomes:
            start = project.document(outcome.document_id).text.find("بوتين")
            project.add_span(outcome.document_id, ANNOTATOR, start, start + 5, "PERS")
            project.set_status(outcome.document_id, ANNOTATOR, DocStatus.DONE)
    with Project.open(path) as project:
        window = open_window(project)
        window.actions_by_name["train"].trigger()
        dialog = window.suggestions.training
        qtbot.mouseClick(dialog.train_button, Qt.MouseButton.LeftButton)
        job = dialog.job
        assert job is not None
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert not dialog.isVisible()
        qtbot.waitUntil(lambda: dialog.job is None, timeout=60_000)
        assert job.cancel_requested
