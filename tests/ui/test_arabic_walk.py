"""A walk through every window and dialog in Arabic: no English may be left on screen.

The walk opens what a user can open — the main window and its menus, Import, Export (and runs
one, for its summary), Merge, Annotators, Accept above a score, Pre-annotate, Train, About, the
keys help, Switch annotator, the Agreement window (with its plots' own text) and the curator's
view — and collects every text a user reads there: labels, buttons, group boxes, tabs, window
titles, menu items, table headers, combo items, plot text and tooltips of plots. Latin words are
allowed only where they are data or names: label and relation names, annotator and document
names, paths, shortcuts and key names, and the names of formats, tools and encodings.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QTabBar,
    QTableView,
    QWidget,
)

from annotator.model import DocStatus
from annotator.recommenders.camel_status import INSTALL_COMMAND
from annotator.store import Project
from ui.dialogs.import_dialog import ENCODINGS

from .test_curation_screenshot import build_team_project

# Names a translation keeps in Latin script: formats, tools, encodings, key names, the language
# menu's "English" (a language is listed under its own name), the "micro" average, F1.
NAMES = {
    "conll", "jsonl", "json", "html", "brat", "doccano", "label", "studio", "prodigy", "hugging", "face", "hf",
    "txt", "auto", "camel", "tools", "arabert", "ner", "crf", "utf", "windows", "cp1256", "iob1", "iob2",
    "bioes", "bilou", "docstart", "ctrl", "shift", "alt", "enter", "return", "esc", "tab", "backspace", "delete",
    "del", "pgup", "pgdown", "english", "micro", "f1", "gold",
}  # fmt: skip
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]+")
ISOLATES = re.compile("[\u2066-\u2069\u200e\u200f]")
PATH = re.compile(r"\S*[/\\]\S*")


def latin_leaks(texts: Iterable[tuple[str, str]], data: set[str]) -> list[tuple[str, str, str]]:
    """``(where, text, word)`` for each English word left in ``texts`` that is neither data nor a name."""
    allowed = {word.lower() for word in data} | NAMES
    leaks = []
    for where, text in texts:
        plain = PATH.sub(" ", ISOLATES.sub("", text.replace("&", "")))
        for word in LATIN_WORD.findall(plain):
            if word.lower() not in allowed:
                leaks.append((where, text, word))
    return leaks


# -- collecting what a user reads ------------------------------------------------------------


def widget_texts(root: QWidget) -> list[tuple[str, str]]:
    """Texts of the visible labels, buttons, group boxes, tabs, table headers and combo items."""
    name = root.objectName() or type(root).__name__
    out = [(f"{name} title", root.windowTitle())]
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        where = f"{name}/{widget.objectName() or type(widget).__name__}"
        if isinstance(widget, QLabel):
            out.append((where, _strip_html(widget.text())))
        elif isinstance(widget, QAbstractButton | QGroupBox):
            out.append((where, widget.text() if isinstance(widget, QAbstractButton) else widget.title()))
        elif isinstance(widget, QTabBar):
            out += [(where, widget.tabText(i)) for i in range(widget.count())]
        elif isinstance(widget, QComboBox):
            out += [(where, widget.itemText(i)) for i in range(widget.count())]
        elif isinstance(widget, QTableView) and widget.model() is not None:
            model = widget.model()
            out += [
                (where, str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
                for c in range(model.columnCount())
                if not widget.isColumnHidden(c)
            ]
        elif isinstance(widget, QPlainTextEdit):
            out += [(where, widget.toPlainText()), (where, widget.placeholderText())]
        if hasattr(widget, "svg") and widget.svg:  # the agreement plots: their own text and tooltips
            out += [(f"{where} plot", text) for text in svg_texts(widget.svg)]
    return out


def menu_texts(window: QMainWindow) -> list[tuple[str, str]]:
    """Every menu title and item; the part after a tab is the shortcut (allowed as it is)."""
    out = []
    menus = [(a.text(), a.menu()) for a in window.menuBar().actions() if isinstance(a.menu(), QMenu)]
    while menus:
        title, menu = menus.pop()
        out.append(("menu bar", title))
        for action in menu.actions():
            if action.isSeparator() or not action.isVisible():
                continue
            if isinstance(action.menu(), QMenu):
                menus.append((action.text(), action.menu()))
            else:
                out.append((f"menu {title}", action.text().split("\t")[0]))
    return out


def svg_texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return [element.text or "" for element in root.iter() if element.tag.endswith(("}text", "}title"))]


def _strip_html(text: str) -> str:
    text = re.sub(r'<li dir="ltr">.*?</li>', " ", text, flags=re.S)  # licence notices: quoted verbatim
    return re.sub(r"<[^>]+>", " ", text)


def modal_texts(qtbot, open_it: Callable[[], object]) -> list[tuple[str, str]]:
    """Open a modal dialog, read it while it is up, and close it (as Esc would)."""
    seen: list[tuple[str, str]] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, read_and_close)
            return
        seen.extend(widget_texts(box))
        if isinstance(box, QMessageBox | QDialog):
            box.reject()
        else:
            box.close()

    QTimer.singleShot(20, read_and_close)
    open_it()
    assert seen, "the dialog did not open"
    return seen


# -- the walk --------------------------------------------------------------------------------


def walk(qtbot, window, tmp_path) -> list[tuple[str, str]]:
    from ui.dialogs.menus import MultiAnnotator

    feature = window.findChild(MultiAnnotator)
    texts = widget_texts(window) + menu_texts(window)
    for name in ("import", "export", "merge", "annotators"):
        window.actions_by_name[name].trigger()
        dialog = feature.dialogs[name]
        qtbot.addWidget(dialog)
        texts += widget_texts(dialog)
    export = feature.dialogs["export"]
    export.status.setCurrentIndex(export.status.findData("all"))
    export.target.setText(str(tmp_path / "walk.conll"))
    qtbot.mouseClick(export.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: export.job is None, timeout=15_000)
    texts += [("export summary", export.summary.text)]
    for name in ("suggestion_threshold", "preannotate", "keys", "switch"):
        texts += modal_texts(qtbot, window.actions_by_name[name].trigger)
    window.actions_by_name["train"].trigger()
    texts += widget_texts(window.suggestions.training)
    window.actions_by_name["about"].trigger()
    texts += widget_texts(window.findChild(QMessageBox, "aboutBox"))
    window.actions_by_name["agreement"].trigger()
    agreement = feature.agreement
    qtbot.addWidget(agreement)
    qtbot.waitUntil(lambda: agreement.report is not None, timeout=15_000)
    texts += widget_texts(agreement)
    agreement.pair_choice.setCurrentIndex(1)  # one pair: the confusion plot names rows and columns
    texts += [(f"agreement {plot.objectName()} tip", tip) for plot in (agreement.pair_plot,) for _, tip in plot.regions]
    texts += widget_texts(agreement)
    window.actions_by_name["curate"].trigger()
    qtbot.addWidget(feature.curation)
    qtbot.waitUntil(feature.curation.isVisible, timeout=5_000)
    texts += widget_texts(feature.curation)
    return texts


def test_every_window_and_dialog_reads_in_arabic(qtbot, open_window, settings, tmp_path, seed_text) -> None:
    path = tmp_path / "team.hashiya"
    build_team_project(path, seed_text, names=("amal", "badr"))
    settings.language = "ar"
    with Project.open(path) as project:
        window = open_window(project, "amal")
        project.set_status(window.session.document_id, "amal", DocStatus.DONE)
        texts = walk(qtbot, window, tmp_path)
        schema = project.schema
        data = {
            *schema.label_names,
            *(t.name for t in schema.relations),
            *(a.name for a in project.annotators()),
            *(d.name for d in project.documents()),
            *(word for name in ENCODINGS for word in re.split(r"\W", name)),
            *INSTALL_COMMAND.split(),
        }
        assert len(texts) > 300, "the walk reached every window"
        leaks = latin_leaks(texts, data)
        report = "\n".join(f"{where}: {text!r} ({word})" for where, text, word in leaks)
        assert not leaks, f"English left in the Arabic interface:\n{report}"
