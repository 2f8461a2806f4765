"""Window tests do not leak the interface language or direction into the tests that follow."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ui import i18n

from .conftest import english_left_to_right


def test_the_reset_brings_back_english_left_to_right(qapp) -> None:
    """What runs after every window test undoes what the Arabic window sets (ui.app.prepare)."""
    i18n.set_language("ar")
    i18n.install_qt_translator(qapp)
    qapp.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    assert i18n.tr("Documents") != "Documents"  # the Arabic catalogue is really in use
    assert qapp.translate("QPlatformTheme", "Cancel") != "Cancel"  # and Qt's own Arabic button texts
    english_left_to_right()
    assert i18n.language() == "en" and i18n.tr("Documents") == "Documents"
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert qapp.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_every_window_test_gets_the_reset(request) -> None:
    """The reset is an autouse fixture of ``tests/ui``: no window test can opt out by forgetting it."""
    assert "fresh_language" in request.fixturenames
