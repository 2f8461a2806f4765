"""How the article is drawn: right-to-left paragraphs, bidi pieces, shaping kept, arcs far apart."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from annotator.model import IncomingDocument
from annotator.store import Project

from .conftest import ANNOTATOR


def glyphs_of_line(view, offset: int) -> list[tuple[int, ...]]:
    block = view.document().findBlock(view.offsets.to_utf16(offset))
    line = block.layout().lineForTextPosition(view.offsets.to_utf16(offset) - block.position())
    return [tuple(run.glyphIndexes()) for run in line.glyphRuns()]


def test_paragraph_starting_with_latin_stays_right_to_left(open_window) -> None:
    text = "CNN: قال فلاديمير بوتين إن المحادثات فشلت\n\nBBC"
    with Project.memory() as project:
        project.add_documents([IncomingDocument("latin", text, "latin.txt")])
        window = open_window(project)
        view = window.view
        QApplication.processEvents()
        right_edge = view.viewport().width() - view.document().documentMargin()
        for word in ("CNN", "BBC"):
            [rect] = view.text_geometry.rects(text.index(word), text.index(word) + 3)
            assert abs(rect.right() - right_edge) < 3, f"{word} starts its paragraph on the right"
        # «CNN:» is the first thing read: it sits right of the Arabic that follows it
        [arabic] = view.text_geometry.rects(text.index("قال"), text.index("قال") + 3)
        [latin] = view.text_geometry.rects(0, 3)
        assert latin.left() >= arabic.right() - 1


def test_a_range_split_by_bidi_is_two_boxes(window, seed_text) -> None:
    start = seed_text.index("17500 مستهلك") + 2  # «500 مستهلك»: part of the number, then Arabic
    end = seed_text.index("17500 مستهلك") + len("17500 مستهلك")
    window.view.scroll_to(start, end)
    QApplication.processEvents()
    pieces = window.view.text_geometry.rects(start, end)
    assert len(pieces) == 2
    number = window.view.text_geometry.rects(start - 2, start + 3)  # «17500» reads left to right
    assert len(number) == 1


def test_a_span_inside_a_word_leaves_its_shaping_and_ligatures_alone(window, seed_text) -> None:
    view, project, doc = window.view, window.session.project, window.session.document_id
    word = seed_text.index("الأمريكي")  # lam-alef ligature «لأ» at the span's edge
    view.scroll_to(word)
    QApplication.processEvents()
    before = glyphs_of_line(view, word)
    project.add_span(doc, ANNOTATOR, word + 2, word + len("الأمريكي"), "NORP")
    view.viewport().repaint()
    assert glyphs_of_line(view, word) == before
    boxes = view.text_geometry.rects(word + 2, word + len("الأمريكي"))
    whole = view.text_geometry.rects(word, word + len("الأمريكي"))
    assert len(boxes) == 1 and boxes[0].width() < whole[0].width()


def test_arc_between_spans_far_apart_is_drawn_from_either_end(window, seed_text) -> None:
    view, project, doc = window.view, window.session.project, window.session.document_id
    first = seed_text.index("ستيف ويتكوف")
    last = seed_text.rindex("بوتين")
    head = project.add_span(doc, ANNOTATOR, first, first + len("ستيف ويتكوف"), "PERS").spans_added[0]
    tail = project.add_span(doc, ANNOTATOR, last, last + 5, "PERS").spans_added[0]
    relation = project.add_relation(head.id, tail.id, "met_with").relations_added[0]
    window.resize(1000, 420)
    for offset in (first, last):
        view.scroll_to(offset)
        view.viewport().repaint()
        assert view.arc_label_box(relation.id) is not None, f"arc drawn with the screen at {offset}"


def test_a_span_wrapping_across_lines_is_a_box_per_line(window, seed_text) -> None:
    view, project, doc = window.view, window.session.project, window.session.document_id
    start = seed_text.index("لا يوجد")
    end = seed_text.index("موسكو", start) + 5  # the whole first sentence of the paragraph
    project.add_span(doc, ANNOTATOR, start, end, "EVENT")
    view.scroll_to(start, end)
    QApplication.processEvents()
    tops = {round(r.top()) for r in view.text_geometry.rects(start, end)}
    assert len(tops) >= 2
