"""Word lists the news CRF looks words up in: person names, and common words that are never names.

Why lists: a CRF only knows the words it was trained on. News is full of names it never saw
(ويتكوف, كراماتورسك), and a name list tells it "this looks like a person name" for them; the
common-word list tells it the opposite for frequent words that are never part of a name, also when
they carry clitics it never saw them with (وبالمفاوضات).

- **Person names** (``resources/models/news-crf.names-*``, rebuilt by :func:`write_name_lists`;
  beside the model because they are part of what it reads, and that folder ships in the wheel):
  Arabic-script name tokens from Wikidata labels (CC0, via NETransliteration-COLING2018: letters
  joined, with how often each occurred) and Arabic given and family names (AKhateeb/arabic-names,
  MIT). ``resources/models/README.md`` gives sources and licences.
- **Common words** are *learned from the training text* (:func:`learn_common_words`): normalised
  tokens seen at least ``min_count`` times and never inside an entity. The shipped list
  (``news-crf.common-words.txt``) is learned from the shipped model's training data (a derived work of
  ANERcorp and AQMAR: CC BY-SA); cross-validation learns it from the training folds only, so no
  test fold's labels leak into its features.

Every list is keyed by :func:`~annotator.normalize.match_key`, as the features look words up.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from annotator.normalize import match_key
from annotator.paths import resource_path

NAMES_FOLDER = ("models",)
GIVEN_FILE = "news-crf.names-given.txt"
FAMILY_FILE = "news-crf.names-family.txt"
WIKIDATA_FILE = "news-crf.names-wikidata.tsv"
COMMON_FILE = "news-crf.common-words.txt"
FREQUENT_NAME = 3  # a Wikidata name seen this often is "frequent" (rare ones collide with words more)
SpanKey = tuple[int, int, str]


@dataclass(frozen=True)
class Lexicons:
    """Normalised keys of each list (empty sets: the list is not used)."""

    given: frozenset[str] = frozenset()
    family: frozenset[str] = frozenset()
    wikidata: frozenset[str] = frozenset()
    wikidata_frequent: frozenset[str] = frozenset()
    common: frozenset[str] = frozenset()

    def with_common(self, common: Iterable[str]) -> Lexicons:
        return replace(self, common=frozenset(common))

    def name_hits(self, key: str) -> list[str]:
        """Which name lists hold ``key``."""
        out = []
        if key in self.given:
            out.append("given")
        if key in self.family:
            out.append("family")
        if key in self.wikidata_frequent:
            out.append("wd+")
        elif key in self.wikidata:
            out.append("wd")
        return out


def _keys(lines: Iterable[str]) -> frozenset[str]:
    return frozenset(key for line in lines if (key := match_key(line.strip())))


def _read_lines(path: Path) -> list[str]:
    if not path.is_file():
        return []
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]


def read_lexicons(folder: Path) -> Lexicons:
    """The lists in ``folder`` (a missing file is an empty list)."""
    wikidata: dict[str, int] = {}
    for line in _read_lines(folder / WIKIDATA_FILE):
        name, _tab, count = line.partition("\t")
        wikidata[match_key(name)] = int(count or 1)
    return Lexicons(
        given=_keys(_read_lines(folder / GIVEN_FILE)),
        family=_keys(_read_lines(folder / FAMILY_FILE)),
        wikidata=frozenset(wikidata),
        wikidata_frequent=frozenset(k for k, n in wikidata.items() if n >= FREQUENT_NAME),
        common=_keys(_read_lines(folder / COMMON_FILE)),
    )


@cache
def shipped_lexicons() -> Lexicons:
    """The lists shipped in ``resources/models/``, read once per process."""
    return read_lexicons(resource_path(*NAMES_FOLDER))


def learn_common_words(
    documents: Iterable[tuple[str, Sequence[tuple[int, int]], Iterable[SpanKey]]], min_count: int = 3
) -> frozenset[str]:
    """Keys of Arabic tokens seen ``min_count`` times or more and never inside a span.

    ``documents``: ``(text, token offsets, spans)``. Letters only (no digits or punctuation,
    which the shape features cover), at least two letters.
    """
    seen: Counter[str] = Counter()
    in_entity: set[str] = set()
    for text, tokens, spans in documents:
        covered = sorted((s, e) for s, e, _label in spans)
        index = 0
        for start, end in tokens:
            key = match_key(text[start:end])
            if len(key) < 2 or not all("\u0621" <= c <= "\u064a" for c in key):
                continue
            seen[key] += 1
            while index < len(covered) and covered[index][1] <= start:
                index += 1
            if any(s < end and start < e for s, e in covered[index : index + 4]):
                in_entity.add(key)
    return frozenset(k for k, n in seen.items() if n >= min_count and k not in in_entity)


def wikidata_names(paths: Iterable[Path]) -> Counter[str]:
    """Arabic name → count, from NETransliteration's ``latin<TAB>a r a b i c<TAB>count`` lines."""
    names: Counter[str] = Counter()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 2:
                name = "".join(parts[1].split())
                if name:
                    names[name] += int(parts[2]) if len(parts) > 2 and parts[2].strip().isdigit() else 1
    return names


def write_name_lists(shared_names: Path, out: Path) -> dict[str, int]:
    """Derive the shipped person-name lists from ``../shared/data/names`` into ``out``; how many
    names each holds. Only the names are copied (the licences allow it: CC0 and MIT)."""
    out.mkdir(parents=True, exist_ok=True)
    wd = wikidata_names(sorted((shared_names / "wikidata_person_names").glob("wd_arabic_*")))
    lines = [f"{name}\t{count}" for name, count in sorted(wd.items())]
    (out / WIKIDATA_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    source = shared_names / "arabic_names"
    given = sorted(
        {
            n.strip()
            for f in ("male-first--names-in-arabic.txt", "female-first-names-in-arabic.txt")
            for n in _read_lines(source / f)
            if n.strip()
        }
    )
    family = sorted({n.strip() for n in _read_lines(source / "last-names-in-arabic.txt") if n.strip()})
    (out / GIVEN_FILE).write_text("\n".join(given) + "\n", encoding="utf-8")
    (out / FAMILY_FILE).write_text("\n".join(family) + "\n", encoding="utf-8")
    return {"wikidata": len(wd), "given": len(given), "family": len(family)}


def write_common_words(words: Iterable[str], out: Path, header: str) -> int:
    """Write the learned common-word list (``header``: the ``#`` lines saying where it came from)."""
    words = sorted(words)
    lines = [f"# {line}" for line in header.splitlines()] + words
    out.mkdir(parents=True, exist_ok=True)
    (out / COMMON_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(words)
