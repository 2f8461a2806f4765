"""The trend plot's words in the window's language (``say`` for :func:`annotator.team.progress_html.trend_plot`).

Qt's SVG renderer takes a line's direction from its first strong letter, so "F1 للكيانات…" would
be laid out left to right, F1 read last. In Arabic each phrase starts with a right-to-left mark.
"""

from __future__ import annotations

from ui.i18n import is_rtl
from ui.i18n import say as window_say

RLM = "\u200f"


def say(template: str, n: int | None = None, **fields: object) -> str:
    """:func:`ui.i18n.say`, each phrase marked right to left in an Arabic window."""
    text = window_say(template, n, **fields)
    return RLM + text if is_rtl() else text
