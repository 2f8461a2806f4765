"""The window's plural rules are CLDR's: the same category as Babel's for every count up to 10,000."""

from __future__ import annotations

import pytest
from babel import Locale

from ui.i18n import plural_category
from ui.i18n.plural_rules import RULES


@pytest.mark.parametrize("language", sorted(RULES))
def test_rules_match_babel(language: str) -> None:
    babel = Locale.parse(language)
    wrong = [n for n in range(10_001) if RULES[language](n) != babel.plural_form(n)]
    assert wrong == []


@pytest.mark.parametrize(
    ("n", "category"),
    [(0, "zero"), (1, "one"), (2, "two"), (3, "few"), (10, "few"), (11, "many"), (99, "many"), (100, "other"),
     (102, "other"), (103, "few"), (111, "many"), (-3, "few")],
)  # fmt: skip
def test_arabic_categories(n: int, category: str) -> None:
    assert plural_category(n, "ar") == category
