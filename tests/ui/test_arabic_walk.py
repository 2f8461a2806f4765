"""A walk through every window and dialog in Arabic: no English may be left on screen.

The walk opens what a user can open — the main window and its menus, Import, Export (and runs
one, for its summary), Merge, Annotators, Accept above a score, Pre-annotate, Train, About, the
keys help, Switch annotator, the Agreement window (with its plots' own text) and the curator's
view — and collects every text a user reads there: labels, buttons, group boxes, tabs, window
titles, menu items, table headers, combo items, tooltips, plot text and tooltips of plots. Latin
words are allowed only where they are data or names: label and relation names, annotator and
document names, paths, shortcuts and key names, and the names of formats, tools and encodings.
It then runs a real import and a real merge and reads their summaries: our own sentences are
Arabic with the nouns agreeing with their numbers; a file reader's note may stay in its own words,
but only as a left-to-right island (LRI…PDI).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
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

from annotator.recommenders.camel_status import INSTALL_COMMAND
from annotator.store import Project
from ui.dialogs.import_dialog import ENCODINGS
from ui.dialogs.team_windows import MultiAnnotator
from ui.suggestions.preannotate_dialog import PreannotateDialog

from .conftest import SCREENSHOTS
from .test_curation_screenshot import SECOND, build_team_project

# Names a translation keeps in Latin script: formats, tools, encodings, key names, the language
# menu's "English" (a language is listed under its own name), the "micro" average, F1.
NAMES = {
    "conll", "jsonl", "json", "html", "brat", "doccano", "label", "studio", "prodigy", "hugging", "face", "hf",
    "txt", "auto", "camel", "tools", "arabert", "ner", "crf", "utf", "windows", "cp1256", "iob1", "iob2",
    "bioes", "bilou", "docstart", "ctrl", "shift", "alt", "enter", "return", "esc", "tab", "backspace", "delete",
    "del", "pgup", "pgdown", "english", "micro", "f1", "gold", "bert",
}  # fmt: skip
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]+")
ISOLATES = re.compile("[\u2066-\u2069\u200e\u200f]")
PATH = re.compile(r"\S*[/\\]\S*")
QUOTED = re.compile("\u2066([^\u2066-\u2069]*)\u2069")  # a left-to-right island (LRI…PDI) holding no other
FSI, PDI = "\u2068", "\u2069"


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
        if widget.toolTip():  # disabled boxes say why they are off
            out.append((f"{where} tooltip", widget.toolTip()))
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
                if not action.isEnabled():  # a disabled entry says why in its tooltip
                    out.append((f"menu {title} tooltip", action.toolTip()))
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
    feature.switch_to("gold")  # Agreement and Curate are the curator's (blind annotation)
    window.actions_by_name["distribute"].trigger()
    texts += widget_texts(feature.dialogs["distribute"])
    window.actions_by_name["agreement"].trigger()
    agreement = feature.agreement
    qtbot.addWidget(agreement)
    qtbot.waitUntil(lambda: agreement.report is not None, timeout=15_000)
    texts += widget_texts(agreement)
    agreement.pair_choice.setCurrentIndex(1)  # one pair: the confusion plot names rows and columns
    texts += [(f"agreement {plot.objectName()} tip", tip) for plot in (agreement.pair_plot,) for _, tip in plot.regions]
    texts += widget_texts(agreement)
    window.actions_by_name["progress"].trigger()
    progress = feature.dialogs["progress"]
    qtbot.addWidget(progress)
    qtbot.waitUntil(lambda: progress.report is not None and progress.job is None, timeout=15_000)
    texts += widget_texts(progress) + [("progress trend tip", tip) for _, tip in progress.trend_plot.regions]
    window.actions_by_name["curate"].trigger()
    qtbot.addWidget(feature.curation)
    qtbot.waitUntil(feature.curation.isVisible, timeout=5_000)
    texts += widget_texts(feature.curation)
    texts += [("import summary", our_words(run_import(qtbot, feature.dialogs["import"], tmp_path / "incoming")))]
    merged = run_merge(qtbot, feature.dialogs["merge"], tmp_path / "teammate.hashiya", window.session.project)
    texts += [("merge summary", our_words(merged))]
    return texts


# -- real jobs and their summaries -------------------------------------------------------------


def screenshot(dialog: QWidget, name: str) -> None:
    """Saved for people to look at (build/screenshots/): the islands must read in order."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(SCREENSHOTS / name))


