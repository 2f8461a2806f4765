"""The Consistency queue driven as a linguist drives it, asserting on the store: F7 opens it on the
window annotator's findings; Shift+Enter relabels every occurrence in one action that the window's
Ctrl+Z takes back; Enter fixes one occurrence; Delete dismisses a finding, and it stays dismissed in
a new window; a click on an occurrence opens its document with exactly that occurrence selected."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.consistency.findings import CheckKind
from annotator.model import GOLD, IncomingDocument
from annotator.store import Project
from ui.consistency.queue_dock import EVERYONE
from ui.consistency.queue_model import LABEL

from .conftest import ANNOTATOR

NAME = "بوتين"
TEXTS = ("قال بوتين إن موسكو ترحب.", "وصل بوتين إلى بكين أمس.", "التقى ماكرون بوتين في باريس.", "أعلن بوتين خطة جديدة.")
LABELS = ("PERS", "PERS", "PERS", "ORG")  # «بوتين» PERS ×3, ORG ×1: the ORG is the likely error
MORE_TEXTS = (*TEXTS, "ثم عاد بوتين إلى موسكو.", "وقال بوتين كلمة.", "رحب بوتين بالضيوف.")
MORE_LABELS = (*LABELS, "ORG", "PERS", "PERS")  # PERS ×5, ORG ×2: two occurrences to fix at once
SHIFT, CTRL = Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.ControlModifier


def build(project: Project, texts: tuple[str, ...] = TEXTS, labels: tuple[str, ...] = LABELS) -> list[str]:
    """A document per text, «بوتين» tagged in each by ANNOTATOR; the document ids in order."""
    project.add_documents([IncomingDocument(f"d{i}", text, f"d{i}.txt") for i, text in enumerate(texts)])
    ids = [d.id for d in project.documents()]
    for document_id, text, label in zip(ids, texts, labels, strict=True):
        start = text.index(NAME)
        project.add_span(document_id, ANNOTATOR, start, start + len(NAME), label)
    return ids


@pytest.fixture
def on_disk(tmp_path):
    path = tmp_path / "variation.hashiya"
    with Project.create(path) as project:
        build(project)
    return path


@pytest.fixture
def two_to_fix(tmp_path):
    path = tmp_path / "two.hashiya"
    with Project.create(path) as project:
        build(project, MORE_TEXTS, MORE_LABELS)
    return path


def labels(project: Project) -> list[str]:
    return [s.label for d in project.documents() for s in project.spans(d.id, ANNOTATOR)]


def open_queue(window, qtbot):
    """F7, as the user presses it; waits for the checks' worker to report."""
    QTest.keyClick(window, Qt.Key.Key_F7)
    queue = window.consistency.queue
    assert window.consistency.queue_dock.isVisible() and queue.dock.tree.hasFocus()
    wait_for_run(queue, qtbot)
    return queue


def wait_for_run(queue, qtbot) -> None:
    qtbot.waitUntil(
        lambda: queue.job is not None and not queue.job.running and not queue.timer.isActive(), timeout=20000
    )


def test_fix_all_is_one_action_that_ctrl_z_undoes(open_window, on_disk, two_to_fix, qtbot) -> None:
    with Project.open(on_disk) as project:
        window = open_window(project)
        queue = open_queue(window, qtbot)
        model, tree = queue.model, queue.dock.tree
        assert [f.summary for f in model.findings] == [f"«{NAME}»: PERS ×3, ORG ×1"]
        assert queue.dock.status.text() == "Findings: 1"
        assert not queue.dock.layer.isVisible()  # blind: an annotator checks their own layer only
        assert model.index(3, LABEL, model.index(0, 0)).data() == "ORG → PERS"
        QTest.keyClick(tree, Qt.Key.Key_Return, SHIFT)
        assert labels(project) == ["PERS"] * 4
        assert model.rowCount() == 0  # the fixed finding leaves the queue at once
        QTest.keyClick(tree, Qt.Key.Key_Z, CTRL)  # the window's undo, from the queue
        assert labels(project) == list(LABELS)
        wait_for_run(queue, qtbot)  # the change bus re-ran the checks
        assert [f.summary for f in model.findings] == [f"«{NAME}»: PERS ×3, ORG ×1"]
        window.close()
    with Project.open(two_to_fix) as project:
        window = open_window(project)
        queue = open_queue(window, qtbot)
        assert len(queue.model.findings[0].fixes) == 2
        QTest.keyClick(queue.dock.tree, Qt.Key.Key_Return, SHIFT)
        assert labels(project) == ["PERS"] * 7
        QTest.keyClick(queue.dock.tree, Qt.Key.Key_Z, CTRL)
        assert labels(project) == list(MORE_LABELS)  # one action: one Ctrl+Z takes both fixes back


