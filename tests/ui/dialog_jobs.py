"""Driving a file job as a user does: File → Import or Merge, add paths, press the button, wait for the worker."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def run_file_job(qtbot, window, name: str, paths: Iterable[str | Path], *, finished: str, back: bool = True):
    """Open the ``name`` dialog ("import" or "merge") from its menu action, add ``paths``, start it
    (the worker commits through its own connection), wait until it ends and check its summary says
    ``finished``; close it and, with ``back``, click back into the window so its shortcuts apply."""
    from ui.dialogs.team_windows import MultiAnnotator

    window.actions_by_name[name].trigger()
    dialog = window.findChild(MultiAnnotator).dialogs[name]
    dialog.add_paths(list(paths))
    qtbot.mouseClick(dialog.action_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.job is None, timeout=15_000)
    assert finished in dialog.summary.text
    dialog.close()
    if back:
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
        window.view.setFocus()
    return dialog
