"""The side panels' layout follows the reading direction: documents where reading starts.

Qt does not mirror dock areas in a right-to-left window (``LeftDockWidgetArea`` stays on the
left), so the window puts the document list in the *start* area itself, and a layout saved by a
window of the other direction is mirrored after it is restored: every dock on the left goes to
the right and back, in the same order, with its width, height, tabs and visibility kept.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow

LEFT, RIGHT = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea


def reading_areas(rtl: bool) -> tuple[Qt.DockWidgetArea, Qt.DockWidgetArea]:
    """The dock areas where reading starts and ends: (left, right), or (right, left) for Arabic."""
    return (RIGHT, LEFT) if rtl else (LEFT, RIGHT)


def mirror_docks(window: QMainWindow, docks: Sequence[QDockWidget]) -> None:
    """Move ``docks`` from the left area to the right one and back, keeping order and sizes."""
    window.layout().setGeometry(window.rect())  # lay out once: docks get their places and sizes
    sides: dict[Qt.DockWidgetArea, list[QDockWidget]] = {LEFT: [], RIGHT: []}
    for dock in docks:
        area = window.dockWidgetArea(dock)
        if area in sides and not dock.isFloating():
            sides[area].append(dock)
    moves = []
    for area, group in sides.items():
        group.sort(key=lambda d: (d.isHidden(), d.geometry().top(), docks.index(d)))  # top to bottom
        moves.append((RIGHT if area == LEFT else LEFT, group, _sizes(window, group)))
    for target, group, (widths, heights, tabs, hidden) in moves:
        for dock in group:
            if dock in tabs:
                continue  # goes with the dock it is tabbed with, below
            window.addDockWidget(target, dock, Qt.Orientation.Vertical)
            for other in group:
                if tabs.get(other) is dock:
                    window.tabifyDockWidget(dock, other)
        for dock in group:
            dock.setHidden(hidden[dock])
        shown = [d for d in group if not hidden[d] and d not in tabs]
        if shown:
            window.resizeDocks(shown, [widths[d] for d in shown], Qt.Orientation.Horizontal)
            window.resizeDocks(shown, [heights[d] for d in shown], Qt.Orientation.Vertical)


def _sizes(window: QMainWindow, group: list[QDockWidget]):
    """Widths, heights, tab partners (a dock → the first dock of its tab group) and visibility."""
    widths = {d: d.width() for d in group}
    heights = {d: d.height() for d in group}
    hidden = {d: d.isHidden() for d in group}
    tabs: dict[QDockWidget, QDockWidget] = {}
    for dock in group:
        if dock in tabs:
            continue
        for other in window.tabifiedDockWidgets(dock):
            if other in group and other not in tabs and other is not dock:
                tabs[other] = dock
    return widths, heights, tabs, hidden
