"""The corpus concordance: every occurrence of a name in every document, whatever its diacritics,
alef forms or proclitics, with its context and the labels (and annotators) of the spans over it."""

from __future__ import annotations

import pytest

from annotator.concordance import Concordance
from annotator.model import GOLD, IncomingDocument
from annotator.store import Project

pytestmark = pytest.mark.both_backends  # tests taking a project run on SQLite and on a PostgreSQL server

FIRST = "قال الرئيس بُوتين إن موسكو ترحب.\nوزار بوتـــين بكين."
SECOND = "التقى ماكرون وبوتين في باريس، ثم عاد لبوتين بعد ذلك."
THIRD = "لا ذكر للاسم هنا."


@pytest.fixture
def project(new_project):
    with new_project() as project:
        project.add_documents(
            [
                IncomingDocument("a", FIRST, "a.txt"),
                IncomingDocument("b", SECOND, "b.txt"),
                IncomingDocument("c", THIRD, "c.txt"),
            ]
        )
        yield project


def ids(project: Project) -> dict[str, str]:
    return {d.name: d.id for d in project.documents()}


def at(text: str, word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return start, start + len(word)


def test_finds_every_spelling_and_strips_proclitics(project) -> None:
    hits = Concordance().search(project, "بوتين")
    where = [(h.document_name, h.start, h.end, h.text) for h in hits]
    assert where == [
        ("a", *at(FIRST, "بُوتين"), "بُوتين"),  # diacritics
        ("a", *at(FIRST, "بوتـــين"), "بوتـــين"),  # tatweel
        ("b", *at(SECOND, "بوتين"), "بوتين"),  # «وبوتين»: the hit starts after the و
        ("b", *at(SECOND, "بوتين", 1), "بوتين"),  # «لبوتين»
    ]
    first = hits[0]
    assert first.left == "قال الرئيس" and first.right == "إن موسكو ترحب."
    assert hits[1].left == "وزار"  # the context stops at the line break
    assert hits[2].left == "التقى ماكرون و"


def test_phrases_and_no_hits(project) -> None:
    hits = Concordance().search(project, "الرئيس بوتين")
    assert [(h.start, h.end) for h in hits] == [(FIRST.index("الرئيس"), at(FIRST, "بُوتين")[1])]
    assert Concordance().search(project, "كرملين") == []
    assert Concordance().search(project, "  ") == []


def test_reports_the_spans_over_each_hit_with_label_and_annotator(project) -> None:
    doc = ids(project)
    project.add_span(doc["a"], "layla", *at(FIRST, "بُوتين"), "PERS")
    project.add_span(doc["b"], "layla", *at(SECOND, "بوتين"), "ORG")
    project.add_span(doc["b"], "omar", *at(SECOND, "وبوتين"), "PERS")  # the clitic inside: a boundary variant
    project.add_span(doc["a"], GOLD, at(FIRST, "الرئيس")[0], at(FIRST, "بُوتين")[1], "PERS")
    concordance = Concordance()
    everyone = concordance.search(project, "بوتين")
    covers = [sorted((c.label, c.annotator, c.exact(h.start, h.end)) for c in h.spans) for h in everyone]
    assert covers == [
        [("PERS", GOLD, False), ("PERS", "layla", True)],
        [],
        [("ORG", "layla", True), ("PERS", "omar", False)],
        [],
    ]
    layla = concordance.search(project, "بوتين", layer="layla")  # blind: one layer only
    assert [[(c.label, c.annotator) for c in h.spans] for h in layla] == [
        [("PERS", "layla")],
        [],
        [("ORG", "layla")],
        [],
    ]
    assert all(not h.spans for h in concordance.search(project, "بوتين", layer="nobody"))


def test_limit_and_cancel(project) -> None:
    assert len(Concordance().search(project, "بوتين", limit=3)) == 3
    assert Concordance().search(project, "بوتين", cancelled=lambda: True) == []


def test_each_text_is_folded_once_and_only_documents_with_the_word_are_read_again(project, monkeypatch) -> None:
    concordance = Concordance()
    concordance.search(project, "بوتين")
    reads: list[str] = []
    real = project.document
    monkeypatch.setattr(project, "document", lambda document_id: reads.append(document_id) or real(document_id))
    assert len(concordance.search(project, "موسكو")) == 1
    assert reads == [ids(project)["a"]]  # texts are immutable: the folded ones answer for the others
    reads.clear()
    concordance.forget()
    concordance.search(project, "موسكو")
    assert sorted(reads) == sorted(ids(project).values())  # each read once: folded, and keyed if it has a hit
