"""Deciding suggestions by keyboard as an annotator does (N, P, Enter, Backspace, Shift+Enter, Ctrl+Z),
asserting on the store: accepted spans have origin ``suggestion``, rejections stay, undo restores."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.model import Origin
from annotator.recommenders.base import Prediction, Suggestion
from annotator.store import Project

from .conftest import ANNOTATOR

ENTER, BACKSPACE = Qt.Key.Key_Return, Qt.Key.Key_Backspace
SHIFT, CTRL = Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.ControlModifier

# (word, occurrence, label, score, source) — what the recommenders are made to suggest
SUGGESTED = [
    ("بوتين", "PERS", 0.92, "crf"),
    ("موسكو", "GPE", 0.95, "gazetteer"),
    ("أوكرانيا", "GPE", 0.90, "gazetteer"),
    ("الكرملين", "ORG", 0.55, "crf"),
    ("روسيا", "GPE", 0.60, "crf"),
]


def suggest(project: Project, document_id: str, text: str, entries=SUGGESTED) -> dict[str, tuple[int, int, str]]:
    """Store suggestions at the first occurrence of each word; returns word → (start, end, label)."""
    by_source: dict[str, list[Suggestion]] = {}
    keys = {}
    for word, label, score, source in entries:
        start = text.index(word)
        by_source.setdefault(source, []).append(Suggestion(start, start + len(word), label, score, source))
        keys[word] = (start, start + len(word), label)
    for source, suggestions in by_source.items():
        project.store_predictions(source, [Prediction(document_id, tuple(suggestions))])
    return keys


@pytest.fixture
def suggested(window, seed_text):
    """The window on the sample article with five suggestions; returns (window, word → key)."""
    project, document_id = window.session.project, window.session.document_id
    keys = suggest(project, document_id, seed_text)
    QApplication.processEvents()
    return window, keys


def spans(window):
    return window.session.project.spans(window.session.document_id, ANNOTATOR)


def pending(window):
    return [s.key for s in window.session.project.suggestions(window.session.document_id, ANNOTATOR)]


def current_key(window):
    mark = window.view.suggestions.get(window.view.current_suggestion)
    return None if mark is None else (mark.start, mark.end, mark.label)


def in_text_order(keys):
    return sorted(keys.values())


def test_suggestions_are_shown_dashed_with_source_and_score(suggested) -> None:
    window, keys = suggested
    view = window.view
    assert sorted((m.start, m.end, m.label) for m in view.suggestions.all()) == in_text_order(keys)
    assert all(m.style == "dashed" for m in view.suggestions.all())
    assert "5" in window.suggestions.count_label.text()
    start, end, _label = keys["موسكو"]
    view.scroll_to(start, end)
    view.viewport().repaint()
    [moscow] = [m for m in view.suggestions.all() if m.start == start]
    rects = view.suggestion_rects(moscow.key)
    assert rects and view.suggestions_at(rects[0].center()) == [moscow.key]
    assert "gazetteer" in view.suggestion_tips[moscow.key] and "0.95" in view.suggestion_tips[moscow.key]


def test_n_and_p_walk_the_suggestions_in_text_order(suggested, qtbot) -> None:
    window, keys = suggested
    view, order = window.view, in_text_order(keys)
    seen = []
    for _ in range(len(order)):
        qtbot.keyClick(view, Qt.Key.Key_N)
        seen.append(current_key(window))
    assert seen == order
    qtbot.keyClick(view, Qt.Key.Key_N)  # wraps around
    assert current_key(window) == order[0]
    qtbot.keyClick(view, Qt.Key.Key_P)
    assert current_key(window) == order[-1]
    qtbot.keyClick(view, Qt.Key.Key_P)
    assert current_key(window) == order[-2]
    assert any(view.viewport().rect().contains(r.toRect()) for r in view.suggestion_rects(view.current_suggestion))
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert view.current_suggestion is None
    assert spans(window) == [] and len(pending(window)) == 5  # moving decides nothing


def test_enter_accepts_the_current_suggestion_as_a_span(suggested, qtbot) -> None:
    window, keys = suggested
    view, order = window.view, in_text_order(keys)
    qtbot.keyClick(view, Qt.Key.Key_N)
    assert current_key(window) == order[0]
    qtbot.keyClick(view, ENTER)
    [span] = spans(window)
    assert (span.start, span.end, span.label, span.origin) == (*order[0], Origin.SUGGESTION)
    assert order[0] not in pending(window)
    assert current_key(window) == order[1]  # the cursor moved on to the next one
    assert (span.start, span.end) in {(m.start, m.end) for m in view.spans.all()}  # painted as a span now
    assert len(view.suggestions) == 4
    assert window.entity_model.rowCount() == 1


def test_backspace_rejects_and_the_rejection_stays(suggested, qtbot, project_path) -> None:
    window, keys = suggested
    view = window.view
    moscow = keys["موسكو"]
    qtbot.keyClick(view, Qt.Key.Key_N)
    while current_key(window) != moscow:
        qtbot.keyClick(view, Qt.Key.Key_N)
    qtbot.keyClick(view, BACKSPACE)
    project, document_id = window.session.project, window.session.document_id
    assert spans(window) == []  # rejecting creates nothing
    assert project.decisions(document_id, ANNOTATOR)[moscow] == "rejected"
    assert moscow not in pending(window)
    assert moscow not in {(m.start, m.end, m.label) for m in view.suggestions.all()}
    # still rejected after opening another document and coming back, and in a fresh connection
    window.step_document(1)
    window.step_document(-1)
    assert moscow not in {(m.start, m.end, m.label) for m in view.suggestions.all()}
    with Project.open(project_path) as again:
        assert moscow not in [s.key for s in again.suggestions(document_id, ANNOTATOR)]


def test_shift_enter_accepts_every_suggestion_of_the_label(suggested, qtbot) -> None:
    window, keys = suggested
    view = window.view
    qtbot.keyClick(view, Qt.Key.Key_N)
    while current_key(window)[2] != "GPE":
        qtbot.keyClick(view, Qt.Key.Key_N)
    qtbot.keyClick(view, ENTER, SHIFT)
    gpe = sorted(k for k in keys.values() if k[2] == "GPE")
    assert sorted((s.start, s.end, s.label) for s in spans(window)) == gpe
    assert all(s.origin == Origin.SUGGESTION for s in spans(window))
    assert sorted(pending(window)) == sorted(k for k in keys.values() if k[2] != "GPE")
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # one action: one undo brings all three back
    assert spans(window) == []
    assert len(pending(window)) == 5


def test_undo_restores_an_accepted_and_a_rejected_suggestion(suggested, qtbot) -> None:
    window, keys = suggested
    view, order = window.view, in_text_order(keys)
    qtbot.keyClick(view, Qt.Key.Key_N)
    qtbot.keyClick(view, ENTER)  # accept order[0]
    qtbot.keyClick(view, BACKSPACE)  # reject order[1]
    assert len(spans(window)) == 1 and len(pending(window)) == 3
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert order[1] in pending(window) and len(spans(window)) == 1
    assert order[1] in {(m.start, m.end, m.label) for m in view.suggestions.all()}
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert spans(window) == [] and sorted(pending(window)) == order
    assert len(view.spans) == 0 and len(view.suggestions) == 5
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)  # redo accepts it again
    assert [(s.start, s.end, s.label) for s in spans(window)] == [order[0]]


def test_backspace_without_a_current_suggestion_still_deletes_the_selected_span(suggested, qtbot, gestures) -> None:
    window, _keys = suggested
    view, text = window.view, window.session.text
    start = text.index("ستيف ويتكوف")
    gestures.drag_select(view, start, start + len("ستيف ويتكوف"))
    qtbot.keyClick(view, Qt.Key.Key_1)
    assert len(spans(window)) == 1 and window.session.selected_span is not None
    assert view.current_suggestion is None
    qtbot.keyClick(view, BACKSPACE)
    assert spans(window) == []
    assert len(pending(window)) == 5  # no suggestion was rejected


def test_selecting_a_span_leaves_the_suggestion_and_vice_versa(suggested, qtbot, gestures) -> None:
    window, _keys = suggested
    view, text = window.view, window.session.text
    start = text.index("ستيف ويتكوف")
    gestures.drag_select(view, start, start + 4)
    qtbot.keyClick(view, Qt.Key.Key_1)
    span_id = window.session.selected_span
    qtbot.keyClick(view, Qt.Key.Key_N)
    assert view.current_suggestion is not None and window.session.selected_span is None
    gestures.click_span(view, start, start + 4)
    assert window.session.selected_span == span_id and view.current_suggestion is None


def test_clicking_a_suggestion_makes_it_current_and_enter_accepts_it(suggested, qtbot, gestures) -> None:
    window, keys = suggested
    start, end, label = keys["الكرملين"]
    gestures.click_span(window.view, start, end)
    assert current_key(window) == (start, end, label)
    qtbot.keyClick(window.view, Qt.Key.Key_Enter)
    assert [(s.start, s.end, s.label) for s in spans(window)] == [(start, end, label)]


def test_tagging_over_a_suggestion_hides_it(suggested, qtbot, gestures) -> None:
    window, keys = suggested
    start, end, _label = keys["بوتين"]
    gestures.drag_select(window.view, start, end)
    qtbot.keyClick(window.view, Qt.Key.Key_9)  # MISC over the PERS suggestion: same offsets
    assert (start, end) not in {(m.start, m.end) for m in window.view.suggestions.all()}
    assert len(window.view.suggestions) == len(pending(window)) == 4


def test_accept_all_above_a_score(suggested, qtbot) -> None:
    window, keys = suggested
    from ui.suggestions.threshold import ThresholdDialog

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ThresholdDialog)
        dialog.spin.setValue(0.9)
        assert dialog.count.text().startswith("3 of 5")
        dialog.accept()

    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, answer)
    window.actions_by_name["suggestion_threshold"].trigger()
    accepted = sorted((s.start, s.end, s.label) for s in spans(window))
    assert accepted == sorted(k for w, k in keys.items() if w in ("بوتين", "موسكو", "أوكرانيا"))
    assert len(pending(window)) == 2


def test_arabic_keyboard_letters_move_too(suggested, qtbot, gestures) -> None:
    window, keys = suggested
    gestures.type_text(window.view, "ى")  # the N key on an Arabic layout
    assert current_key(window) == in_text_order(keys)[0]
    gestures.type_text(window.view, "ح")  # P: wraps to the last
    assert current_key(window) == in_text_order(keys)[-1]


def test_tooltip_names_sources_and_score(suggested) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    window, keys = suggested
    view = window.view
    start, end, _label = keys["الكرملين"]
    view.scroll_to(start, end)
    view.viewport().repaint()
    [mark] = [m for m in view.suggestions.all() if m.start == start]
    point = view.suggestion_rects(mark.key)[0].center().toPoint()
    port = view.viewport()
    QApplication.sendEvent(port, QHelpEvent(QEvent.Type.ToolTip, point, port.mapToGlobal(point)))
    assert QToolTip.isVisible()
    assert QToolTip.text() == "ORG? الكرملين — suggested by crf · score 0.55"
    QToolTip.hideText()


def test_a_label_key_accepts_the_current_suggestion_with_that_label(suggested, qtbot, gestures) -> None:
    window, keys = suggested
    kremlin = keys["الكرملين"]  # suggested ORG; the annotator means the building: FAC (key 5)
    gestures.click_span(window.view, kremlin[0], kremlin[1])
    assert current_key(window) == kremlin
    qtbot.keyClick(window.view, Qt.Key.Key_5)
    assert [(s.start, s.end, s.label, s.origin) for s in spans(window)] == [(*kremlin[:2], "FAC", Origin.SUGGESTION)]
    assert kremlin not in pending(window) and len(pending(window)) == 4
    assert current_key(window) not in (None, kremlin)  # moved on, like Enter
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)  # one action
    assert spans(window) == [] and kremlin in pending(window)


def identical_suggestions(project: Project, document_id: str, text: str) -> dict[str, list[tuple[int, int, str]]]:
    """«روسيا» suggested as GPE at every occurrence and once as LOC, «موسكو» once: word → keys."""
    russia, start = [], text.find("روسيا")
    while start >= 0:
        russia.append((start, start + len("روسيا")))
        start = text.find("روسيا", start + 1)
    moscow = text.index("موسكو")
    items = [Suggestion(s, e, "GPE", 0.7, "crf") for s, e in russia]
    items += [Suggestion(*russia[0], "LOC", 0.4, "crf"), Suggestion(moscow, moscow + 5, "GPE", 0.9, "crf")]
    project.store_predictions("crf", [Prediction(document_id, tuple(items))])
    return {
        "GPE": [(s, e, "GPE") for s, e in russia],
        "LOC": [(*russia[0], "LOC")],
        "other": [(moscow, moscow + 5, "GPE")],
    }


def test_shift_backspace_rejects_every_identical_suggestion_in_the_document(window, qtbot, seed_text) -> None:
    project, document_id = window.session.project, window.session.document_id
    made = identical_suggestions(project, document_id, seed_text)
    assert len(made["GPE"]) >= 3
    QApplication.processEvents()
    view = window.view
    qtbot.keyClick(view, Qt.Key.Key_N)
    while current_key(window) != made["GPE"][1]:
        qtbot.keyClick(view, Qt.Key.Key_N)
    qtbot.keyClick(view, BACKSPACE, SHIFT)
    assert sorted(pending(window)) == sorted(made["LOC"] + made["other"])  # same text, other label: kept
    decisions = project.decisions(document_id, ANNOTATOR)
    assert {k for k, d in decisions.items() if d == "rejected"} == set(made["GPE"])
    assert not {(m.start, m.end, m.label) for m in view.suggestions.all()} & set(made["GPE"])
    assert spans(window) == []
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # one action: one undo brings them all back
    assert sorted(pending(window)) == sorted(made["GPE"] + made["LOC"] + made["other"])


def test_the_menu_rejects_identical_suggestions_in_every_document(window, qtbot, seed_text) -> None:
    project, document_id = window.session.project, window.session.document_id
    second = next(d.id for d in project.documents() if d.id != document_id)
    second_text = project.document(second).text
    moscow_there = second_text.index("موسكو")
    there = (moscow_there, moscow_there + 5, "GPE")
    project.store_predictions("crf", [Prediction(second, (Suggestion(*there, 0.8, "crf"),))])
    made = identical_suggestions(project, document_id, seed_text)
    QApplication.processEvents()
    qtbot.keyClick(window.view, Qt.Key.Key_N)
    while current_key(window) != made["other"][0]:  # «موسكو» GPE here
        qtbot.keyClick(window.view, Qt.Key.Key_N)
    window.actions_by_name["suggestion_reject_same_project"].trigger()
    assert project.suggestions(second, ANNOTATOR) == []
    assert sorted(pending(window)) == sorted(made["GPE"] + made["LOC"])
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)  # both documents come back with one undo
    assert [s.key for s in project.suggestions(second, ANNOTATOR)] == [there]
    assert made["other"][0] in pending(window)
