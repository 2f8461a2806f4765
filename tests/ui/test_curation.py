"""The curator's view driven by keys: pre-accepted agreement, the queue, take / reject / edit, undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.model import GOLD, DocStatus, IncomingDocument
from annotator.store import Project

TEXT = "زار فلاديمير بوتين موسكو ثم التقى ستيف ويتكوف في الكرملين مع وزير الخارجية."


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


# who tagged what: three annotators, A = amal, B = badr, C = chadi (name order)
WORK = {
    "amal": [("فلاديمير بوتين", "PERS"), ("موسكو", "GPE"), ("ستيف ويتكوف", "PERS"), ("الكرملين", "ORG")],
    "badr": [("فلاديمير بوتين", "PERS"), ("موسكو", "LOC"), ("ستيف ويتكوف", "PERS"), ("الكرملين", "FAC")],
    "chadi": [("فلاديمير بوتين", "PERS"), ("موسكو", "GPE"), ("الكرملين", "ORG"), ("وزير الخارجية", "MISC")],
}


@pytest.fixture
def curated_project(tmp_path):
    path = tmp_path / "curate.hashiya"
    with Project.create(path) as project:
        outcomes, _ = project.add_documents([IncomingDocument("news", TEXT, "news.txt")])
        document_id = outcomes[0].document_id
        for name, spans in WORK.items():
            for word, label in spans:
                project.add_span(document_id, name, *at(word), label)
            project.set_status(document_id, name, DocStatus.DONE)
    project = Project.open(path)
    yield project, document_id
    project.close()


def gold(project: Project, document_id: str) -> set[tuple[str, str]]:
    return {(TEXT[s.start : s.end], s.label) for s in project.spans(document_id, GOLD)}


def open_curation(qtbot, project, document_id, annotators=None):
    from ui.curation.window import CurationWindow

    window = CurationWindow(project)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_document(document_id, annotators)
    window.view.setFocus()
    QApplication.processEvents()
    return window


def press(qtbot, window, *keys) -> None:
    for key in keys:
        if isinstance(key, tuple):
            qtbot.keyClick(window.view, key[0], key[1])
        else:
            qtbot.keyClick(window.view, key)


def test_keys_settle_three_annotators_into_gold(qtbot, curated_project) -> None:
    project, doc = curated_project
    window = open_curation(qtbot, project, doc)
    curation = window.curation
    assert [a.name for a in curation.sources] == ["amal", "badr", "chadi"]
    # what all three agree on is pre-accepted; four places differ, in text order
    assert gold(project, doc) == {("فلاديمير بوتين", "PERS")}
    assert [TEXT[i.start : i.end] for i in curation.items] == ["موسكو", "ستيف ويتكوف", "الكرملين", "وزير الخارجية"]
    assert window.queue.rowCount() == 4

    press(qtbot, window, Qt.Key.Key_N, Qt.Key.Key_A)  # موسكو: take amal's GPE
    assert ("موسكو", "GPE") in gold(project, doc)
    press(qtbot, window, Qt.Key.Key_N, Qt.Key.Key_X)  # ستيف ويتكوف: reject
    press(qtbot, window, Qt.Key.Key_N, Qt.Key.Key_B)  # الكرملين: take badr's FAC ...
    assert ("الكرملين", "FAC") in gold(project, doc)
    press(qtbot, window, (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier))  # ... undone
    assert gold(project, doc) == {("فلاديمير بوتين", "PERS"), ("موسكو", "GPE")}
    assert curation.open_count == 2

    press(qtbot, window, Qt.Key.Key_Tab)  # next open after الكرملين: وزير الخارجية
    assert TEXT[curation.current.start : curation.current.end] == "وزير الخارجية"
    press(qtbot, window, Qt.Key.Key_X)
    press(qtbot, window, Qt.Key.Key_Tab)  # wraps round to الكرملين, the only open one
    assert TEXT[curation.current.start : curation.current.end] == "الكرملين"
    press(qtbot, window, Qt.Key.Key_C)  # chadi's ORG
    press(qtbot, window, Qt.Key.Key_P, Qt.Key.Key_P)
    assert TEXT[curation.current.start : curation.current.end] == "موسكو"
    assert curation.open_count == 0
    press(qtbot, window, (Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier))

    expected = {("فلاديمير بوتين", "PERS"), ("موسكو", "GPE"), ("الكرملين", "ORG")}
    assert gold(project, doc) == expected
    assert project.status(doc, GOLD) == DocStatus.DONE
    # redo after undo and a new decision has nothing to redo; the store reopened agrees
    with Project.open(project.path) as again:
        assert {(TEXT[s.start : s.end], s.label) for s in again.spans(doc, GOLD)} == expected


def test_view_colours_spans_by_annotator_and_shows_gold(qtbot, curated_project) -> None:
    from ui.curation.layers import GOLD_COLOUR, colour

    project, doc = curated_project
    window = open_curation(qtbot, project, doc)
    marks = window.view.spans.all()
    by_tag = {(m.label, TEXT[m.start : m.end]): m.colour for m in marks}
    # agreed spans appear once, as gold; disagreements once per annotator, in that annotator's colour
    assert by_tag[("★ PERS", "فلاديمير بوتين")] == GOLD_COLOUR
    assert ("A PERS", "فلاديمير بوتين") not in by_tag
    assert by_tag[("A GPE", "موسكو")] == colour(0)
    assert by_tag[("B LOC", "موسكو")] == colour(1)
    assert by_tag[("C MISC", "وزير الخارجية")] == colour(2)
    assert len({colour(0), colour(1), colour(2), GOLD_COLOUR}) == 4
    window.hide_agreed.setChecked(False)  # every annotator's agreed spans too
    assert sum(1 for m in window.view.spans.all() if TEXT[m.start : m.end] == "فلاديمير بوتين") == 4
    window.findChild(type(window.hide_agreed), "legend_badr").setChecked(False)  # hide B's layer
    assert not [m for m in window.view.spans.all() if m.label.startswith("B ")]


def test_edit_gives_gold_the_curators_own_span(qtbot, curated_project) -> None:
    project, doc = curated_project
    window = open_curation(qtbot, project, doc, ["amal", "badr"])  # two sources: chadi left out
    assert [TEXT[i.start : i.end] for i in window.curation.items] == ["موسكو", "الكرملين"]
    press(qtbot, window, Qt.Key.Key_N, Qt.Key.Key_N)  # الكرملين
    start, end = at("الكرملين")
    window.view.select_range(start + 2, end - 1)  # inside the word: snaps to the clitic boundary («كرملين»)
    press(qtbot, window, Qt.Key.Key_E)
    menu = window.label_menu
    assert menu is not None and menu.isVisible()
    qtbot.keyClick(menu, Qt.Key.Key_2)  # ORG
    assert ("كرملين", "ORG") in gold(project, doc)
    assert window.curation.current.decided
    press(qtbot, window, (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier))
    assert ("كرملين", "ORG") not in gold(project, doc)
    press(qtbot, window, (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier))
    assert ("كرملين", "ORG") in gold(project, doc)


def test_relation_disagreement_and_arcs(qtbot, tmp_path) -> None:
    text = "قال بوتين إن روسيا مستعدة."
    with Project.create(tmp_path / "r.hashiya") as project:
        (outcome,), _ = project.add_documents([IncomingDocument("r", text, "r.txt")])
        doc = outcome.document_id
        for name in ("amal", "badr"):
            project.add_span(doc, name, text.index("بوتين"), text.index("بوتين") + 5, "PERS")
            project.add_span(doc, name, text.index("روسيا"), text.index("روسيا") + 5, "GPE")
            project.set_status(doc, name, DocStatus.DONE)
        head, tail = sorted(project.spans(doc, "amal"), key=lambda s: s.start)
        project.add_relation(head.id, tail.id, "leader_of")
        window = open_curation(qtbot, project, doc)
        [item] = window.curation.items
        assert item.kind == "relation"
        press(qtbot, window, Qt.Key.Key_N)
        assert [a.label for a in window.view.arcs.values()] == ["A: leader_of"]
        press(qtbot, window, Qt.Key.Key_A)
        [relation] = project.relations(doc, GOLD)
        spans = {s.id: text[s.start : s.end] for s in project.spans(doc, GOLD)}
        assert (spans[relation.head_id], relation.label, spans[relation.tail_id]) == ("بوتين", "leader_of", "روسيا")
        window.close()
