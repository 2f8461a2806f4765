"""The project's boundary convention: whether proclitics and title words belong inside a span.

Corpora disagree on extents. ANERcorp keeps proclitics inside the entity («وموسكو»), Hashiya's
snapping leaves them out («موسكو»); some guidelines tag «الرئيس فلاديمير بوتين», others only
«فلاديمير بوتين». A project states its choice once, here, and the consistency checks (boundary
variation is measured against it), snapping and the recommenders follow the same setting.

It is stored with the project's recommender settings (``Project.recommender_settings()``) under
:data:`SETTINGS_KEY`, so it travels with the project file; a project that never set it gets the
default (both out), which is how Hashiya has always snapped.

:meth:`BoundaryConvention.adjust` puts one span's extent into the convention (what the
consistency checks measure against and propose as a fix):

- **Proclitics in**: a span starting after a proclitic of its first word (و ف ب ك ل, the article)
  starts at the word's first letter («موسكو» in «وموسكو» → «وموسكو»). **Out**: a start is left
  where snapping puts it; a span that starts on a word's first letter keeps it (the و of «واشنطن»
  is no conjunction, and only a lexicon can tell: the recommenders' harmonising does that).
- **Titles** concern person spans only (:data:`PERSON_LABELS`). **In**: a person span that starts
  on a word's first letter (with proclitics out, «بوتين» in «الرئيس وبوتين» is a second person) and
  follows a title word (:data:`TITLES`, compared on match keys, through the title's own proclitics:
  «والرئيس», «للرئيس»; «د.» with its dot) with only spaces between, is extended to include it, and
  any title right before that one («السيد الرئيس بوتين»). A title that carries a proclitic starts the
  extension and ends it; with proclitics out the extension starts after that proclitic. **Out**: a
  person span that starts with title words starts after them, unless nothing would be left.

Two callers follow the same rules with one difference each:

- Snapping (:meth:`BoundaryConvention.snap`, called by the annotating session with the label about
  to be stored): proclitics as above; titles *in* extend a person selection that starts on the name
  (the annotator need not drag over «الرئيس»); titles *out* leave a selection that includes a title
  as it is: the annotator chose those words, and a default project snaps exactly as Hashiya always
  has. The boundary-variation check points out such a span. The exact policy (Alt held) ignores
  the convention altogether: it is how an annotator makes the one span the convention would not.
- Recommender runs (:meth:`BoundaryConvention.conform`, applied by
  :func:`annotator.recommenders.runner.run_recommenders` to every suggestion before it is stored):
  both directions for titles, but no snapping of ends: a suggestion's end is the recommender's.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from annotator.errors import HashiyaError
from annotator.normalize import fold_with_offsets
from annotator.snapping import Snap, proclitic_boundaries, snap_selection

Tokens = Sequence[tuple[int, int]]

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

# The schema labels (upper-cased) of person spans: Hashiya's and ANERcorp's PERS, AQMAR's PER.
PERSON_LABELS = frozenset({"PERS", "PER", "PERSON"})
_CONJUNCTIONS = ("", "و", "ف")
_PREPOSITIONS = ("", "ب", "ك", "ل")


def is_person(label: str | None) -> bool:
    """Whether ``label`` tags a person, whose span the title convention concerns."""
    return label is not None and label.upper() in PERSON_LABELS


def _is_title_key(key: str, after_lam: bool) -> bool:
    """Whether a match key is a title, with or without its article (ل + ال is written لل)."""
    if key in TITLES or (key.startswith("ال") and len(key) > 3 and key[2:] in TITLES):
        return True
    return after_lam and key.startswith("ل") and ("ا" + key in TITLES or key[1:] in TITLES)


def title_start(word: str) -> int | None:
    """Where a title word begins inside ``word`` (after its conjunction and preposition), or None.

    «الرئيس» → 0, «والرئيس» → 1, «للرئيس» → 1 (ل + the article's ل), «فلاديمير» → None. The offset
    is always 0 or a boundary of :func:`~annotator.snapping.proclitic_boundaries`, so a span
    starting there is one snapping could make.
    """
    key, sources = fold_with_offsets(word)
    boundaries: list[int] | None = None
    for conj in _CONJUNCTIONS:
        for prep in _PREPOSITIONS:
            prefix = conj + prep
            if not key.startswith(prefix) or not _is_title_key(key[len(prefix) :], prep == "ل"):
                continue
            if not prefix:
                return 0
            if len(key) - len(prefix) < 2:
                continue
            boundaries = proclitic_boundaries(word) if boundaries is None else boundaries
            cut = sources[len(prefix)]
            if cut in boundaries:
                return cut
    return None


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

    @property
    def is_default(self) -> bool:
        """Both out: Hashiya's behaviour before the setting existed (recommender runs skip the work)."""
        return self.proclitics is Placement.OUT and self.titles is Placement.OUT

    def describe(self) -> str:
        """One line for the command line and the dialog: ``proclitics: in, titles: out``."""
        return f"proclitics: {self.proclitics}, titles: {self.titles}"

    def snap(
        self, text: str, tokens: Tokens, start: int, end: int, label: str | None, policy: Snap = Snap.CLITIC
    ) -> tuple[int, int] | None:
        """A selection's span offsets for ``label`` (None: no word), by ``policy`` and this convention.

        ``EXACT`` ignores the convention (the selection as made, trimmed); ``TOKEN`` keeps whole
        words and extends over whole title words; titles *out* remove nothing the annotator selected.
        """
        proclitics_in = self.proclitics is Placement.IN
        snapped = snap_selection(text, tokens, start, end, policy, proclitics_in=proclitics_in)
        if snapped is None or policy is Snap.EXACT or not tokens or self.titles is Placement.OUT:
            return snapped
        return self._titles(text, tokens, *snapped, label, whole_words=proclitics_in or policy is Snap.TOKEN)

    def adjust(self, text: str, tokens: Tokens, start: int, end: int, label: str | None) -> tuple[int, int]:
        """``[start, end)`` with its extent put into this convention (see the module docstring).

        The result is snapped (clitic-aware) and idempotent: adjusting it again changes nothing.
        A range holding no word comes back clipped to the text, otherwise unchanged.
        """
        proclitics_in = self.proclitics is Placement.IN
        snapped = snap_selection(text, tokens, start, end, Snap.CLITIC, proclitics_in=proclitics_in)
        if snapped is None:
            low = min(max(0, min(start, end)), len(text))
            return low, min(max(low, start, end), len(text))
        return self._titles(text, tokens, *snapped, label, whole_words=proclitics_in)

    def conform(self, text: str, tokens: Tokens, start: int, end: int, label: str | None) -> tuple[int, int]:
        """A recommender's suggestion ``[start, end)`` in this convention, its end left alone.

        Proclitics in: a start at a proclitic boundary of a word goes to the word's first letter.
        Titles in both directions, as :meth:`adjust`. Offsets off the tokens are returned unchanged.
        """
        first = _token_at(tokens, start)
        if first is None or not start < end <= len(text):
            return start, end
        proclitics_in = self.proclitics is Placement.IN
        t_start, t_end = tokens[first]
        if proclitics_in and t_start < start and start - t_start in proclitic_boundaries(text[t_start:t_end]):
            start = t_start
        return self._titles(text, tokens, start, end, label, whole_words=proclitics_in)

    def _titles(
        self, text: str, tokens: Tokens, start: int, end: int, label: str | None, *, whole_words: bool
    ) -> tuple[int, int]:
        first = _token_at(tokens, start) if is_person(label) else None
        if first is None:
            return start, end
        if self.titles is Placement.IN:
            return _with_titles(text, tokens, first, start, whole_words), end
        return _without_titles(text, tokens, first, start, end), end


def _token_at(tokens: Tokens, offset: int) -> int | None:
    """The index of the token holding ``offset``, or None."""
    index = bisect_right(tokens, offset, key=lambda t: t[0]) - 1
    return index if index >= 0 and offset < tokens[index][1] else None


def _title_before(text: str, tokens: Tokens, index: int) -> tuple[int, int] | None:
    """``(token index, title start)`` of a title word right before token ``index`` (spaces between,
    or its abbreviation dot: «د. محمد»), or None."""
    k = index - 1
    if k < 0:
        return None
    gap = text[tokens[k][1] : tokens[index][0]]
    if gap.strip() or "\n" in gap:
        return None
    if text[tokens[k][0] : tokens[k][1]] == "." and k > 0 and tokens[k - 1][1] == tokens[k][0]:
        k -= 1
    cut = title_start(text[tokens[k][0] : tokens[k][1]])
    return None if cut is None else (k, tokens[k][0] + cut)


def _with_titles(text: str, tokens: Tokens, first: int, start: int, whole_words: bool) -> int:
    """The start of a person span extended over the title words before it."""
    if start != tokens[first][0]:  # the name carries a proclitic: «الرئيس وبوتين» are two people
        return start
    if title_start(text[tokens[first][0] : tokens[first][1]]):  # it starts at «والرئيس»: so does the phrase
        return start
    index = first
    while (found := _title_before(text, tokens, index)) is not None:
        index, title = found
        start = tokens[index][0] if whole_words else title
        if title != tokens[index][0]:  # «والرئيس»: the conjunction begins the phrase
            break
    return start


def _without_titles(text: str, tokens: Tokens, first: int, start: int, end: int) -> int:
    """The start of a person span after the title words it starts with (kept if nothing follows)."""
    index = first
    while title_start(text[start : tokens[index][1]]) is not None:
        after = index + 1
        if after < len(tokens) and text[tokens[after][0] : tokens[after][1]] == ".":
            after += 1  # «د.»: the abbreviation's dot goes with the title
        if after >= len(tokens) or tokens[after][0] >= end:
            break
        index, start = after, tokens[after][0]
    return start
