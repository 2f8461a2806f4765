"""The Arabic font shipped in ``resources/fonts/`` (Amiri, OFL), registered at start.

Registering our own copy makes the article render the same on every machine, whatever
fonts the system has.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QFont, QFontDatabase

from annotator.paths import resource_path

DOCUMENT_FAMILY = "Amiri"
FONT_FILES = ("Amiri-Regular.ttf", "Amiri-Bold.ttf")
DEFAULT_POINT_SIZE = 15
MIN_POINT_SIZE, MAX_POINT_SIZE = 8, 48


@cache
def register_fonts() -> tuple[str, ...]:
    """Add the shipped fonts to Qt's database once; returns the families now available."""
    families: list[str] = []
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
        if font_id >= 0:
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return tuple(dict.fromkeys(families))


def document_font(point_size: int = DEFAULT_POINT_SIZE) -> QFont:
    register_fonts()
    font = QFont(DOCUMENT_FAMILY)
    font.setPointSize(max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, point_size)))
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    return font
