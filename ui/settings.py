"""User settings (QSettings): annotator, language, theme, font size, window layout.

Tests and benchmarks point ``HASHIYA_SETTINGS`` at an INI file so they never read or write
the developer's real settings.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QByteArray, QLocale, QSettings

from ui.fonts import DEFAULT_POINT_SIZE

LANGUAGES = ("en", "ar")
THEMES = ("light", "dark")


def open_settings(path: str | None = None) -> QSettings:
    """The settings store: an INI file at ``path`` or ``$HASHIYA_SETTINGS``, else the platform's."""
    path = path or os.environ.get("HASHIYA_SETTINGS")
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings("Hashiya", "Hashiya")


class Settings:
    """Typed access to the few values Hashiya remembers."""

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store if store is not None else open_settings()

    def _str(self, key: str, default: str = "") -> str:
        value = self.store.value(key, default)
        return str(value) if value is not None else default

    @property
    def annotator(self) -> str:
        return self._str("annotator/name").strip()

    @annotator.setter
    def annotator(self, name: str) -> None:
        self.store.setValue("annotator/name", name.strip())
        self.store.sync()

    @property
    def language(self) -> str:
        value = self._str("ui/language")
        if value in LANGUAGES:
            return value
        return "ar" if QLocale.system().language() == QLocale.Language.Arabic else "en"

    @language.setter
    def language(self, value: str) -> None:
        if value not in LANGUAGES:
            raise ValueError(f"unknown language {value!r}")
        self.store.setValue("ui/language", value)

    @property
    def theme(self) -> str:
        value = self._str("ui/theme", "light")
        return value if value in THEMES else "light"

    @theme.setter
    def theme(self, value: str) -> None:
        if value not in THEMES:
            raise ValueError(f"unknown theme {value!r}")
        self.store.setValue("ui/theme", value)

    @property
    def font_size(self) -> int:
        try:
            return int(self.store.value("view/font_size", DEFAULT_POINT_SIZE))
        except (TypeError, ValueError):
            return DEFAULT_POINT_SIZE

    @font_size.setter
    def font_size(self, value: int) -> None:
        self.store.setValue("view/font_size", int(value))

    def window_state(self) -> tuple[QByteArray | None, QByteArray | None]:
        """Geometry and dock layout; the layout is kept per language (Arabic mirrors it)."""
        geometry = self.store.value("window/geometry")
        state = self.store.value(f"window/state_{self.language}")
        return (
            geometry if isinstance(geometry, QByteArray) else None,
            state if isinstance(state, QByteArray) else None,
        )

    def save_window_state(self, geometry: QByteArray, state: QByteArray) -> None:
        self.store.setValue("window/geometry", geometry)
        self.store.setValue(f"window/state_{self.language}", state)

    def last_document(self, project_path: str) -> str:
        return self._str(f"documents/{_key(project_path)}")

    def set_last_document(self, project_path: str, document_id: str) -> None:
        self.store.setValue(f"documents/{_key(project_path)}", document_id)

    def sync(self) -> None:
        self.store.sync()


def _key(path: str) -> str:
    """A settings key for a project path (QSettings keys cannot hold slashes)."""
    import hashlib

    return hashlib.sha1(os.path.abspath(path).encode("utf-8")).hexdigest()[:16]
