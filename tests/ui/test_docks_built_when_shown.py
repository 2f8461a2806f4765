"""The closed docks (Consistency, Concordance, Guidelines) are built when first shown, as a user opens them.

At start-up only their empty dock frames exist (a cold start does not pay for panels nobody opened);
the menu, the shortcut or a saved layout that shows one builds what it holds before it is seen.
"""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.store import Project


def test_closed_docks_hold_nothing_until_shown(window) -> None:
    consistency, guidelines = window.consistency, window.guidelines
    assert consistency._queue is None and consistency._concordance is None and guidelines._panel is None
    assert consistency.queue_dock.widget() is None and guidelines.dock.widget() is None
    QTest.keyClick(window, Qt.Key.Key_F7)  # Annotate → Consistency review, as the user presses it
    assert consistency.queue_dock.isVisible() and consistency.queue_dock.widget() is consistency.queue.dock
    assert consistency.queue.dock.tree.hasFocus()
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert consistency.concordance_dock.isVisible() and consistency.concordance.field.hasFocus()
    QTest.keyClick(window, Qt.Key.Key_F2)  # Annotate → Show guidelines
    assert guidelines.dock.isVisible() and guidelines.dock.widget() is guidelines.panel
    assert guidelines.panel.title.text()  # "Select a span or point at a label…"


def test_the_view_menu_toggle_builds_a_dock(window) -> None:
    toggle = window.consistency.concordance_dock.toggleViewAction()  # View → Concordance
    toggle.trigger()
    QApplication.processEvents()
    assert window.consistency.concordance_dock.isVisible()
    assert window.consistency.concordance_dock.widget() is window.consistency._concordance is not None


def test_a_saved_layout_with_a_dock_open_builds_it_before_the_first_paint(open_window, project_path) -> None:
    with Project.open(project_path) as project:
        first = open_window(project)
        first.guidelines.open_dock()
        first.consistency.open_queue()
        first.close()  # saves the layout, both docks open
        second = open_window(project)
        assert second.guidelines.dock.isVisible() and second.guidelines._panel is not None
        assert second.consistency.queue_dock.isVisible() and second.consistency._queue is not None


def test_startup_does_not_import_the_docks_modules(project_path, tmp_path) -> None:
    """A fresh process that shows the window imports nothing of the queue, the concordance or the panel."""
    code = (
        "import sys\n"
        "from annotator.store import Project\n"
        "from ui.app import build_window\n"
        "from ui.settings import Settings\n"
        f"window = build_window(Project.open({str(project_path)!r}), 'omar', Settings())\n"
        "window.show()\n"
        "lazy = ('ui.consistency.feature', 'ui.consistency.concordance_dock', 'ui.panels.guideline_panel',"
        " 'annotator.guidelines', 'annotator.concordance')\n"
        "print(sorted(name for name in lazy if name in sys.modules))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HASHIYA_SETTINGS": str(tmp_path / "s.ini")}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"
