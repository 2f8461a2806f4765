"""Which Latin key an Arabic keyboard letter was typed with: the one map of the Arabic layout.

Single-letter commands (N / P for suggestions, R for a relation, A–E and X in the curator's view) must
work without switching the keyboard to Latin. With an Arabic layout active, Qt reports the Arabic
letter as the event's text, so the command keys look the text up here. The table is the standard
Arabic (101) layout, unshifted, for all 26 letters; B types lam-alef, which arrives as two letters
(Windows, macOS) or as the ligature U+FEFB (X11), so both spellings map to B.
"""

from __future__ import annotations

ARABIC_LAYOUT: dict[str, str] = {
    "Q": "ض", "W": "ص", "E": "ث", "R": "ق", "T": "ف", "Y": "غ", "U": "ع", "I": "ه", "O": "خ", "P": "ح",
    "A": "ش", "S": "س", "D": "ي", "F": "ب", "G": "ل", "H": "ا", "J": "ت", "K": "ن", "L": "م",
    "Z": "ئ", "X": "ء", "C": "ؤ", "V": "ر", "B": "لا", "N": "ى", "M": "ة",
}  # fmt: skip
"""Latin key (upper case) → what it types on the standard Arabic keyboard layout."""

_LATIN_OF: dict[str, str] = {arabic: latin for latin, arabic in ARABIC_LAYOUT.items()} | {"\ufefb": "B"}


def latin_key(event_text: str) -> str | None:
    """The Latin letter (upper case) whose key typed ``event_text`` on an Arabic layout, else None.

    Latin text gives None: callers compare key codes for that, which also works on other layouts.
    """
    return _LATIN_OF.get(event_text)
