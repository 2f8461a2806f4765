"""File → Distribute to annotators…, driven as the lead drives it: the curator opens it from the menu,
edits the names and the numbers, reads the preview, runs it and reads the summary; the files are then
opened as projects (share + overlap, schema with its guidelines, nobody else's work)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget

from annotator.guidelines import set_guideline
from annotator.model import GOLD, DocStatus, IncomingDocument
from annotator.policies import OVERLAP_KEY, overlap_sample
from annotator.schema import Guideline
from annotator.store import Project
from ui.dialogs.team_windows import MultiAnnotator

from .conftest import SCREENSHOTS
from .dialog_jobs import run_file_job
from .test_arabic_walk import allowed_words, latin_leaks, widget_texts

WORDS = "قال الرئيس أحمد في القاهرة إن الوفد سيزور دمشق"
GUIDELINE = "## Definition\nA person named in the text.\n"


def corpus(count: int) -> list[IncomingDocument]:
    """``count`` articles from two sources, of varied lengths."""
    return [
        IncomingDocument(f"{'aljazeera' if i % 3 else 'bbc'}-{i:03d}", f"{WORDS} {i}. " * (1 + i % 4), f"{i}.txt")
        for i in range(count)
    ]


def build_lead(path: Path, count: int = 12) -> Path:
    """The lead's project: amal and badr have tagged some articles, gold has curated one, PERS has a guideline."""
    with Project.create(path) as project:
        project.add_documents(corpus(count))
        ids = [d.id for d in project.documents()]
        for doc in ids[:4]:
            project.add_span(doc, "amal", 11, 15, "PERS")
            project.add_span(doc, "badr", 19, 25, "GPE")
        project.add_span(ids[0], GOLD, 11, 15, "PERS")
        set_guideline(project, "PERS", Guideline.from_markdown(GUIDELINE), "en")
    return path


@pytest.fixture
def lead(tmp_path) -> Path:
    return build_lead(tmp_path / "news.hashiya")


@pytest.fixture
def curator(open_window, lead):
    with Project.open(lead) as project:
        yield open_window(project, GOLD)


def open_distribute(window):
    """File → Distribute to annotators… as the menu opens it (the window keeps the dialog and closes it)."""
    window.actions_by_name["distribute"].trigger()
    return window.findChild(MultiAnnotator).dialogs["distribute"]


def type_into(qtbot, widget: QWidget, text: str) -> None:
    """Select what the field holds and type over it, as a user does."""
    line = widget.lineEdit() if hasattr(widget, "lineEdit") else widget
    line.selectAll()
    qtbot.keyClicks(line, text)


def settle(qtbot, dialog) -> None:
    """Wait for the preview to follow the last edit."""
    qtbot.waitUntil(lambda: not dialog.preview_timer.isActive(), timeout=5_000)


def fill(qtbot, dialog, folder: Path, *, add=("chadi",), remove=(), overlap="25", seed="7") -> None:
    names = dialog.names
    for name in remove:
        [item] = names.list.findItems(name, Qt.MatchFlag.MatchExactly)
        names.list.setCurrentItem(item)
        qtbot.mouseClick(names.findChild(QWidget, "distributeRemoveName"), Qt.MouseButton.LeftButton)
    for name in add:
        qtbot.keyClicks(names.entry, name)
        qtbot.keyClick(names.entry, Qt.Key.Key_Return)
    type_into(qtbot, dialog.overlap, overlap)
    type_into(qtbot, dialog.seed, seed)
    type_into(qtbot, dialog.folder, str(folder))
    settle(qtbot, dialog)


def run(qtbot, dialog) -> str:
    qtbot.mouseClick(dialog.action_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.job is None, timeout=30_000)
    return dialog.summary.text


def preview(dialog) -> dict[str, tuple[int, int, int, str]]:
    """The preview table as the lead reads it: annotator → (documents, in the overlap, own share, file)."""
    table = dialog.table
    rows = {}
    for r in range(table.rowCount()):
        cells = [table.item(r, c).text() for c in range(table.columnCount())]
        rows[cells[0]] = (int(cells[1]), int(cells[2]), int(cells[3]), cells[4])
    return rows


