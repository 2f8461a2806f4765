"""A merge made in the window is in the window annotator's log: Ctrl+Z takes it back, Ctrl+Shift+Z redoes it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.model import IncomingDocument
from annotator.store import Project

from .dialog_jobs import run_file_job

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
THIRD = "خبر ثالث من موسكو."


def _listed(window) -> list[str]:
    """The names in the documents panel, as the user reads them."""
    model = window.documents.table.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_ctrl_z_takes_a_merge_back_and_ctrl_shift_z_brings_it_back(qtbot, window, tmp_path) -> None:
    other = tmp_path / "bob.hashiya"
    with Project.create(other) as source:
        outcomes, _ = source.add_documents([IncomingDocument("third", THIRD, "c.txt")])
        source.add_span(outcomes[0].document_id, "bob", 12, 17, "GPE")
    project = window.session.project
    before = _listed(window)

    run_file_job(qtbot, window, "merge", [other], finished="Merge finished.")
    assert _listed(window) == [*before, "third"]
    merged = next(d.id for d in project.documents() if d.name == "third")
    assert [s.label for s in project.spans(merged, "bob")] == ["GPE"]

    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert _listed(window) == before
    assert [d.name for d in project.documents()] == before

    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert _listed(window) == [*before, "third"]
    assert [s.label for s in project.spans(merged, "bob")] == ["GPE"]  # the same document id, bob's span back
