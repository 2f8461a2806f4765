"""Who is annotating: asked once, remembered in the settings, switchable from the menu.

``hashiya --annotator NAME`` overrides the remembered name (and remembers the new one).
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from annotator.store import Project
from ui.i18n import tr
from ui.settings import Settings


class AnnotatorDialog(QDialog):
    def __init__(self, parent: QWidget | None, names: list[str], current: str) -> None:
        super().__init__(parent)
        self.setObjectName("annotatorDialog")
        self.setWindowTitle(tr("Who is annotating?"))
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.combo.addItems(names)
        self.combo.setEditText(current)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        text = QLabel(tr("Your name as annotator. Your spans and relations are kept under this name."))
        text.setWordWrap(True)
        layout.addWidget(text)
        layout.addWidget(self.combo)
        layout.addWidget(buttons)

    def name(self) -> str:
        return self.combo.currentText().strip()


def default_name() -> str:
    """The login name, offered when nobody is remembered (getpass imported only then)."""
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment
        return ""


def ask_annotator(parent: QWidget | None, project: Project, current: str = "") -> str | None:
    """Ask for a name (existing annotators offered); ``None`` if cancelled or left empty."""
    names = [a.name for a in project.annotators()]
    dialog = AnnotatorDialog(parent, names, current or default_name())
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.name() or None


def resolve_annotator(settings: Settings, project: Project, override: str | None) -> str | None:
    """The command line's name, else the remembered one, else ask (once) and remember."""
    name = (override or "").strip() or settings.annotator
    if not name:
        name = ask_annotator(None, project) or ""
    if not name:
        return None
    if name != settings.annotator:  # remembering writes and syncs the settings file (~15 ms of a start)
        settings.annotator = name
    return name
