"""Features of a token for the CRF, for Arabic news.

Per token: its normalised form (:func:`~annotator.normalize.match_key`), every clitic-stripped
reading of it (و/ف, ب/ل/ك, ال: the gazetteer's :func:`~annotator.recommenders.phrases.stems`),
prefixes and suffixes of one to three letters (the article, ة/ات/ين/ون and nisba ي endings),
its shape (Arabic, Latin, digits, punctuation, length), whether a gazetteer match covers it (and
with which label and position), and the same few facts about its neighbours (two on each side).
The feature set is versioned: a model stores the version it was trained with, and is tagged with
that version's features (:func:`sentence_features`'s ``version``). Version 1 is the above.
Version 2 (``scripts/train_news_model.py``) adds what a news tagger misses
most, its unseen names (recall was the bottleneck: precision ≈0.79, recall ≈0.56 on ANERcorp):

- person-name lists and a common-word lexicon (:mod:`annotator.recommenders.name_lists`), looked up
  on the word and on every clitic-stripped reading of it (``name=``, ``rname=``, ``common``,
  ``rcommon``), so «وويتكوف» is a name through «ويتكوف» and «وبالمفاوضات» a common word;
- the proclitics a reading strips (``pro=وب``) and the stripped stem's own affixes (``rp2=``,
  ``rs2=``): the first token of a name often carries و/ب/ل/ال, and its stem is what is known;
- a wider window: words up to three away, list hits and cues two away, and word bigrams with each
  neighbour.

Version 3 adds *document* facts (:class:`DocumentContext`): what the word's other occurrences in the
same document say. A surname is introduced once with its first name or title («المبعوث ستيف ويتكوف»)
and then stands alone («وقال ويتكوف»); alone, a sentence cannot tell it is a name. So a word seen
more than once gets ``doc:`` features about its other occurrences (of any of its readings): a title
one or two words before (``doc:after_title``), a first name or a frequent Wikidata name just before
(``doc:after_first``, ``doc:after_wd``), a person-name-list word beside it (``doc:near_name``), a
speech verb before it (``doc:after_said``), never the article (``doc:no_al``), and how often it
occurs (``doc:n=2``, ``3``, ``5+``); its neighbours get its name facts (``-1:doc:after_first``).
Common words get none. Only words are read, never tags, so no second tagging pass is needed, and
training and tagging compute the same facts from the same sentences. Version 3 is the shipped
news model's (``benchmarks/bench_news_model.py``: cross-validated micro F1 0.717 → 0.727, PERS
0.669 → 0.705, AQMAR held-out unchanged). It learnt that a name goes on after a name-list word more
firmly, so it tags «زار الرئيس فلاديمير بوتين موسكو» as one person; the project's conventions cut a
model's person before a place the gazetteer knows (:func:`~.harmonize.split_trailing_place`).
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache, lru_cache

from annotator.normalize import match_key
from annotator.paths import resource_path
from annotator.recommenders.gazetteer import Gazetteer, read_name_file
from annotator.recommenders.name_lists import Lexicons, shipped_lexicons
from annotator.recommenders.phrases import stems

FEATURES_VERSION = 3
KNOWN_VERSIONS = frozenset({1, 2, 3})
DOCUMENT_VERSION = 3  # the first version with document facts: its taggers need a DocumentContext
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
    context: DocumentContext | None = None,
) -> list[Features]:
    """CRF features of each word of one sentence (``gazetteer``: per-word tags from :func:`gazetteer_tags`)
    in feature set ``version``; versions 2 and 3 look words up in ``lexicons`` (default: the shipped
    lists). Version 3 reads ``context``, built by :func:`document_context` from the whole document
    the sentence is in; None: the document of the enclosing :func:`document_scope`, else the sentence
    alone (training and tagging must see the same documents). Other versions ignore it."""
    if version == 1:
        return _features_v1(words, gazetteer)
    lexicons = lexicons if lexicons is not None else shipped_lexicons()
    out = _features_v2(words, gazetteer, lexicons)
    if version >= DOCUMENT_VERSION:
        if context is None:
            context = _scoped_context(words, lexicons)
        _add_document_features(out, words, [_token_v2(w, lexicons) for w in words], context)
    return out


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
    readings: tuple[str, ...] = ()  # the key and its clitic-stripped stems (version 3's identity)
    cues: tuple[str, ...] = ()
    hits: tuple[str, ...] = ()  # name-list hits, whole or stripped (``name=given``, ``rname=wd+``)
    article: bool = False  # some reading carries ال
    common: bool = False  # a common word, whole or stripped
    roles: frozenset[str] = frozenset()  # what the word is to its neighbours' occurrence facts (version 3)


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
    readings = tuple(dict.fromkeys(stem for stem, _cut in stems(key)))
    article = any(stem.startswith("ال") for stem in readings)
    return _Token(
        key,
        tuple(_word_features(word, key) + extra),
        neighbour,
        readings,
        tuple(cues),
        tuple(hits),
        article,
        common,
        _roles(cues, hits, readings),
    )


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


# --- version 3: document facts ------------------------------------------------------------------

SPEECH_VERBS = frozenset(
    match_key(w)
    for w in (  # noqa: SIM905 (a list literal of 28 words is harder to read)
        "قال قالت أعلن أعلنت صرح صرحت أكد أكدت أضاف أضافت أوضح أوضحت ذكر ذكرت أشار أشارت "
        "رأى رأت اعتبر اعتبرت دعا دعت طالب طالبت التقى التقت استقبل استقبلت"
    ).split()
)
_NAME_HITS = frozenset({"name=given", "name=family", "name=wd+", "rname=given", "rname=family", "rname=wd+"})
_FIRST_HITS = frozenset({"name=given", "rname=given"})
_FREQUENT_HITS = frozenset({"name=wd+", "rname=wd+"})


def _roles(cues: Sequence[str], hits: Sequence[str], readings: Sequence[str]) -> frozenset[str]:
    """What a word is to the occurrence facts of the words around it: a title, a first name, a
    frequent Wikidata name, a name-list word, a speech verb. A property of the word, so it is
    worked out once, with the rest of its cached :class:`_Token`."""
    roles = set()
    if "titles" in cues:
        roles.add("title")
    if "first_names" in cues or _FIRST_HITS.intersection(hits):
        roles.add("first")
    if _FREQUENT_HITS.intersection(hits):
        roles.add("wd")
    if _NAME_HITS.intersection(hits):
        roles.add("name")
    if not SPEECH_VERBS.isdisjoint(readings):
        roles.add("said")
    return frozenset(roles)


def _occurrence_facts(tokens: Sequence[_Token], i: int) -> frozenset[str]:
    """What one occurrence says about its word: the contexts a name is introduced in (a title one or
    two words before, «الرئيس الأمريكي دونالد ترامب»; a first name or a frequent Wikidata name just
    before; a name-list word beside it; a speech verb one or two words before, «وقال ويتكوف»), and
    whether it carries the article (names rarely do)."""
    two_before = tokens[i - 2].roles if i > 1 else frozenset()
    before = tokens[i - 1].roles if i > 0 else frozenset()
    after = tokens[i + 1].roles if i + 1 < len(tokens) else frozenset()
    facts = set()
    if "title" in before or "title" in two_before:
        facts.add("after_title")
    if "first" in before:
        facts.add("after_first")
    if "wd" in before:
        facts.add("after_wd")
    if "name" in before or "name" in after:
        facts.add("near_name")
    if "said" in before or "said" in two_before:
        facts.add("after_said")
    if tokens[i].article:
        facts.add("al")
    return frozenset(facts)


@dataclass(frozen=True)
class DocumentContext:
    """Facts about every reading of every word of one document, for version-3 features.

    Built once per document (:func:`document_context`), before any sentence is featurized, by
    the trainer and by the tagger alike. ``counts``: occurrences of each reading; ``facts``: for each
    reading, how many of its occurrences had each fact (:func:`_occurrence_facts`).
    """

    counts: dict[str, int] = field(default_factory=dict)
    facts: dict[str, Counter[str]] = field(default_factory=dict)
    # each sentence's occurrence facts, by its words (featurizing reads them again: computed once)
    sentences: dict[tuple[str, ...], list[frozenset[str]]] = field(default_factory=dict, compare=False)

    def occurrences(self, words: Sequence[str], tokens: Sequence[_Token]) -> list[frozenset[str]]:
        """The occurrence facts of a sentence's words (kept when the context was built from it)."""
        known = self.sentences.get(tuple(words))
        return known if known is not None else [_occurrence_facts(tokens, i) for i in range(len(tokens))]

    def features(self, token: _Token, own: frozenset[str]) -> Features:
        """``doc:`` features of one occurrence whose own facts are ``own``: from the *other*
        occurrences of any of its readings (its own context is already in its sentence features).
        A word seen once gets none: the bias of every other word would only add weights."""
        elsewhere: set[str] = set()
        total = 0
        for reading in token.readings:
            total = max(total, self.counts.get(reading, 0))
            for fact, count in self.facts.get(reading, {}).items():
                if count - (fact in own) > 0:
                    elsewhere.add(fact)
        if total <= 1:
            return []
        feats = [f"doc:{fact}" for fact in sorted(elsewhere - {"al"})]
        if "al" not in elsewhere and "al" not in own:
            feats.append("doc:no_al")
        feats.append(f"doc:n={_bucket(total)}")
        return feats


