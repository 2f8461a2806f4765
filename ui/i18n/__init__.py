"""The window's languages: English (the source strings) and Arabic (``ar.py``).

``tr("Documents")`` returns the string in the current language. The catalogue is a Python
dict rather than Qt ``.ts``/``.qm`` files so it needs no build step; Qt's own translations
(standard buttons) are loaded from PySide6's ``qtbase_ar.qm`` by :func:`install_qt_translator`.
A test checks that every ``tr("...")`` in ``ui/`` has an Arabic entry.

Counted phrases go through ``trn("{n} documents", n)``: the form is chosen by the language's
CLDR plural rules (Babel), so Arabic gets its six forms («مستند واحد», «مستندان», «3 مستندات»,
«11 مستندًا», «100 مستند») from ``plurals.py``. It is the one place where counts meet words.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from annotator.wording import Quoted
from ui.i18n import plurals
from ui.i18n.plural_rules import RULES

LANGUAGES = ("en", "ar")
_PLURALS = {"en": plurals.ENGLISH, "ar": plurals.ARABIC}  # small: both are loaded at start
_current: dict[str, str] = {}
_language = "en"
_qt_translator: QTranslator | None = None

LRI, FSI, PDI = "\u2066", "\u2068", "\u2069"  # left-to-right / first-strong isolate ... pop isolate


def set_language(language: str) -> None:
    global _current, _language
    _language = language if language in LANGUAGES else "en"
    _current = _catalogue(_language)


def _catalogue(language: str) -> dict[str, str]:
    """The strings of ``language``, imported when it is first chosen: an English window's start
    does not load the Arabic catalogues (a dozen modules, with the default guidelines)."""
    if language == "en":
        return {}
    from ui.i18n.ar import CATALOGUE

    return CATALOGUE


def language() -> str:
    return _language


def is_rtl() -> bool:
    return _language == "ar"


def tr(source: str) -> str:
    """``source`` (English) in the current language; unknown strings stay English."""
    return _current.get(source, source)


def plural_category(n: int, language: str | None = None) -> str:
    """The CLDR plural category of ``n`` (Arabic: zero, one, two, few, many, other)."""
    return RULES[language or _language](abs(n))


def trn(source: str, n: int, **fields: object) -> str:
    """``source`` with the count ``n`` in the current language, the noun agreeing with ``n``.

    ``{n}`` and the other ``fields`` are filled in; a phrase with no plural entry is translated
    as :func:`tr` would.
    """
    forms = _PLURALS[_language].get(source)
    text = tr(source) if forms is None else forms.get(plural_category(n), forms["other"])
    return text.format(n=n, **fields)


def say(template: str, n: int | None = None, **fields: object) -> str:
    """The core's report lines (``summary_lines(say)``) in the window's language.

    ``n`` counts; the other fields (names, paths, format names) are isolated so that a Latin
    path cannot reorder the Arabic sentence around it. A :class:`~annotator.wording.Quoted` field
    (a file reader's note, in its own words) is kept left to right as a whole.
    """
    kept = {key: ltr(value) if isinstance(value, Quoted) else isolate(str(value)) for key, value in fields.items()}
    return tr(template).format(**kept) if n is None else trn(template, n, **kept)


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
