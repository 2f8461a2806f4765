"""The window feeds the annotator's activity: input in the view, documents opened, focus (issue 16).

A manual clock stands in for the real one: the test moves time by hand and never sleeps.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.store.activity import ManualClock
from annotator.team.progress_time import active_time

from .conftest import ANNOTATOR


def _key(window) -> None:
    QTest.keyClick(window.view, Qt.Key.Key_Right)


def _focus(window, focused: bool) -> None:
    kind = QEvent.Type.WindowActivate if focused else QEvent.Type.WindowDeactivate
    QApplication.sendEvent(window, QEvent(kind))


def test_input_documents_and_focus_make_the_active_time(window):
    project, feed = window.session.project, window.activity
    clock = feed.recorder.clock = ManualClock(int(time.time()) + 10_000)  # far from the real-time opening
    first, second = [d.id for d in project.documents()]
    assert window.session.document_id == first and feed.recorder.document_id == first
    _key(window)  # the first input after a long gap: nothing counts yet
    clock.advance(30)
    _key(window)
    clock.advance(30)
    project.add_span(first, ANNOTATOR, 0, 3, project.schema.labels[0].name)  # an action: heard by the recorder
    _focus(window, False)  # another program: the next two minutes never count
    clock.advance(120)
    _focus(window, True)
    clock.advance(10)
    _key(window)
    clock.advance(10)
    window.open_document(second)
    clock.advance(40)
    _key(window)
    clock.advance(400)  # longer than the idle gap
    _key(window)
    feed.recorder.flush()  # what the timer does within FLUSH_MS (an opening is kept, not written at once)
    start = clock.t - 1000  # the events of the manual clock (the window's opening was at the real time)
    events = [e for e in project.activity_events() if e.annotator_id == feed.recorder.annotator_id and e.at >= start]
    kinds = [e.kind for e in events]
    assert kinds == ["input", "input", "add_span", "blur", "focus", "input", "open", "input", "input"]
    timed = active_time(events, idle_seconds=300)
    who = feed.recorder.annotator_id
    assert timed.by_document[(who, first)] == 30 + 30 + 10 + 10
    assert timed.by_document[(who, second)] == 40
    assert [(a.kind, a.items, a.seconds) for a in timed.actions] == [("add_span", 1, 60)]


def test_keys_while_unfocused_mean_the_window_has_the_focus_and_closing_stops(window):
    project, feed = window.session.project, window.activity
    clock = feed.recorder.clock = ManualClock(int(time.time()) + 10_000)
    _focus(window, False)
    clock.advance(60)
    _key(window)  # only a focused window gets keys: focus comes first
    clock.advance(5)
    _key(window)  # within 10 s of the last row: kept pending, the earlier one dropped
    window.close()  # writes what is pending; the focus it then loses is not recorded
    events = [(e.kind, e.at - clock.t) for e in project.activity_events() if e.at >= clock.t - 1000]
    assert events == [("blur", -65), ("focus", -5), ("input", 0), ("close", 0)]
