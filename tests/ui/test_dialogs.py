"""File → Import / Export / Merge and Annotator → Annotators, driven from the main window's menus."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.model import DocStatus, IncomingDocument
from annotator.store import Project

CONLL = "زار\tO\nبوتين\tI-PERS\nموسكو\tB-GPE\nو\tO\nكييف\tB-WEAPON\n.\tO\n"


def feature_of(window):
    from ui.dialogs.team_windows import MultiAnnotator

    return window.findChild(MultiAnnotator)


def open_dialog(window, name: str):
    window.actions_by_name[name].trigger()
    dialog = feature_of(window).dialogs[name]
    assert dialog.isVisible()
    return dialog


def run(qtbot, dialog, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.job is None, timeout=15_000)
    QApplication.processEvents()


def test_file_menu_has_the_dialogs_before_quit(window) -> None:
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions() if not a.isSeparator()]
    assert texts == [
        "&Import files…",
        "&Export annotations…",
        "&Merge project files…",
        "&Distribute to annotators…",
        "&Quit",
    ]
    annotator_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "A&nnotator")
    assert [a.text() for a in annotator_menu.actions() if not a.isSeparator()][-4:] == [
        "&Annotators…",
        "A&greement…",
        "Team &progress…",
        "&Curate this document…",
    ]


def test_import_conll_repairs_and_offers_to_add_labels(qtbot, window, tmp_path) -> None:
    source = tmp_path / "news.conll"
    source.write_text(CONLL, encoding="utf-8")
    project = window.session.project
    dialog = open_dialog(window, "import")
    dialog.add_paths([source])
    dialog.set_format("conll")
    dialog.annotator.setCurrentText("mona")
    run(qtbot, dialog, dialog.import_button)
    # the unknown label stops the import and leaves the project as it was; one click adds it
    assert "WEAPON" in dialog.summary.text and "Traceback" not in dialog.summary.text
    assert project.document_count() == 2 and project.get_annotator("mona") is None
    assert dialog.retry.isVisible()
    run(qtbot, dialog, dialog.retry)
    lines = dialog.summary.text
    assert "1 document added" in lines and "labels added to the schema: WEAPON" in lines
    assert "I- tag starting an entity" in lines  # the repair is reported
    assert project.document_count() == 3
    [doc] = [d for d in project.documents() if d.name == "news"]
    text = project.document(doc.id).text
    assert sorted((text[s.start : s.end], s.label) for s in project.spans(doc.id, "mona")) == [
        ("بوتين", "PERS"),
        ("كييف", "WEAPON"),
        ("موسكو", "GPE"),
    ]
    assert project.status(doc.id, "mona") == DocStatus.DONE
    assert window.documents.model.rowCount() == 3  # the window re-read its list


def test_import_error_names_the_file_and_line(qtbot, window, tmp_path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "نص"}\n{"text": 5}\n', encoding="utf-8")
    dialog = open_dialog(window, "import")
    dialog.add_paths([bad])
    dialog.set_format("jsonl")
    run(qtbot, dialog, dialog.import_button)
    assert "bad.jsonl:2" in dialog.summary.text and "Nothing was imported" in dialog.summary.text
    assert window.session.project.document_count() == 2
    dialog.skip_bad.setChecked(True)  # skipping the bad file imports nothing else here: said so
    run(qtbot, dialog, dialog.import_button)
    assert "nothing to import" in dialog.summary.text


def test_export_conll_of_chosen_documents(qtbot, window, tmp_path) -> None:
    project, doc = window.session.project, window.session.document_id
    text = project.document(doc).text
    start = text.index("موسكو")
    project.add_span(doc, "layla", start, start + 5, "GPE")
    dialog = open_dialog(window, "export")
    dialog.set_format("conll")
    assert dialog.layer.currentData() == "layla"
    dialog.status.setCurrentIndex(dialog.status.findData("all"))
    dialog.chosen_documents.setChecked(True)  # the open document is ticked already
    out = tmp_path / "out" / "train.conll"
    dialog.target.setText(str(out))
    run(qtbot, dialog, dialog.export_button)
    assert "exported 1 document of layla as conll" in dialog.summary.text
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines() if line]
    assert ["موسكو", "B-GPE"] in rows
    assert all(len(row) == 2 for row in rows)

    dialog.set_format("brat")  # a folder format: the target follows
    assert dialog.target.text() == str(tmp_path / "out" / "train")
    dialog.all_documents.setChecked(True)
    run(qtbot, dialog, dialog.export_button)
    written = sorted(p.name for p in (tmp_path / "out" / "train").iterdir())
    assert {"seed.txt", "seed.ann", "second.txt", "second.ann", "annotation.conf"} <= set(written), written


def test_export_gold_without_gold_is_a_message(qtbot, window, tmp_path) -> None:
    window.session.project.ensure_annotator("gold")
    dialog = open_dialog(window, "export")
    dialog.layer.setCurrentIndex(dialog.layer.findData("gold"))
    dialog.target.setText(str(tmp_path / "gold.jsonl"))
    dialog.set_format("jsonl")
    run(qtbot, dialog, dialog.export_button)
    assert "exported 0 documents of gold" in dialog.summary.text  # nothing curated and done yet
    assert (tmp_path / "gold.jsonl").read_text(encoding="utf-8") == ""


def _other_project(path, seed_text, label="GPE", annotator="omar"):
    with Project.create(path) as other:
        if label != "GPE":
            other.set_schema(other.schema.with_labels([label]))
        (outcome,), _ = other.add_documents([IncomingDocument("seed", seed_text, "seed.txt")])
        start = seed_text.index("كييف")
        other.add_span(outcome.document_id, annotator, start, start + 4, label)
        other.set_status(outcome.document_id, annotator, DocStatus.DONE)


def test_merge_twice_changes_nothing_and_labels_can_be_added(qtbot, window, tmp_path, seed_text) -> None:
    project = window.session.project
    _other_project(tmp_path / "omar.hashiya", seed_text)
    dialog = open_dialog(window, "merge")
    dialog.add_paths([tmp_path / "omar.hashiya"])
    run(qtbot, dialog, dialog.merge_button)
    assert "1 span, 0 relations added" in dialog.summary.text
    seed = window.session.document_id
    assert [(s.label, s.start) for s in project.spans(seed, "omar")] == [("GPE", seed_text.index("كييف"))]
    run(qtbot, dialog, dialog.merge_button)  # again: nothing new
    assert "0 spans, 0 relations added" in dialog.summary.text
    assert len(project.spans(seed, "omar")) == 1

    _other_project(tmp_path / "weapons.hashiya", seed_text, label="WEAPON", annotator="zaid")
    dialog.files.clear()
    dialog.add_paths([tmp_path / "weapons.hashiya"])
    run(qtbot, dialog, dialog.merge_button)
    assert "WEAPON" in dialog.summary.text and "Nothing was merged" in dialog.summary.text
    assert project.get_annotator("zaid") is None and dialog.retry.isVisible()
    run(qtbot, dialog, dialog.retry)
    assert "labels added to the schema: WEAPON" in dialog.summary.text
    assert [s.label for s in project.spans(seed, "zaid")] == ["WEAPON"]

    _other_project(tmp_path / "omar2.hashiya", seed_text, label="LOC")  # omar's other, different work
    dialog.files.clear()
    dialog.add_paths([tmp_path / "omar2.hashiya"])
    run(qtbot, dialog, dialog.merge_button)
    assert "1 conflict left unmerged" in dialog.summary.text  # reported, never overwritten
    assert [s.label for s in project.spans(seed, "omar")] == ["GPE"]


def test_annotators_list_and_switch(qtbot, window, seed_text) -> None:
    project = window.session.project
    seed = window.session.document_id
    start = seed_text.index("كييف")
    project.add_span(seed, "layla", start, start + 4, "GPE")
    project.add_span(seed, "omar", start, start + 4, "LOC")
    project.set_status(seed, "omar", DocStatus.DONE)
    dialog = open_dialog(window, "annotators")
    assert dialog.names() == ["layla", "omar"]
    assert dialog.row_values("omar")[1:] == ["1", "0", "1", "0"]
    assert window.view.spans.all()[0].label == "GPE"  # blind: layla sees only her own span
    dialog.table.selectRow(1)
    qtbot.mouseClick(dialog.switch_button, Qt.MouseButton.LeftButton)
    assert window.session.annotator.name == "omar"
    assert [m.label for m in window.view.spans.all()] == ["LOC"]


def test_curate_this_document_from_the_menu(qtbot, window, seed_text) -> None:
    project, seed = window.session.project, window.session.document_id
    start = seed_text.index("كييف")
    for name, label in (("layla", "GPE"), ("omar", "LOC")):
        project.add_span(seed, name, start, start + 4, label)
        project.set_status(seed, name, DocStatus.DONE)
    feature_of(window).switch_to("gold")  # the curator's entry: an annotator may not see others' layers
    window.open_document(seed)
    window.actions_by_name["curate"].trigger()
    curation = feature_of(window).curation
    qtbot.addWidget(curation)
    assert curation.isVisible() and curation.curation.document_id == seed
    qtbot.keyClick(curation.view, Qt.Key.Key_Tab)
    qtbot.keyClick(curation.view, Qt.Key.Key_B)  # omar's LOC
    assert [(s.start, s.label) for s in project.spans(seed, "gold")] == [(start, "LOC")]
    window.close()  # the curator's view closes with the main window
    assert not curation.isVisible()


def _slow_articles(tmp_path, monkeypatch, count: int):
    import time

    import annotator.formats.text as text_format

    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(count):
        (folder / f"{i:03}.txt").write_text(f"خبر رقم {i} من موسكو.", encoding="utf-8")
    original = text_format.read_txt

    def slow(path, options, name):  # a slow disk: reading takes long enough to watch and to cancel
        time.sleep(0.01)
        return original(path, options, name)

    monkeypatch.setattr(text_format, "read_txt", slow)
    return folder


def test_import_shows_progress_while_the_window_keeps_working(
    qtbot, window, tmp_path, monkeypatch, gestures, seed_text
) -> None:
    folder = _slow_articles(tmp_path, monkeypatch, 40)
    dialog = open_dialog(window, "import")
    dialog.add_paths([folder])
    seen = []
    dialog.progress.bar.valueChanged.connect(seen.append)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.job is not None and dialog.progress.isVisible()  # running in the background ...
    start = seed_text.index("بوتين")
    gestures.drag_select(window.view, start, start + len("بوتين"))
    qtbot.keyClick(window.view, Qt.Key.Key_1)  # ... while the window answers a label hotkey at once
    tagged = [(s.start, s.end, s.label) for s in window.session.project.spans(window.session.document_id)]
    assert (tagged, dialog.job is not None) == ([(start, start + len("بوتين"), "PERS")], True)
    qtbot.waitUntil(lambda: dialog.job is None, timeout=15_000)
    assert len(seen) >= 3 and max(seen) == 40 and dialog.progress.bar.maximum() == 40
    assert "40 documents added" in dialog.summary.text
    assert window.session.project.document_count() == 42


def test_cancelled_import_stores_nothing(qtbot, window, tmp_path, monkeypatch) -> None:
    folder = _slow_articles(tmp_path, monkeypatch, 300)
    dialog = open_dialog(window, "import")
    dialog.add_paths([folder])
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.progress.bar.maximum() == 300, timeout=5_000)  # the first file is being read
    qtbot.mouseClick(dialog.progress.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.job is None, timeout=15_000)
    assert dialog.summary.text == "Import cancelled: nothing was imported."
    assert window.session.project.document_count() == 2
