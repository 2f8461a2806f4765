"""Hashiya's application icon (``resources/icons/``, drawn by ``scripts/make_icon.py``) as a QIcon.

Every size is added from its own PNG, so title bars, task switchers and docks pick a sharp one.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from annotator.desktop import APP_ID, ICON_SIZES
from annotator.paths import resource_path


@cache
def app_icon() -> QIcon:
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(resource_path("icons", f"{APP_ID}-{size}.png")), QSize(size, size))
    return icon
