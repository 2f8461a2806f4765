"""Corpus-wide concordance (KWIC): every place a word or name occurs, with its context and its labels.

Linguists check consistency by hand this way: search «بوتين» over the whole corpus, read the
lines, see where it was tagged PERS, ORG, or not at all. A hit is found as string matching finds
a name (:mod:`annotator.recommenders.phrases`): the document's stored tokens, keyed piece by piece
with :func:`~annotator.normalize.match_key` (diacritics, alef forms, tatweel and teh marbuta never
prevent a match), the first token read with its proclitics و ف ب ل ك and «لل» stripped (:func:`stems`),
so «بوتين» finds «لبوتين» and «وبوتين» and the hit starts after the clitic, where a span would.

Texts are immutable, so each document is folded once per :class:`Concordance` and kept by
document id (one string the size of its text): a document whose folded text lacks the query's
first word is skipped with one substring test, and only the documents that pass are read again
and keyed token by token (text, tokens, spans).

Blind annotation (docs/blind.md) is the caller's: :meth:`Concordance.search` reports the spans of
the layer it is asked for (an annotator's name, ``gold``), or of every layer when ``layer`` is None
(the curator's view).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotator.consistency.context import context
from annotator.normalize import fold_with_offsets, match_key, source_range
from annotator.recommenders.phrases import phrase_keys, stems
from annotator.tokens import camel_pieces

if TYPE_CHECKING:
    from annotator.model import DocumentInfo
    from annotator.store import Project

CONTEXT_WIDTH = 40  # characters of context on each side of a hit (a line's worth, as the checks show)
_ARTICLE = "ال"


@dataclass(frozen=True, slots=True)
class Cover:
    """A span over (part of) a hit: its label and whose layer it is in."""

    span_id: str
    label: str
    annotator: str  # the annotator's name
    start: int
    end: int

    def exact(self, start: int, end: int) -> bool:
        """Whether the span has exactly the hit's extent (not a longer name, not a clitic more)."""
        return (self.start, self.end) == (start, end)


@dataclass(frozen=True, slots=True)
class Hit:
    """One concordance line: where, the matched text, the text around it, and the spans over it."""

    document_id: str
    document_name: str
    start: int  # code points of the stored text
    end: int
    text: str
    left: str  # the text before the hit (what a right-to-left line shows on its right)
    right: str  # the text after it
    spans: tuple[Cover, ...] = ()


@dataclass(frozen=True, slots=True)
class _Keyed:
    """A document's token pieces (code points) and their match keys."""

    text: str
    pieces: list[tuple[int, int]]
    keys: list[str]


def _keyed(project: Project, document_id: str, text: str | None = None) -> _Keyed:
    """The camel-tools pieces of a document's stored tokens, keyed as string matching keys them."""
    text = project.document(document_id).text if text is None else text
    pieces, keys = [], []
    for start, end in camel_pieces(text, project.token_offsets(document_id)):
        key = match_key(text[start:end])
        if key:
            pieces.append((start, end))
            keys.append(key)
    return _Keyed(text, pieces, keys)


def _first_needle(first: str) -> str:
    """What a folded document must contain for ``first`` to be found in it: a stem read from «لل»
    starts with the article the clitic swallowed (للولايات → الولايات), so the article's ل is left out."""
    return first[1:] if first.startswith(_ARTICLE) else first


class Concordance:
    """KWIC search over all documents of a project, with each document's keys computed once.

    The cache holds strings only (no connection), so one instance may serve searches run on worker
    threads, each with the ``Project`` of its own connection.
    """

    def __init__(self) -> None:
        # document id → its whole text folded: every token's key is a piece of it (folding is per
        # character), so a document without the needle in it has no hit
        self._folded: dict[str, str] = {}

    def search(
        self,
        project: Project,
        query: str,
        *,
        layer: str | None = None,
        limit: int | None = 1000,
        cancelled: Callable[[], bool] | None = None,
    ) -> list[Hit]:
        """Every hit of ``query`` in document order, with the spans of ``layer`` (None: all) over it.

        At most ``limit`` hits (None: all); ``cancelled()`` is checked between documents.
        """
        wanted = phrase_keys(query)
        if not wanted:
            return []
        needle = _first_needle(wanted[0])
        found: list[tuple[DocumentInfo, _Keyed, list[tuple[int, int]]]] = []
        total = 0
        for info in project.documents():
            if cancelled is not None and cancelled():
                break
            folded, text = self._folded.get(info.id), None
            if folded is None:
                text = project.document(info.id).text
                folded = self._folded[info.id] = match_key(text)
            if needle not in folded:
                continue
            keyed = _keyed(project, info.id, text)
            ranges = _find(keyed, wanted)[: None if limit is None else limit - total]
            if ranges:
                found.append((info, keyed, ranges))
                total += len(ranges)
            if limit is not None and total >= limit:
                break
        return _hits(project, found, layer)

    def forget(self, document_ids: set[str] | None = None) -> None:
        """Drop cached keys (of removed documents; all when None)."""
        if document_ids is None:
            self._folded.clear()
        for document_id in document_ids or ():
            self._folded.pop(document_id, None)


def _hits(
    project: Project, found: list[tuple[DocumentInfo, _Keyed, list[tuple[int, int]]]], layer: str | None
) -> list[Hit]:
    """The concordance lines of the ranges found, each with the spans of ``layer`` over it."""
    if not found:
        return []
    names = {a.id: a.name for a in project.annotators()}
    by_document = project.spans_by_document(layer, [info.id for info, _keyed, _ranges in found])
    hits: list[Hit] = []
    for info, keyed, ranges in found:
        spans = by_document.get(info.id, [])
        for start, end in ranges:
            left, right = context(keyed.text, start, end, CONTEXT_WIDTH)
            covers = tuple(
                Cover(s.id, s.label, names.get(s.annotator_id, s.annotator_id), s.start, s.end)
                for s in spans
                if s.start < end and s.end > start
            )
            hits.append(Hit(info.id, info.name, start, end, keyed.text[start:end], left, right, covers))
    return hits


def _find(keyed: _Keyed, wanted: tuple[str, ...]) -> list[tuple[int, int]]:
    """Non-overlapping ``[start, end)`` of ``wanted`` in a document, its first token's proclitics stripped."""
    keys, pieces, count = keyed.keys, keyed.pieces, len(wanted)
    first, rest, needle = wanted[0], list(wanted[1:]), _first_needle(wanted[0])
    ranges: list[tuple[int, int]] = []
    i, last = 0, len(keys) - count
    while i <= last:
        key = keys[i]
        cut = next((c for stem, c in stems(key) if stem == first), None) if needle in key else None
        if cut is None or (rest and keys[i + 1 : i + count] != rest):
            i += 1
            continue
        start = pieces[i][0]
        if cut:
            word = keyed.text[pieces[i][0] : pieces[i][1]]
            folded, sources = fold_with_offsets(word)
            start += source_range(word, sources, cut, len(folded))[0]
        ranges.append((start, pieces[i + count - 1][1]))
        i += count
    return ranges
