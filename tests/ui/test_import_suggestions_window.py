"""Pre-highlighting on by default in the window (issue 13): File → Import pre-annotates what it added in
the background, with no menu action, and the marks reach the view through the change bus; the
Suggestions menu's setting (the project's, shared with ``hashiya import``) turns it off."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.importing import suggests_after_import
from annotator.store import Project

from .conftest import ANNOTATOR
from .dialog_jobs import run_file_job

ARTICLE = "زار الرئيس فلاديمير بوتين موسكو ثم سافر إلى القاهرة."


def _articles(tmp_path: Path, **texts: str) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def _import_through_the_dialog(qtbot, window, folder: Path) -> None:
    run_file_job(qtbot, window, "import", [folder], finished="Import finished.", back=False)


def _marks(window) -> dict[str, tuple[int, int, str]]:
    return {m.key: (m.start, m.end, m.label) for m in window.view.suggestions.all()}


def _pending(project: Project, document_id: str) -> dict[str, tuple[int, int, str]]:
    return {s.id: (s.start, s.end, s.label) for s in project.suggestions(document_id, ANNOTATOR)}


def test_an_import_shows_suggestions_in_the_open_document_without_any_menu_action(
    open_window, qtbot, tmp_path, no_camel
) -> None:
    path = tmp_path / "empty.hashiya"
    Project.create(path).close()
    with Project.open(path) as project:
        window = open_window(project)
        assert window.session.document_id is None
        _import_through_the_dialog(qtbot, window, _articles(tmp_path, moscow=ARTICLE))
        (info,) = project.documents()
        assert window.session.document_id == info.id  # the follower opened the first document
        qtbot.waitUntil(lambda: len(window.view.suggestions) > 0, timeout=15_000)  # the change bus brought them
        qtbot.waitUntil(lambda: not window.suggestions.preannotation.running, timeout=15_000)
        run = window.suggestions.preannotation
        assert run.document_ids == [info.id]
        assert "camel" not in run.names
        assert _marks(window) == _pending(project, info.id)
        text = project.document(info.id).text
        shown = {(text[start:end], label) for start, end, label in _marks(window).values()}
        assert {("موسكو", "GPE"), ("القاهرة", "GPE")} <= shown
        assert window.suggestions.count_label.text().endswith("suggestions to decide")


def test_an_imported_document_opened_later_shows_its_suggestions(window, qtbot, tmp_path, no_camel) -> None:
    project = window.session.project
    first = window.session.document_id
    _import_through_the_dialog(qtbot, window, _articles(tmp_path, moscow=ARTICLE, cairo="وصل الوفد إلى القاهرة."))
    qtbot.waitUntil(lambda: window.suggestions.preannotation is not None, timeout=5_000)
    qtbot.waitUntil(lambda: not window.suggestions.preannotation.running, timeout=15_000)
    assert window.session.document_id == first, "the import did not take the annotator elsewhere"
    added = [d.id for d in project.documents() if d.name in ("moscow", "cairo")]
    assert window.suggestions.preannotation.document_ids == added
    for document_id in added:
        window.open_document(document_id)
        QApplication.processEvents()
        assert _marks(window) and _marks(window) == _pending(project, document_id)


def test_the_setting_turns_it_off_for_the_window_and_the_project(window, qtbot, tmp_path, no_camel) -> None:
    project = window.session.project
    action = window.actions_by_name["suggest_after_import"]
    assert action.isCheckable() and action.isChecked()
    action.setChecked(False)  # Suggestions → Suggest entities after import
    assert not suggests_after_import(project)
    _import_through_the_dialog(qtbot, window, _articles(tmp_path, moscow=ARTICLE))
    QApplication.processEvents()
    assert window.suggestions.preannotation is None, "no pre-annotation started"
    (added,) = [d.id for d in project.documents() if d.name == "moscow"]
    assert project.suggestions(added, ANNOTATOR) == []
    with Project.open(project.path) as other:  # the setting is the project's: hashiya import obeys it too
        assert not suggests_after_import(other)


def test_an_import_undone_while_it_is_being_pre_annotated_gets_no_suggestions_and_no_error(
    window, qtbot, tmp_path, no_camel
) -> None:
    from ui.dialogs.team_windows import MultiAnnotator

    project = window.session.project
    before = [d.id for d in project.documents()]
    said: list[str] = []
    window.statusBar().messageChanged.connect(said.append)
    runs = []

    def undo_at_once(_report) -> None:
        """Ctrl+Z as soon as the import is in (after the window started its run): no batch has come back yet."""
        runs.append(window.suggestions.preannotation)
        assert runs[0] is not None and runs[0].running
        window.undo()

    window.actions_by_name["import"].trigger()
    dialog = window.findChild(MultiAnnotator).dialogs["import"]
    dialog.imported.connect(undo_at_once)  # connected after the window's own handler: runs after it
    dialog.add_paths([_articles(tmp_path, moscow=ARTICLE)])
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(runs) and not runs[0].running, timeout=15_000)
    run = runs[0]
    assert [d.id for d in project.documents()] == before
    # whether the worker read the document before the undo removed it or found it gone, the run ends
    # quietly (no error box, no "no document" message) and stores nothing for the removed document
    assert run.report is not None and not run.report.cancelled
    assert not [m for m in said if m.startswith("no document")], said
    assert run.stored_documents == set()
    assert said[-1].startswith("Pre-annotated")


def test_an_import_made_while_a_run_goes_on_is_pre_annotated_after_it(window, qtbot, no_camel) -> None:
    project = window.session.project
    first, second = [d.id for d in project.documents()]
    feature = window.suggestions
    feature.suggest_imported([first])  # what File → Import calls once its worker has stored the documents
    run = feature.preannotation
    assert run is not None and run.running
    feature.suggest_imported([second])  # a second import before the first run is back: it waits
    assert feature.preannotation is run and feature.waiting == [second]
    qtbot.waitUntil(lambda: feature.preannotation is not run, timeout=15_000)
    qtbot.waitUntil(lambda: not feature.preannotation.running, timeout=15_000)
    assert run.document_ids == [first] and feature.preannotation.document_ids == [second]
    assert feature.waiting == []
    assert project.suggestions(first, ANNOTATOR) and project.suggestions(second, ANNOTATOR)
