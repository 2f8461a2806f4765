"""Search in a document that ignores diacritics, tatweel and alef variants, with exact offsets.

The document and the query are folded with :mod:`annotator.normalize` (the one folding in
Hashiya); hits are found in the folded key and mapped back to ``[start, end)`` of the stored
text with :func:`~annotator.normalize.source_range`, so «بوتين» finds «بُوتِين» and «بوتـــين»
and highlights exactly their characters.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.normalize import fold_with_offsets, match_key, source_range


@dataclass
class DocumentSearch:
    """A document's folded key, computed once, searched many times (one per keystroke)."""

    text: str
    _key: str = field(init=False, repr=False)
    _sources: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._key, self._sources = fold_with_offsets(self.text)

    def find_all(self, query: str, limit: int | None = None) -> list[tuple[int, int]]:
        """Every non-overlapping hit of ``query`` as ``[start, end)`` offsets, in text order."""
        needle = match_key(query.strip())
        if not needle:
            return []
        hits: list[tuple[int, int]] = []
        at = self._key.find(needle)
        while at != -1:
            hits.append(source_range(self.text, self._sources, at, at + len(needle)))
            if limit is not None and len(hits) >= limit:
                break
            at = self._key.find(needle, at + len(needle))
        return hits


def find_all(text: str, query: str) -> list[tuple[int, int]]:
    """One-off search; build a :class:`DocumentSearch` to search the same text repeatedly."""
    return DocumentSearch(text).find_all(query)
