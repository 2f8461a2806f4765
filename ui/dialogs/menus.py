"""The menu entries of the File dialogs and the multi-annotator windows, installed into the main window.

``install_menus(window, bar, actions)`` (called once from ``ui/actions.py``) adds File → Import…,
Export…, Merge… before Quit, and Annotator → Annotators…, Agreement…, Curate this document….
The windows they open are kept by one :class:`MultiAnnotator` object (a child of the main
window), so there is one Agreement window and one curator's view, reused, and both close with
the main window.

Agreement and the curator's view show every annotator's layer, so they are the curator's alone
(the window annotating as ``gold``): annotation is blind (docs/blind.md). For anyone else their
menu entries are off, with a tooltip saying how to become the curator, and
:meth:`MultiAnnotator.curator_only` refuses them on every other path too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMenuBar

from annotator.model import GOLD
from ui.dialogs.common import after_background_write
from ui.i18n import isolate, tr

if TYPE_CHECKING:
    from ui.agreement.window import AgreementWindow
    from ui.curation.window import CurationWindow
    from ui.window import MainWindow

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
        self.curator_actions: list[QAction] = []  # Agreement…, Curate this document…: on for the curator only
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

    # -- File ------------------------------------------------------------------------------------

    def show_import(self) -> None:
        from ui.dialogs.import_dialog import ImportDialog

        dialog = ImportDialog(self.project, self.window.session.annotator.name, self.window)
        dialog.imported.connect(lambda report: after_background_write(self.window, report.change))
        self._show("import", dialog)

    def show_export(self) -> None:
        from ui.dialogs.export_dialog import ExportDialog

        session = self.window.session
        dialog = ExportDialog(self.project, session.annotator.name, session.document_id, self.window)
        self._show("export", dialog)

    def show_merge(self) -> None:
        from ui.dialogs.merge_dialog import MergeDialog

        dialog = MergeDialog(self.project, self.window)
        dialog.merged.connect(lambda report: after_background_write(self.window, report.change))
        self._show("merge", dialog)

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


def _menu_holding(bar: QMenuBar, action: QAction) -> QMenu | None:
    for top in bar.actions():
        menu = top.menu()
        if isinstance(menu, QMenu) and action in menu.actions():
            return menu
    return None


def _add(window: MainWindow, menu: QMenu | None, text: str, slot, before: QAction | None = None) -> QAction:
    action = QAction(tr(text), window)
    action.triggered.connect(lambda _checked=False: slot())
    if menu is not None:
        if before is not None:
            menu.insertAction(before, action)
        else:
            menu.addAction(action)
    return action


def install_menus(window: MainWindow, bar: QMenuBar, actions: dict[str, QAction]) -> MultiAnnotator:
    """Add the entries to the File and Annotator menus; their actions go into ``actions`` too."""
    feature = MultiAnnotator(window)
    file_menu = _menu_holding(bar, actions["quit"])
    quit_action = actions["quit"]
    actions["import"] = _add(window, file_menu, "&Import files…", feature.show_import, quit_action)
    actions["export"] = _add(window, file_menu, "&Export annotations…", feature.show_export, quit_action)
    actions["merge"] = _add(window, file_menu, "&Merge project files…", feature.show_merge, quit_action)
    if file_menu is not None:
        file_menu.insertSeparator(quit_action)
    annotator_menu = _menu_holding(bar, actions["switch"])
    if annotator_menu is not None:
        annotator_menu.addSeparator()
    actions["annotators"] = _add(window, annotator_menu, "&Annotators…", feature.show_annotators)
    actions["agreement"] = _add(window, annotator_menu, "A&greement…", feature.show_agreement)
    actions["curate"] = _add(window, annotator_menu, "&Curate this document…", feature.curate_current)
    feature.curator_actions = [actions["agreement"], actions["curate"]]
    if annotator_menu is not None:  # a disabled entry says why in its tooltip
        annotator_menu.setToolTipsVisible(True)
        annotator_menu.aboutToShow.connect(feature.refresh_roles)
    feature.refresh_roles()
    return feature
