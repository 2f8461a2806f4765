"""Corpus consistency in the main window (issue 15): the Consistency queue and the Concordance.

:func:`install_consistency` is the window's one line of wiring: it adds both docks (closed at
first, listed in the View menu with the window's other panels, tabbed under the text) and
follows the store for the queue; the Annotate menu opens them (F7 and Ctrl+Shift+F,
``ui/actions.py``). The queue's work is in :mod:`.feature`, its dock in :mod:`.queue_dock`; the
concordance in :mod:`.concordance_dock`; both show right-to-left KWIC lines (:mod:`.kwic`) and
jump to the document as :mod:`.navigate` says.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QWidget

from ui.consistency.concordance_dock import ConcordanceDock
from ui.consistency.feature import CloseWatch, ConsistencyQueue
from ui.i18n import tr

if TYPE_CHECKING:
    from collections.abc import Callable

    from ui.window import MainWindow


@dataclass
class Consistency:
    """What :func:`install_consistency` added to a window."""

    queue: ConsistencyQueue
    concordance: ConcordanceDock
    queue_dock: QDockWidget
    concordance_dock: QDockWidget
    unsubscribe: Callable[[], object]

    def annotator_changed(self) -> None:
        """The window annotates as someone else now: their layer, their labels."""
        self.queue.layer_changed()
        if self.concordance.field.text().strip():
            self.concordance.search()

    def open_queue(self) -> None:
        _open(self.queue_dock, self.queue.dock.tree)

    def open_concordance(self) -> None:
        _open(self.concordance_dock, self.concordance.field)
        self.concordance.field.selectAll()

    def close(self) -> None:
        self.queue.stop()
        self.concordance.stop()
        self.unsubscribe()


def _open(dock: QDockWidget, focus: QWidget) -> None:
    dock.show()
    dock.raise_()
    focus.setFocus()


def _dock(window: MainWindow, name: str, title: str, widget: QWidget) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(f"dock_{name}")
    dock.setWidget(widget)
    dock.setFeatures(
        QDockWidget.DockWidgetFeature.DockWidgetMovable
        | QDockWidget.DockWidgetFeature.DockWidgetClosable
        | QDockWidget.DockWidgetFeature.DockWidgetFloatable
    )
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)  # KWIC lines are wide
    dock.hide()  # closed until asked for: the window's first look stays as it was
    window.docks.append(dock)  # the View menu lists it; a layout saved in the other direction mirrors it
    return dock


def install_consistency(window: MainWindow) -> Consistency:
    """Add the Consistency queue and the Concordance to ``window`` (before its menus are built)."""
    queue = ConsistencyQueue(window)
    concordance = ConcordanceDock(window)
    queue_dock = _dock(window, "consistency", tr("Consistency"), queue.dock)
    concordance_dock = _dock(window, "concordance", tr("Concordance"), concordance)
    window.tabifyDockWidget(queue_dock, concordance_dock)  # one place under the text, two tabs
    queue_dock.visibilityChanged.connect(queue.shown)
    project = window.session.project
    unsubscribe = [project.subscribe(queue.on_change), project.subscribe(concordance.on_change)]
    added = Consistency(queue, concordance, queue_dock, concordance_dock, lambda: [u() for u in unsubscribe])
    CloseWatch(window, added.close)
    return added
