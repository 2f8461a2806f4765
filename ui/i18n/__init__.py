"""The window's languages: English (the source strings) and Arabic (``ar.py``).

``tr("Documents")`` returns the string in the current language. The catalogue is a Python
dict rather than Qt ``.ts``/``.qm`` files so it needs no build step; Qt's own translations
(standard buttons) are loaded from PySide6's ``qtbase_ar.qm`` by :func:`install_qt_translator`.
A test checks that every ``tr("...")`` in ``ui/`` has an Arabic entry.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from ui.i18n.ar import CATALOGUE as _ARABIC

_CATALOGUES = {"en": {}, "ar": _ARABIC}
_current: dict[str, str] = {}
_language = "en"
_qt_translator: QTranslator | None = None

LRI, FSI, PDI = "\u2066", "\u2068", "\u2069"  # left-to-right / first-strong isolate ... pop isolate


def set_language(language: str) -> None:
    global _current, _language
    _language = language if language in _CATALOGUES else "en"
    _current = _CATALOGUES[_language]


def language() -> str:
    return _language


def is_rtl() -> bool:
    return _language == "ar"


def tr(source: str) -> str:
    """``source`` (English) in the current language; unknown strings stay English."""
    return _current.get(source, source)


def ltr(text: str) -> str:
    """Isolate a left-to-right fragment (Latin names, ids, numbers) inside a right-to-left string."""
    return f"{LRI}{text}{PDI}" if _language == "ar" else text


def isolate(text: str) -> str:
    """Isolate a user-given name (Arabic or Latin) so it cannot reorder the sentence around it."""
    return f"{FSI}{text}{PDI}" if _language == "ar" else text


def install_qt_translator(app: QCoreApplication) -> None:
    """Load Qt's own Arabic strings (OK, Cancel, ...) when the UI is Arabic."""
    global _qt_translator
    if _qt_translator is not None:
        app.removeTranslator(_qt_translator)
        _qt_translator = None
    if _language != "ar":
        return
    translator = QTranslator(app)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load("qtbase_ar", path):
        app.installTranslator(translator)
        _qt_translator = translator
