"""The gazetteer recommender: known names of places and organisations, offline.

Built-in lists come from Babel (CLDR) and pycountry's Arabic names and from the curated files in
``resources/gazetteers/`` (README there: sources and licences); user lists are files named after
a label (``PERS.txt``) in a ``gazetteers/`` folder next to the project file. Matching is
:class:`~annotator.recommenders.phrases.PhraseMatcher`'s: normalised keys, proclitics stripped,
exact offsets, longest match wins. A user's entry wins over a built-in one for the same name.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from annotator.errors import InputError
from annotator.paths import resource_path
from annotator.recommenders.base import DocumentInput, Prediction, Recommender, Suggestion
from annotator.recommenders.phrases import PhraseMatcher, phrase_keys

BUILTIN_SCORE = 0.9
USER_SCORE = 0.95
AMBIGUOUS_SCORE = 0.4
STRIPPED_ARTICLE_PENALTY = 0.05  # matched only after stripping proclitics or the article
USER_FOLDER = "gazetteers"

_CLDR_ORG = {"EU": "ORG", "UN": "ORG"}
_CLDR_SKIP = {"001", "ZZ", "XA", "XB"}


@dataclass(frozen=True, slots=True)
class Entry:
    label: str
    score: float
    origin: str  # "cldr", "pycountry", "hashiya" (curated file) or the user's file path


class Gazetteer:
    """Names with labels; :meth:`find` returns matches, :meth:`label_of` classifies one phrase."""

    def __init__(self) -> None:
        self.matcher: PhraseMatcher[Entry] = PhraseMatcher()

    def __len__(self) -> int:
        return len(self.matcher)

    def add(self, name: str, entry: Entry, *, override: bool = False) -> None:
        self.matcher.add(name, entry, merge=(lambda old, new: new) if override else None)

    def extend(self, other: Gazetteer, *, override: bool = False) -> Gazetteer:
        """A new gazetteer with this one's names, then ``other``'s (winning if ``override``)."""
        merged = Gazetteer()
        for keys, entry in self.matcher.items():
            merged.matcher.add_keys(keys, entry)
        for keys, entry in other.matcher.items():
            merged.matcher.add_keys(keys, entry, (lambda old, new: new) if override else None)
        return merged

    def label_of(self, phrase: str) -> str | None:
        entry = self.matcher.lookup(phrase)
        return entry.label if entry else None

    def find(self, document: DocumentInput, source: str = "gazetteer") -> list[Suggestion]:
        out = []
        for match in self.matcher.find(document.text, document.tokens):
            score = match.payload.score - (STRIPPED_ARTICLE_PENALTY if match.stripped else 0.0)
            out.append(Suggestion(match.start, match.end, match.payload.label, round(score, 4), source))
        return out


class GazetteerRecommender(Recommender):
    name = "gazetteer"
    title = "Gazetteer (places, organisations)"

    def __init__(self, gazetteer: Gazetteer, schema_labels: Iterable[str]) -> None:
        self.gazetteer = gazetteer
        self.labels = set(schema_labels)

    def predict(self, document: DocumentInput) -> Prediction:
        found = [s for s in self.gazetteer.find(document, self.name) if s.label in self.labels]
        return Prediction(document.id, tuple(found))


# -- building the lists -----------------------------------------------------------------------------


def read_name_file(path: Path) -> Iterator[tuple[int, str]]:
    """``(line number, name)`` of a gazetteer file: UTF-8, one name per line, ``#`` comments."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"gazetteer files must be UTF-8 (byte {exc.start})") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    for number, line in enumerate(text.splitlines(), 1):
        name = line.strip()
        if name and not name.startswith("#"):
            yield number, name


def _clean(name: str) -> str:
    """CLDR/pycountry spellings: drop a parenthesised note and anything after an Arabic comma."""
    name = name.split("،")[0].split(",")[0]
    if "(" in name:
        name = name.split("(")[0]
    return name.strip()


def cldr_names() -> Iterator[tuple[str, str]]:
    """``(name, label)`` from Babel: territories, regions, time-zone cities (Arabic)."""
    from babel import Locale

    locale = Locale("ar")
    for code, name in locale.territories.items():
        if code in _CLDR_SKIP:
            continue
        label = "LOC" if code.isdigit() or code in ("QO", "EZ", "AQ") else _CLDR_ORG.get(code, "GPE")
        yield _clean(name), label
    for zone, names in locale.time_zones.items():
        city = names.get("city")
        if city and not zone.startswith("Etc/"):
            yield _clean(city), "GPE"


def pycountry_names() -> Iterator[tuple[str, str]]:
    """``(name, "GPE")`` for ISO 3166-1 countries with an Arabic translation in pycountry."""
    import pycountry

    try:
        translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
    except OSError:
        return
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            english = getattr(country, attribute, None)
            if english:
                arabic = translation.gettext(english)
                if arabic != english:
                    yield _clean(arabic), "GPE"


def _resource_names(filename: str) -> Iterator[str]:
    path = resource_path("gazetteers", filename)
    if path.exists():
        for _number, name in read_name_file(path):
            yield name


@cache
def builtin_gazetteer() -> Gazetteer:
    """The built-in lists, built once per process (about 1,500 names, well under a second)."""
    excluded = {phrase_keys(name) for name in _resource_names("exclude.txt")}
    ambiguous = {phrase_keys(name) for name in _resource_names("ambiguous.txt")}
    gazetteer = Gazetteer()

    def add(name: str, label: str, origin: str) -> None:
        keys = phrase_keys(name)
        if not keys or keys in excluded or (len(keys) == 1 and len(keys[0]) < 3):
            return
        score = AMBIGUOUS_SCORE if keys in ambiguous else BUILTIN_SCORE
        gazetteer.add(name, Entry(label, score, origin))

    for label in ("GPE", "LOC", "ORG", "NORP"):  # curated spellings first: they win ties
        for name in _resource_names(f"{label}.txt"):
            add(name, label, "hashiya")
    for name, label in pycountry_names():
        add(name, label, "pycountry")
    for name, label in cldr_names():
        add(name, label, "cldr")
    return gazetteer


def user_gazetteer(folder: Path, schema_labels: Iterable[str]) -> Gazetteer:
    """Names from ``folder/LABEL.txt`` files; a file named after a label the schema lacks is an error."""
    gazetteer = Gazetteer()
    if not folder.is_dir():
        return gazetteer
    labels = set(schema_labels)
    for path in sorted(folder.glob("*.txt")):
        if path.stem not in labels:
            raise InputError(path, f"no label {path.stem!r} in the project's schema (name files LABEL.txt)")
        for _number, name in read_name_file(path):
            gazetteer.add(name, Entry(path.stem, USER_SCORE, str(path)), override=True)
    return gazetteer


def user_folder(project_path: str | Path) -> Path | None:
    """``gazetteers/`` next to the project file (None for an in-memory project)."""
    if str(project_path) == ":memory:":
        return None
    return Path(project_path).resolve().parent / USER_FOLDER


def project_gazetteer(project_path: str | Path, schema_labels: Iterable[str]) -> Gazetteer:
    """Built-in lists plus the user's files, the user's entries winning."""
    folder = user_folder(project_path)
    if folder is None or not folder.is_dir():
        return builtin_gazetteer()
    return builtin_gazetteer().extend(user_gazetteer(folder, schema_labels), override=True)
