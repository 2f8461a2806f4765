"""User settings (QSettings): annotator, language, theme, font size, window layout, last documents.

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

    def window_state(self, *, rtl: bool) -> tuple[QByteArray | None, QByteArray | None, bool]:
        """Geometry, a dock layout, and whether that layout was saved by a right-to-left window.

        Layouts are kept per direction, under the direction of the window that saved them (not the
        language setting, which a language switch changes before the old window closes). Without a
        layout of this direction, the other direction's is returned, for the window to mirror.
        Keys of older versions (``window/state_en``, ``window/state_ar``) are not read: a language
        switch could have saved one direction's layout under the other language.
        """
        geometry = self.store.value("window/geometry")
        saved_rtl = rtl
        state = self.store.value(_layout_key(rtl))
        if not isinstance(state, QByteArray):
            saved_rtl = not rtl
            state = self.store.value(_layout_key(saved_rtl))
        return (
            geometry if isinstance(geometry, QByteArray) else None,
            state if isinstance(state, QByteArray) else None,
            saved_rtl,
        )

    def save_window_state(self, geometry: QByteArray, state: QByteArray, *, rtl: bool) -> None:
        """Remember the geometry and the dock layout of a window laid out ``rtl`` (or not)."""
        self.store.setValue("window/geometry", geometry)
        self.store.setValue(_layout_key(rtl), state)

    def last_document(self, project_path: str, annotator: str) -> str:
        """The document ``annotator`` had open last in this project (each annotator has their own)."""
        return self._str(_last_document_key(project_path, annotator))

    def set_last_document(self, project_path: str, annotator: str, document_id: str) -> None:
        self.store.setValue(_last_document_key(project_path, annotator), document_id)

    def sync(self) -> None:
        self.store.sync()


def _layout_key(rtl: bool) -> str:
    return "window/layout_rtl" if rtl else "window/layout_ltr"


def _last_document_key(project_path: str, annotator: str) -> str:
    return f"documents/{_key(project_path)}_{_key(annotator, path=False)}"


def _key(text: str, *, path: bool = True) -> str:
    """A settings key for a project path or a name (QSettings keys cannot hold slashes).

    SHA-1 from CPython's own ``_sha1`` when it has one (the same digest, so the same keys as
    before): ``hashlib`` loads OpenSSL's library, ~3 ms of every start for this one key.
    """
    try:
        from _sha1 import sha1
    except ImportError:  # a Python built without it
        from hashlib import sha1

    value = os.path.abspath(text) if path else text
    return sha1(value.encode("utf-8")).hexdigest()[:16]
