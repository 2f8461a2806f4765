"""Light and dark themes: a Fusion palette, and span fills that keep label colours legible.

Label colours come from the schema (mid-tone, chosen to read on both backgrounds); the theme
only decides how strongly they are blended under the text.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication


@dataclass(frozen=True)
class Theme:
    name: str
    fill_alpha: int  # span fill under the text
    selected_alpha: int
    outline: QColor  # selected span / relation
    arc: QColor
    arc_label_bg: QColor
    search_fill: QColor
    text: QColor
    base: QColor


LIGHT = Theme(
    "light", 70, 130, QColor("#1A1A1A"), QColor("#404040"), QColor(255, 255, 255, 230), QColor(255, 214, 0, 150),
    QColor("#1A1A1A"), QColor("#FFFFFF"),
)  # fmt: skip
DARK = Theme(
    "dark", 95, 160, QColor("#F2F2F2"), QColor("#C8C8C8"), QColor(40, 40, 40, 230), QColor(255, 214, 0, 110),
    QColor("#E8E8E8"), QColor("#1E1E1E"),
)  # fmt: skip
THEMES = {"light": LIGHT, "dark": DARK}


def apply_theme(app: QApplication, name: str) -> Theme:
    theme = THEMES.get(name, LIGHT)
    app.setStyle("Fusion")
    if theme is DARK:
        palette = QPalette()
        window, base, text = QColor("#2B2B2B"), theme.base, theme.text
        palette.setColor(QPalette.ColorRole.Window, window)
        palette.setColor(QPalette.ColorRole.WindowText, text)
        palette.setColor(QPalette.ColorRole.Base, base)
        palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#262626"))
        palette.setColor(QPalette.ColorRole.Text, text)
        palette.setColor(QPalette.ColorRole.Button, QColor("#353535"))
        palette.setColor(QPalette.ColorRole.ButtonText, text)
        palette.setColor(QPalette.ColorRole.ToolTipBase, QColor("#353535"))
        palette.setColor(QPalette.ColorRole.ToolTipText, text)
        palette.setColor(QPalette.ColorRole.Highlight, QColor("#3D7BD9"))
        palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#FFFFFF"))
        palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#8A8A8A"))
        for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
            palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7A7A7A"))
    else:
        palette = app.style().standardPalette()
    app.setPalette(palette)
    return theme
