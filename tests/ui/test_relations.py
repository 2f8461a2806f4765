"""Relations as a user makes them: R and a click, Tab and Enter, or a drag; only allowed types offered."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QApplication, QMenu

from .conftest import ANNOTATOR


def tag(window, qtbot, gestures, text: str, word: str, key: Qt.Key, occurrence: int = 0) -> str:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(word, start + 1)
    gestures.drag_select(window.view, start, start + len(word))
    qtbot.keyClick(window.view, key)
    return window.session.selected_span


def type_menu() -> QMenu | None:
    QApplication.processEvents()
    popup = QApplication.activePopupWidget()
    return popup if isinstance(popup, QMenu) else None


def offered(menu: QMenu) -> list[str]:
    return [a.data() for a in menu.actions()]


def relations(window) -> list[tuple[str, str, str]]:
    project, text = window.session.project, window.session.text
    spans = {s.id: s.text_in(text) for s in project.spans(window.session.document_id, ANNOTATOR)}
    return [(spans[r.head_id], r.label, spans[r.tail_id]) for r in project.relations(window.session.document_id)]


def test_r_then_click_offers_only_allowed_types_and_stores_the_choice(window, qtbot, gestures, seed_text) -> None:
    putin = tag(window, qtbot, gestures, seed_text, "فلاديمير بوتين", Qt.Key.Key_1)
    tag(window, qtbot, gestures, seed_text, "الكرملين", Qt.Key.Key_2)
    kremlin_span = window.session.project.span(window.session.selected_span)
    gestures.click_span(window.view, *_range(seed_text, "فلاديمير بوتين"))
    assert window.session.selected_span == putin
    qtbot.keyClick(window.view, Qt.Key.Key_R)
    gestures.click_span(window.view, kremlin_span.start, kremlin_span.end)
    menu = type_menu()
    assert menu is not None
    schema = window.session.project.schema
    assert offered(menu) == [r.name for r in schema.relation_types_for("PERS", "ORG")] == ["leader_of", "member_of"]
    qtbot.keyClick(menu, Qt.Key.Key_Down)
    qtbot.keyClick(menu, Qt.Key.Key_Return)
    assert relations(window) == [("فلاديمير بوتين", "member_of", "الكرملين")]
    assert window.relation_model.rowCount() == 1


def test_disallowed_pair_is_not_offered(window, qtbot, gestures, seed_text) -> None:
    tag(window, qtbot, gestures, seed_text, "فلاديمير بوتين", Qt.Key.Key_1)
    head = window.session.selected_span
    tag(window, qtbot, gestures, seed_text, "نوفمبر", Qt.Key.Key_8)  # DATE
    gestures.click_span(window.view, *_range(seed_text, "فلاديمير بوتين"))
    assert window.session.selected_span == head
    qtbot.keyClick(window.view, Qt.Key.Key_R)
    gestures.click_span(window.view, *_range(seed_text, "نوفمبر"))
    assert type_menu() is None
    assert "allows no relation from PERS to DATE" in window.statusBar().currentMessage()
    assert relations(window) == []


def test_keyboard_only_relation_with_tab_and_enter(window, qtbot, gestures, seed_text) -> None:
    tag(window, qtbot, gestures, seed_text, "ستيف ويتكوف", Qt.Key.Key_1)
    tag(window, qtbot, gestures, seed_text, "فلاديمير بوتين", Qt.Key.Key_1)
    qtbot.keyClick(window.view, Qt.Key.Key_Backtab)  # previous span: Witkoff (earlier in the text)
    qtbot.keyClick(window.view, Qt.Key.Key_R)
    qtbot.keyClick(window.view, Qt.Key.Key_Tab)  # the target: the next span, Putin
    qtbot.keyClick(window.view, Qt.Key.Key_Return)
    menu = type_menu()
    assert menu is not None and offered(menu) == ["met_with"]
    qtbot.keyClick(menu, Qt.Key.Key_Return)
    assert relations(window) == [("ستيف ويتكوف", "met_with", "فلاديمير بوتين")]


def test_drag_from_selected_span_to_another(window, qtbot, gestures, seed_text) -> None:
    tag(window, qtbot, gestures, seed_text, "موسكو", Qt.Key.Key_3, occurrence=1)  # in «وموسكو» at first
    moscow = window.session.project.span(window.session.selected_span)
    tag(window, qtbot, gestures, seed_text, "فلاديمير بوتين", Qt.Key.Key_1)
    putin = window.session.project.span(window.session.selected_span)
    view = window.view
    view.scroll_to(putin.start, moscow.end)
    QApplication.processEvents()
    start = gestures.char_point(view, (putin.start + putin.end) // 2, inside_next=True)
    end = gestures.char_point(view, (moscow.start + moscow.end) // 2, inside_next=True)
    gestures.drag(view, start, end)
    menu = type_menu()
    assert menu is not None and offered(menu) == ["leader_of", "attacked"]
    qtbot.keyClick(menu, Qt.Key.Key_Return)
    assert relations(window) == [("فلاديمير بوتين", "leader_of", "موسكو")]


def test_select_and_delete_relation_from_the_view_and_the_list(window, qtbot, gestures, seed_text) -> None:
    project, doc = window.session.project, window.session.document_id
    a = _add(project, doc, seed_text, "فلاديمير بوتين", "PERS")
    b = _add(project, doc, seed_text, "ستيف ويتكوف", "PERS")
    c = _add(project, doc, seed_text, "موسكو", "GPE")
    project.add_relation(b, a, "met_with")
    project.add_relation(a, c, "leader_of")
    QApplication.processEvents()
    assert window.relation_model.rowCount() == 2
    # from the list: select the first row, press Delete
    window.relations.setFocus()
    window.relations.setCurrentIndex(window.relation_model.index(0, 0))
    qtbot.keyClick(window.relations, Qt.Key.Key_Return)
    qtbot.keyClick(window.relations, Qt.Key.Key_Delete)
    assert relations(window) == [("فلاديمير بوتين", "leader_of", "موسكو")]
    # from the view: click the arc's label, press Delete; the spans stay
    window.view.scroll_to(0)
    window.view.viewport().repaint()
    [remaining] = project.relations(doc)
    box = window.view.arc_label_box(remaining.id)
    assert box is not None, "the arc is drawn"
    gestures.click(window.view, box.center().toPoint())
    assert window.session.selected_relation == remaining.id
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert relations(window) == []
    assert len(project.spans(doc, ANNOTATOR)) == 3


def _range(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def _add(project, doc: str, text: str, word: str, label: str) -> str:
    start, end = _range(text, word)
    return project.add_span(doc, ANNOTATOR, start, end, label).spans_added[0].id


def test_choosing_a_relation_in_the_list_brings_it_on_screen(window, qtbot, seed_text) -> None:
    project, doc = window.session.project, window.session.document_id
    head = project.add_span(doc, ANNOTATOR, seed_text.rindex("أوكرانيا"), seed_text.rindex("أوكرانيا") + 8, "GPE")
    tail = project.add_span(doc, ANNOTATOR, seed_text.rindex("موسكو"), seed_text.rindex("موسكو") + 5, "GPE")
    project.add_relation(head.spans_added[0].id, tail.spans_added[0].id, "part_of")
    window.resize(1000, 400)
    window.view.scroll_to(0)
    QApplication.processEvents()
    assert not window.view.span_on_screen(head.spans_added[0].id)
    window.relations.setFocus()
    window.relations.setCurrentIndex(window.relation_model.index(0, 0))
    qtbot.keyClick(window.relations, Qt.Key.Key_Return)
    assert window.view.span_on_screen(head.spans_added[0].id)
    assert window.session.selected_relation == project.relations(doc)[0].id


def _arc(window, head: str, tail: str):
    project, doc = window.session.project, window.session.document_id
    [relation] = [r for r in project.relations(doc) if (r.head_id, r.tail_id) == (head, tail)]
    painted = window.view.painted_arc(relation.id)
    assert painted is not None, "the arc is drawn"
    return painted


def _crossings(window, painted, ends: list[str]) -> list:
    """Points of the arc on the ink of a text line, except where it comes down onto its own spans."""
    from .marks_article import line_inks, samples

    view = window.view
    own = [r.adjusted(-2, 0, 2, 0) for key in ends for r in view.span_rects(key)]
    inks = line_inks(view)
    assert len(inks) >= 5, "several lines are on screen"
    return [
        p for p in samples(painted.path) if any(i.contains(p) for i in inks) and not any(r.contains(p) for r in own)
    ]


def test_an_arc_on_the_first_line_and_its_label_are_on_screen_and_clear_of_text(crowded) -> None:
    from .marks_article import line_inks

    window, ids = crowded
    head, tail = ids["فلاديمير بوتين"], ids["روسيا"]
    painted = _arc(window, head, tail)
    viewport = QRectF(window.view.viewport().rect())
    box = painted.label_box
    assert box.top() >= 0 and viewport.contains(box), f"«leader_of» is cut off: {box}"
    assert viewport.contains(painted.path.boundingRect())
    assert not any(box.intersects(ink) for ink in line_inks(window.view)), "the label covers text"
    assert _crossings(window, painted, [head, tail]) == []
    first_line_top = min(r.top() for r in window.view.span_rects(head))
    assert painted.path.boundingRect().bottom() <= first_line_top + 3, "the arc stays above its line"


def test_an_arc_to_a_later_paragraph_crosses_no_line_of_text(crowded) -> None:
    window, ids = crowded
    head, tail = ids["فلاديمير بوتين"], ids["الكرملين"]
    painted = _arc(window, head, tail)
    assert window.view.span_on_screen(tail)
    assert _crossings(window, painted, [head, tail]) == []
    assert painted.label_box.top() >= 0
    tip = painted.path.pointAtPercent(1.0)
    assert any(r.adjusted(0, -1, 0, 0).contains(tip) for r in window.view.span_rects(tail)), "it ends on its tail"
