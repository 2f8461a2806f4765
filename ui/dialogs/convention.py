"""Project → Boundary convention…: whether proclitics and title words belong inside spans.

The choice is the project's, stored in the project file (:mod:`annotator.conventions`), so it
travels to everyone who annotates it: snapping follows it from the next selection (the session
reads it on every tag), the recommenders from their next run, and the consistency checks
measure boundary variation against it. Suggestions already stored keep their extents until the
recommenders run again; the dialog says so rather than re-running them itself.

:func:`register_convention_menu` adds Annotate → Boundary convention… (one call from
``ui/actions.py``, like the other features' menus).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from annotator.conventions import BoundaryConvention, Placement
from annotator.store import Project
from ui.i18n import tr
from ui.menus import SEPARATOR, Entry, MenuTable

if TYPE_CHECKING:
    from ui.window import MainWindow

# (setting, group title, "in" example, "out" example)
_CHOICES = (
    ("proclitics", "Proclitics (و ف ب ك ل and the article)", "In: «وموسكو»", "Out: «موسكو»"),
    ("titles", "Title words before a person's name", "In: «الرئيس بوتين»", "Out: «بوتين»"),
)


class ConventionDialog(QDialog):
    """Two in/out choices; OK stores them in the project, Cancel changes nothing."""

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conventionDialog")
        self.setWindowTitle(tr("Boundary convention"))
        self.project = project
        current = BoundaryConvention.from_settings(project.recommender_settings())
        intro = QLabel(
            tr(
                "Where a span starts. Snapping follows this from the next selection, the recommenders "
                "from their next run, and the consistency check measures boundary variation against it."
            )
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        self.groups: dict[str, QButtonGroup] = {}
        for name, title, inside, outside in _CHOICES:
            box = QGroupBox(tr(title))
            box.setObjectName(f"convention_{name}")
            rows = QVBoxLayout(box)
            group = QButtonGroup(self)
            for placement, text in ((Placement.IN, inside), (Placement.OUT, outside)):
                button = QRadioButton(tr(text))
                button.setObjectName(f"convention_{name}_{placement}")
                button.setChecked(getattr(current, name) is placement)
                group.addButton(button)
                rows.addWidget(button)
            self.groups[name] = group
            layout.addWidget(box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def convention(self) -> BoundaryConvention:
        """The convention the buttons show now."""
        chosen = {
            name: Placement(group.checkedButton().objectName().rsplit("_", 1)[1]) for name, group in self.groups.items()
        }
        return BoundaryConvention(**chosen)

    def accept(self) -> None:
        """Store the chosen convention with the project's other recommender settings, then close."""
        settings = self.project.recommender_settings()
        chosen = self.convention()
        if BoundaryConvention.from_settings(settings) != chosen:
            self.project.set_recommender_settings(chosen.to_settings(settings))
        super().accept()


class ConventionFeature:
    """The menu entry's owner: opens the dialog over the window's project (one at a time)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.dialog: ConventionDialog | None = None

    def open_convention(self) -> None:
        """Show the dialog, window-modal and without blocking (a test or a worker keeps running)."""
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            return
        self.dialog = ConventionDialog(self.window.session.project, self.window)
        self.dialog.open()


def register_convention_menu(table: MenuTable, window: MainWindow) -> ConventionFeature:
    """Add Annotate → Boundary convention… to ``table``; the object that opens the dialog."""
    feature = ConventionFeature(window)
    table.add("annotate", SEPARATOR, Entry("convention", "&Boundary convention…", "open_convention"), owner=feature)
    return feature
