"""Single-letter commands work with an Arabic keyboard layout active: one map, every letter, each window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from annotator.model import GOLD, DocStatus, IncomingDocument
from annotator.store import Project
from ui.keymap import latin_key

# the standard Arabic (101) keyboard, row by row, as printed on the keys (written out here, not derived)
ROWS = [
    ("QWERTYUIOP", ["ض", "ص", "ث", "ق", "ف", "غ", "ع", "ه", "خ", "ح"]),
    ("ASDFGHJKL", ["ش", "س", "ي", "ب", "ل", "ا", "ت", "ن", "م"]),
    ("ZXCVBNM", ["ئ", "ء", "ؤ", "ر", "لا", "ى", "ة"]),
]
RULES = [(arabic, latin) for keys, letters in ROWS for latin, arabic in zip(keys, letters, strict=True)]


@pytest.mark.parametrize(("typed", "latin"), RULES, ids=[latin for _, latin in RULES])
def test_each_arabic_letter_names_the_key_it_sits_on(typed: str, latin: str) -> None:
    assert latin_key(typed) == latin


@pytest.mark.parametrize(
    ("typed", "latin"),
    [
        ("\ufefb", "B"),  # X11 types lam-alef as one ligature
        ("n", None),  # Latin text is matched by key code, not here
        ("N", None),
        ("١", None),  # digits are label keys, not letters
        ("", None),
        ("أ", None),  # a shifted letter is no command key
    ],
)
def test_other_text_is_not_a_letter_key(typed: str, latin: str | None) -> None:
    assert latin_key(typed) == latin


def type_one_key(widget, text: str) -> None:
    """One key press whose text is ``text`` (lam-alef is two letters from one key)."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, text))
    QApplication.processEvents()


def test_arabic_r_starts_a_relation_from_the_selected_span(window, qtbot, gestures, seed_text) -> None:
    start = seed_text.index("فلاديمير بوتين")
    gestures.drag_select(window.view, start, start + len("فلاديمير بوتين"))
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    putin = window.session.selected_span
    assert putin is not None and window.controller.relation_head is None
    type_one_key(window.view, "ق")  # R on an Arabic layout
    assert window.controller.relation_head == putin
    assert window.view.pending_head == putin


TEXT = "زار فلاديمير بوتين موسكو ثم التقى وفدا في الكرملين."


@pytest.fixture
def two_disagreements(tmp_path):
    """amal and badr agree on بوتين and differ on موسكو and الكرملين."""
    path = tmp_path / "keys.hashiya"
    work = {
        "amal": [("فلاديمير بوتين", "PERS"), ("موسكو", "GPE"), ("الكرملين", "ORG")],
        "badr": [("فلاديمير بوتين", "PERS"), ("موسكو", "LOC"), ("الكرملين", "FAC")],
    }
    with Project.create(path) as project:
        outcomes, _ = project.add_documents([IncomingDocument("news", TEXT, "news.txt")])
        document_id = outcomes[0].document_id
        for name, spans in work.items():
            for word, label in spans:
                start = TEXT.index(word)
                project.add_span(document_id, name, start, start + len(word), label)
            project.set_status(document_id, name, DocStatus.DONE)
    project = Project.open(path)
    yield project, document_id
    project.close()


def test_curator_decides_with_arabic_letters(qtbot, two_disagreements) -> None:
    from ui.curation.window import CurationWindow

    project, document_id = two_disagreements
    window = CurationWindow(project)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_document(document_id, None)
    window.view.setFocus()
    for text in ("ى", "ش", "ى", "لا"):  # N, A (amal's موسكو), N, B (badr's الكرملين)
        type_one_key(window.view, text)
    gold = {(TEXT[s.start : s.end], s.label) for s in project.spans(document_id, GOLD)}
    assert gold == {("فلاديمير بوتين", "PERS"), ("موسكو", "GPE"), ("الكرملين", "FAC")}
