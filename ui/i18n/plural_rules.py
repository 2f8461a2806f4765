"""CLDR plural categories for the window's languages, as rule tables.

The window counts things in its status bar from the first paint on; asking Babel for the plural
rule meant importing Babel and unpickling its locale data (about 25 ms of a 0.3 s start). The
rules of the two interface languages are short and fixed by CLDR, so they live here; a test
checks them against Babel's for every count up to 10,000 (``tests/ui/test_plural_rules.py``).
"""

from __future__ import annotations

from collections.abc import Callable


def english(n: int) -> str:
    """CLDR ``en``: one (1), other."""
    return "one" if n == 1 else "other"


def arabic(n: int) -> str:
    """CLDR ``ar``: zero (0), one (1), two (2), few (n % 100 in 3..10), many (n % 100 in 11..99), other."""
    if n in (0, 1, 2):
        return ("zero", "one", "two")[n]
    rest = n % 100
    if 3 <= rest <= 10:
        return "few"
    if 11 <= rest <= 99:
        return "many"
    return "other"


RULES: dict[str, Callable[[int], str]] = {"en": english, "ar": arabic}