def line_starts(box: QPlainTextEdit, *lines: int) -> list[str]:
    """On which side of the summary box each line begins, as a reader sees it."""
    width = box.viewport().width()
    starts = [box.cursorRect(QTextCursor(box.document().findBlockByNumber(n))).center().x() for n in lines]
    return ["right" if x > width * 0.8 else "left" if x < width * 0.2 else "middle" for x in starts]


def reading_directions(box: QPlainTextEdit) -> list[Qt.LayoutDirection]:
    """How Qt lays out each line of the box (it guesses from the first letter unless told)."""
    document = box.document()
    return [document.findBlockByNumber(n).textDirection() for n in range(document.blockCount())]


def our_words(summary: str) -> str:
    """A summary without the file readers' notes: those are quoted in their own words, as islands."""
    return QUOTED.sub(" ", summary)


def open_dialog(window, name: str):
    """File → ``name`` (import, export, merge) as the menu opens it."""
    window.actions_by_name[name].trigger()
    return window.findChild(MultiAnnotator).dialogs[name]  # the window owns it and closes it


def run_job(qtbot, dialog) -> str:
    """Run the dialog's job as a click on its button would, and read the summary on screen."""
    qtbot.mouseClick(dialog.action_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.job is None, timeout=15_000)
    assert dialog.summary.isVisible()
    return dialog.summary.text


def import_inputs(folder: Path) -> list[Path]:
    """A CoNLL file the reader repairs (an entity opened by I-), a copy of an article already in the
    project, and a new article with Windows line ends: each leaves a note in the summary."""
    folder.mkdir()
    files = [folder / "news.conll", folder / "copy.txt", folder / "crlf.txt"]
    files[0].write_text("بوتين\tI-PERS\nفي\tO\nموسكو\tB-GPE\n.\tO\n", encoding="utf-8")
    files[1].write_text(SECOND, encoding="utf-8")
    files[2].write_bytes("سطر أول\r\nسطر ثان\r\n".encode())
    return files


def run_import(qtbot, dialog, folder: Path) -> str:
    dialog.files.clear()
    dialog.add_paths(import_inputs(folder))
    dialog.annotator.setCurrentText("amal")
    return run_job(qtbot, dialog)


def run_merge(qtbot, dialog, path: Path, project: Project) -> str:
    """Merge a teammate's copy of the team ``project``: chadi's work is new; amal's «موسكو» in the
    second article is LOC there and GPE here, a conflict."""
    seed = next(d.id for d in project.documents() if d.name == "seed")
    build_team_project(path, project.document(seed).text)
    with Project.open(path) as other:
        second = next(d.id for d in other.documents() if d.name == "second")
        [span] = other.spans(second, "amal")
        other.relabel_span(span.id, "LOC")
    dialog.files.clear()
    dialog.add_paths([path])
    return run_job(qtbot, dialog)


def allowed_words(project: Project) -> set[str]:
    """Latin words that are data or names here: labels, relation types, annotators, documents, ..."""
    schema = project.schema
    return {
        *schema.label_names,
        *(t.name for t in schema.relations),
        *(a.name for a in project.annotators()),
        *(d.name for d in project.documents()),
        *(word for name in ENCODINGS for word in re.split(r"\W", name)),
        *INSTALL_COMMAND.split(),
    }


def assert_arabic(texts: list[tuple[str, str]], project: Project) -> None:
    leaks = latin_leaks(texts, allowed_words(project))
    report = "\n".join(f"{where}: {text!r} ({word})" for where, text, word in leaks)
    assert not leaks, f"English left in the Arabic interface:\n{report}"


def test_every_window_and_dialog_reads_in_arabic(qtbot, arabic_team, tmp_path) -> None:
    window = arabic_team
    texts = walk(qtbot, window, tmp_path)
    assert len(texts) > 300, "the walk reached every window"
    assert_arabic(texts, window.session.project)


