"""The keyboard flow (N, P, Enter, Backspace, Shift+Enter, threshold) through the Qt-free cursor."""

from __future__ import annotations

from annotator.model import Origin
from annotator.recommenders.base import Prediction, Suggestion
from annotator.sessions.suggestions import SuggestionCursor
from annotator.store.changes import NO_CHANGE


def at(text: str, word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return start, start + len(word)


def setup(seeded):
    project, doc, text = seeded
    items = [
        (*at(text, "بوتين"), "PERS", 0.6),
        (*at(text, "كييف"), "GPE", 0.9),
        (*at(text, "موسكو"), "GPE", 0.95),
        (*at(text, "روسيا"), "GPE", 0.4),
    ]
    found = tuple(Suggestion(s, e, label, score, "crf") for s, e, label, score in items)
    project.store_predictions("crf", [Prediction(doc, found)])
    cursor = SuggestionCursor(project, doc, "alice")
    project.subscribe(cursor.follow)  # as the window does: the cursor follows changes, it never polls
    return project, doc, text, cursor


def word(s, text):
    return None if s is None else s.text_in(text)


def test_n_and_p_walk_the_pending_suggestions_in_text_order_and_wrap(seeded):
    _project, _doc, text, cursor = setup(seeded)
    assert cursor.current() is None
    assert [word(cursor.next(), text) for _ in range(5)] == ["بوتين", "كييف", "موسكو", "روسيا", "بوتين"]
    assert word(cursor.previous(), text) == "روسيا"
    assert word(cursor.previous(), text) == "موسكو"


def test_enter_accepts_and_moves_on_backspace_rejects(seeded):
    project, doc, text, cursor = setup(seeded)
    cursor.next()
    cursor.next()  # كييف
    change = cursor.accept()
    assert [s.text_in(text) for s in change.spans_added] == ["كييف"]
    assert word(cursor.current(), text) == "موسكو"  # the next one is current: Enter again takes it
    cursor.reject()
    assert word(cursor.current(), text) == "روسيا"
    assert [word(s, text) for s in cursor.pending()] == ["بوتين", "روسيا"]
    assert [(s.text_in(text), s.origin) for s in project.spans(doc, "alice")] == [("كييف", Origin.SUGGESTION)]
    project.undo("alice")  # the rejection of موسكو
    assert [word(s, text) for s in cursor.pending()] == ["بوتين", "موسكو", "روسيا"]


def test_nothing_selected_means_no_change(seeded):
    _project, _doc, _text, cursor = setup(seeded)
    assert cursor.accept() is NO_CHANGE
    assert cursor.reject() is NO_CHANGE
    assert cursor.accept_label() is NO_CHANGE


def test_shift_enter_accepts_every_suggestion_of_the_current_label(seeded):
    project, doc, text, cursor = setup(seeded)
    cursor.select_at(at(text, "موسكو")[0] + 2)  # a click inside «موسكو»
    change = cursor.accept_label()
    assert sorted(s.text_in(text) for s in change.spans_added) == ["روسيا", "كييف", "موسكو"]
    assert [word(s, text) for s in cursor.pending()] == ["بوتين"]
    assert word(cursor.current(), text) == "بوتين"
    assert len(project.spans(doc, "alice")) == 3
    project.undo("alice")  # one action: one undo takes all three back
    assert project.spans(doc, "alice") == []


def test_threshold_accepts_only_confident_suggestions(seeded):
    project, doc, text, cursor = setup(seeded)
    change = cursor.accept_above(0.9)
    assert sorted(s.text_in(text) for s in change.spans_added) == ["كييف", "موسكو"]
    assert [word(s, text) for s in cursor.pending()] == ["بوتين", "روسيا"]
    assert sorted(s.label for s in project.spans(doc, "alice")) == ["GPE", "GPE"]


def test_place_starts_navigation_from_the_text_cursor(seeded):
    _project, _doc, text, cursor = setup(seeded)
    cursor.place(at(text, "كييف")[1])
    assert word(cursor.next(), text) == "موسكو"
