"""An import made in the window is in the window annotator's log: Ctrl+Z takes it back, Ctrl+Shift+Z redoes it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _listed(window) -> list[str]:
    """The names in the documents panel, as the user reads them."""
    model = window.documents.table.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def _import_through_the_dialog(qtbot, window, folder) -> None:
    from ui.dialogs.team_windows import MultiAnnotator

    window.actions_by_name["import"].trigger()
    dialog = window.findChild(MultiAnnotator).dialogs["import"]
    dialog.add_paths([folder])
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)  # runs in the worker, own connection
    qtbot.waitUntil(lambda: dialog.job is None, timeout=15_000)
    assert "Import finished." in dialog.summary.text
    dialog.close()
    window.activateWindow()  # back to the window, as a user clicking into it: its shortcuts apply again
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
    window.view.setFocus()


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
