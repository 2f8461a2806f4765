"""Blind annotation in the real window: bob pre-annotates, sees and accepts nothing of alice's, while
alice, in her own window, is offered what she tagged (the window passes its annotator along)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from annotator.model import DocStatus, IncomingDocument
from annotator.store import Project

from .conftest import SCREENSHOTS

DOC1 = "التقى الرئيس حسني مبارك وفدا من مصر وإسرائيل في القاهرة ."
DOC2 = "أعلن حسني مبارك في القاهرة أن العلاقات بين مصر وإسرائيل مستقرة ."
WORK = {"alice": [("حسني مبارك", "PERS"), ("وإسرائيل", "GPE")], "bob": [("مبارك", "PERS")]}
ALICE = set(WORK["alice"])


def two_annotators(path) -> tuple[str, str]:
    """A project file where alice and bob each finished the first article."""
    with Project.create(path) as project:
        outcomes, _ = project.add_documents(
            [IncomingDocument("one", DOC1, "1.txt"), IncomingDocument("two", DOC2, "2.txt")]
        )
        first, second = (o.document_id for o in outcomes)
        for who, spans in WORK.items():
            for text, label in spans:
                start = DOC1.index(text)
                project.add_span(first, who, start, start + len(text), label)
            project.set_status(first, who, DocStatus.DONE)
    return first, second


def preannotate(window, qtbot) -> None:
    """Suggestions → Pre-annotate…, string matching and the gazetteer on every document, Run."""

    def respond() -> None:
        dialog = QApplication.activeModalWidget()
        for name, box in dialog.boxes.items():
            box.setChecked(name in ("strings", "gazetteer") and box.isEnabled())
        dialog.findChild(type(dialog.scope.button(0)), "scope_all").setChecked(True)
        dialog.accept()

    QTimer.singleShot(0, respond)
    window.actions_by_name["preannotate"].trigger()
    qtbot.waitUntil(lambda: window.suggestions.preannotation is not None, timeout=5_000)
    qtbot.waitUntil(lambda: not window.suggestions.preannotation.running, timeout=30_000)
    assert window.suggestions.preannotation.report.suggestions.get("strings", 0) > 0  # string matching ran


def shown(window) -> set[tuple[str, str]]:
    """(text, label) of the dashed suggestion marks the view paints."""
    return {(window.session.text[s.start : s.end], s.label) for s in window.suggestions.layer.pending}


def test_bob_sees_and_accepts_nothing_of_alices_while_alice_gets_her_own(tmp_path, open_window, qtbot) -> None:
    path = tmp_path / "blind.hashiya"
    _first, second = two_annotators(path)
    with Project.open(path) as project:
        alice = open_window(project, "alice")
        preannotate(alice, qtbot)
        alice.open_document(second)
        assert shown(alice) >= ALICE  # the window learnt for alice, from her own spans
        assert ("مبارك", "PERS") not in shown(alice)
        alice.close()

        bob = open_window(project, "bob")
        bob.open_document(second)
        assert not shown(bob) & ALICE  # alice's run left nothing for bob to see
        preannotate(bob, qtbot)
        bob.open_document(second)
        assert ("مبارك", "PERS") in shown(bob)  # bob's own tagging taught string matching
        assert not shown(bob) & ALICE
        assert len(bob.view.suggestions) == len(bob.suggestions.layer.pending)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        assert bob.grab().save(str(SCREENSHOTS / "blind-bob-suggestions.png"))
        qtbot.keyClick(bob.view, "n")
        for _ in range(20):  # Enter through every suggestion he is offered
            if not bob.suggestions.layer.pending:
                break
            qtbot.keyClick(bob.view, "\r")
        assert not bob.suggestions.layer.pending
        his = {(DOC2[s.start : s.end], s.label) for s in project.spans(second, "bob")}
        assert ("مبارك", "PERS") in his and not his & ALICE


def listed(window) -> list[tuple[str, str]]:
    """The document list top to bottom as the table shows it: (name, the uncertainty it shows)."""
    shown = window.documents.table.model()  # the work list's filtering and ordering view of the model
    return [(shown.index(row, 0).data(), shown.index(row, 3).data()) for row in range(shown.rowCount())]


def test_ordering_by_uncertainty_ranks_by_the_runs_bob_may_see(tmp_path, open_window, qtbot) -> None:
    """alice's own model is very unsure of the second article; bob's list must not show or follow that."""
    from annotator.recommenders.base import Prediction, Suggestion

    path = tmp_path / "order.hashiya"
    first, second = two_annotators(path)
    with Project.open(path) as project:
        crf = Suggestion(0, 5, "PERS", 0.5, "crf")
        project.store_predictions("crf", [Prediction(first, (crf,), 0.3), Prediction(second, (crf,), 0.1)])
        project.store_predictions("crf", [Prediction(second, (crf,), 0.9, audience="alice")])
        bob = open_window(project, "bob")
        bob.actions_by_name["order_uncertainty"].setChecked(True)
        assert listed(bob) == [("one", "0.30"), ("two", "0.10")]
        bob.close()
        alice = open_window(project, "alice")
        alice.actions_by_name["order_uncertainty"].setChecked(True)
        assert listed(alice) == [("two", "0.90"), ("one", "0.30")]  # her own run ranks her list
        alice.actions_by_name["order_uncertainty"].setChecked(False)


def test_alice_pre_annotating_does_not_bring_back_what_bob_rejected(tmp_path, open_window, qtbot) -> None:
    """bob rejects «القاهرة» with Backspace; alice's window runs the shared gazetteer; bob's stays rejected."""
    path = tmp_path / "reject.hashiya"
    _first, second = two_annotators(path)
    with Project.open(path) as project:
        bob = open_window(project, "bob")
        preannotate(bob, qtbot)
        bob.open_document(second)
        assert ("القاهرة", "GPE") in shown(bob)
        cairo = next(s for s in bob.suggestions.layer.pending if DOC2[s.start : s.end] == "القاهرة")
        project.reject_suggestion(cairo.id, "bob")
        bob.close()
        alice = open_window(project, "alice")
        preannotate(alice, qtbot)
        alice.close()
        bob = open_window(project, "bob")
        bob.open_document(second)
        assert ("القاهرة", "GPE") not in shown(bob)
        preannotate(bob, qtbot)  # bob's own run is how he asks for it again
        bob.open_document(second)
        assert ("القاهرة", "GPE") in shown(bob)


def test_the_training_dialog_says_the_model_is_yours(tmp_path, open_window, qtbot) -> None:
    """Under blind annotation bob's model learns from his own done documents (and curated gold) and is his alone."""
    path = tmp_path / "train.hashiya"
    two_annotators(path)
    with Project.open(path) as project:
        bob = open_window(project, "bob")
        bob.actions_by_name["train"].trigger()
        dialog = bob.suggestions.training
        qtbot.addWidget(dialog)
        intro = dialog.intro.text()
        assert "you marked done" in intro and "(1 document now)" in intro and "to you alone" in intro
        assert "an annotator marked done" not in intro
        dialog.close()
