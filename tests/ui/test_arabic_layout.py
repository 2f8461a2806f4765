"""The Arabic window is mirrored as a whole, reads its shortcuts left to right, and never hides text.

- The document list sits where reading starts (right in Arabic) and the panels at the other
  end, after a language switch and after a start in Arabic with a layout saved in English;
  a layout the user made in Arabic comes back as they left it.
- Menu shortcuts read «Ctrl++», not «++Ctrl» (checked on the glyphs Qt lays out).
- The documents' progress text is never drawn under the bar's fill.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QWidget

from annotator.model import DocStatus
from annotator.store import Project
from ui.settings import Settings

from .conftest import SCREENSHOTS

LEFT, RIGHT = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea


def sides(window) -> dict[str, str]:
    """Which side of the document view each visible panel is on, as drawn."""
    QApplication.processEvents()
    view = window.centralWidget().geometry()
    out = {}
    for dock in window.docks:
        if dock.isVisible():
            box = dock.geometry()
            out[dock.objectName()] = (
                "right" if box.left() >= view.right() else "left" if box.right() <= view.left() else "?"
            )
    return out


MIRRORED = {"dock_documents": "right", "dock_labels": "left", "dock_entities": "left", "dock_relations": "left"}
ENGLISH = {"dock_documents": "left", "dock_labels": "right", "dock_entities": "right", "dock_relations": "right"}


def switch_language(window, qtbot, code: str) -> None:
    """What the menu does: the setting changes, then the app closes this window and builds a new one."""
    with qtbot.waitSignal(window.restartRequested, timeout=1000):
        window.actions_by_name[f"language_{code}"].trigger()
    window.close()


def test_switching_to_arabic_mirrors_the_panels(open_window, project_path, qtbot) -> None:
    with Project.open(project_path) as project:
        english = open_window(project)
        assert sides(english) == ENGLISH
        switch_language(english, qtbot, "ar")
        arabic = open_window(project)
        assert arabic.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert sides(arabic) == MIRRORED
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        assert arabic.grab().save(str(SCREENSHOTS / "arabic-after-switch.png"))
        switch_language(arabic, qtbot, "en")  # and back: English is English again
        assert sides(open_window(project)) == ENGLISH


def test_a_start_in_arabic_mirrors_the_layout_saved_in_english(open_window, project_path, settings) -> None:
    with Project.open(project_path) as project:
        english = open_window(project)
        english.docks[3].hide()  # the user closed the relations panel
        english.resizeDocks([english.docks[0]], [420], Qt.Orientation.Horizontal)  # and widened the list
        QApplication.processEvents()
        english.close()
        # what the old version left behind: the English layout saved under the Arabic language
        store = Settings().store
        store.setValue("window/state_ar", store.value("window/layout_ltr"))
        settings.language = "ar"
        arabic = open_window(project)
        assert sides(arabic) == {k: v for k, v in MIRRORED.items() if k != "dock_relations"}
        assert not arabic.docks[3].isVisible()  # the user's choices survive the mirroring
        assert abs(arabic.docks[0].width() - 420) <= 12


def test_a_layout_made_in_arabic_comes_back_as_it_was(open_window, project_path, settings) -> None:
    settings.language = "ar"
    with Project.open(project_path) as project:
        arabic = open_window(project)
        arabic.addDockWidget(LEFT, arabic.docks[0])  # the user wants the list on the left after all
        QApplication.processEvents()
        arabic.close()
        again = open_window(project)
        assert sides(again)["dock_documents"] == "left"


# -- shortcuts -------------------------------------------------------------------------------


def shown_left_to_right(text: str) -> str:
    """The characters of ``text`` in the order they appear on screen, left to right, in an RTL paragraph."""
    layout = QTextLayout(text, QFont())
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    layout.setTextOption(option)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    placed = []
    for i, char in enumerate(text):
        boxes = [run.boundingRect() for run in layout.glyphRuns(i, 1) if run.glyphIndexes()]
        if boxes and char not in "\u2066\u2067\u2068\u2069":
            placed.append((min(box.left() for box in boxes), char))
    return "".join(char for _, char in sorted(placed))


def menu_shortcuts(window) -> list[tuple[str, str]]:
    """(the shortcut, what the menu shows for it): the text after a tab, else the shortcut itself (QMenu's rule)."""
    out = []
    for top in window.menuBar().actions():
        for action in top.menu().actions() if isinstance(top.menu(), QMenu) else []:
            if action.shortcut().isEmpty():
                continue
            native = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            out.append((native, action.text().split("\t")[1] if "\t" in action.text() else native))
    return out


def test_menu_shortcuts_read_left_to_right_in_arabic(open_window, project_path, settings) -> None:
    settings.language = "ar"
    with Project.open(project_path) as project:
        window = open_window(project)
        shortcuts = menu_shortcuts(window)
        assert len(shortcuts) >= 8 and "Ctrl++" in [native for native, _ in shortcuts]
        for native, shown in shortcuts:
            on_screen = shown_left_to_right(shown)
            assert on_screen == native, f"{native} reads {on_screen}"
        size = window.settings.font_size
        window.actions_by_name["zoom_in"].trigger()  # the action (and its key) still works
        assert window.settings.font_size == size + 1


# -- progress ----------------------------------------------------------------------------------


def test_documents_progress_text_is_never_under_the_bar(open_window, project_path, settings) -> None:
    settings.language = "ar"
    with Project.open(project_path) as project:
        window = open_window(project)
        project.set_status(window.session.document_id, "layla", DocStatus.DONE)
        window.documents.update_progress()
        QApplication.processEvents()
        bar = window.documents.progress
        assert bar.value() == 1 and bar.maximum() == 2
        wanted = "أُنجز 1 من 2"
        showing = [w for w in window.documents.findChildren(QWidget) if w.isVisible() and wanted in _shown_text(w)]
        assert showing, "the progress text is shown"
        assert not bar.isTextVisible() or wanted not in bar.text(), "the bar draws no text over its fill"
        for widget in showing:
            assert widget.parentWidget() is bar.parentWidget()
            assert not widget.geometry().intersects(bar.geometry()), "the text sits beside the bar, not on it"


def _shown_text(widget: QWidget) -> str:
    if isinstance(widget, QLabel):
        return widget.text()
    if hasattr(widget, "isTextVisible") and widget.isTextVisible():
        return widget.text()
    return ""
