"""The project's boundary convention: whether proclitics and title words belong inside a span.

Corpora disagree on extents. ANERcorp keeps proclitics inside the entity («وموسكو»), Hashiya's
snapping leaves them out («موسكو»); some guidelines tag «الرئيس فلاديمير بوتين», others only
«فلاديمير بوتين». A project states its choice once, here, and the consistency checks (boundary
variation is measured against it), snapping and the recommenders follow the same setting.

It is stored with the project's recommender settings (``Project.recommender_settings()``) under
:data:`SETTINGS_KEY`, so it travels with the project file; a project that never set it gets the
default (both out), which is how Hashiya has always snapped.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from annotator.errors import HashiyaError

SETTINGS_KEY = "boundary_convention"


class Placement(StrEnum):
    """Where a proclitic or a title goes relative to the entity's span."""

    OUT = "out"
    IN = "in"


# Title words that may precede a person's name, as match keys (annotator.normalize.match_key):
# folded alef forms and teh marbuta (ة → ه), so «السيدة» is «السيده».
TITLES = frozenset(
    {
        "الرئيس", "رئيس", "الملك", "الامير", "الشيخ", "السيد", "السيده", "الدكتور", "د", "المهندس",
        "الاستاذ", "الوزير", "وزير", "الجنرال", "العقيد", "اللواء", "العميد", "الامام", "البابا",
        "الرئيسه", "الملكه", "الاميره", "الشيخه", "الحاج", "المستشار", "النائب", "السفير", "القاضي",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class BoundaryConvention:
    """Proclitics (و ف ب ل ك on an entity's first word) and title words: inside the span or out."""

    proclitics: Placement = Placement.OUT
    titles: Placement = Placement.OUT

    @classmethod
    def from_settings(cls, settings: dict[str, Any]) -> BoundaryConvention:
        """The convention stored in a project's recommender settings (the default when absent)."""
        stored = settings.get(SETTINGS_KEY) or {}
        try:
            return cls(Placement(stored.get("proclitics", "out")), Placement(stored.get("titles", "out")))
        except ValueError as error:
            raise HashiyaError(f"boundary convention {stored!r}: {error} (use 'in' or 'out')") from None

    def to_settings(self, settings: dict[str, Any]) -> dict[str, Any]:
        """``settings`` with this convention stored in it (a new dict)."""
        return {**settings, SETTINGS_KEY: {"proclitics": str(self.proclitics), "titles": str(self.titles)}}
