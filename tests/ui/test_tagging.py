"""Tagging spans as a user does: mouse or keyboard selection, label hotkeys; asserting on the store."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.model import IncomingDocument
from annotator.store import Project

from .conftest import ANNOTATOR


def stored(window) -> list[tuple[str, str]]:
    project, session = window.session.project, window.session
    return [(s.text_in(session.text), s.label) for s in project.spans(session.document_id, ANNOTATOR)]


def test_mouse_select_putin_and_press_pers_hotkey(window, qtbot, gestures, seed_text) -> None:
    start = seed_text.index("بوتين")
    gestures.drag_select(window.view, start, start + len("بوتين"))
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    spans = window.session.project.spans(window.session.document_id, ANNOTATOR)
    assert [(s.start, s.end, s.label) for s in spans] == [(start, start + 5, "PERS")]
    assert window.view.textCursor().hasSelection() is False  # cleared after tagging
    assert window.entity_model.rowCount() == 1


def test_offsets_are_code_points_after_an_emoji(open_window, qtbot, gestures, seed_text) -> None:
    text = "👨‍👩‍👧 " + seed_text  # 5 code points, 8 UTF-16 units before the article
    with Project.memory() as project:
        project.add_documents([IncomingDocument("emoji", text, "emoji.txt")])
        window = open_window(project)
        start = text.index("بوتين")
        gestures.drag_select(window.view, start, start + 5)
        qtbot.keyClick(window.view, Qt.Key.Key_1)
        [span] = project.spans(window.session.document_id, ANNOTATOR)
        assert (span.start, span.end) == (start, start + 5)
        assert text[span.start : span.end] == "بوتين"


def test_selection_inside_wa_moscow_snaps_to_moscow(window, qtbot, gestures, seed_text) -> None:
    word = seed_text.index("وموسكو")
    gestures.drag_select(window.view, word + 2, word + 6)  # «وسكو»: starts inside the word
    qtbot.keyClick(window.view, Qt.Key.Key_3)
    assert stored(window) == [("موسكو", "GPE")]


def test_alt_keeps_the_exact_characters(window, qtbot, gestures, seed_text) -> None:
    word = seed_text.index("وموسكو")
    gestures.drag_select(window.view, word + 2, word + 6, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(window.view, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert stored(window) == [("وسكو", "GPE")]


def test_shift_arrows_select_in_reading_order(window, qtbot, gestures, seed_text) -> None:
    start = seed_text.index("الكرملين")
    view = window.view
    view.scroll_to(start)
    gestures.click(view, gestures.char_point(view, start, inside_next=False))  # caret just before the word
    for _ in range(len("الكرملين")):
        qtbot.keyClick(view, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)  # left = onwards in Arabic
    qtbot.keyClick(view, Qt.Key.Key_2)
    assert stored(window) == [("الكرملين", "ORG")]


def test_nested_spans_are_each_selectable_relabel_and_delete(window, qtbot, gestures, seed_text) -> None:
    view = window.view
    outer = seed_text.index("فلاديمير بوتين")
    inner = outer + len("فلاديمير ")
    gestures.drag_select(view, outer, inner + 5)
    qtbot.keyClick(view, Qt.Key.Key_1)
    gestures.drag_select(view, inner, inner + 5)
    qtbot.keyClick(view, Qt.Key.Key_9)
    assert sorted(stored(window)) == [("بوتين", "MISC"), ("فلاديمير بوتين", "PERS")]
    project = window.session.project
    by_text = {s.text_in(seed_text): s.id for s in project.spans(window.session.document_id, ANNOTATOR)}
    gestures.click(view, view.rect().topLeft())  # plain text: nothing selected
    gestures.click_span(view, inner, inner + 5)
    assert window.session.selected_span == by_text["بوتين"]  # innermost first
    gestures.click_span(view, inner, inner + 5)
    assert window.session.selected_span == by_text["فلاديمير بوتين"]  # a second click reaches the outer one
    qtbot.keyClick(view, Qt.Key.Key_6)  # relabel the selected (outer) span
    assert sorted(stored(window)) == [("بوتين", "MISC"), ("فلاديمير بوتين", "NORP")]
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert stored(window) == [("بوتين", "MISC")]
    assert window.entity_model.rowCount() == 1


def test_palette_click_tags_the_selection(window, gestures, seed_text, qtbot) -> None:
    start = seed_text.index("أوروبا")
    gestures.drag_select(window.view, start, start + len("أوروبا"))
    qtbot.mouseClick(window.palette_panel.buttons["LOC"], Qt.MouseButton.LeftButton)
    assert stored(window) == [("أوروبا", "LOC")]


def test_hotkey_without_selection_tags_nothing_and_says_why(window, qtbot) -> None:
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    assert stored(window) == []
    assert "Select some text" in window.statusBar().currentMessage()


def test_entity_list_row_selects_and_scrolls_to_the_span(window, qtbot, seed_text) -> None:
    project, doc = window.session.project, window.session.document_id
    last = seed_text.rindex("بوكروفسك")
    project.add_span(doc, ANNOTATOR, last, last + len("بوكروفسك"), "GPE")
    project.add_span(doc, ANNOTATOR, 0, 3, "MISC")
    QApplication.processEvents()
    table = window.entities
    index = table.model().index(1, 0)  # text order: the second row is the last word of the article
    table.setFocus()
    table.setCurrentIndex(index)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    [span] = [s for s in project.spans(doc, ANNOTATOR) if s.start == last]
    assert window.session.selected_span == span.id
    assert window.view.span_rects(span.id), "the span is scrolled into view"
    bottom = window.view.viewport().height()
    assert all(0 <= r.top() <= bottom for r in window.view.span_rects(span.id))
    assert window.view.hasFocus(), "Enter on a row hands the keyboard to the document"
    qtbot.keyClick(window.view, Qt.Key.Key_1)  # so a label key relabels the span at once
    assert project.span(span.id).label == "PERS"


def test_entity_list_sorts_by_label_when_its_header_is_clicked(window, qtbot, seed_text) -> None:
    project, doc = window.session.project, window.session.document_id
    for word, label in (("موسكو", "GPE"), ("الكرملين", "ORG"), ("ستيف ويتكوف", "PERS"), ("أوروبا", "LOC")):
        start = seed_text.index(word)
        project.add_span(doc, ANNOTATOR, start, start + len(word), label)
    QApplication.processEvents()
    table = window.entities
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(1) + header.sectionSize(1) // 2
    from PySide6.QtCore import QPoint

    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    labels = [table.model().index(row, 1).data() for row in range(table.model().rowCount())]
    assert labels == sorted(labels) == ["GPE", "LOC", "ORG", "PERS"]
    # sorted, the list still follows the store, and selecting a span selects its row
    start = seed_text.index("كييف")
    project.add_span(doc, ANNOTATOR, start, start + len("كييف"), "FAC")
    QApplication.processEvents()
    labels = [table.model().index(row, 1).data() for row in range(table.model().rowCount())]
    assert labels == ["FAC", "GPE", "LOC", "ORG", "PERS"]
    for span in project.spans(doc, ANNOTATOR):
        window.controller.select_span(span.id)
        selected = [table.model().index(i.row(), 1).data() for i in table.selectionModel().selectedRows()]
        assert selected == [span.label]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    labels = [table.model().index(row, 1).data() for row in range(table.model().rowCount())]
    assert labels == ["PERS", "ORG", "LOC", "GPE", "FAC"]  # a second click: descending


def test_an_empty_project_opens_and_keys_do_nothing_harmful(open_window, qtbot) -> None:
    with Project.memory() as project:
        window = open_window(project)
        qtbot.keyClick(window.view, Qt.Key.Key_1)
        qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(window.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert window.status_position.text() == "No documents"
        assert project.stats()["spans_total"] == 0


def test_arabic_keyboard_digits_work_as_hotkeys(window, gestures, seed_text) -> None:
    start = seed_text.index("كييف")
    gestures.drag_select(window.view, start, start + 4)
    gestures.type_text(window.view, "٣")  # Arabic-Indic three, as an Arabic keyboard types it
    assert stored(window) == [("كييف", "GPE")]
