"""The Arabic interface: every string translated (counted ones in all six Arabic plural forms),
placeholders intact, the window mirrored."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

from PySide6.QtCore import Qt

from annotator.exporting import EXPORTERS
from annotator.team.agreement.plots import LABEL_SERIES, PAIR_METRICS
from ui.i18n import plurals
from ui.i18n.ar import CATALOGUE

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "ui"
CORE_REPORTS = [
    ROOT / "annotator" / name
    for name in (
        "exporting/__init__.py",
        "team/agreement/plots.py",
        "team/progress_html.py",
        "importing.py",
        "team/merge.py",
        "wording.py",
        "recommenders/registry.py",
        "recommenders/camel_status.py",
        "recommenders/crf_training.py",
    )
]
ARABIC_FORMS = {"zero", "one", "two", "few", "many", "other"}


def source_strings() -> set[str]:
    """English strings the window translates: literals passed to tr(), menu Entry(), and tables of them."""
    found: set[str] = set()
    for path in UI.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                if name == "tr" and node.args and isinstance(node.args[0], ast.Constant):
                    found.add(node.args[0].value)
                if name == "Entry" and len(node.args) > 1 and isinstance(node.args[1], ast.Constant):
                    found.add(node.args[1].value)  # Entry(name, text, ...): the text is translated
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id in {"COLUMNS", "STATUS_TEXT", "KEYS_HELP"} for t in node.targets
            ):
                for sub in ast.walk(node.value):
                    if isinstance(sub, ast.Constant) and isinstance(sub.value, str) and re.search("[a-z]", sub.value):
                        found.add(sub.value)
    found |= {"Light", "Dark"}  # THEMES in ui/actions.py
    return found


def counted_strings() -> set[str]:
    """English sources of counted phrases: literals passed to trn() in ``ui/``."""
    found: set[str] = set()
    for path in UI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = getattr(node, "func", None) and getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name == "trn" and node.args and isinstance(node.args[0], ast.Constant):
                found.add(node.args[0].value)
    return found


def core_report_strings() -> tuple[set[str], set[str]]:
    """What the core words through ``say``: (plain templates, counted templates)."""
    plain, counted = set(), set()
    for path in CORE_REPORTS:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "say" and node.args:
                first = node.args[0]
                choices = [first.body, first.orelse] if isinstance(first, ast.IfExp) else [first]  # say(a if x else b)
                literals = {c.value for c in choices if isinstance(c, ast.Constant)}
                (counted if len(node.args) > 1 else plain).update(literals)
    plain |= {*PAIR_METRICS.values(), *LABEL_SERIES.values(), *(spec.description for spec in EXPORTERS.values())}
    return plain, counted


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_window_string_has_an_arabic_translation() -> None:
    missing = sorted(s for s in source_strings() if s not in CATALOGUE)
    assert not missing, f"untranslated: {missing}"


def test_placeholders_survive_translation() -> None:
    for english, arabic in CATALOGUE.items():
        assert fields(english) == fields(arabic), english


def test_every_counted_phrase_has_every_plural_form() -> None:
    plain, counted = core_report_strings()
    assert counted_strings() and counted
    for source in counted_strings() | counted:
        assert set(plurals.ARABIC.get(source, {})) == ARABIC_FORMS, source
        assert set(plurals.ENGLISH.get(source, {})) == {"one", "other"}, source
    assert sorted(s for s in plain if s not in CATALOGUE) == []


def test_plural_forms_keep_their_fields_and_show_the_number() -> None:
    for table in (plurals.ARABIC, plurals.ENGLISH):
        for source, forms in table.items():
            for category, text in forms.items():
                assert fields(text) <= fields(source), (source, category)
                if category in ("few", "many", "other"):  # «3 مستندات», «11 مستندًا», «100 مستند»: the digits show
                    assert "n" in fields(text), (source, category)


def test_arabic_window_is_mirrored_and_translated(open_window, project_path, settings) -> None:
    from annotator.store import Project

    settings.language = "ar"
    with Project.open(project_path) as project:
        window = open_window(project)
        assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
        titles = [a.text() for a in window.menuBar().actions()]
        assert titles[0] == CATALOGUE["&File"]
        docs = window.docks[0]
        assert window.dockWidgetArea(docs) == Qt.DockWidgetArea.RightDockWidgetArea  # reading starts on the right
        assert docs.windowTitle() == "المستندات"
        assert "المستند 1 من 2" in window.status_position.text()
