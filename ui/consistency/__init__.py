"""Corpus consistency in the main window (issue 15): the Consistency queue and the Concordance.

:func:`install_consistency` is the window's one line of wiring: it adds both docks (closed at
first, listed in the View menu with the window's other panels, tabbed under the text) and
follows the store for the queue; the Annotate menu opens them (F7 and Ctrl+Shift+F,
``ui/actions.py``). The queue's work is in :mod:`.feature`, its dock in :mod:`.queue_dock`; the
concordance in :mod:`.concordance_dock`; both show right-to-left KWIC lines (:mod:`.kwic`) and
jump to the document as :mod:`.navigate` says.

Both docks exist from the start (View lists them; a saved layout restores them), but what they
hold, and the modules behind it, is built when a dock is first shown
(:meth:`Consistency.ensure_queue`, :meth:`Consistency.ensure_concordance`): closed at first, they
cost a cold start nothing. A dock a saved layout opens is built while the window is shown, before
its first paint. Until then there is nothing to follow: a queue built later reads the store as it
is then.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QWidget

from ui.consistency.close_watch import CloseWatch
from ui.i18n import tr

if TYPE_CHECKING:
    from collections.abc import Callable

    from ui.consistency.concordance_dock import ConcordanceDock
    from ui.consistency.feature import ConsistencyQueue
    from ui.window import MainWindow


class Consistency:
    """What :func:`install_consistency` added to a window: two docks, their contents made on first show."""

    def __init__(self, window: MainWindow, queue_dock: QDockWidget, concordance_dock: QDockWidget) -> None:
        self.window = window
        self.queue_dock = queue_dock
        self.concordance_dock = concordance_dock
        self._queue: ConsistencyQueue | None = None
        self._concordance: ConcordanceDock | None = None
        self._unsubscribe: list[Callable[[], object]] = []
        queue_dock.visibilityChanged.connect(self._queue_shown)
        concordance_dock.visibilityChanged.connect(self._concordance_shown)
        CloseWatch(window, self.close)

    @property
    def queue(self) -> ConsistencyQueue:
        """The Consistency dock's behaviour (built now if the dock was never shown)."""
        return self.ensure_queue()

    @property
    def concordance(self) -> ConcordanceDock:
        """The Concordance dock's widget (built now if the dock was never shown)."""
        return self.ensure_concordance()

    def ensure_queue(self) -> ConsistencyQueue:
        """Build the queue and put it in its dock, once; it follows the store from then on."""
        if self._queue is None:
            from ui.consistency.feature import ConsistencyQueue

            queue = self._queue = ConsistencyQueue(self.window)
            self.queue_dock.setWidget(queue.dock)
            self._unsubscribe.append(self.window.session.project.subscribe(queue.on_change))
        return self._queue

    def ensure_concordance(self) -> ConcordanceDock:
        """Build the concordance and put it in its dock, once; it follows the store from then on."""
        if self._concordance is None:
            from ui.consistency.concordance_dock import ConcordanceDock

            concordance = self._concordance = ConcordanceDock(self.window)
            self.concordance_dock.setWidget(concordance)
            self._unsubscribe.append(self.window.session.project.subscribe(concordance.on_change))
        return self._concordance

    def _queue_shown(self, visible: bool) -> None:
        """Shown (a menu, a key, a saved layout): built the first time, then it checks what changed."""
        if visible:
            self.ensure_queue().shown(True)

    def _concordance_shown(self, visible: bool) -> None:
        if visible:
            self.ensure_concordance()

    def annotator_changed(self) -> None:
        """The window annotates as someone else now: their layer, their labels (a queue or
        concordance not built yet reads them when it is)."""
        if self._queue is not None:
            self._queue.layer_changed()
        if self._concordance is not None and self._concordance.field.text().strip():
            self._concordance.search()

    def open_queue(self) -> None:
        queue = self.ensure_queue()
        _open(self.queue_dock, queue.dock.tree)

    def open_concordance(self) -> None:
        concordance = self.ensure_concordance()
        _open(self.concordance_dock, concordance.field)
        concordance.field.selectAll()

    def close(self) -> None:
        if self._queue is not None:
            self._queue.stop()
        if self._concordance is not None:
            self._concordance.stop()
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe.clear()


def _open(dock: QDockWidget, focus: QWidget) -> None:
    dock.show()
    dock.raise_()
    focus.setFocus()


def _dock(window: MainWindow, name: str, title: str) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(f"dock_{name}")
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
    """Add the Consistency queue and the Concordance docks to ``window`` (before its menus are built)."""
    queue_dock = _dock(window, "consistency", tr("Consistency"))
    concordance_dock = _dock(window, "concordance", tr("Concordance"))
    window.tabifyDockWidget(queue_dock, concordance_dock)  # one place under the text, two tabs
    return Consistency(window, queue_dock, concordance_dock)
