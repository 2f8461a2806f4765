"""The Guidelines panel and editor in the window: the selected span's or pointed-at label's guideline,
examples from the corpus as blind as the window, the lead edits (a new schema version the palette and
the panel follow), annotators read only; screenshots in English and Arabic."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QEnterEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from annotator.guidelines import set_leads
from annotator.model import GOLD, DocStatus
from annotator.schema import Guideline, LabelSchema
from annotator.store import Project
from ui.dialogs.guidelines import GuidelinesDialog

from .conftest import ANNOTATOR, SCREENSHOTS


def find(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def annotate(project: Project, seed_text: str) -> dict[str, str]:
    """layla tags Putin and Russia in the seed (done); omar tags Moscow in the second (done)."""
    ids = {d.name: d.id for d in project.documents()}
    spans = {
        "putin": project.add_span(ids["seed"], ANNOTATOR, *find(seed_text, "فلاديمير بوتين"), "PERS"),
        "russia": project.add_span(ids["seed"], ANNOTATOR, *find(seed_text, "روسيا"), "GPE"),
    }
    project.set_status(ids["seed"], ANNOTATOR, DocStatus.DONE)
    project.add_span(ids["second"], "omar", *find("خبر ثان من موسكو.", "موسكو"), "GPE")
    project.set_status(ids["second"], "omar", DocStatus.DONE)
    return {key: change.spans_added[0].id for key, change in spans.items()}


def hover(button) -> None:
    QApplication.sendEvent(button, QEnterEvent(QPointF(3, 3), QPointF(3, 3), QPointF(3, 3)))


def test_the_selected_span_shows_its_guideline_and_own_examples(open_window, project_path, seed_text) -> None:
    with Project.open(project_path) as project:
        spans = annotate(project, seed_text)
        window = open_window(project)
        window.actions_by_name["guidelines_panel"].trigger()  # Annotate → Show guidelines (F2)
        assert window.guidelines.dock.isVisible()
        panel = window.guidelines.panel
        window.controller.select_span(spans["putin"])
        assert "PERS" in panel.title.text()
        assert "A named individual" in panel.text.toPlainText() and "Hard cases" in panel.text.toPlainText()
        lines = panel.model.lines
        assert [(line.text, line.annotator) for line in lines] == [("فلاديمير بوتين", ANNOTATOR)]
        window.controller.select_span(spans["russia"])
        assert "GPE" in panel.title.text()
        # blind: omar's «موسكو» (his done document) is never shown to layla
        assert [line.text for line in panel.model.lines] == ["روسيا"]
        assert panel.model.data(panel.model.index(0, 1), Qt.ItemDataRole.BackgroundRole).alpha() < 255


def test_pointing_at_a_label_shows_its_guideline_and_tooltip(window) -> None:
    window.guidelines.open_dock()
    palette = window.palette_panel
    assert "A named organisation" in palette.buttons["ORG"].toolTip()  # the guideline's summary
    assert "Hotkey: 2" in palette.buttons["ORG"].toolTip()
    hover(palette.buttons["ORG"])
    panel = window.guidelines.panel
    assert "ORG" in panel.title.text() and "Exclude" in panel.text.toPlainText()
    hover(palette.buttons["FAC"])
    assert "No guideline yet." in panel.text.toPlainText() and not panel.model.lines
    project = window.session.project
    labels = tuple(replace(lb, description="<i>typed</i>") if lb.name == "FAC" else lb for lb in project.schema.labels)
    project.set_schema(LabelSchema(project.schema.name, labels, project.schema.relations))
    assert "&lt;i&gt;typed&lt;/i&gt;" in panel.title.text()  # the panel follows the schema; text stays text


def test_annotators_read_only_and_the_lead_edits(open_window, project_path, qtbot) -> None:
    with Project.open(project_path) as project:
        window = open_window(project)
        window.guidelines.open_dock()
        panel = window.guidelines.panel
        hover(window.palette_panel.buttons["PERS"])
        assert not panel.edit.isEnabled() and "Only the lead" in panel.edit.toolTip()
        before = project.schema_version
        reader = GuidelinesDialog(project, ANNOTATOR)
        qtbot.addWidget(reader)
        assert reader.findChild(type(reader.parts["definition"]), "guideline_definition").isReadOnly()
        assert reader.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save) is None
        reader.parts["definition"].setPlainText("changed by an annotator")  # even if text got in
        reader.accept()
        assert project.schema_version == before and "changed" not in project.schema.label("PERS").guideline.definition

        set_leads(project, [ANNOTATOR])
        hover(window.palette_panel.buttons["PERS"])
        assert panel.edit.isEnabled()
        panel.edit.click()  # opens the editor on the label shown
        editor = window.findChild(GuidelinesDialog)
        assert editor is not None and editor.current() == ("PERS", "en") and editor.editable
        editor.parts["definition"].setPlainText("A **named** person.")
        editor.choose("PERS", "ar")
        editor.parts["exclude"].setPlainText("- الألقاب وحدها")
        editor.choose("met_with")
        editor.parts["definition"].setPlainText("Two people met.")
        assert "<b>named</b>" not in editor.preview.toHtml()  # the preview shows the item chosen
        editor.accept()
        assert project.schema_version == before + 1  # every edit of the session: one new version
        label = project.schema.label("PERS")
        assert label.guideline.definition == "A **named** person." and label.guideline_ar.exclude == "- الألقاب وحدها"
        assert label.guideline.include  # the parts not edited are kept
        assert project.schema.relation("met_with").guideline == Guideline(definition="Two people met.")
        assert "A **named** person." in window.palette_panel.buttons["PERS"].toolTip()  # the palette follows
        assert "A named person." in panel.text.toPlainText()  # and the panel shows the new text


def test_curated_gold_is_the_example_for_everyone(open_window, project_path, seed_text) -> None:
    with Project.open(project_path) as project:
        annotate(project, seed_text)
        seed = next(d.id for d in project.documents() if d.name == "seed")
        project.add_span(seed, GOLD, *find(seed_text, "موسكو"), "GPE")
        project.set_status(seed, GOLD, DocStatus.DONE)
        window = open_window(project)
        window.guidelines.open_dock()
        hover(window.palette_panel.buttons["GPE"])
        panel = window.guidelines.panel
        assert [line.text for line in panel.model.lines] == ["موسكو"]
        assert "gold layer" in panel.caption.text()


def _screenshot(open_window, project_path, seed_text, settings, name: str) -> None:
    with Project.open(project_path) as project:
        spans = annotate(project, seed_text)
        window = open_window(project)
        window.guidelines.open_dock()
        window.resizeDocks([window.guidelines.dock], [460], Qt.Orientation.Horizontal)
        window.controller.select_span(spans["putin"])
        QApplication.processEvents()
        panel = window.guidelines.panel
        assert panel.isVisible() and panel.model.rowCount() == 1
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / name
        assert window.grab().save(str(path))
        assert path.stat().st_size > 20_000


def test_screenshot_guidelines_panel(open_window, project_path, seed_text, settings) -> None:
    _screenshot(open_window, project_path, seed_text, settings, "guidelines-panel.png")


def test_screenshot_guidelines_panel_arabic(open_window, project_path, seed_text, settings) -> None:
    settings.language = "ar"
    _screenshot(open_window, project_path, seed_text, settings, "guidelines-panel-ar.png")
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert QEvent.Type.Enter  # the hover path is the same in both directions


def test_a_closed_dock_reads_nothing_and_shows_the_label_when_opened(window, seed_text, monkeypatch) -> None:
    """A key press selects a span: with the dock closed no examples are read (they scan the corpus)."""
    import ui.panels.guidelines as panel_module

    reads: list[str] = []
    original = panel_module.label_examples
    monkeypatch.setattr(panel_module, "label_examples", lambda project, name, **k: reads.append(name) or original(
        project, name, **k))  # fmt: skip
    project, doc = window.session.project, window.session.document_id
    span = project.add_span(doc, ANNOTATOR, *find(seed_text, "روسيا"), "GPE").spans_added[0]
    window.controller.select_span(span.id)
    assert reads == [] and window.guidelines.current == "GPE"
    window.guidelines.open_dock()
    assert reads == ["GPE"] and "GPE" in window.guidelines.panel.title.text()
