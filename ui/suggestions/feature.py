"""Suggestions in the main window: the layer, the keys, the counts, ordering, and the menu's actions.

The window creates one :class:`SuggestionFeature` and tells it when a document opens; the feature
follows the store itself (``Project.subscribe``), because suggestion changes (a recommender run)
belong to no annotator and the window's own handler only follows the annotator's work.
Background work (pre-annotation, training) lives in :mod:`.preannotate` and :mod:`.training`;
learning when a document is marked done (retrain, then refresh the suggestions of the documents
not done yet) in :mod:`.learning`.

Imports are pre-annotated without asking (issue 13): File → Import hands the documents it added
to :meth:`SuggestionFeature.suggest_imported`, which runs the import's recommenders
(:func:`annotator.importing.recommenders_after_import`) in the same background job as
Suggestions → Pre-annotate, unless the project's setting "Suggest entities after import"
(Suggestions menu, shared with ``hashiya import``) is off. An import made while a run goes on
waits for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QLabel

from annotator.importing import recommenders_after_import, set_suggests_after_import, suggests_after_import
from annotator.store import Change
from ui.i18n import tr, trn
from ui.panels.documents import DocumentListModel
from ui.suggestions.layer import SuggestionLayer
from ui.suggestions.learning import Learning

if TYPE_CHECKING:
    from annotator.recommenders.registry import RecommenderSettings
    from ui.suggestions.preannotate import Preannotation
    from ui.suggestions.training import TrainingDialog
    from ui.window import MainWindow

ORDER_KEY = "suggestions/order_by_uncertainty"
THRESHOLD_KEY = "suggestions/threshold"
CAMEL_DIR_KEY = "suggestions/camel_model_dir"


class SuggestionFeature(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.keys = window.controller.suggestions
        self.layer = SuggestionLayer(window.view, lambda: window.colours, lambda: self.keys.cursor)
        self.count_label = QLabel()
        self.count_label.setObjectName("suggestionCount")
        window.statusBar().addPermanentWidget(self.count_label)
        self.preannotation: Preannotation | None = None
        self.training: TrainingDialog | None = None
        self.waiting: list[str] = []  # imported while a run was going on: pre-annotated after it
        self.closed = False
        self.learning = Learning(self)
        self._unsubscribe = self.session.project.subscribe(self.on_change)

    # -- settings ----------------------------------------------------------------------------

    def _setting(self, key: str, default):
        return self.window.settings.store.value(key, default)

    @property
    def order_by_uncertainty(self) -> bool:
        return str(self._setting(ORDER_KEY, "false")).lower() == "true"

    @property
    def camel_model_dir(self) -> str | None:
        return str(self._setting(CAMEL_DIR_KEY, "")) or None

    def set_camel_model_dir(self, folder: str | None) -> None:
        self.window.settings.store.setValue(CAMEL_DIR_KEY, folder or "")

    def recommender_settings(self) -> RecommenderSettings:
        # the registry, About and the threshold dialog are imported when first used, not at start-up
        from annotator.recommenders.registry import RecommenderSettings

        return RecommenderSettings.of_project(self.session.project, self.camel_model_dir)

    @property
    def suggest_after_import(self) -> bool:
        """The project's setting (``hashiya import`` obeys it too), so it travels with the file."""
        return suggests_after_import(self.session.project)

    def set_suggest_after_import(self, on: bool) -> None:
        set_suggests_after_import(self.session.project, on)

    # -- following the window and the store ------------------------------------------------------

    def document_opened(self) -> None:
        self.keys.open()
        self.layer.load()
        self._update_count()

    def on_change(self, change: Change) -> None:
        moved = change.documents_removed or change.documents_added
        if moved and self.preannotation is not None and self.preannotation.running:
            self.preannotation.follow_documents(change)
        if self.layer.follow(change):  # a decided suggestion stops being current (the view drops it)
            self.window.view.viewport().update()
            self._update_count()
        if change.statuses:
            self.learning.follow(change)

    def _update_count(self) -> None:
        n = len(self.layer.pending)
        self.count_label.setText(trn("{n} suggestions to decide", n) if n else "")

    def close(self) -> None:
        """The window closes: stop background work; results still on their way are dropped."""
        self.closed = True
        if self.preannotation is not None:
            self.preannotation.cancel()
        if self.training is not None:
            self.training.cancel()
        self.learning.close()
        self._unsubscribe()

    # -- the document list ---------------------------------------------------------------------

    def document_model(self) -> DocumentListModel:
        """The document list's model (with the uncertainty column when documents are ordered by it)."""
        project, annotator = self.session.project, self.session.annotator
        summaries = project.document_summaries(annotator)
        if not self.order_by_uncertainty:
            return DocumentListModel(summaries, annotator.id)
        # the list and the session order by the work-order policy (annotator/work_order.py);
        # here only the uncertainty column
        ranked = project.documents_by_uncertainty(annotator=annotator)
        return DocumentListModel(summaries, annotator.id, {info.id: u for info, u in ranked})

    def set_order_by_uncertainty(self, on: bool) -> None:
        self.window.settings.store.setValue(ORDER_KEY, "true" if on else "false")
        self.refresh_document_list()
        if on:
            ranked = self.session.project.documents_by_uncertainty(annotator=self.session.annotator)
            scored = sum(1 for _info, u in ranked if u is not None)
            if scored:
                self.window.message(tr("Documents ordered least confident first"))
            else:
                self.window.message(tr("No model has scored these documents yet: pre-annotate them first"))

    def refresh_document_list(self) -> None:
        documents = self.window.documents
        documents.set_model(self.document_model())
        if self.session.document_id is not None:
            documents.show_current(self.session.document_id)

    # -- actions ---------------------------------------------------------------------------

    def accept_above(self) -> None:
        if self.session.document_id is None:
            return
        try:
            threshold = float(self._setting(THRESHOLD_KEY, 0.8))
        except (TypeError, ValueError):
            threshold = 0.8
        from ui.suggestions.threshold import ThresholdDialog

        dialog = ThresholdDialog(lambda: list(self.layer.pending), threshold, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.window.settings.store.setValue(THRESHOLD_KEY, dialog.threshold)
        if self.keys.accept_above(dialog.threshold) == 0:
            self.window.message(tr("No suggestion scores that much"))

    def preannotate(self) -> None:
        from ui.suggestions.preannotate_dialog import PreannotateDialog

        if self.preannotation is not None and self.preannotation.running:
            self.window.message(tr("Pre-annotation is already running"))
            return
        dialog = PreannotateDialog(self, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self._run(dialog.chosen_recommenders(), dialog.chosen_documents())

    def suggest_imported(self, document_ids: list[str]) -> None:
        """An import added these documents: pre-annotate them in the background (the setting
        allowing); after the run going on, if there is one. An in-memory project has no file for
        the worker to open: its imports are left alone."""
        project = self.session.project
        if self.closed or not document_ids or str(project.path) == ":memory:" or not self.suggest_after_import:
            return
        if self.preannotation is not None and self.preannotation.running:
            self.waiting.extend(document_ids)
            return
        self._run(recommenders_after_import(project, self.recommender_settings()), document_ids)

    def run_ended(self) -> None:
        """A pre-annotation ended (done, cancelled or failed): imports that waited for it go next."""
        waiting, self.waiting = self.waiting, []
        if not waiting or self.closed:
            self.learning.run_ended()  # a lesson's refresh that waited for this run
            return
        known = {info.id for info in self.session.project.documents()}  # an undone import took some away
        self.suggest_imported([document_id for document_id in waiting if document_id in known])
        self.learning.run_ended()  # after the import's run, if one started

    def run_in_background(self, names: list[str], document_ids: list[str]) -> None:
        """Run these recommenders on these documents in the background (the status bar's strip)."""
        self._run(names, document_ids)

    def _run(self, names: list[str], document_ids: list[str]) -> None:
        from ui.suggestions.preannotate import Preannotation

        if self.preannotation is not None:
            self.preannotation.dispose()
        self.preannotation = Preannotation(self, names, document_ids)
        self.preannotation.start()

    def train(self) -> None:
        from ui.suggestions.training import TrainingDialog

        if self.training is None:
            self.training = TrainingDialog(self, self.window)
        self.training.show()
        self.training.raise_()

    def about(self) -> None:
        from ui.suggestions.about import show_about

        show_about(self.window)