def test_import_summary_is_arabic_and_quotes_the_readers_notes_left_to_right(qtbot, arabic_team, tmp_path) -> None:
    incoming = tmp_path / "incoming"
    dialog = open_dialog(arabic_team, "import")
    lines = run_import(qtbot, dialog, incoming).split("\n")
    screenshot(dialog, "import-summary-ar.png")
    assert line_starts(dialog.summary, 0, 1) == ["right", "right"], "Arabic lines begin at the right"
    assert reading_directions(dialog.summary) == [Qt.LayoutDirection.RightToLeft] * len(lines), "path-first ones too"
    assert lines[:3] == [
        "اكتمل الاستيراد.",
        "أُضيف مستندان، مستند واحد موجود من قبل؛ كيانان، لا علاقات",  # two added (dual), one present, two spans
        f"{FSI}{incoming / 'copy.txt'}{PDI}: النص نفسه موجود في المشروع من قبل",
    ]
    notes = [QUOTED.fullmatch(line) for line in lines[3:]]
    assert len(notes) == 3 and all(notes), f"each reader's note is one left-to-right island: {lines[3:]}"
    conll = f"{incoming / 'news.conll'}: "
    assert {note[1] for note in notes} >= {
        "2 CRLF line endings changed to LF",
        f"{conll}tagging scheme IOB2 (detected)",
    }
    assert any(note[1].startswith(conll) and "(line 1)" in note[1] for note in notes), "the repair names its line"
    assert_arabic([("import summary", our_words("\n".join(lines)))], arabic_team.session.project)


def test_merge_summary_is_arabic_with_numbers_agreeing(qtbot, arabic_team, tmp_path) -> None:
    teammate = tmp_path / "teammate.hashiya"
    project = arabic_team.session.project
    dialog = open_dialog(arabic_team, "merge")
    lines = run_merge(qtbot, dialog, teammate, project).split("\n")
    screenshot(dialog, "merge-summary-ar.png")
    source = f"{FSI}{teammate}{PDI}"
    assert lines[:2] == [
        "اكتمل الدمج.",
        f"{source}: لم يُضف أي مستند، 3 مستندات موجودة هنا من قبل؛ أُضيف: {FSI}15 كيانًا، لا علاقات{PDI}؛ "
        "دُمج عمل 3 أزواج (موسِّم ومستند)، 5 أزواج موجودة من قبل؛ "
        f"موسِّمون جدد: {FSI}chadi{PDI}؛ تعارض واحد لم يُدمج",
    ]
    assert lines[2].startswith(f"تعارض: {source}: عمل {FSI}amal{PDI} في {FSI}'second'{PDI} مختلف هنا")
    assert_arabic([("merge summary", "\n".join(lines))], project)
    assert [s.label for s in project.spans(next(d.id for d in project.documents() if d.name == "second"), "amal")] == [
        "GPE"
    ], "the conflict left amal's own work as it was"


def test_disabled_recommenders_say_why_in_arabic(qtbot, open_window, settings, project_path, tmp_path) -> None:
    settings.language = "ar"
    with Project.open(project_path) as project:  # nothing tagged yet: string matching has nothing to learn
        window = open_window(project)
        window.suggestions.set_camel_model_dir(str(tmp_path / "no-camel-model"))
        dialog = PreannotateDialog(window.suggestions, window)  # what Pre-annotate opens (there: modal)
        qtbot.addWidget(dialog)
        dialog.show()
        off = {name: box.toolTip() for name, box in dialog.boxes.items() if not box.isEnabled()}
        assert set(off) == {"strings", "camel"}
        assert off["strings"] == "لا توسيمات بعد يُتاح لك التعلّم منها"
        assert off["camel"].startswith("التعرف على الكيانات في camel-tools غير متاح: ينقص")
        assert f"{FSI}مجلد النموذج{PDI}" in off["camel"], "what is missing, in Arabic"
        assert INSTALL_COMMAND in off["camel"], "and the command that installs it"
        assert_arabic([(f"{name} tooltip", tip) for name, tip in off.items()], project)
