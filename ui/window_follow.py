"""How the main window follows the change bus: each committed change updates only what it touched.

Split from ``ui/window.py`` (which delegates :meth:`MainWindow.on_change` here) so that each stays
small. An import or a merge (``documents_added``) adds rows; an external change (another program,
reported by the store watcher) reads what the window shows again; new labels reach the palette
and recolour the marks; a recommender run (``suggestions``) is the suggestion layer's, which
follows the store itself; a trained model or a new annotator changes nothing shown here. Nothing
calls ``MainWindow.load_annotator`` (the full reload of switching annotator).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.store import Change
from ui.document.arcs import Arc
from ui.i18n import isolate, tr

if TYPE_CHECKING:
    from ui.window import MainWindow


MAX_BANDS = 50  # beyond this many changed spans (accept all, an undone merge), the whole view is repainted


class StoreFollower:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def on_change(self, change: Change) -> None:
        """Follow one committed change: only what it touched is updated.

        An import or a merge (``documents_added``) adds rows; an external change (another
        program) reads what the window shows again; new labels reach the palette and recolour the
        marks; a recommender run (``suggestions``) is the suggestion layer's (it follows the store
        itself); a trained model or a new annotator changes nothing shown here."""
        self.window.session.follow(change)
        if change.external:
            self.read_again()
            return
        if self.window.documents.model is not None and self.window.documents.model.apply(change):
            self.window.documents.update_progress()
        if change.schema_changed:
            self.schema_changed()
        if change.documents_added:
            self.add_documents(change.documents_added)
        if change.documents_removed:
            self.remove_documents(change.documents_removed)
            return
        mine = self.window.session.annotator.id
        if mine not in change.annotator_ids:
            return  # another annotator's work stays invisible (blind annotation)
        current = self.window.session.document_id
        if current in change.document_ids:
            view = self.window.view
            here = (current, mine)  # a merge's change holds other documents and annotators too
            touched: list[tuple[int, int]] = []  # where marks came, went or moved: repainted alone
            for span in change.spans_removed:
                if (span.document_id, span.annotator_id) == here:
                    view.spans.remove(span.id)
                    touched.append((span.start, span.end))
            for span in (*change.spans_added, *change.spans_updated):
                if (span.document_id, span.annotator_id) == here:
                    before = view.spans.get(span.id)
                    if before is not None:
                        touched.append((before.start, before.end))
                    view.spans.add(self.window.mark_for(span))
                    touched.append((span.start, span.end))
            arcs_changed = False
            for relation in change.relations_removed:
                arcs_changed |= view.arcs.pop(relation.id, None) is not None
            for relation in change.relations_added:
                if (relation.document_id, relation.annotator_id) == here:
                    view.arcs[relation.id] = Arc(relation.id, relation.head_id, relation.tail_id, relation.label)
                    arcs_changed = True
            self.window.entity_model.apply(change)
            self.window.relation_model.apply(change)
            self.window.show_selection_in_tables()
            if arcs_changed or len(touched) > MAX_BANDS:
                view.viewport().update()
            else:
                for start, end in touched:
                    view.update_range(start, end)
            self.window.update_status()
        elif change.replayed and change.document_ids:
            # the undone action was in another document: show it there
            target = sorted(change.document_ids)[0]
            self.window.open_document(target)
            self.window.message(
                tr("Undo/redo applied in document {name}").format(name=isolate(self.window.doc_name(target)))
            )

    def read_again(self) -> None:
        """Another program wrote: what it changed is unknown, so the document list and the open
        document's layer are read again (the text of a document never changes). The suggestion
        layer follows the same change on its own."""
        self.window.documents.set_model(self.window.suggestions.document_model())
        model, current = self.window.documents.model, self.window.session.document_id
        if current is None or model is None or model.row_of(current) < 0:
            self.open_first()
            return
        self.window.documents.show_current(current)
        self.show_layer()
        self.window.update_status()

    def show_layer(self) -> None:
        """The open document's spans and relations, read from the store, in the view and the tables."""
        document_id = self.window.session.document_id
        if document_id is None:
            return
        self.window.show_layer(document_id)
        self.window.show_selection_in_tables()

    def schema_changed(self) -> None:
        """New labels (a merge or an import that added them): the palette, and marks in their colours."""
        project = self.window.session.project
        self.window.palette_panel.set_schema(project.schema)
        self.window.colours = {label.name: label.colour for label in project.schema.labels}
        self.show_layer()

    def open_first(self) -> None:
        """Open the first document of the list (nothing was open, or the open one is gone)."""
        model = self.window.documents.model
        if model is not None and model.rowCount():
            self.window.open_document(model.document_id(0))
        else:
            self.window.update_status()

    def add_documents(self, document_ids: tuple[str, ...]) -> None:
        """Rows for documents an import or a merge added, with this annotator's status and spans."""
        model = self.window.documents.model
        if model is None:
            return
        new = set(document_ids)
        session = self.window.session
        summaries = [s for s in session.project.document_summaries(session.annotator) if s.info.id in new]
        if model.add_documents(summaries):
            if session.order is not None:
                session.order += [s.info.id for s in summaries if s.info.id not in session.order]
            self.window.documents.update_progress()
            if self.window.session.document_id is None:  # the project was empty: show what came
                self.open_first()
            self.window.update_status()

    def remove_documents(self, document_ids: tuple[str, ...]) -> None:
        """An undone import took these documents away: drop their rows, and leave one if it is open."""
        model = self.window.documents.model
        if model is None or not model.remove_documents(document_ids):
            return
        if self.window.session.order is not None:
            gone = set(document_ids)
            self.window.session.order = [d for d in self.window.session.order if d not in gone]
        self.window.documents.update_progress()
        if self.window.session.document_id in document_ids:
            self.open_first()
        self.window.update_status()
