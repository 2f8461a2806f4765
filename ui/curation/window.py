"""The curator's view: one document with every annotator's work, settled into the gold layer.

It wraps :class:`annotator.sessions.curation.Curation` (all the logic: queue, decisions, undo) and shows
it with the ordinary document view (:mod:`ui.curation.layers` colours spans by annotator).
When a document opens, what every source annotator agrees on is pre-accepted into gold; the
rest is the queue. Keys, all in the document view (see :data:`ui.curation.panel.KEYS_HELP`): N / P next and
previous disagreement, Tab the next one still open, A / B / C / D take that annotator's version,
E edit (your own span: select text first, or keep the disagreement's extent, then pick the
label), X reject, Ctrl+Z / Ctrl+Shift+Z undo / redo, Ctrl+Enter mark gold done. Every decision
is one undoable action of the ``gold`` annotator.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from annotator.conventions import BoundaryConvention
from annotator.errors import HashiyaError
from annotator.model import DocStatus
from annotator.sessions.curation import Curation
from annotator.snapping import Snap
from annotator.store import Change, Project
from ui.curation.layers import current_range, letter, paint_layers
from ui.curation.panel import SidePanel
from ui.curation.queue import detail_html
from ui.curation.view import CurationView
from ui.i18n import isolate, tr, trn
from ui.keymap import latin_key
from ui.theme import LIGHT, Theme

TAKE_KEYS = {Qt.Key.Key_A: 0, Qt.Key.Key_B: 1, Qt.Key.Key_C: 2, Qt.Key.Key_D: 3}


class CurationWindow(QMainWindow):
    def __init__(
        self, project: Project, parent: QWidget | None = None, *, theme: Theme = LIGHT, point_size: int | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("curationWindow")
        self.setWindowTitle(tr("Curation"))
        self.project = project
        self.curation: Curation | None = None
        self.hidden: set[str] = set()
        self.label_menu: QMenu | None = None

        self.view = CurationView()
        self.view.setObjectName("curationView")
        self.view.theme = theme
        if point_size:
            self.view.set_point_size(point_size)
        self.view.key_handler = self.handle_key
        self.view.spanClicked.connect(self._span_clicked)

        self.documents = QComboBox()
        self.documents.setObjectName("curationDocument")
        self.documents.activated.connect(lambda _i: self.open_document(self.documents.currentData()))
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("curationStatus")
        self.status_filter.addItem(tr("Annotators who marked it done"), "done")
        self.status_filter.addItem(tr("Everyone who worked on it"), "all")
        self.status_filter.activated.connect(lambda _i: self._reopen())
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Document:")))
        top.addWidget(self.documents, 1)
        top.addWidget(QLabel(tr("Compare:")))
        top.addWidget(self.status_filter)

        self.panel = SidePanel()
        self.panel.layerToggled.connect(self._toggle_layer)
        self.panel.hide_agreed.toggled.connect(lambda _on: self.redraw())
        self.panel.queue.rowChosen.connect(self._go_to)
        self.hide_agreed, self.queue = self.panel.hide_agreed, self.panel.queue
        self.position, self.detail = self.panel.position, self.panel.detail
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.view)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)

        for text, slot, keys_ in (
            ("Undo", self.undo, ("Ctrl+Z",)),
            ("Redo", self.redo, ("Ctrl+Shift+Z", "Ctrl+Y")),
            ("Mark gold done", self.finish, ("Ctrl+Return", "Ctrl+Enter")),
        ):
            action = QAction(tr(text), self)
            action.setShortcuts([QKeySequence(k) for k in keys_])
            action.triggered.connect(lambda _c=False, s=slot: s())
            self.addAction(action)
        self._unsubscribe = None  # subscribed while shown with a document (see open_document, closeEvent)
        self.resize(1320, 820)

    # -- opening ---------------------------------------------------------------------------------

    def open_document(self, document_id: str, annotators: list[str] | None = None, status: str | None = None) -> None:
        """Curate ``document_id`` among ``annotators`` (default: by the status filter); agreed spans go to gold."""
        if status is not None:
            self.status_filter.setCurrentIndex(self.status_filter.findData(status))
        status = self.status_filter.currentData()
        try:
            curation = Curation(self.project, document_id, annotators, status)
        except HashiyaError as error:
            self.message(str(error))
            return
        self.curation = curation
        if self._unsubscribe is None:
            self._unsubscribe = self.project.subscribe(self._changed)
        self._fill_documents(document_id)
        self.view.set_text(curation.text)
        self.panel.show_sources(curation.sources, self.hidden)
        self._build_buttons()
        name = self.project.document_info(document_id).name
        self.setWindowTitle(f"{isolate(name)} — {tr('Curation')}")
        if len(curation.sources) >= 2:
            self._decide(curation.accept_agreed)
        else:
            self.redraw()
        self.view.setFocus()

    def _reopen(self) -> None:
        if self.curation is not None:
            self.open_document(self.curation.document_id, None)

    def _fill_documents(self, current: str) -> None:
        self.documents.blockSignals(True)
        self.documents.clear()
        for info in self.project.documents():
            self.documents.addItem(info.name, info.id)
        self.documents.setCurrentIndex(self.documents.findData(current))
        self.documents.blockSignals(False)

    def _build_buttons(self) -> None:
        assert self.curation is not None
        rows = [
            (tr("Previous (P)"), self.previous),
            (tr("Next (N)"), self.next),
            (tr("Next open (Tab)"), self.next_open),
        ]
        for i, source in enumerate(self.curation.sources[:4]):
            text = tr("Take {letter}: {name}").format(letter=letter(i), name=source.name)
            rows.append((text, lambda i=i: self.take(i)))
        rows += [(tr("Edit (E)"), self.edit), (tr("Reject (X)"), self.reject), (tr("Mark gold done"), self.finish)]
        self.panel.show_buttons(rows)

    # -- showing ---------------------------------------------------------------------------------

    def redraw(self, *, scroll: bool = False) -> None:
        """Everything: marks and arcs of every shown layer, the queue, the current disagreement."""
        curation = self.curation
        if curation is None:
            return
        painted = paint_layers(curation, self.hidden, self.hide_agreed.isChecked())
        self.view.order = painted.order
        self.view.set_spans(painted.marks)
        self.view.set_arcs(painted.arcs)
        self.queue.show_queue(curation)
        self.show_current(scroll=scroll)

    def show_current(self, *, scroll: bool = False) -> None:
        """Only what moving through the queue changes (N, P, Tab: no store reads but gold's status)."""
        curation = self.curation
        if curation is None:
            return
        self.view.current = current_range(curation)
        self.queue.show_position(curation.position)
        if len(curation.sources) < 2:
            self.detail.setText(
                trn(
                    "Curation compares two or more annotators; {n} annotators qualify here. "
                    "Compare everyone who worked on it, or wait until more mark it done.",
                    len(curation.sources),
                )
            )
        else:
            self.detail.setText(detail_html(curation))
        gold = self.project.status(curation.document_id, curation.gold)
        self.position.setText(
            tr("Disagreement {n} of {total} · {open} open · gold: {status}").format(
                n=curation.position + 1 if curation.current else "–",
                total=len(curation.items),
                open=curation.open_count,
                status=tr({DocStatus.NEW: "new", DocStatus.IN_PROGRESS: "in progress", DocStatus.DONE: "done"}[gold]),
            )
        )
        item = curation.current
        if scroll and item is not None:
            self.view.scroll_to(item.start, item.end)
        self.view.viewport().update()

    def message(self, text: str) -> None:
        self.statusBar().showMessage(text, 6000)

    def _toggle_layer(self, name: str, on: bool) -> None:
        (self.hidden.discard if on else self.hidden.add)(name)
        self.redraw()

    # -- moving ----------------------------------------------------------------------------------

    def _move(self, found) -> None:
        if found is None:
            self.message(tr("No further disagreement that way"))
        self.show_current(scroll=True)

    def next(self) -> None:
        if self.curation is not None:
            self._move(self.curation.next())

    def previous(self) -> None:
        if self.curation is not None:
            self._move(self.curation.previous())

    def next_open(self) -> None:
        if self.curation is None:
            return
        if self.curation.next_open() is None:
            self.message(tr("Every disagreement is decided: Ctrl+Enter marks gold done"))
        self.show_current(scroll=True)

    def _go_to(self, index: int) -> None:
        if self.curation is not None and 0 <= index < len(self.curation.items):
            self.curation.go_to(index)
            self.show_current(scroll=True)
        self.view.setFocus()

    def _span_clicked(self, span_id: str | None) -> None:
        """A click on a span goes to the disagreement it belongs to."""
        mark = self.view.spans.get(span_id) if span_id else None
        if mark is None or self.curation is None:
            return
        for index, item in enumerate(self.curation.items):
            if item.start < mark.end and mark.start < item.end:
                self._go_to(index)
                return

    # -- deciding --------------------------------------------------------------------------------

    def _decide(self, action) -> Change | None:
        """One decision: its change redraws over the bus (:meth:`_changed`); one the store did not see is drawn here."""
        try:
            change = action()
        except HashiyaError as error:
            self.message(str(error))
            return None
        if change.empty:
            self.redraw(scroll=True)
        else:
            self.show_current(scroll=True)
        return change

    def take(self, index: int) -> None:
        if self.curation is not None:
            if index >= len(self.curation.sources):
                self.message(tr("There is no annotator {letter} here").format(letter=letter(index)))
                return
            self._decide(lambda: self.curation.take(index))

    def reject(self) -> None:
        if self.curation is not None:
            self._decide(self.curation.reject)

    def finish(self) -> None:
        if self.curation is None:
            return
        still_open = self.curation.open_count
        if self._decide(self.curation.finish) is not None:
            note = tr("Gold marked done for this document.")
            if still_open:
                note += " " + trn("{n} disagreements were left open.", still_open)
            self.message(note)

    def undo(self) -> None:
        self._history(undo=True)

    def redo(self) -> None:
        self._history(undo=False)

    def _history(self, *, undo: bool) -> None:
        if self.curation is None:
            return
        change = self._decide(self.curation.undo if undo else self.curation.redo)
        if change is None or change.empty:
            self.message(tr("Nothing to undo") if undo else tr("Nothing to redo"))
            return
        here = self.curation.document_id
        if change.document_ids and here not in change.document_ids:  # gold's last step was elsewhere: go there
            target = sorted(change.document_ids)[0]
            self.open_document(target, None)
            self.message(tr("Undo/redo applied in document {name}").format(name=isolate(self._name(target))))

    def _name(self, document_id: str) -> str:
        return self.project.document_info(document_id).name

    def edit(self) -> None:
        """Offer the labels for the selected text (snapped to words), or for the disagreement's extent."""
        curation = self.curation
        if curation is None or curation.current is None:
            self.message(tr("Go to a disagreement first (N or Tab)"))
            return
        if curation.current.kind != "span":
            self.message(tr("A relation is taken or rejected, not edited"))
            return
        selection = self.view.selection_range()
        if selection is not None:
            policy = Snap.EXACT if self.view.selection_exact else Snap.CLITIC
            tokens = self.project.token_offsets(curation.document_id)
            convention = BoundaryConvention.from_settings(self.project.recommender_settings())
            snapped = convention.snap(curation.text, tokens, *selection, None, policy)  # the label comes after
            if snapped is None:
                self.message(tr("Nothing to tag: the selection holds no word"))
                return
            start, end = snapped
        else:
            start, end = curation.current.start, curation.current.end
        menu = QMenu(self.view)
        menu.setObjectName("curationLabelMenu")
        for label in self.project.schema.labels:
            shortcut = f"&{label.hotkey}  " if label.hotkey else ""
            action = QAction(f"{shortcut}{label.name}  «{curation.text[start:end]}»", menu)
            action.setData(label.name)
            action.triggered.connect(lambda _c=False, name=label.name: self._edit_to(start, end, name))
            menu.addAction(action)
        self.label_menu = menu
        rects = self.view.text_geometry.rects(start, end)
        point = rects[0].bottomLeft().toPoint() if rects else QPoint(self.view.width() // 2, 40)
        menu.popup(self.view.viewport().mapToGlobal(point))
        menu.setActiveAction(menu.actions()[0])

    def _edit_to(self, start: int, end: int, label: str) -> None:
        if self.curation is not None:
            self.view.clear_text_selection()
            self._decide(lambda: self.curation.edit(start, end, label))
            self.view.setFocus()

    # -- keys ------------------------------------------------------------------------------------

    def handle_key(self, event: QKeyEvent) -> bool:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
        ):
            return False  # undo, redo, done are window actions
        key = event.key()
        latin = latin_key(event.text())  # the same keys on an Arabic layout
        if latin is not None:
            key = getattr(Qt.Key, f"Key_{latin}")
        if key == Qt.Key.Key_Backtab or (key == Qt.Key.Key_Tab and mods & Qt.KeyboardModifier.ShiftModifier):
            self.previous()
        elif key == Qt.Key.Key_Tab:
            self.next_open()
        elif mods & Qt.KeyboardModifier.ShiftModifier:
            return False  # Shift+arrows select text for E
        elif key == Qt.Key.Key_N:
            self.next()
        elif key == Qt.Key.Key_P:
            self.previous()
        elif key in TAKE_KEYS:
            self.take(TAKE_KEYS[key])
        elif key == Qt.Key.Key_E:
            self.edit()
        elif key == Qt.Key.Key_X:
            self.reject()
        elif key == Qt.Key.Key_Escape:
            self.view.clear_text_selection()
        else:
            return False
        return True

    # -- following the store ---------------------------------------------------------------------

    def _changed(self, change: Change) -> None:
        """Follow the bus: gold's changes (our own decisions too) update the queue in place; anything
        else touching this document (an annotator, a merge, another program) re-reads the sources."""
        curation = self.curation
        if curation is None or not curation.follow(change):
            return
        if curation.stale:
            curation.refresh()
        self.redraw()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self.curation = None
        super().closeEvent(event)
