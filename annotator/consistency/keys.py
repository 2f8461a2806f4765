"""Matching keys for the checks: a span's text as the recommenders key it, and its proclitics.

A text is keyed by :func:`annotator.recommenders.phrases.phrase_keys` (camel-tools pieces folded
by :func:`annotator.normalize.match_key`: no diacritics, one alef, no tatweel, ة as ه), and its
first piece may carry the proclitics و ف ب ل ك (and لل for ل + the article), read by
:func:`~annotator.recommenders.phrases.stems` as the recommenders read them.

Whether a first letter *is* a proclitic is decided by the layer's own evidence (:class:`KeyIndex`):
«وموسكو» is «موسكو» with و when «موسكو» is tagged in the layer at least as often as «وموسكو»
itself, while «لبنان» stays «لبنان» although «بنان» might be tagged once. A name is never cut
without evidence: «وليد» keeps its و.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from annotator.conventions import TITLES
from annotator.normalize import fold_with_offsets, match_key, source_range
from annotator.paths import resource_path
from annotator.recommenders.gazetteer import read_name_file
from annotator.recommenders.phrases import phrase_keys, stems
from annotator.tokens import token_offsets

Keys = tuple[str, ...]


@lru_cache(maxsize=65536)
def text_keys(text: str) -> Keys:
    """The piece keys of a span's text (cached: a corpus repeats its names)."""
    return phrase_keys(text)


@lru_cache(maxsize=65536)
def text_pieces(text: str) -> tuple[tuple[int, int], ...]:
    """The camel-tools pieces of a span's text that have a key, offsets relative to the text."""
    return tuple((s, e) for s, e in token_offsets(text) if match_key(text[s:e]))


@lru_cache(maxsize=1)
def ambiguous_names() -> frozenset[Keys]:
    """Names the gazetteer marks as also everyday words (``resources/gazetteers/ambiguous.txt``)."""
    path = resource_path("gazetteers", "ambiguous.txt")
    if not path.exists():
        return frozenset()
    return frozenset(phrase_keys(name) for _number, name in read_name_file(path))


def cut_offset(word: str, cut: int) -> int:
    """Where, in ``word`` (stored text), the name starts when ``cut`` key letters are proclitics."""
    if cut == 0:
        return 0
    folded, sources = fold_with_offsets(word)
    return source_range(word, sources, cut, len(folded))[0]


# Title words as their match keys may end a first piece: «الرئيس», «رئيس» (in «للرئيس»).
_TITLE_TAILS = TITLES | {title[2:] for title in TITLES if title.startswith("ال") and len(title) > 3}

_PROCLITIC_LETTERS = frozenset("وفبكل")


def maybe_title(key: str) -> bool:
    """Whether a piece key may be a title word with up to three proclitic letters: a cheap
    filter before :func:`annotator.conventions.title_start` decides (never a false "no")."""
    for i in range(min(4, len(key))):
        if i and key[i - 1] not in _PROCLITIC_LETTERS:
            return False
        if key[i:] in _TITLE_TAILS:
            return True
    return False


@dataclass
class KeyIndex:
    """How often each key is tagged in a layer, to decide which first letters are proclitics."""

    counts: Counter[Keys] = field(default_factory=Counter)
    _readings: dict[Keys, tuple[Keys, int]] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, keys: Iterable[Keys]) -> KeyIndex:
        return cls(Counter(k for k in keys if k))

    def reading(self, keys: Keys) -> tuple[Keys, int]:
        """The key this text is an occurrence of, and how many key letters of its first piece are
        proclitics: the stripped reading tagged at least as often as the text as written, else the
        text itself. Only proclitics are stripped here, never the article alone. Cached: a layer
        repeats its names."""
        found = self._readings.get(keys)
        if found is None:
            found = self._readings[keys] = self._reading(keys)
        return found

    def _reading(self, keys: Keys) -> tuple[Keys, int]:
        if not keys:
            return keys, 0
        own = self.counts.get(keys, 0)
        best: tuple[Keys, int] = (keys, 0)
        best_count = own
        for stem, cut in stems(keys[0])[1:]:
            if cut == 0:
                continue  # the article alone: «المغرب» is not «مغرب»
            candidate = (stem, *keys[1:])
            count = self.counts.get(candidate, 0)
            if count and count >= best_count and (best[1] == 0 or count > best_count):
                best, best_count = (candidate, cut), count
        return best
