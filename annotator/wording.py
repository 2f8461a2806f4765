"""How the core words what it reports to people: in English, or in the window's language.

Functions that build sentences for readers (an export's summary, the agreement plots' titles)
take ``say(template, n=None, **fields)``. The CLI uses :func:`english`, which fills in the English
template as it is ("3 span(s)"); the window passes one that translates the template and makes the
noun agree with the count ``n`` (``ui.i18n.say``), so the core never needs to know the language.
"""

from __future__ import annotations

from collections.abc import Callable

Say = Callable[..., str]  # (template, n=None, **fields) -> the text in the reader's language


def english(template: str, n: int | None = None, **fields: object) -> str:
    """The template filled in as written: the CLI's and the HTML report's wording."""
    return template.format(n=n, **fields)
