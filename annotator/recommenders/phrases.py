"""Finding known phrases (names) in a text: normalised keys, proclitics stripped, exact offsets.

Phrases are split into camel-tools tokens. A document is read on its stored tokens (the same
camel-tools tokens, unless it came with its own: :func:`annotator.tokentext.segment`), each keyed
by its camel-tools pieces, so a name is keyed alike wherever it was learnt: «بيروت» is found in a
CoNLL token «بيروت،», and a lesson «ال-قدس» from one CoNLL document in the next. They are
compared piece by piece on :func:`~annotator.normalize.match_key` keys, so diacritics, alef/ya/teh marbuta variants and
tatweel never prevent a match. The first token of a match may carry proclitics that are not
part of the name: و or ف, then ب ل or ك, and ``لل`` (ل + the article with its alef dropped:
للولايات is matched as الولايات, and the span keeps the article's ل: «لولايات»). A name stored
without the article also matches with it (كرملين finds الكرملين), never the other way round
(المغرب does not find مغرب, "sunset").

The suggested span starts after the stripped proclitics and ends with the last token: offsets
map back through :func:`~annotator.normalize.fold_with_offsets` and
:func:`~annotator.normalize.source_range`, so they are exact in the stored text.
At each position the longest phrase wins (most tokens, then the least stripped); matches do not
overlap (leftmost-longest).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from annotator.normalize import fold_with_offsets, match_key, source_range
from annotator.tokens import camel_pieces, token_offsets

T = TypeVar("T")

_MIN_STEM = 2  # a stripped word keeps at least this many letters
_ARTICLE = "ال"


def _prefix_rules() -> tuple[tuple[str, str, int], ...]:
    """(prefix in the key, what replaces it, key position where the name starts); longest first."""
    rules = []
    for conj in ("", "و", "ف"):
        for prep in ("", "ب", "ل", "ك"):
            if conj + prep:
                rules.append((conj + prep, "", len(conj + prep)))
        rules.append((conj + "لل", _ARTICLE, len(conj) + 1))
    return tuple(sorted(rules, key=lambda rule: -len(rule[0])))


_RULES = _prefix_rules()
_CLITIC_FIRSTS = frozenset(rule[0][0] for rule in _RULES)


def stems(key: str) -> list[tuple[str, int]]:
    """Readings of one token key: ``(stem, key index where the name starts)``, unstripped first."""
    out = [(key, 0)]
    if key and key[0] in _CLITIC_FIRSTS:
        for prefix, replacement, cut in _RULES:
            if key.startswith(prefix) and len(key) - len(prefix) >= _MIN_STEM:
                out.append((replacement + key[len(prefix) :], cut))
    for stem, cut in list(out):
        if stem.startswith(_ARTICLE) and len(stem) - 2 >= _MIN_STEM + 1:
            out.append((stem[2:], cut))
    return out


def phrase_keys(phrase: str) -> tuple[str, ...]:
    """The token keys of a phrase (tokens that fold to nothing, e.g. a lone ZWNJ, are skipped)."""
    keys = (match_key(phrase[s:e]) for s, e in token_offsets(phrase))
    return tuple(k for k in keys if k)


@dataclass(frozen=True, slots=True)
class PhraseMatch(Generic[T]):
    start: int
    end: int
    payload: T
    stripped: bool  # proclitics or the article were stripped to match


class PhraseMatcher(Generic[T]):
    """A dictionary of phrases (each with a payload) matched in texts by normalised tokens."""

    def __init__(self) -> None:
        # first token key → [(keys of the other tokens, payload)], longest first
        self._index: dict[str, list[tuple[tuple[str, ...], T]]] = {}
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def add(self, phrase: str, payload: T, merge: Callable[[T, T], T] | None = None) -> bool:
        """Add ``phrase``; for a phrase already there, keep the old payload or ``merge(old, new)``."""
        return self.add_keys(phrase_keys(phrase), payload, merge)

    def add_keys(self, keys: tuple[str, ...], payload: T, merge: Callable[[T, T], T] | None = None) -> bool:
        if not keys:
            return False
        bucket = self._index.setdefault(keys[0], [])
        rest = keys[1:]
        for i, (other, old) in enumerate(bucket):
            if other == rest:
                if merge is not None:
                    bucket[i] = (rest, merge(old, payload))
                return False
        bucket.append((rest, payload))
        bucket.sort(key=lambda item: -len(item[0]))
        self._size += 1
        return True

    def contains(self, keys: tuple[str, ...]) -> bool:
        """Whether exactly these token keys are a phrase (no proclitics stripped)."""
        return bool(keys) and any(rest == keys[1:] for rest, _payload in self._index.get(keys[0], ()))

    def items(self) -> Iterator[tuple[tuple[str, ...], T]]:
        """Every phrase as its token keys, with its payload."""
        for first, bucket in self._index.items():
            for rest, payload in bucket:
                yield (first, *rest), payload

    def lookup(self, phrase: str) -> T | None:
        """The payload of a phrase that matches the whole of ``phrase`` (proclitics allowed)."""
        keys = phrase_keys(phrase)
        if not keys:
            return None
        for stem, _cut in stems(keys[0]):
            for rest, payload in self._index.get(stem, ()):
                if rest == keys[1:]:
                    return payload
        return None

    def find(self, text: str, tokens: Sequence[tuple[int, int]]) -> list[PhraseMatch[T]]:
        """Leftmost-longest, non-overlapping matches in ``text``, over ``tokens``: the document's
        stored token offsets (``DocumentInput.tokens``), never a fresh tokenization, so a name is
        found on the tokens the window snaps to and an export writes (:func:`annotator.tokentext.segment`)."""
        if not self._index:
            return []
        spans: list[tuple[int, int]] = []
        keys: list[str] = []
        for start, end in camel_pieces(text, tokens):  # keyed as phrases are (see the module)
            key = match_key(text[start:end])
            if key:
                spans.append((start, end))
                keys.append(key)
        return list(self._scan(text, spans, keys))

    def _scan(self, text: str, spans: list[tuple[int, int]], keys: list[str]) -> Iterator[PhraseMatch[T]]:
        index = self._index
        count = len(keys)
        i = 0
        while i < count:
            best: tuple[int, int, bool, T] | None = None  # (tokens, cut, stripped, payload)
            key = keys[i]
            for stem, cut in stems(key):
                for rest, payload in index.get(stem, ()):
                    n = len(rest)
                    if i + n >= count or (n and tuple(keys[i + 1 : i + 1 + n]) != rest):
                        continue
                    if best is None or n + 1 > best[0] or (n + 1 == best[0] and cut < best[1]):
                        best = (n + 1, cut, stem != key, payload)
                    break  # buckets are longest first: this is the longest for this stem
            if best is None:
                i += 1
                continue
            length, cut, stripped, payload = best
            start = spans[i][0]
            if cut:
                word = text[spans[i][0] : spans[i][1]]
                folded, sources = fold_with_offsets(word)
                start += source_range(word, sources, cut, len(folded))[0]
            yield PhraseMatch(start, spans[i + length - 1][1], payload, stripped)
            i += length
