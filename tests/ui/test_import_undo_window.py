"""An import made in the window is in the window annotator's log: Ctrl+Z takes it back, Ctrl+Shift+Z redoes it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from .dialog_jobs import run_file_job

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _listed(window) -> list[str]:
    """The names in the documents panel, as the user reads them."""
    model = window.documents.table.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def _import_through_the_dialog(qtbot, window, folder) -> None:
    run_file_job(qtbot, window, "import", [folder], finished="Import finished.")


def test_ctrl_z_removes_an_import_and_ctrl_shift_z_brings_it_back(qtbot, window, tmp_path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in {"x1": "زار بوتين موسكو.", "x2": "وصل الوفد إلى القاهرة.", "x3": "انتهى الاجتماع."}.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    project = window.session.project
    before = _listed(window)
    _import_through_the_dialog(qtbot, window, folder)
    assert _listed(window) == [*before, "x1", "x2", "x3"]
    ids = [d.id for d in project.documents()]

    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert _listed(window) == before
    assert [d.name for d in project.documents()] == before

    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert _listed(window) == [*before, "x1", "x2", "x3"]
    assert [d.id for d in project.documents()] == ids  # the same documents, same ids


def test_ctrl_z_after_someone_annotated_the_import_says_why_and_keeps_it(qtbot, window, tmp_path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "x1.txt").write_text("زار بوتين موسكو.", encoding="utf-8")
    project = window.session.project
    _import_through_the_dialog(qtbot, window, folder)
    added = next(d for d in project.documents() if d.name == "x1")
    project.add_span(added.id, "omar", 4, 9, "PERS")
    listed = _listed(window)

    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert window.statusBar().currentMessage() == "cannot undo the import of 1 document: omar has annotated «x1» since"
    assert _listed(window) == listed and project.document_count() == 3
