"""A change repaints only its band of the view, and the screen then is what a whole repaint draws.

Tagging a word, undoing it, selecting a span and a crowded line whose tags leave their room: after
each, the pixels on screen (Qt's backing store, not a fresh render) must equal those of a whole
repaint right after, and the tag must have repainted a band, not the whole view (issue 14).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QImage, QKeyEvent
from PySide6.QtWidgets import QApplication

from annotator.model import IncomingDocument, NewSpan
from annotator.store import Project

from .conftest import ANNOTATOR

LINE = "وفي برلين اجتمع وزراء خارجية الاتحاد الأوروبي لبحث العقوبات على موسكو وقال مصدر إن المفاوضات ستستمر."
CROWDED = "أ ب ت ث ج ح خ د ذ ر ز س ش ص ض ط ظ ع غ ف ق ك ل م ن ه و ي أ ب ت ث ج ح خ د ذ ر ز س ش"
TEXT = "\n\n".join([LINE] * 6 + [CROWDED] + [LINE] * 6)


class PaintRects(QObject):
    """The rectangles of the paint events a widget receives."""

    def __init__(self) -> None:
        super().__init__()
        self.rects = []

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.rects.append(event.rect())
        return False


def _screen(window) -> QImage:
    """What the document view shows now: the window's backing store (not a new render of it),
    cut to the view's viewport (the side lists repaint on their own timers). Events are processed
    until the zero-delay timers a paint may start (a whole repaint after a band) have run too."""
    for _ in range(3):
        QApplication.processEvents()
    viewport = window.view.viewport()
    origin = viewport.mapTo(window, viewport.rect().topLeft())
    image = window.screen().grabWindow(window.winId()).toImage()
    return image.copy(origin.x(), origin.y(), viewport.width(), viewport.height())


def _same_after_whole_repaint(window) -> bool:
    before = _screen(window)
    window.view.viewport().repaint()
    return before == _screen(window)


@pytest.fixture
def article(open_window, tmp_path):
    path = tmp_path / "bands.hashiya"
    with Project.create(path) as project:
        (doc_id,) = project.add_documents([IncomingDocument("bands", TEXT, "bands.txt")])[1].documents_added
        words = [(i, i + 1) for i, c in enumerate(TEXT) if c != " " and c != "\n" and TEXT.startswith(" ", i + 1)]
        crowded_at = TEXT.index(CROWDED)
        crowded = [(s, e) for s, e in words if crowded_at <= s < crowded_at + len(CROWDED)]
        spans = [NewSpan(s, e, label) for s, e in crowded for label in ("PERS", "ORG")]  # more tags than room
        first = TEXT.index("الاتحاد الأوروبي")
        spans += [NewSpan(first, first + len("الاتحاد الأوروبي"), "ORG"), NewSpan(first + 8, first + 16, "GPE")]
        project.add_spans(doc_id, ANNOTATOR, spans)
    with Project.open(path) as project:
        window = open_window(project)
        window.view.scroll_to(crowded_at)
        QApplication.processEvents()
        window.view.viewport().repaint()
        yield window, crowded_at


def _tag(window, start: int, end: int, key=Qt.Key.Key_1) -> None:
    window.view.select_range(start, end)
    QApplication.processEvents()
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(window.view, key_event(kind, key))
    QApplication.processEvents()


def key_event(kind, key, modifiers=Qt.KeyboardModifier.NoModifier) -> QKeyEvent:
    return QKeyEvent(kind, key, modifiers, chr(key) if key < 128 and not modifiers else "")


def test_a_tag_repaints_a_band_and_leaves_what_a_whole_repaint_draws(article) -> None:
    window, crowded_at = article
    view = window.view
    paints = PaintRects()
    view.viewport().installEventFilter(paints)
    word = TEXT.index("موسكو", crowded_at + len(CROWDED))
    _tag(window, word, word + len("موسكو"))
    spans = window.session.project.spans(window.session.document_id, ANNOTATOR)
    assert any((s.start, s.end) == (word, word + len("موسكو")) for s in spans)
    assert paints.rects and max(r.height() for r in paints.rects) < view.viewport().height() / 2
    assert _same_after_whole_repaint(window)


def test_undo_and_selection_and_a_crowded_line_leave_what_a_whole_repaint_draws(article) -> None:
    window, crowded_at = article
    view = window.view
    word = TEXT.index("برلين", crowded_at + len(CROWDED))
    _tag(window, word, word + len("برلين"))
    assert _same_after_whole_repaint(window)
    QApplication.sendEvent(view, key_event(QEvent.Type.KeyPress, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier))
    QApplication.processEvents()
    assert not any(s.start == word for s in window.session.project.spans(window.session.document_id, ANNOTATOR))
    assert _same_after_whole_repaint(window)
    # a one-letter word in the crowded line: its tag has no room left and goes elsewhere
    letter = crowded_at + CROWDED.index("ش ")
    window.session.project.remove_span(next(s.id for s in window.session.project.spans(
        window.session.document_id, ANNOTATOR) if s.start == letter))  # fmt: skip
    assert _same_after_whole_repaint(window)
    _tag(window, letter, letter + 1, Qt.Key.Key_2)
    assert _same_after_whole_repaint(window)
    first = TEXT.index("الاتحاد الأوروبي")
    span = next(s for s in window.session.project.spans(window.session.document_id, ANNOTATOR) if s.start == first)
    view.scroll_to(first)
    QApplication.processEvents()
    view.viewport().repaint()
    window.controller.select_span(span.id)
    assert _same_after_whole_repaint(window)
