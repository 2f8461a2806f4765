"""Fixtures for window tests: private settings, a project on disk, a shown window, and mouse helpers."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from annotator.model import IncomingDocument
from annotator.store import Project

ANNOTATOR = "layla"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


@pytest.fixture(autouse=True)
def private_settings(tmp_path, monkeypatch):
    """Never read or write the developer's real settings."""
    path = tmp_path / "settings.ini"
    monkeypatch.setenv("HASHIYA_SETTINGS", str(path))
    return path


def english_left_to_right() -> None:
    """Put the interface back in English, left to right (what a fresh start with default settings gives).

    The language (``ui.i18n``) and the application's layout direction are process-wide: a test that
    opens the Arabic window would otherwise leave every later test (a dialog built directly, a
    ``tr`` call) in Arabic and mirrored, so results would depend on the order tests run in.
    """
    from ui import i18n

    i18n.set_language("en")
    app = QApplication.instance()
    if isinstance(app, QApplication):
        i18n.install_qt_translator(app)  # in English: drops Qt's Arabic button texts
        app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


@pytest.fixture(autouse=True)
def fresh_language():
    """After each window test: English and left to right again (:func:`english_left_to_right`)."""
    yield
    english_left_to_right()


@pytest.fixture
def settings(private_settings):
    from ui.settings import Settings

    s = Settings()
    s.language = "en"
    s.theme = "light"
    return s


@pytest.fixture
def no_camel(tmp_path, settings):
    """camel-tools' model folder set to an empty folder: the model is missing."""
    folder = tmp_path / "no-model"
    folder.mkdir()
    settings.store.setValue("suggestions/camel_model_dir", str(folder))
    return folder


@pytest.fixture
def project_path(tmp_path, seed_text) -> Path:
    path = tmp_path / "p.hashiya"
    with Project.create(path) as project:
        project.add_documents(
            [IncomingDocument("seed", seed_text, "seed.txt"), IncomingDocument("second", "خبر ثان من موسكو.", "b.txt")]
        )
    return path


@pytest.fixture
def open_window(qtbot, settings):
    """``open_window(project)`` → a shown, active window as ANNOTATOR; closed after the test."""
    from ui.app import build_window

    made = []

    def make(project: Project, annotator: str = ANNOTATOR):
        window = build_window(project, annotator, settings)
        qtbot.addWidget(window)
        window.resize(1280, 820)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        window.view.setFocus()
        QApplication.processEvents()
        made.append(window)
        return window

    yield make
    for window in made:
        window.close()


@pytest.fixture
def window(open_window, project_path):
    project = Project.open(project_path)
    yield open_window(project)
    project.close()


@pytest.fixture
def arabic_team(open_window, settings, tmp_path, seed_text):
    """The Arabic window as amal on a project amal and badr annotated, amal's first document done
    (camel-tools' model not there): what the Arabic walk and the Arabic progress window read."""
    from annotator.model import DocStatus

    from .test_curation_screenshot import build_team_project  # imported here: that module imports this one

    path = tmp_path / "team.hashiya"
    build_team_project(path, seed_text, names=("amal", "badr"))
    settings.language = "ar"
    with Project.open(path) as project:
        window = open_window(project, "amal")
        project.set_status(window.session.document_id, "amal", DocStatus.DONE)
        window.suggestions.set_camel_model_dir(str(tmp_path / "no-camel-model"))  # the same on every machine
        yield window


@pytest.fixture
def crowded(open_window, tmp_path):
    """``(window, word → span id)``: the window on the crowded article (tests/ui/marks_article.py), at its top."""
    from .marks_article import build

    ids = build(tmp_path / "crowded.hashiya", ANNOTATOR)
    with Project.open(tmp_path / "crowded.hashiya") as project:
        window = open_window(project)
        window.view.scroll_to(0)
        QApplication.processEvents()
        window.view.viewport().repaint()
        yield window, ids


def char_point(view, offset: int, *, inside_next: bool) -> QPoint:
    """A viewport point on the character at ``offset`` (``inside_next``) or the one before it.

    The caret rectangle of a position sits between two glyphs; in right-to-left text the
    character after the position is to its left, so we step 3 px to that side.
    """
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.offsets.to_utf16(offset))
    rect = view.cursorRect(cursor)
    dx = -3 if inside_next else 3
    return QPoint(rect.center().x() + dx, rect.center().y())


def _send(widget, kind, pos: QPoint, buttons, modifiers=Qt.KeyboardModifier.NoModifier):
    button = Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
    global_pos = QPointF(widget.mapToGlobal(pos))
    event = QMouseEvent(kind, QPointF(pos), global_pos, button, buttons, modifiers)
    QApplication.sendEvent(widget, event)


def drag(view, start: QPoint, end: QPoint, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """Press at ``start``, move in steps, release at ``end`` — a user's mouse drag."""
    port = view.viewport()
    left = Qt.MouseButton.LeftButton
    _send(port, QEvent.Type.MouseButtonPress, start, left, modifiers)
    for i in range(1, 6):
        p = start + (end - start) * (i / 5)
        _send(port, QEvent.Type.MouseMove, QPoint(round(p.x()), round(p.y())), left, modifiers)
    _send(port, QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton, modifiers)
    QApplication.processEvents()


def letter_point(view, offset: int) -> QPoint:
    """The centre of the character at ``offset`` as drawn on screen."""
    rects = view.text_geometry.rects(offset, offset + 1)
    assert rects, f"character {offset} is not on screen"
    return rects[0].center().toPoint()


def drag_select(view, start: int, end: int, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """Select characters ``[start, end)`` with the mouse: press on the first letter, release on the last."""
    view.scroll_to(start, end)
    QApplication.processEvents()
    drag(view, letter_point(view, start), letter_point(view, end - 1), modifiers)


def click(view, point: QPoint, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    port = view.viewport()
    _send(port, QEvent.Type.MouseButtonPress, point, Qt.MouseButton.LeftButton, modifiers)
    _send(port, QEvent.Type.MouseButtonRelease, point, Qt.MouseButton.NoButton, modifiers)
    QApplication.processEvents()


def click_span(view, start: int, end: int) -> None:
    """Click in the middle of the text ``[start, end)``."""
    view.scroll_to(start, end)
    QApplication.processEvents()
    click(view, letter_point(view, (start + end) // 2))


def type_text(widget, text: str) -> None:
    """Type ``text`` as an Arabic keyboard would (QTest.keyClicks only knows Latin-1 keys)."""
    from PySide6.QtGui import QKeyEvent

    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))
    QApplication.processEvents()


class Gestures:
    """Mouse gestures for tests (a fixture, since test modules cannot import conftest)."""

    char_point = staticmethod(char_point)
    letter_point = staticmethod(letter_point)
    type_text = staticmethod(type_text)
    drag = staticmethod(drag)
    drag_select = staticmethod(drag_select)
    click = staticmethod(click)
    click_span = staticmethod(click_span)


@pytest.fixture
def gestures() -> type[Gestures]:
    return Gestures