def hashes(path: Path) -> list[str]:
    with Project.open(path) as project:
        return [d.sha256 for d in project.documents()]


def project_files(folder: Path) -> list[str]:
    """Everything in the folder, hidden staging folders included."""
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_the_lead_previews_runs_and_each_file_holds_its_share_the_overlap_schema_and_no_one_elses_work(
    qtbot, curator, lead, tmp_path
) -> None:
    dialog = open_distribute(curator)
    assert dialog.names.names() == ["amal", "badr"]  # the project's annotators, gold left out
    out = tmp_path / "round1"
    fill(qtbot, dialog, out, add=("chadi", "dana"), remove=("badr",))
    assert dialog.names.names() == ["amal", "chadi", "dana"]
    shown = preview(dialog)
    assert list(shown) == ["amal", "chadi", "dana"]
    assert {overlap for _, overlap, _, _ in shown.values()} == {3}  # 25% of 12
    assert sum(own for _, _, own, _ in shown.values()) == 9
    assert "Documents handed out in this run: 12" in dialog.note.text()

    summary = run(qtbot, dialog)

    assert summary.startswith(f"Distribution finished. Files written in {out}:")
    assert project_files(out) == ["amal.hashiya", "chadi.hashiya", "dana.hashiya"]  # no staging folder left
    with Project.open(lead) as project:
        every = {d.sha256 for d in project.documents()}
        schema = project.schema
        sample = overlap_sample(project)
    files = {name: out / f"{name}.hashiya" for name in shown}
    held = {name: hashes(path) for name, path in files.items()}
    assert len(sample) == 3 and all(sample <= set(docs) for docs in held.values())
    shares = [set(docs) - sample for docs in held.values()]
    assert set().union(*shares) | sample == every and sum(map(len, shares)) == 9  # each other document once
    for name, path in files.items():
        assert f"{path.name} for {name}: documents: {len(held[name])}, in the overlap: 3" in summary
        assert shown[name] == (len(held[name]), 3, len(held[name]) - 3, path.name)  # what was previewed was written
        with Project.open(path) as file:
            assert file.schema == schema
            assert file.schema.label("PERS").guideline_in("en") == Guideline.from_markdown(GUIDELINE)
            assert overlap_sample(file) == sample
            spans = [s for d in file.documents() for s in file.spans(d.id)]
            owners = {a.name for a in file.annotators()}
            assert not owners & {"badr", GOLD}  # blind: nobody else's work, not even the curator's
            if name == "amal":  # her own earlier work comes along, nobody else's
                assert (
                    spans
                    and {s.label for s in spans} == {"PERS"}
                    and {s.annotator_id for s in spans} == {file.get_annotator("amal").id}
                )
            else:
                assert spans == []


def test_a_second_run_hands_out_only_what_is_not_done(qtbot, curator, lead, tmp_path) -> None:
    dialog = open_distribute(curator)
    fill(qtbot, dialog, tmp_path / "round1")
    run(qtbot, dialog)
    finished = set()
    for name in ("amal", "badr"):  # two annotators finish their files' first documents
        with Project.open(tmp_path / "round1" / f"{name}.hashiya") as file:
            for info in file.documents()[:3]:
                file.set_status(info.id, name, DocStatus.DONE)
                finished.add(info.sha256)
    merged = [tmp_path / "round1" / f"{name}.hashiya" for name in ("amal", "badr", "chadi")]
    run_file_job(qtbot, curator, "merge", merged, finished="Merge finished", back=False)

    again = open_distribute(curator)
    settle(qtbot, again)
    assert f"Marked done already, not handed out again: {len(finished)}" in again.note.text()
    out = tmp_path / "round2"
    type_into(qtbot, again.folder, str(out))
    settle(qtbot, again)
    summary = run(qtbot, again)

    assert f"Marked done already, not handed out again: {len(finished)}" in summary
    with Project.open(lead) as project:
        every = {d.sha256 for d in project.documents()}
    handed = {h for name in ("amal", "badr") for h in hashes(out / f"{name}.hashiya")}
    assert handed == every - finished