def _bucket(count: int) -> str:
    return "2" if count == 2 else "3" if count <= 4 else "5+"


def document_context(sentences: Iterable[Sequence[str]], lexicons: Lexicons | None = None) -> DocumentContext:
    """The :class:`DocumentContext` of a document given as its sentences' words (the same sentences
    that are then featurized: facts look at neighbours within a sentence, as the features do)."""
    lexicons = lexicons if lexicons is not None else shipped_lexicons()
    counts: Counter[str] = Counter()
    facts: dict[str, Counter[str]] = {}
    kept: dict[tuple[str, ...], list[frozenset[str]]] = {}
    for words in sentences:
        tokens = [_token_v2(w, lexicons) for w in words]
        found_all = kept.setdefault(tuple(words), [_occurrence_facts(tokens, i) for i in range(len(tokens))])
        for token, found in zip(tokens, found_all, strict=True):
            for reading in token.readings:
                counts[reading] += 1
                if found:
                    facts.setdefault(reading, Counter()).update(found)
    return DocumentContext(dict(counts), facts, kept)


_NEIGHBOUR_FACTS = frozenset({"doc:after_title", "doc:after_first", "doc:after_wd", "doc:near_name", "doc:after_said"})


def _add_document_features(
    out: list[Features], words: Sequence[str], tokens: Sequence[_Token], context: DocumentContext
) -> None:
    """Each word's ``doc:`` features, and its neighbours' name facts (``-1:doc:after_first``): the
    other words of a name learn from them too, so «ستيف ويتكوف» is tagged as one name. A
    common word (never inside an entity in the training text) gets none: they are facts about names."""
    facts = context.occurrences(words, tokens)
    own = [[] if token.common else context.features(token, found) for token, found in zip(tokens, facts, strict=True)]
    for i, feats in enumerate(own):
        out[i].extend(feats)
        for offset in (-1, 1):
            j = i + offset
            if 0 <= j < len(tokens):
                out[i].extend(f"{offset}:{f}" for f in own[j] if f in _NEIGHBOUR_FACTS)


