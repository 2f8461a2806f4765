"""Features of a token for the CRF, for Arabic news.

Per token: its normalised form (:func:`~annotator.normalize.match_key`), every clitic-stripped
reading of it (و/ف, ب/ل/ك, ال: the gazetteer's :func:`~annotator.recommenders.phrases.stems`),
prefixes and suffixes of one to three letters (the article, ة/ات/ين/ون and nisba ي endings),
its shape (Arabic, Latin, digits, punctuation, length), whether a gazetteer match covers it (and
with which label and position), and the same few facts about its neighbours (two on each side).
The feature set is versioned: a model stores the version it was trained with, and is tagged with
that version's features (:func:`sentence_features`'s ``version``). Version 1 is the above.
Version 2 (the shipped news model, ``scripts/train_news_model.py``) adds what a news tagger misses
most, its unseen names (recall was the bottleneck: precision ≈0.79, recall ≈0.56 on ANERcorp):

- person-name lists and a common-word lexicon (:mod:`annotator.recommenders.name_lists`), looked up
  on the word and on every clitic-stripped reading of it (``name=``, ``rname=``, ``common``,
  ``rcommon``), so «وويتكوف» is a name through «ويتكوف» and «وبالمفاوضات» a common word;
- the proclitics a reading strips (``pro=وب``) and the stripped stem's own affixes (``rp2=``,
  ``rs2=``): the first token of a name often carries و/ب/ل/ال, and its stem is what is known;
- a wider window: words up to three away, list hits and cues two away, and word bigrams with each
  neighbour.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from annotator.normalize import match_key
from annotator.paths import resource_path
from annotator.recommenders.gazetteer import Gazetteer, read_name_file
from annotator.recommenders.name_lists import Lexicons, shipped_lexicons
from annotator.recommenders.phrases import stems

FEATURES_VERSION = 2
KNOWN_VERSIONS = frozenset({1, 2})
Features = list[str]
CUE_LISTS = ("first_names", "titles", "org_words", "place_words")


@cache
def cue_words() -> dict[str, tuple[str, ...]]:
    """Normalised word → the cue lists (``resources/gazetteers/cues/``) it is in."""
    found: dict[str, list[str]] = {}
    for name in CUE_LISTS:
        for _line, word in read_name_file(resource_path("gazetteers", "cues", f"{name}.txt")):
            found.setdefault(match_key(word), []).append(name)
    return {key: tuple(dict.fromkeys(names)) for key, names in found.items()}


def _cues(key: str) -> list[str]:
    table = cue_words()
    out: list[str] = []
    for stem, _cut in stems(key):
        out.extend(table.get(stem, ()))
    return list(dict.fromkeys(out))


def _shape(word: str, key: str) -> list[str]:
    out = []
    if not key:
        return ["shape=empty"]
    first = key[0]
    if all(c.isdigit() for c in key):
        out.append("shape=digits")
    elif any(c.isdigit() for c in key):
        out.append("shape=hasdigit")
    if all(unicodedata.category(c)[0] in "PS" for c in key):
        out.append("shape=punct")
    if "\u0600" <= first <= "\u06ff":
        out.append("shape=arabic")
    elif first.isascii() and first.isalpha():
        out.append("shape=latin")
        if word[:1].isupper():
            out.append("shape=title")
    out.append(f"len={min(len(key), 8)}")
    return out


def _word_features(word: str, key: str) -> Features:
    feats = [f"w={key}", *_shape(word, key)]
    for n in (1, 2, 3):
        if len(key) > n:
            feats.append(f"p{n}={key[:n]}")
            feats.append(f"s{n}={key[-n:]}")
    feats.extend(f"r={stem}" for stem, cut in stems(key)[1:] if cut or stem != key)
    feats.extend(f"cue={cue}" for cue in _cues(key))
    return feats


def gazetteer_tags(text: str, tokens: Sequence[tuple[int, int]], gazetteer: Gazetteer | None) -> list[str]:
    """Per token: ``B-GPE``/``I-GPE``... where a gazetteer name covers it, else ``O``."""
    tags = ["O"] * len(tokens)
    if gazetteer is None or not tokens:
        return tags
    position = 0
    for match in gazetteer.matcher.find(text, tokens):
        while position < len(tokens) and tokens[position][1] <= match.start:
            position += 1
        i = position
        while i < len(tokens) and tokens[i][0] < match.end:
            tags[i] = f"{'B' if i == position else 'I'}-{match.payload.label}"
            i += 1
    return tags


def sentence_features(
    words: Sequence[str],
    gazetteer: Sequence[str] | None = None,
    *,
    version: int = FEATURES_VERSION,
    lexicons: Lexicons | None = None,
) -> list[Features]:
    """CRF features of each word of one sentence (``gazetteer``: per-word tags from :func:`gazetteer_tags`)
    in feature set ``version``; version 2 looks words up in ``lexicons`` (default: the shipped lists)."""
    if version == 1:
        return _features_v1(words, gazetteer)
    return _features_v2(words, gazetteer, lexicons if lexicons is not None else shipped_lexicons())


def _features_v1(words: Sequence[str], gazetteer: Sequence[str] | None) -> list[Features]:
    keys = [match_key(w) for w in words]
    own = [_word_features(w, k) for w, k in zip(words, keys, strict=True)]
    out: list[Features] = []
    n = len(words)
    for i in range(n):
        feats = ["bias", *own[i]]
        if gazetteer is not None and gazetteer[i] != "O":
            feats.append(f"gaz={gazetteer[i]}")
            feats.append(f"gaz_type={gazetteer[i][2:]}")
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if 0 <= j < n:
                feats.append(f"{offset}:w={keys[j]}")
                feats.extend(f"{offset}:cue={cue}" for cue in _cues(keys[j]))
                if abs(offset) == 1:
                    key = keys[j]
                    if len(key) > 2:
                        feats.append(f"{offset}:s2={key[-2:]}")
                        feats.append(f"{offset}:p2={key[:2]}")
                    if gazetteer is not None and gazetteer[j] != "O":
                        feats.append(f"{offset}:gaz={gazetteer[j]}")
            elif abs(offset) == 1:
                feats.append(f"{offset}:{'BOS' if offset < 0 else 'EOS'}")
        out.append(feats)
    return out


def _reading_features(key: str, lexicons: Lexicons) -> tuple[Features, list[str], bool]:
    """Version 2's facts about one token: its own features, its name-list hits (whole or stripped),
    and whether it is a common word (whole or stripped)."""
    feats: Features = []
    hits = [f"name={hit}" for hit in lexicons.name_hits(key)]
    common = key in lexicons.common
    if common:
        feats.append("common")
    for stem, _cut in stems(key)[1:]:
        prefix = key[: len(key) - len(stem)] if len(stem) < len(key) else "لل"
        feats.append(f"pro={prefix}")
        if len(stem) > 2:
            feats.append(f"rp2={stem[:2]}")
            feats.append(f"rs2={stem[-2:]}")
        hits.extend(f"rname={hit}" for hit in lexicons.name_hits(stem))
        if stem in lexicons.common:
            feats.append("rcommon")
            common = True
    hits = list(dict.fromkeys(hits))
    return list(dict.fromkeys(feats)) + hits, hits, common


@dataclass(frozen=True, slots=True)
class _Token:
    """What version 2 says about one word, alone and as each neighbour: computed once per word."""

    key: str
    own: tuple[str, ...]
    as_neighbour: dict[int, tuple[str, ...]]


@lru_cache(maxsize=200_000)
def _token_v2(word: str, lexicons: Lexicons) -> _Token:
    """Cached per word (the same words recur: tagging speed is the bottleneck, not memory)."""
    key = match_key(word)
    extra, hits, common = _reading_features(key, lexicons)
    cues = _cues(key)
    neighbour: dict[int, tuple[str, ...]] = {}
    for offset in _WINDOW:
        feats = [f"{offset}:w={key}"]
        if abs(offset) < 3:
            feats.extend(f"{offset}:cue={cue}" for cue in cues)
            feats.extend(f"{offset}:{hit}" for hit in hits)
            if common:
                feats.append(f"{offset}:common")
            if abs(offset) == 1 and len(key) > 2:
                feats.append(f"{offset}:s2={key[-2:]}")
                feats.append(f"{offset}:p2={key[:2]}")
        neighbour[offset] = tuple(feats)
    return _Token(key, tuple(_word_features(word, key) + extra), neighbour)


_WINDOW = (-3, -2, -1, 1, 2, 3)


def clear_feature_cache() -> None:
    """Forget the per-word cache (benchmarks time tagging from a cold start)."""
    _token_v2.cache_clear()


def _features_v2(words: Sequence[str], gazetteer: Sequence[str] | None, lexicons: Lexicons) -> list[Features]:
    tokens = [_token_v2(w, lexicons) for w in words]
    n = len(words)
    out: list[Features] = []
    for i, token in enumerate(tokens):
        feats = ["bias", *token.own]
        if gazetteer is not None and gazetteer[i] != "O":
            feats.append(f"gaz={gazetteer[i]}")
            feats.append(f"gaz_type={gazetteer[i][2:]}")
        for offset in _WINDOW:
            j = i + offset
            if not 0 <= j < n:
                if abs(offset) == 1:
                    feats.append(f"{offset}:{'BOS' if offset < 0 else 'EOS'}")
                continue
            feats.extend(tokens[j].as_neighbour[offset])
            if abs(offset) == 1:
                pair = f"{tokens[j].key}|{token.key}" if offset < 0 else f"{token.key}|{tokens[j].key}"
                feats.append(f"{offset}:bg={pair}")
                if gazetteer is not None and gazetteer[j] != "O":
                    feats.append(f"{offset}:gaz={gazetteer[j]}")
        out.append(feats)
    return out
