"""The File dialogs and the team windows (annotators, agreement, curation) of one main window, and their menu entries.

``register_team_menus(table, window)`` (called once from ``ui/actions.py``) adds File → Import…,
Export…, Merge…, Distribute… before Quit, and Annotator → Annotators…, Agreement…, Team progress…,
Curate this document….
The windows they open are kept by one :class:`MultiAnnotator` object (a child of the main
window), so there is one Agreement window and one curator's view, reused, and both close with
the main window.

Agreement, the curator's view, Team progress and Distribute see every annotator's layer or hand the
project out, so they are the curator's (the lead's) alone
(the window annotating as ``gold``): annotation is blind (docs/blind.md). For anyone else their
menu entries are off, with a tooltip saying how to become the curator, and
:meth:`MultiAnnotator.curator_only` refuses them on every other path too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from annotator.model import GOLD
from ui.i18n import isolate, tr
from ui.menus import SEPARATOR, Entry, MenuTable

if TYPE_CHECKING:
    from ui.agreement.window import AgreementWindow
    from ui.curation.window import CurationWindow
    from ui.window import MainWindow

FILE = (
    Entry("import", "&Import files…", "show_import"),
    Entry("export", "&Export annotations…", "show_export"),
    Entry("merge", "&Merge project files…", "show_merge"),
    Entry("distribute", "&Distribute to annotators…", "show_distribute"),
    SEPARATOR,
)
ANNOTATOR = (
    SEPARATOR,
    Entry("annotators", "&Annotators…", "show_annotators"),
    Entry("agreement", "A&greement…", "show_agreement"),
    Entry("progress", "Team &progress…", "show_progress"),
    Entry("curate", "&Curate this document…", "curate_current"),
)
CURATOR_ONLY = "Only the curator sees everyone's work: to curate, choose Annotator → Switch annotator… → {gold}"


class MultiAnnotator(QObject):
    """Opens the dialogs and windows for one main window and keeps them."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("multiAnnotator")
        self.window = window
        self.dialogs: dict[str, QObject] = {}
        self.agreement: AgreementWindow | None = None
        self.curation: CurationWindow | None = None
        self.curator_actions: list[QAction] = []  # on for the curator only
        window.installEventFilter(self)

    @property
    def project(self):
        return self.window.session.project

    # -- who may see every layer -----------------------------------------------------------------

    def is_curator(self) -> bool:
        """Whether the window annotates as the curator (the gold layer), the one who may see every layer."""
        return self.window.session.annotator.name == GOLD

    def curator_only(self) -> bool:
        """The one guard of the windows showing every layer: True for the curator, else says why not."""
        if self.is_curator():
            return True
        self.window.message(tr(CURATOR_ONLY).format(gold=isolate(GOLD)))
        return False

    def refresh_roles(self) -> None:
        """Turn Agreement and Curate on for the curator, off (with a tooltip saying why) for an annotator.

        Called when the menus are built, when the annotator changes here and each time the Annotator
        menu opens, so a switch made anywhere shows before anyone can click.
        """
        curator = self.is_curator()
        tip = "" if curator else tr(CURATOR_ONLY).format(gold=isolate(GOLD))
        for action in self.curator_actions:
            action.setEnabled(curator)
            action.setToolTip(tip or action.text().replace("&", ""))

    def attach(self, actions: dict[str, QAction], menus: dict[str, QMenu]) -> None:
        """Once the menus exist: Agreement and Curate follow the role, and a disabled entry says why."""
        self.curator_actions = [actions[name] for name in ("agreement", "curate", "progress", "distribute")]
        annotator_menu = menus["annotator"]
        annotator_menu.setToolTipsVisible(True)
        annotator_menu.aboutToShow.connect(self.refresh_roles)
        self.refresh_roles()

    # -- File ------------------------------------------------------------------------------------

    def show_import(self) -> None:
        from ui.dialogs.import_dialog import ImportDialog

        dialog = ImportDialog(self.project, self.window.session.annotator.name, self.window)
        self._writes_in_background(dialog)
        dialog.imported.connect(self._imported)
        self._show("import", dialog)

    def _imported(self, report) -> None:
        """The views take what the worker stored, then what it added is pre-annotated in the
        background (issue 13: on by default; the Suggestions menu's setting turns it off)."""
        from ui.dialogs.common import after_background_write  # with the dialogs, not at start-up

        after_background_write(self.window, report.change)
        self.window.suggestions.suggest_imported(list(report.change.documents_added))

    def show_export(self) -> None:
        from ui.dialogs.export_dialog import ExportDialog

        session = self.window.session
        dialog = ExportDialog(self.project, session.annotator.name, session.document_id, self.window)
        self._show("export", dialog)

    def show_merge(self) -> None:
        from ui.dialogs.common import after_background_write
        from ui.dialogs.merge_dialog import MergeDialog

        dialog = MergeDialog(self.project, self.window.session.annotator.name, self.window)
        self._writes_in_background(dialog)
        dialog.merged.connect(lambda report: after_background_write(self.window, report.change))
        self._show("merge", dialog)

    def show_distribute(self) -> None:
        """File → Distribute…: the lead hands the documents out, one project file per annotator (issue 16)."""
        from ui.dialogs.distribute_dialog import DistributeDialog

        if not self.curator_only():
            return
        self._show("distribute", DistributeDialog(self.project, self.window))

    def _writes_in_background(self, dialog) -> None:
        """The dialog's worker commits through its own connection: the store watcher holds meanwhile,
        and the worker's own change (``after_background_write``) is what the views follow."""
        watch = self.window.store_watch
        dialog.jobStarted.connect(watch.hold)
        dialog.jobEnded.connect(watch.release)

    def _show(self, name: str, dialog) -> None:
        old = self.dialogs.get(name)
        if old is not None and getattr(old, "job", None) is not None:  # still working: bring it back
            old.show()
            old.raise_()
            dialog.deleteLater()
            return
        if old is not None:
            old.deleteLater()
        self.dialogs[name] = dialog
        dialog.show()

    # -- Annotator -------------------------------------------------------------------------------

    def show_annotators(self) -> None:
        from ui.dialogs.annotators import AnnotatorsDialog

        dialog = AnnotatorsDialog(
            self.project,
            self.window.session.annotator.name,
            self.window,
            switch_to=self.switch_to,
            show_agreement=self.show_agreement,
        )
        self._show("annotators", dialog)

    def switch_to(self, name: str) -> None:
        """Annotate as ``name`` (the same as Switch annotator…, without asking)."""
        window = self.window
        if name == window.session.annotator.name:
            return
        window.settings.annotator = name
        window.session.annotator = self.project.ensure_annotator(name)
        window.session.document_id = None
        window.load_annotator()
        self.refresh_roles()
        window.message(tr("Now annotating as {name}").format(name=isolate(name)))

    def show_agreement(self) -> None:
        from ui.agreement.window import AgreementWindow

        if not self.curator_only():
            return
        if self.agreement is None:
            self.agreement = AgreementWindow(self.project, self.window)
            self.agreement.curateRequested.connect(self.curate)
        self.agreement.show()
        self.agreement.raise_()
        self.agreement.activateWindow()
        if self.agreement.report is None:
            self.agreement.compute()

    def show_progress(self) -> None:
        """Annotator → Team progress…: the lead's dashboard of time, throughput and overlap agreement."""
        from ui.progress.window import ProgressWindow

        if not self.curator_only():
            return
        window = self.dialogs.get("progress")
        if window is None:
            window = self.dialogs["progress"] = ProgressWindow(self.project, self.window)
        window.show()
        window.raise_()
        window.activateWindow()

    def curate_current(self) -> None:
        document_id = self.window.session.document_id
        if document_id is None:
            self.window.message(tr("Open a document first"))
            return
        self.curate(document_id, None, "done")

    def curate(self, document_id: str, annotators: list[str] | None, status: str = "done") -> None:
        from ui.curation.window import CurationWindow

        if not self.curator_only():
            return
        if self.curation is None:
            window = self.window
            self.curation = CurationWindow(
                self.project, window, theme=window.theme, point_size=window.settings.font_size
            )
        self.curation.show()
        self.curation.open_document(document_id, annotators or None, status)
        self.curation.raise_()
        self.curation.activateWindow()

    # -- closing with the main window ------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            jobs = [getattr(w, "job", None) for w in (*self.dialogs.values(), self.agreement)]
            for job in jobs:
                if job is not None:
                    job.cancel()
            for job in jobs:  # a thread must end before the application does (a store commit is short)
                if job is not None:
                    job.wait(10_000)
            for other in (*self.dialogs.values(), self.agreement, self.curation):
                if other is not None:
                    other.close()
        return False


def register_team_menus(table: MenuTable, window: MainWindow) -> MultiAnnotator:
    """Add the entries to the File and Annotator menus; the object that opens and keeps their windows."""
    feature = MultiAnnotator(window)
    table.add("file", *FILE, owner=feature, before="quit")
    table.add("annotator", *ANNOTATOR, owner=feature)
    return feature