def test_a_dismissed_finding_stays_dismissed_in_a_new_window(open_window, on_disk, qtbot) -> None:
    with Project.open(on_disk) as project:
        window = open_window(project)
        queue = open_queue(window, qtbot)
        key = queue.model.findings[0].key
        QTest.keyClick(queue.dock.tree, Qt.Key.Key_Delete)
        assert project.dismissed_findings() == {key}
        assert queue.model.rowCount() == 0 and labels(project) == list(LABELS)
        window.close()
    with Project.open(on_disk) as project:  # a restart: a new connection, a new window
        window = open_window(project)
        queue = open_queue(window, qtbot)
        assert queue.model.rowCount() == 0 and queue.dock.status.text() == "No findings"
        QTest.keyClick(queue.dock.tree, Qt.Key.Key_Z, CTRL)  # the dismissal is undoable too
        wait_for_run(queue, qtbot)
        assert [f.key for f in queue.model.findings] == [key]


def test_enter_fixes_the_current_occurrence_only(open_window, qtbot) -> None:
    with Project.memory() as project:
        build(project, MORE_TEXTS, MORE_LABELS)
        window = open_window(project)
        queue = open_queue(window, qtbot)
        model, tree = queue.model, queue.dock.tree
        finding = model.index(0, 0)
        rows = [r for r in range(model.rowCount(finding)) if model.occurrence_at(model.index(r, 0, finding)).fix]
        assert len(rows) == 2
        tree.setCurrentIndex(model.index(rows[0], 0, finding))
        QTest.keyClick(tree, Qt.Key.Key_Return)
        assert sorted(labels(project)) == ["ORG"] + ["PERS"] * 6
        assert model.rowCount(model.index(0, 0)) == 6  # the fixed occurrence left its finding


def test_clicking_an_occurrence_selects_it_in_its_document(open_window, qtbot) -> None:
    with Project.memory() as project:
        ids = build(project)
        window = open_window(project)
        window.open_document(ids[0])
        queue = open_queue(window, qtbot)
        model, tree = queue.model, queue.dock.tree
        index = model.index(3, 1, model.index(0, 0))  # the ORG occurrence, in the fourth document
        occurrence = model.occurrence_at(index)
        QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(index).center())
        QApplication.processEvents()
        assert window.session.document_id == ids[3]
        assert window.session.selected_span == occurrence.span_id
        mark = window.view.spans.get(window.session.selected_span)
        assert (mark.start, mark.end) == (occurrence.start, occurrence.end) == (5, 10)  # code points
        assert tree.hasFocus()  # the keys stay with the queue
        QTest.keyClick(tree, Qt.Key.Key_Return)  # ... so Enter fixes what was just shown
        assert project.span(occurrence.span_id).label == "PERS"


def test_the_model_check_is_an_extra_action_whose_findings_are_kept(open_window, qtbot) -> None:
    with Project.memory() as project:
        build(project)
        window = open_window(project)
        queue = open_queue(window, qtbot)
        kinds = lambda: {f.kind for f in queue.model.findings}  # noqa: E731
        assert kinds() == {CheckKind.VARIATION}  # the model is not asked by default (slow)
        QTest.mouseClick(queue.dock.with_model, Qt.MouseButton.LeftButton)
        wait_for_run(queue, qtbot)
        assert CheckKind.DISAGREEMENT in kinds()
        model_says = [f for f in queue.model.findings if f.kind == CheckKind.DISAGREEMENT]
        QTest.keyClick(queue.dock.tree, Qt.Key.Key_F5)  # a plain re-run keeps the model's findings
        wait_for_run(queue, qtbot)
        assert [f for f in queue.model.findings if f.kind == CheckKind.DISAGREEMENT] == model_says
        scores = [f.score for f in queue.model.findings]
        assert scores == sorted(scores, reverse=True)  # the queue is ordered by score


def test_the_curator_chooses_gold_or_everyone(open_window, qtbot) -> None:
    with Project.memory() as project:
        build(project)
        window = open_window(project, GOLD)
        queue = open_queue(window, qtbot)
        combo = queue.dock.layer
        assert combo.isVisible() and combo.currentData() == GOLD
        assert queue.model.rowCount() == 0  # no gold yet
        combo.setCurrentIndex(combo.findData(EVERYONE))
        combo.activated.emit(combo.currentIndex())  # as a choice in the list does
        wait_for_run(queue, qtbot)
        assert [o.annotator for o in queue.model.findings[0].occurrences] == [ANNOTATOR] * 4


def test_a_re_run_keeps_the_place_in_the_queue(open_window, qtbot) -> None:
    with Project.memory() as project:
        ids = build(project, MORE_TEXTS, MORE_LABELS)
        for document_id, text, label in ((ids[0], MORE_TEXTS[0], "GPE"), (ids[4], MORE_TEXTS[4], "ORG")):
            start = text.index("موسكو")
            project.add_span(document_id, ANNOTATOR, start, start + len("موسكو"), label)
        window = open_window(project)
        queue = open_queue(window, qtbot)
        model, tree = queue.model, queue.dock.tree
        assert model.rowCount() == 2
        tree.setCurrentIndex(model.index(1, 0))
        second = model.finding_at(tree.currentIndex()).key
        QTest.keyClick(tree, Qt.Key.Key_F5)
        wait_for_run(queue, qtbot)
        assert model.finding_at(tree.currentIndex()).key == second
