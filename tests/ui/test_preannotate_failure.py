"""A background pre-annotation that fails says so without freezing the window (no modal box)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


def test_a_failed_run_is_reported_and_the_window_keeps_its_keys(window, qtbot, no_camel) -> None:
    project = window.session.project
    project.save_model("crf", b"not a model", {})  # every crf run now fails in the worker
    document = window.session.document_id

    def dismiss_any_modal() -> None:  # a modal box would block this test forever: fail instead
        modal = QApplication.activeModalWidget()
        if modal is not None:
            modal.close()

    QTimer.singleShot(8_000, dismiss_any_modal)
    window.suggestions.suggest_imported([document])
    run = window.suggestions.preannotation
    qtbot.waitUntil(lambda: not run.running, timeout=15_000)
    box = window.findChild(QMessageBox, "preannotationFailed")
    assert box is not None and box.isVisible() and not box.isModal()
    assert "crf" in box.text().lower() or "model" in box.text().lower()
    assert window.statusBar().currentMessage().startswith("Pre-annotation failed: ")
    assert QApplication.activeModalWidget() is None  # the window's keys still reach it
    box.close()
