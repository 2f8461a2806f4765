"""Small Arabic corpora for the consistency tests (shared by every tests/consistency/ file: read only).

``corpus_builder(texts)`` makes an in-memory project with those documents and returns a
:class:`SmallCorpus`, whose ``tag`` places a span by the text it covers (``nth`` picks among
repeats), so a test reads like the annotation it sets up. ``consistency_project`` is a ready
corpus: four news sentences tagged by two annotators and gold, with diacritics, tatweel, alef
variants, proclitics and a title, and a few deliberate inconsistencies:

- «بوتين» alone is PERS in alice's d1 and d5 but ORG in d3 (with diacritics): a variation;
- alice tagged «موسكو» (d1) and «موسـكو» (d3, tatweel) but not «وموسكو» in d3: a missed
  occurrence, and in d2 «الرئيس فلاديمير بوتين» with the title while d4 has «فلاديمير بوتين»;
- bob tagged «وموسكو» with its proclitic inside (against the default convention, proclitics out);
- gold tagged «القاهرة» GPE twice and «مطار القاهرة» FAC, the latter containing a third «القاهرة».
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from annotator.model import GOLD, IncomingDocument
from annotator.schema import LabelSchema
from annotator.store import Project

TEXTS = {
    "d1": "قال الرئيس فلاديمير بوتين إن موسكو لن تتراجع، وزار بوتين بكين أمس.",
    "d2": "وصل الرئيس فلاديمير بوتين إلى القاهرة، واستقبله الرئيس المصري في مطار القاهرة الدولي.",
    "d3": "أعلنت موسـكو اليوم أن بُوتِين سيزور إسطنبول، وفي وموسكو قال مسؤولون إن الزيارة مهمة.",
    "d4": "قالت الأمم المتحدة إن فلاديمير بوتين وأردوغان التقيا في اسطنبول على هامش القمة في القاهرة.",
    "d5": "والتقى بوتين وزير الخارجية في الكرملين.",
}


@dataclass
class SmallCorpus:
    """An in-memory project with named documents, and spans placed by the text they cover."""

    project: Project
    ids: dict[str, str]  # document name → id
    texts: dict[str, str]

    def find(self, doc: str, surface: str, nth: int = 0) -> tuple[int, int]:
        """``[start, end)`` of the ``nth`` occurrence of ``surface`` in document ``doc``."""
        text, start = self.texts[doc], -1
        for _ in range(nth + 1):
            start = text.index(surface, start + 1)
        return start, start + len(surface)

    def tag(self, doc: str, annotator: str, surface: str, label: str, nth: int = 0) -> str:
        """Tag the ``nth`` ``surface`` in ``doc`` as ``label`` for ``annotator``; the span's id."""
        start, end = self.find(doc, surface, nth)
        change = self.project.add_span(self.ids[doc], annotator, start, end, label)
        return change.spans_added[0].id

    def relate(self, head: str, tail: str, label: str) -> str:
        """A relation between two span ids; the relation's id."""
        return self.project.add_relation(head, tail, label).relations_added[0].id


@pytest.fixture
def corpus_builder() -> Iterator:
    """``corpus_builder(texts, schema=None)`` → a :class:`SmallCorpus` (projects closed at teardown)."""
    opened: list[Project] = []

    def build(texts: dict[str, str], schema: LabelSchema | None = None) -> SmallCorpus:
        project = Project.memory(schema)
        opened.append(project)
        incoming = [IncomingDocument(name, text, f"{name}.txt") for name, text in texts.items()]
        outcomes, _ = project.add_documents(incoming)
        return SmallCorpus(project, {o.name: o.document_id for o in outcomes}, dict(texts))

    yield build
    for project in opened:
        project.close()


@pytest.fixture
def consistency_project(corpus_builder) -> SmallCorpus:
    """The four-document corpus of this module's docstring, tagged by alice, bob and gold."""
    return tag_sample(corpus_builder(TEXTS))


def tag_sample(corpus: SmallCorpus) -> SmallCorpus:
    """Tag :data:`TEXTS` as this module's docstring says."""
    tag = corpus.tag
    tag("d1", "alice", "فلاديمير بوتين", "PERS")
    tag("d1", "alice", "موسكو", "GPE")
    tag("d1", "alice", "بوتين", "PERS", nth=1)
    tag("d2", "alice", "الرئيس فلاديمير بوتين", "PERS")
    tag("d2", "alice", "القاهرة", "GPE")
    tag("d3", "alice", "موسـكو", "GPE")
    tag("d3", "alice", "بُوتِين", "ORG")
    tag("d3", "alice", "إسطنبول", "GPE")
    tag("d4", "alice", "الأمم المتحدة", "ORG")
    tag("d4", "alice", "فلاديمير بوتين", "PERS")
    tag("d4", "alice", "اسطنبول", "GPE")
    tag("d5", "alice", "بوتين", "PERS")
    tag("d5", "alice", "الكرملين", "ORG")
    tag("d1", "bob", "موسكو", "GPE")
    tag("d3", "bob", "وموسكو", "GPE")
    tag("d3", "bob", "موسـكو", "GPE")
    tag("d2", GOLD, "القاهرة", "GPE")
    tag("d4", GOLD, "القاهرة", "GPE")
    tag("d2", GOLD, "مطار القاهرة", "FAC")
    return corpus