_SCOPE: ContextVar[_Scope | None] = ContextVar("hashiya_crf_document", default=None)


@dataclass
class _Scope:
    sentences: Sequence[Sequence[str]]
    contexts: dict[Lexicons, DocumentContext] = field(default_factory=dict)


@contextmanager
def document_scope(sentences: Sequence[Sequence[str]]) -> Iterator[None]:
    """Within it, version-3 features called without a ``context`` read this document's.

    Why: callers written before version 3 featurize sentence by sentence through a two-argument
    callback (``lambda words, gaz: sentence_features(words, gaz, lexicons=...)``: the calibration
    script's fold stand-ins, the learning bench), which cannot pass a context;
    :func:`annotator.recommenders.news_training.featurized` opens this scope around each document
    so they train on the same document facts the tagger passes explicitly. The context is built
    once per scope and lexicons, on first use.
    """
    token = _SCOPE.set(_Scope(sentences))
    try:
        yield
    finally:
        _SCOPE.reset(token)


def _scoped_context(words: Sequence[str], lexicons: Lexicons) -> DocumentContext:
    scope = _SCOPE.get()
    if scope is None:
        return document_context([words], lexicons)
    context = scope.contexts.get(lexicons)
    if context is None:
        context = scope.contexts[lexicons] = document_context(scope.sentences, lexicons)
    return context
