"""The news model's training data, in one tag set: ANERcorp train, AQMAR, the Wojood sample.

Every corpus is read with Hashiya's CoNLL reader and re-tokenized as the store does
(:meth:`DocumentInput.from_text`), so the model learns on the tokens it tags in projects. Labels
end up in :data:`NEWS_TAGS`, ANERcorp's four classes, because ANERcorp is the news and the biggest
corpus: a model trained on one consistent tag set does not learn contradictions.

- **ANERcorp** (CAMeL train split, ``train_docs.conll``): 189 articles (``-DOCSTART-``), PERS,
  LOC, ORG, MISC as they are. :func:`contiguous_folds` splits them for cross-validation into five
  blocks of consecutive articles (fold k = articles ``[k*n/5, (k+1)*n/5)``): news runs in article
  order, and the same story spans neighbouring articles.
- **AQMAR**: the training articles of :mod:`annotator.recommenders.aqmar` (its held-out articles
  stay out); PER → PERS, LOC, ORG as they are, MIS0–MIS3 → MISC (AQMAR's miscellaneous classes,
  split per article by subject: currencies, wars, theories, software; ANERcorp's MISC holds the same
  kinds of names, دولار, الحرب, اليورانيوم).
- **Wojood sample** (train, val and test files: it is training data here): nested, 21 types. Each
  nesting level's spans are mapped by :data:`WOJOOD_LABELS` and the outermost *mapped* span wins
  (a span inside a kept span is dropped, one inside a dropped OCC span is kept: «سكرتير اللجنة
  القومية العربية في نابلس» gives ORG and LOC). The map follows ANERcorp's conventions, not the
  project schema's finer types, so the corpora agree: GPE, LOC and FAC → LOC (ANERcorp's LOC holds
  countries, cities and places); EVENT and CURR → MISC (ANERcorp tags wars, championships and
  currencies MISC); NORP is dropped (ANERcorp leaves nationalities such as الإسرائيلي untagged),
  as are OCC, DATE, TIME, numbers, LAW, WEBSITE, LANGUAGE and the rest. ``$#$`` paragraph marks
  are removed.

The project schema has GPE and LOC: the model's LOC maps to GPE (:data:`labels.NEWS_LABELS`),
and a continent or region the gazetteer knows is turned into LOC (:func:`labels.refine_label`).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from fnmatch import fnmatchcase
from pathlib import Path

from annotator.errors import HashiyaError
from annotator.formats import ReadOptions
from annotator.recommenders.aqmar import load_articles
from annotator.recommenders.base import DocumentInput
from annotator.recommenders.crf_training import Example

NEWS_TAGS = ("PERS", "ORG", "LOC", "MISC")
ANERCORP_ATTRIBUTION = (
    "ANERcorp (Benajiba, Rosso and Benedí Ruiz, 2007/2008), CAMeL Lab train/test split (Obeid et al., 2020), "
    "CC BY-SA 4.0"
)
WIKIDATA_ATTRIBUTION = "Wikidata (CC0), via NETransliteration-COLING2018 (Ash et al.)"
ARABIC_NAMES_ATTRIBUTION = "arabic-names by AKhateeb (https://github.com/AKhateeb/arabic-names), MIT licence"
WOJOOD_ATTRIBUTION = "Wojood sample (Jarrar et al., LREC 2022), MIT licence (its hosting repository)"
WOJOOD_LABELS: dict[str, str] = {
    "PERS": "PERS",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "EVENT": "MISC",
    "CURR": "MISC",
}
WOJOOD_FILES = ("train.txt", "val.txt", "test.txt")
PARAGRAPH_MARK = "$#$"


def shared_data_dir() -> Path:
    """``../shared/data`` beside the checkout (``HASHIYA_SHARED_DIR`` points elsewhere)."""
    shared = os.environ.get("HASHIYA_SHARED_DIR")
    return (Path(shared) if shared else Path(__file__).resolve().parents[3] / "shared") / "data"


def anercorp_path() -> Path:
    return shared_data_dir() / "anercorp_camel" / "train_docs.conll"


def _read(path: Path, name: str) -> list[Example]:
    from annotator.formats.conll import read_conll

    if not path.is_file():
        raise HashiyaError(f"{path}: corpus not found (it is in ../shared/data)")
    documents = read_conll(path, ReadOptions(), name).documents
    return [
        Example(DocumentInput.from_text(d.text), tuple((s.start, s.end, s.label) for s in d.spans)) for d in documents
    ]


def load_anercorp(path: Path | None = None) -> list[Example]:
    """ANERcorp's train articles, in file order, labels as written (PERS, LOC, ORG, MISC)."""
    examples = _read(path or anercorp_path(), "anercorp")
    return [Example(e.document, tuple(s for s in e.spans if s[2] in NEWS_TAGS)) for e in examples]


def contiguous_folds(count: int, folds: int = 5) -> list[range]:
    """Fold ``k`` = items ``[k*count//folds, (k+1)*count//folds)``: contiguous, disjoint, covering all."""
    return [range(k * count // folds, (k + 1) * count // folds) for k in range(folds)]


def aqmar_news_label(label: str) -> str | None:
    if label in ("PER", "PERS"):
        return "PERS"
    if label in ("LOC", "ORG"):
        return label
    return "MISC" if fnmatchcase(label, "MIS*") else None


def relabelled(examples: Iterable[Example], relabel: Callable[[str], str | None]) -> list[Example]:
    """``examples`` with their labels mapped (None drops a span)."""
    out = []
    for example in examples:
        spans = tuple((s, e, new) for s, e, label in example.spans if (new := relabel(label)) is not None)
        out.append(Example(example.document, spans))
    return out


def load_aqmar(path: Path | None = None) -> tuple[list[Example], list[Example]]:
    """AQMAR ``(training, held-out)`` articles in the news tag set."""
    articles = load_articles(path)
    train = [a.example for a in articles if not a.heldout]
    heldout = [a.example for a in articles if a.heldout]
    return relabelled(train, aqmar_news_label), relabelled(heldout, aqmar_news_label)


def outermost(spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Mapped spans not inside another mapped span (the widest first)."""
    kept: list[tuple[int, int, str]] = []
    for start, end, label in sorted(spans, key=lambda s: (s[0], -s[1])):
        if kept and start < kept[-1][1]:
            continue  # inside (or overlapping) the last kept span
        kept.append((start, end, label))
    return kept


def load_wojood(folder: Path | None = None, files: Sequence[str] = WOJOOD_FILES) -> list[Example]:
    """The Wojood sample's files, one example each, outermost mapped spans (:data:`WOJOOD_LABELS`)."""
    folder = folder or shared_data_dir() / "wojood_sample"
    out: list[Example] = []
    for name in files:
        path = folder / name
        if not path.is_file():
            raise HashiyaError(f"{path}: Wojood sample not found (it is in ../shared/data/wojood_sample)")
        lines = path.read_text(encoding="utf-8").splitlines()
        cleaned = "\n".join("" if line.split(" ")[0] == PARAGRAPH_MARK else line for line in lines) + "\n"
        handle, temp = tempfile.mkstemp(suffix=".conll")
        os.close(handle)
        try:
            Path(temp).write_text(cleaned, encoding="utf-8")
            examples = _read(Path(temp), f"wojood-{name}")
        finally:
            Path(temp).unlink(missing_ok=True)
        for example in examples:
            mapped = [(s, e, WOJOOD_LABELS[label]) for s, e, label in example.spans if label in WOJOOD_LABELS]
            out.append(Example(example.document, tuple(outermost(mapped))))
    return out
