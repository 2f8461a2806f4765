"""One change bus to the window (issue 12): background writes and other programs' writes reach the
open window as changes, and its lists follow them without a full reload (``load_annotator``)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from annotator.model import DocStatus, IncomingDocument
from annotator.store import Project

from .conftest import ANNOTATOR

NEW_TEXT = "وصل الوفد إلى بغداد صباح اليوم."


def count_reloads(window) -> list[int]:
    """Wrap ``window.load_annotator``: the list grows by one per full reload."""
    calls: list[int] = []
    original = window.load_annotator

    def counting() -> None:
        calls.append(1)
        original()

    window.load_annotator = counting
    return calls


def shown(window) -> dict[str, object]:
    """What the user sees of the open document and the list: rows, marks, entity rows."""
    model = window.documents.model
    rows = {model.index(r, 0).data(): model.index(r, 2).data() for r in range(model.rowCount())}
    marks = sorted((m.start, m.end, m.label) for m in window.view.spans.all())
    entities = [window.entity_model.index(r, 0).data() for r in range(window.entity_model.rowCount())]
    return {"rows": rows, "marks": marks, "entities": entities}


def test_a_merge_from_the_file_menu_updates_the_open_window_through_the_bus(qtbot, window, tmp_path, seed_text):
    project = window.session.project
    seed = window.session.document_id
    kyiv = seed_text.index("كييف")
    with Project.create(tmp_path / "laptop.hashiya") as other:  # the same annotator's work on another machine
        outcomes, _ = other.add_documents(
            [IncomingDocument("seed", seed_text, "seed.txt"), IncomingDocument("new", NEW_TEXT, "new.txt")]
        )
        other.add_span(outcomes[0].document_id, ANNOTATOR, kyiv, kyiv + 4, "GPE")
        other.add_span(outcomes[1].document_id, ANNOTATOR, NEW_TEXT.index("بغداد"), NEW_TEXT.index("بغداد") + 5, "GPE")
        other.set_status(outcomes[1].document_id, ANNOTATOR, DocStatus.DONE)
    model = window.documents.model
    before = shown(window)
    assert "new" not in before["rows"] and before["marks"] == [] and before["entities"] == []
    reloads = count_reloads(window)

    window.actions_by_name["merge"].trigger()  # File → Merge…: the dialog merges in a worker thread
    dialog = window.findChild(QObject, "multiAnnotator").dialogs["merge"]
    dialog.add_paths([tmp_path / "laptop.hashiya"])
    dialog.merge_button.click()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=15_000)
    QApplication.processEvents()

    after = shown(window)
    assert after["rows"]["new"] == "1" and after["rows"]["seed"] == "1"  # a new row, and a count that moved
    assert after["marks"] == [(kyiv, kyiv + 4, "GPE")]  # the open document's marks
    assert after["entities"] == ["كييف"]  # the entity list
    assert [(s.start, s.label) for s in project.spans(seed, ANNOTATOR)] == [(kyiv, "GPE")]
    assert window.documents.model is model  # the list followed the change, it was not rebuilt
    assert reloads == []  # and nothing was reloaded wholesale
    assert window.session.document_id == seed


def test_a_background_preannotation_shows_its_suggestions_through_the_bus(qtbot, window, no_camel):
    project, doc = window.session.project, window.session.document_id
    reloads = count_reloads(window)
    seen = []
    unsubscribe = project.subscribe(seen.append)

    def respond() -> None:
        dialog = QApplication.activeModalWidget()
        for name, box in dialog.boxes.items():
            box.setChecked(name in ("gazetteer", "strings", "memory"))
        dialog.findChild(type(dialog.scope.button(0)), "scope_all").setChecked(True)
        dialog.accept()

    QTimer.singleShot(0, respond)
    window.actions_by_name["preannotate"].trigger()
    feature = window.suggestions
    qtbot.waitUntil(lambda: feature.preannotation is not None and not feature.preannotation.running, timeout=30_000)
    unsubscribe()
    stored = project.suggestions(doc, ANNOTATOR)
    assert stored, "the run suggested something in the open document"
    assert sorted(m.key for m in window.view.suggestions.all()) == sorted(s.id for s in stored)  # what the view shows
    assert any(doc in change.suggestions for change in seen)  # and it came as a change on the bus
    assert reloads == []


def test_another_programs_span_shows_after_the_watcher_ticks(qtbot, window, project_path, seed_text):
    doc = window.session.document_id
    model = window.documents.model
    reloads = count_reloads(window)
    moscow = seed_text.index("موسكو")
    with Project.open(project_path) as other:  # another window, or `hashiya` on the command line
        change = other.add_span(doc, ANNOTATOR, moscow, moscow + 5, "GPE")
    span_id = change.spans_added[0].id
    assert span_id not in window.view.spans  # nothing polls: only the watcher's tick brings it
    qtbot.waitUntil(lambda: span_id in window.view.spans, timeout=5_000)
    assert [window.entity_model.index(r, 0).data() for r in range(window.entity_model.rowCount())] == ["موسكو"]
    model = window.documents.model
    assert model.index(model.row_of(doc), 2).data() == "1"
    assert reloads == []
