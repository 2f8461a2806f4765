"""The main window: assembles the view, the panels and the menus, and follows the store.

It holds no data of its own: on every :class:`~annotator.store.Change` (``Project.subscribe``)
it updates only what the change touched — the marks and arcs of the open document, one row
of the document list, the entity and relation lists, the status bar. Changes committed by
workers (an import, a merge) are delivered on this thread as the same changes; writes by other
programs arrive as one *external* change from the store watcher (``ui/store_watch.py``, one
timer), after which the window reads what it shows again. The selection is the session's; the
view, the tables and the status bar follow its signal (``ui/selection.py``).
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMessageBox, QVBoxLayout, QWidget

from annotator.errors import HashiyaError
from annotator.model import DocStatus, Span
from annotator.sessions.annotating import Session
from annotator.store import Change
from annotator.store.view_queries import SpanRef
from ui.actions import build_menus
from ui.activity import install_activity
from ui.consistency import install_consistency
from ui.controller import Controller
from ui.dock_layout import mirror_docks, reading_areas
from ui.document.arcs import Arc
from ui.document.marks import Mark, MarkStyle
from ui.document.search_bar import SearchBar
from ui.document.view import DocumentView
from ui.fonts import DEFAULT_POINT_SIZE
from ui.i18n import is_rtl, isolate, ltr, tr, trn
from ui.identity import ask_annotator
from ui.panels.documents import STATUS_TEXT, DocumentList
from ui.panels.entities import EntityModel, EntityTable
from ui.panels.guidelines import install_guidelines
from ui.panels.palette import LabelPalette
from ui.panels.relations import RelationModel, RelationTable
from ui.panels.work_list import install_work_list
from ui.settings import Settings
from ui.status_text import StatusText
from ui.store_watch import StoreWatch
from ui.suggestions.feature import SuggestionFeature
from ui.suggestions.keys import KEYS_HELP as SUGGESTION_KEYS_HELP
from ui.theme import THEMES, Theme
from ui.window_follow import StoreFollower

# A document this long (in characters) is opened in two steps: the spans of its first screen, drawn
# at once, then all of them (the entity list too) from the event loop. 30,000 characters is more
# than a screen shows at the smallest text size, with the margin arcs are measured in.
LONG_DOCUMENT_CHARS = 100_000
FIRST_SCREEN_CHARS = 30_000


class MainWindow(QMainWindow):
    restartRequested = Signal()  # language changed: the app rebuilds the window

    def __init__(self, session: Session, settings: Settings, theme: Theme) -> None:
        super().__init__()
        self.session = session
        self.settings = settings
        self.theme = theme
        self.setWindowTitle(f"{tr('Hashiya')} — {session.project.path}")
        self.view = DocumentView()
        self.view.setObjectName("documentView")
        self.view.theme = theme
        self.view.set_point_size(settings.font_size)
        self.search_bar = SearchBar(self.view)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.search_bar)
        layout.addWidget(self.view, 1)
        self.setCentralWidget(central)
        self.controller = Controller(session, self.view, self.message)

        self.documents = DocumentList()
        self.palette_panel = LabelPalette()
        self.entity_model = EntityModel()
        self.entities = EntityTable(self.entity_model)
        self.relation_model = RelationModel()
        self.relations = RelationTable(self.relation_model)
        # the document list sits where reading starts: left in English, right in Arabic
        self.rtl = is_rtl()  # the direction this window was built in (a language switch rebuilds it)
        start, end = reading_areas(self.rtl)
        self.docks = [
            self._dock("documents", tr("Documents"), self.documents, start),
            self._dock("labels", tr("Labels"), self.palette_panel, end),
            self._dock("entities", tr("Entities"), self.entities, end),
            self._dock("relations", tr("Relations"), self.relations, end),
        ]
        self.status_annotator, self.status_position, self.status_counts = StatusText(), StatusText(), StatusText()
        for widget in (self.status_annotator, self.status_position, self.status_counts):
            self.statusBar().addPermanentWidget(widget)
        self.suggestions = SuggestionFeature(self)
        self.consistency = install_consistency(self)  # its docks join self.docks before the menus list them
        self.work_list = install_work_list(self)  # the next-document policy and the list's filter (View menu)
        self.activity = install_activity(self)  # active time for hashiya progress (focus, input, documents)
        self.guidelines = install_guidelines(self)  # the Guidelines dock, before the menus list it
        self.actions_by_name = build_menus(self)

        self.documents.documentActivated.connect(self.open_document)
        self.palette_panel.labelChosen.connect(self._label_clicked)
        self.entities.spanActivated.connect(lambda key: self.controller.select_span(key, scroll=True))
        self.entities.deleteRequested.connect(self.controller.delete_selected)
        self.entities.jumpedToDocument.connect(self.view.setFocus)
        self.relations.relationActivated.connect(self.controller.select_relation)
        self.relations.deleteRequested.connect(self.controller.delete_selected)
        self.controller.selection.selectionChanged.connect(self._selection_changed)
        self._layer_generation = 0  # bumped by each read of the open document's layer
        self._status: tuple[str | None, DocStatus] | None = None  # (document id, status), see document_status
        self.follower = StoreFollower(self)
        self._unsubscribe = session.project.subscribe(self.on_change)
        self.store_watch = StoreWatch(session.project, self)

        self.resize(QSize(1280, 820))
        self._restore_layout()
        self.load_annotator()

    def _restore_layout(self) -> None:
        """The saved size and panels; a layout saved in the other direction comes back mirrored."""
        geometry, state, saved_rtl = self.settings.window_state(rtl=self.rtl)
        if geometry is not None:
            self.restoreGeometry(geometry)
        restored = state is not None and self.restoreState(state)
        self._mirror_on_show = restored and saved_rtl != self.rtl  # at the first show: sizes are real then

    def showEvent(self, event: QShowEvent) -> None:
        if self._mirror_on_show:
            self._mirror_on_show = False
            mirror_docks(self, self.docks)
        super().showEvent(event)

    def _dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{name}")
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(area, dock)
        return dock

    # -- loading -------------------------------------------------------------------------------

    def load_annotator(self) -> None:
        """(Re)load everything that depends on who is annotating (their spans only: blind)."""
        project = self.session.project
        self.documents.set_model(self.suggestions.document_model())  # project order, or least confident first
        self.palette_panel.set_schema(project.schema)
        self.colours = {label.name: label.colour for label in project.schema.labels}
        first = self.settings.last_document(project.path, self.session.annotator.name)
        model = self.documents.model
        if model is None or model.rowCount() == 0:
            self.update_status()
            return
        if model.row_of(first) < 0:
            first = (self.documents.shown_ids() or [model.document_id(0)])[0]  # the list's first row
        self.open_document(first)

    def open_document(self, document_id: str) -> None:
        self.controller.cancel_relation()
        self._status = None  # read once for this document (at the first ask), then followed
        self.session.open_document(document_id)
        self.view.set_text(self.session.text)
        if len(self.session.text) > LONG_DOCUMENT_CHARS:  # the first screen's spans now, the rest after it is drawn
            self.show_layer(document_id, before=FIRST_SCREEN_CHARS)
            QTimer.singleShot(0, partial(self._complete_layer, document_id, self._layer_generation))
        else:
            self.show_layer(document_id)
        self.suggestions.document_opened()
        self.documents.show_current(document_id)
        name = self.doc_name(document_id)
        self.setWindowTitle(f"{isolate(name)} — {tr('Hashiya')} — {self.session.project.path}")
        self.search_bar.document_changed()
        self.settings.set_last_document(self.session.project.path, self.session.annotator.name, document_id)
        self.update_status()
        self.view.setFocus()

    def show_layer(self, document_id: str, before: int | None = None) -> None:
        """This annotator's spans and relations of the open document in the view and the tables.

        One query gives the spans as columns: the view's marks take them, the entity list keeps
        a copy (four lists, no object per span), and the relation list looks spans up in the view.
        With ``before``, only the spans starting before that offset (a long document's first
        screen, just opened: the selection is empty, and ``_complete_layer`` reads the rest).
        """
        self._layer_generation += 1
        columns, relations = self.session.span_columns(before), self.session.relations()
        if before is None:
            self.session.keep_existing(columns, {r.id for r in relations})
        annotator_id, text = self.session.annotator.id, self.session.text
        self.entity_model.reset(document_id, annotator_id, text, columns.copy(), self.colours)
        self.view.set_span_columns(columns, self.colours)
        self.view.set_arcs([Arc(r.id, r.head_id, r.tail_id, r.label) for r in relations])
        self.relation_model.reset(document_id, annotator_id, text, relations, self.view.spans.get)

    def _complete_layer(self, document_id: str, generation: int) -> None:
        """After a long document's first paint: all its spans (changes since then are in the store
        too), unless another document or a fresh read came first."""
        if generation == self._layer_generation and self.session.document_id == document_id:
            self.show_layer(document_id)
            self.show_selection_in_tables()
            self.update_status()

    def mark_for(self, span: Span | SpanRef) -> Mark:
        return Mark(span.id, span.start, span.end, self.colours.get(span.label, "#8C8C8C"), MarkStyle.SOLID, span.label)

    # -- following the store ---------------------------------------------------------------------

    def on_change(self, change: Change) -> None:
        """Follow one committed change (``ui/window_follow.py`` says how)."""
        if change.external:
            self._status = None  # another program wrote: read it again
        for status in change.statuses:
            if (status.document_id, status.annotator_id) == (self.session.document_id, self.session.annotator.id):
                self._status = (status.document_id, status.status)
        self.follower.on_change(change)

    def document_status(self) -> DocStatus:
        """The open document's status for this annotator: read once per document, then taken from
        the changes (a key press used to read it from the store twice)."""
        document_id = self.session.document_id
        if self._status is None or self._status[0] != document_id:
            self._status = (document_id, self.session.status())
        return self._status[1]

    def doc_name(self, document_id: str) -> str:
        return self.session.project.document_info(document_id).name

    def _selection_changed(self, span_id: str | None, relation_id: str | None) -> None:
        """The session's selection changed (its signal): the tables select the row, the status bar."""
        self.entities.show_span(span_id)
        self.relations.show_relation(relation_id)
        self.update_status()

    def show_selection_in_tables(self) -> None:
        """Rows came or went: the selected span's and relation's rows are selected again."""
        self.entities.show_span(self.session.selected_span)
        self.relations.show_relation(self.session.selected_relation)

    def update_status(self) -> None:
        self.status_annotator.setText(tr("Annotator: {name}").format(name=isolate(self.session.annotator.name)))
        model = self.documents.model
        if self.session.document_id is None or model is None:
            self.status_position.setText(tr("No documents"))
            self.status_counts.setText("")
            return
        n, total = self.documents.list_position(self.session.document_id)  # the list as shown
        status = tr(STATUS_TEXT[self.document_status()])
        self.status_position.setText(tr("Document {n} of {total} ({status})").format(n=n, total=total, status=status))
        spans, relations = trn("{n} spans", len(self.view.spans)), trn("{n} relations", len(self.view.arcs))
        self.status_counts.setText(f"{spans} · {relations}")

    def message(self, text: str) -> None:
        self.statusBar().showMessage(text, 6000)

    # -- actions -------------------------------------------------------------------------------

    def _label_clicked(self, label: str) -> None:
        self.controller.apply_label(label)
        self.view.setFocus()

    def undo(self) -> None:
        try:
            change = self.session.undo()
        except HashiyaError as error:  # e.g. an import someone has annotated since: say why, change nothing
            self.message(str(error))
            return
        if change.empty:
            self.message(tr("Nothing to undo"))

    def redo(self) -> None:
        try:
            change = self.session.redo()
        except HashiyaError as error:
            self.message(str(error))
            return
        if change.empty:
            self.message(tr("Nothing to redo"))

    def done_and_next(self) -> None:
        if self.session.document_id is None:
            return
        self.session.mark_done()
        following = self.session.neighbour(1, skip_done=True) or self.session.neighbour(1)
        if following is None:
            self.message(tr("Marked done. This was the last document."))
            self.update_status()
            return
        self.open_document(following)
        self.message(tr("Marked done; opened {name}").format(name=isolate(self.doc_name(following))))

    def step_document(self, step: int) -> None:
        target = self.session.neighbour(step)
        if target is not None:
            self.open_document(target)

    def zoom(self, step: int) -> None:
        size = DEFAULT_POINT_SIZE if step == 0 else self.settings.font_size + step
        size = max(8, min(48, size))
        self.settings.font_size = size
        self.view.set_point_size(size)
        self.message(trn("Text size: {n} pt", size))

    def toggle_tags(self) -> None:
        self.view.show_tags = self.actions_by_name["tags"].isChecked()
        self.view.viewport().update()

    def set_theme(self, name: str) -> None:
        from PySide6.QtWidgets import QApplication

        from ui.theme import apply_theme

        self.settings.theme = name
        app = QApplication.instance()
        self.theme = apply_theme(app, name) if isinstance(app, QApplication) else THEMES[name]
        self.view.theme = self.theme
        self.view.viewport().update()

    def set_language(self, code: str) -> None:
        if code == self.settings.language:
            return
        self.settings.language = code
        self.settings.sync()
        self.restartRequested.emit()

    def switch_annotator(self) -> None:
        name = ask_annotator(self, self.session.project, self.session.annotator.name)
        if not name or name == self.session.annotator.name:
            return
        self.settings.annotator = name
        self.session.annotator = self.session.project.ensure_annotator(name)
        self.session.document_id = None
        self._status = None
        self.load_annotator()
        self.consistency.annotator_changed()
        self.message(tr("Now annotating as {name}").format(name=isolate(name)))

    def show_keys(self) -> None:
        text = f"{tr(KEYS_HELP)}\n{tr(SUGGESTION_KEYS_HELP)}"
        QMessageBox.information(self, tr("Keys"), text.replace("Ctrl", ltr("Ctrl")))

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._mirror_on_show:  # never shown: the other direction's layout is still in place
            self.settings.save_window_state(self.saveGeometry(), self.saveState(), rtl=self.rtl)
        self.settings.sync()
        self.suggestions.close()
        self.store_watch.stop()
        self.controller.selection.stop()
        self.work_list.unsubscribe()  # a refresh it deferred must not read a project closed after us
        self._unsubscribe()
        super().closeEvent(event)


KEYS_HELP = """Select text (mouse, or Shift+arrows), then press a label key (1–9) to tag it.
Hold Alt while selecting or tagging to keep the exact characters (no snapping).
Click a span to select it; click again to reach spans nested under it. Tab / Shift+Tab: next / previous span.
With a span selected: a label key relabels it, Delete removes it, R starts a relation.
Relation: click the target (or Tab to it and press Enter), then choose the type. Esc cancels.
Ctrl+Z undo, Ctrl+Shift+Z redo, Ctrl+Enter mark done and open the next document, Ctrl+F find.
Ctrl+plus / Ctrl+minus zoom."""
