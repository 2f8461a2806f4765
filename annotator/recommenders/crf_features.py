"""Features of a token for the CRF, for Arabic news.

Per token: its normalised form (:func:`~annotator.normalize.match_key`), every clitic-stripped
reading of it (و/ف, ب/ل/ك, ال: the gazetteer's :func:`~annotator.recommenders.phrases.stems`),
prefixes and suffixes of one to three letters (the article, ة/ات/ين/ون and nisba ي endings),
its shape (Arabic, Latin, digits, punctuation, length), whether a gazetteer match covers it (and
with which label and position), and the same few facts about its neighbours (two on each side).
The feature set is versioned: a model stores :data:`FEATURES_VERSION` and refuses another.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import cache

from annotator.normalize import match_key
from annotator.paths import resource_path
from annotator.recommenders.gazetteer import Gazetteer, read_name_file
from annotator.recommenders.phrases import stems

FEATURES_VERSION = 1
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


def sentence_features(words: Sequence[str], gazetteer: Sequence[str] | None = None) -> list[Features]:
    """CRF features of each word of one sentence (``gazetteer``: per-word tags from :func:`gazetteer_tags`)."""
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
