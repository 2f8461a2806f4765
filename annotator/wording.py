"""How the core words what it reports to people: in English, or in the window's language.

Functions that build sentences for readers (an export's summary, the agreement plots' titles)
take ``say(template, n=None, **fields)``. The CLI uses :func:`english`, which fills in the English
template as it is ("3 span(s)"); the window passes one that translates the template and makes the
noun agree with the count ``n`` (``ui.i18n.say``), so the core never needs to know the language.
A field wrapped in :class:`Quoted` (a file reader's own note) is shown as it is, never translated.
"""

from __future__ import annotations

from collections.abc import Callable

Say = Callable[..., str]  # (template, n=None, **fields) -> the text in the reader's language


def english(template: str, n: int | None = None, **fields: object) -> str:
    """The template filled in as written: the CLI's and the HTML report's wording."""
    return template.format(n=n, **fields)


class Quoted(str):
    """Text a report quotes as it is, never translated: a file reader's note ("news.conll: line 3: ...").

    Such notes name a file and a line and are written in the reader's own words; a window in a
    right-to-left language keeps each one a left-to-right island (``ui.i18n.say`` isolates it with
    LRI…PDI) so that its path, line number and punctuation stay in order.
    """

    __slots__ = ()


def quote(say: Say, note: str) -> str:
    """A report line that is a file reader's ``note``, shown as the reader wrote it (see :class:`Quoted`)."""
    return say("{note}", note=Quoted(note))
