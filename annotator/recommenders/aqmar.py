"""The AQMAR corpus split into its articles, for training and evaluating the shipped model.

AQMAR (Mohit et al., EACL 2012; CC BY-SA 3.0) is 28 Arabic Wikipedia articles concatenated into
one CoNLL file: the article boundaries were lost. They were recovered by hand, once: a
lexical-cohesion scan (word overlap between the 15 sentences before and after each sentence)
proposed candidate boundaries, and each was checked by reading the sentences around it. Every
boundary kept is the first sentence of an article (its title or a definition of its subject,
e.g. «دمشق هي العاصمة السورية»). One boundary, between the Islamic Golden Age and Islamic history
articles, could not be placed with confidence, so those two articles form one segment: 27
segments. :data:`ARTICLE_STARTS` lists them by sentence number (0-based, blank-line separated)
with the words the sentence starts with, and :func:`load_articles` checks those words, so a
different corpus file fails loudly instead of splitting wrongly.

The held-out set is every fifth segment starting with the third (:data:`HELDOUT`): five whole
articles on different subjects (computers, a physicist, Islamic history, a football team, a
programmer), about 19 % of the tokens. Names repeat within an article far more than across
articles, so a split by article is the honest estimate; a random split of sentences is not.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from annotator.errors import HashiyaError
from annotator.formats import ReadOptions
from annotator.recommenders.base import DocumentInput
from annotator.recommenders.crf_training import Example

CORPUS_FILE = "AQMAR_Arabic_NER_corpus-1.0.txt"
ATTRIBUTION = (
    "AQMAR Arabic Wikipedia Named Entity Corpus, Behrang Mohit, Nathan Schneider, Rishav Bhowmick, "
    "Kemal Oflazer and Noah A. Smith, Carnegie Mellon University, CC BY-SA 3.0"
)
ARTICLE_STARTS: tuple[tuple[int, str, str], ...] = (
    (0, "الذرة هي", "Atom"),
    (119, "كرستيانو رونالدو", "Cristiano Ronaldo"),
    (172, "الحاسوب هو", "Computer"),
    (291, "برامج الكمبيوتر", "Computer software"),
    (385, "الحملات الصليبية", "Crusades"),
    (512, "دمشق هي", "Damascus"),
    (593, "إنريكو فيرمي", "Enrico Fermi"),
    (660, "كرة القدم رياضة", "Football"),
    (756, "مسجد ابن طولون", "Ibn Tulun Mosque"),
    (813, "تقع الروضة الحسينية", "Imam Hussein Shrine"),
    (870, "الإنترنت (", "Internet"),
    (961, "العصر الذهبي للإسلام", "Islamic Golden Age and Islamic history"),
    (1077, "الضوء هو", "Light"),
    (1239, "جنو / لينكس", "Linux"),
    (1303, "الطاقة النووية هي", "Nuclear power"),
    (1427, "الجدول الدوري", "Periodic table"),
    (1623, "الفيزياء (", "Physics"),
    (1739, "منتخب البرتغال", "Portugal national football team"),
    (1838, "راؤول غونزاليس", "Raúl González"),
    (1876, "أبو بكر محمد بن يحيى", "Al-Razi"),
    (2002, "ريال مدريد (", "Real Madrid"),
    (2091, "ريتشارد ستالمان", "Richard Stallman"),
    (2179, "تعتبر بطولة كأس العالم", "FIFA World Cup"),
    (2245, "مقدمة تاريخية عن نظام التشغيل سولاريس", "Solaris"),
    (2384, "أقيمت الألعاب الأولمبية", "2004 Summer Olympics"),
    (2446, "الجامع الأموي", "Umayyad Mosque"),
    (2527, "في الحوسبة ، يوفر نظام النوفذة", "X Window System"),
)
HELDOUT = frozenset(range(2, len(ARTICLE_STARTS), 5))


def aqmar_relabel(label: str) -> str | None:
    """The shipped model's tag set: PER, LOC, ORG. AQMAR's MIS0–MIS3 classes are article-specific
    (electrons in the atom article, operating systems in the Linux one) and are left out."""
    return label if label in ("PER", "LOC", "ORG") else None


@dataclass(frozen=True)
class Article:
    number: int
    title: str
    example: Example

    @property
    def heldout(self) -> bool:
        return self.number in HELDOUT


def default_corpus_path() -> Path:
    return Path(__file__).resolve().parents[3] / "shared" / "data" / "aqmar" / CORPUS_FILE


def load_articles(path: Path | None = None) -> list[Article]:
    """AQMAR's articles, each a document (its sentences as lines) with AQMAR's spans."""
    from annotator.formats.conll import read_conll

    path = path or default_corpus_path()
    if not path.is_file():
        raise HashiyaError(f"{path}: AQMAR corpus not found (it is in ../shared/data/aqmar)")
    (document,) = read_conll(path, ReadOptions(), "aqmar").documents
    lines = document.text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    for number, words, title in ARTICLE_STARTS:
        if number >= len(lines) or not lines[number].startswith(words):
            raise HashiyaError(f"{path}: sentence {number} should start article {title!r} ({words}…)")
    bounds = [n for n, _w, _t in ARTICLE_STARTS] + [len(lines)]
    articles = []
    for index, (first, last) in enumerate(pairwise(bounds)):
        begin = starts[first]
        end = starts[last - 1] + len(lines[last - 1])
        text = document.text[begin:end]
        spans = tuple(
            (s.start - begin, s.end - begin, s.label) for s in document.spans if begin <= s.start and s.end <= end
        )
        articles.append(Article(index, ARTICLE_STARTS[index][2], Example(DocumentInput.from_text(text), spans)))
    return articles


def split(articles: list[Article]) -> tuple[list[Example], list[Example]]:
    """``(training, held-out)`` examples."""
    train = [a.example for a in articles if not a.heldout]
    heldout = [a.example for a in articles if a.heldout]
    return train, heldout