def test_a_run_can_be_cancelled_and_leaves_no_file(qtbot, open_window, tmp_path) -> None:
    lead = build_lead(tmp_path / "big.hashiya", count=240)
    team = [f"a{i}" for i in range(8)]
    with Project.open(lead) as project:
        window = open_window(project, GOLD)
        dialog = open_distribute(window)
        out = tmp_path / "round1"
        fill(qtbot, dialog, out, add=[",".join(team)], remove=("amal", "badr"))
        assert dialog.names.names() == team
        qtbot.mouseClick(dialog.action_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.progress.bar.maximum() > 1, timeout=10_000)  # the first file is being written
        qtbot.mouseClick(dialog.progress.cancel_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.job is None, timeout=30_000)
        assert dialog.summary.text == "Cancelled: no file was written."
        assert project_files(out) == []  # no file and no staging folder
        assert OVERLAP_KEY not in project.recommender_settings()


def test_errors_are_said_before_anything_is_written(qtbot, curator, lead, tmp_path) -> None:
    dialog = open_distribute(curator)
    out = tmp_path / "round1"
    out.mkdir()
    (out / "badr.hashiya").write_text("badr's work")
    fill(qtbot, dialog, out)
    assert dialog.problem.text().startswith("Already in the folder: badr.hashiya")  # the preview warns
    assert run(qtbot, dialog).startswith("Already in the folder: badr.hashiya")
    assert project_files(out) == ["badr.hashiya"] and (out / "badr.hashiya").read_text() == "badr's work"

    blocker = tmp_path / "a-file"
    blocker.write_text("")
    type_into(qtbot, dialog.folder, str(blocker / "sub"))  # a folder that cannot be made
    settle(qtbot, dialog)
    assert run(qtbot, dialog).startswith(f"Nothing was written: {blocker / 'sub'}: cannot write there")

    type_into(qtbot, dialog.folder, str(out))
    qtbot.mouseClick(dialog.force, Qt.MouseButton.LeftButton, pos=QPoint(6, dialog.force.height() // 2))
    assert dialog.force.isChecked()
    assert run(qtbot, dialog).startswith("Distribution finished.")
    assert project_files(out) == ["amal.hashiya", "badr.hashiya", "chadi.hashiya"]


def test_nothing_left_to_hand_out_is_said(qtbot, open_window, tmp_path) -> None:
    lead = build_lead(tmp_path / "done.hashiya", count=3)
    with Project.open(lead) as project:
        for info in project.documents():
            project.set_status(info.id, GOLD, DocStatus.DONE)
        dialog = open_distribute(open_window(project, GOLD))
        assert dialog.problem.text() == "Every document is marked done already: there is nothing to hand out."
        out = tmp_path / "round1"
        type_into(qtbot, dialog.folder, str(out))
        assert run(qtbot, dialog).startswith("Nothing was written: ")
        assert "nothing to hand out" in dialog.summary.text
        assert project_files(out) == []
        dialog.close()


def test_an_annotator_cannot_open_it(qtbot, open_window, lead) -> None:
    with Project.open(lead) as project:
        window = open_window(project, "amal")
        feature = window.findChild(MultiAnnotator)
        action = window.actions_by_name["distribute"]
        assert not action.isEnabled() and "curator" in action.toolTip()
        action.trigger()
        feature.show_distribute()  # any other path is refused too
        assert "distribute" not in feature.dialogs


@pytest.mark.parametrize("language", ["en", "ar"])
def test_screenshot_and_no_english_left_in_arabic(qtbot, open_window, settings, tmp_path, language) -> None:
    settings.language = language
    lead = build_lead(tmp_path / "news.hashiya")
    with Project.open(lead) as project:
        project.set_status(project.documents()[0].id, "amal", DocStatus.DONE)
        dialog = open_distribute(open_window(project, GOLD))
        fill(qtbot, dialog, tmp_path / "round-1", add=("chadi",), overlap="20", seed="0")
        run(qtbot, dialog)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        suffix = "-ar" if language == "ar" else ""
        assert dialog.grab().save(str(SCREENSHOTS / f"distribute-dialog{suffix}.png"))
        if language == "ar":  # names and file names are data; every word of ours is Arabic
            texts = [*widget_texts(dialog), ("summary", dialog.summary.text)]
            data = allowed_words(project) | set(dialog.names.names()) | {"hashiya"}
            assert not latin_leaks(texts, data), latin_leaks(texts, data)
