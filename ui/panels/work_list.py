"""Documents as a work list in the window (issue 16, item 4): the "next document" policy and the filter.

:func:`install_work_list` is the window's one line of wiring and :func:`register_work_list_menu`
the menu table's: View → "Next document order" (assigned order, least confident first, shortest
first) and "Filter documents" (Ctrl+L). The policy is the project's setting for this annotator
(:mod:`annotator.work_order`); the session follows it for Ctrl+PgDown and "Mark done and open the
next document", and the list shows the same order through its proxy, so what comes next is the
next row.

The Suggestions feature's older toggle, "Order documents by model uncertainty", is the
least-confident policy under another name: ticking it chooses that policy, and choosing another
policy clears it (its setting also decides whether the list shows the uncertainty column).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from annotator.errors import HashiyaError
from annotator.store import Change
from annotator.work_order import WorkFilter, WorkOrder, arrange, choose_work_order, read_work_order
from ui.i18n import tr
from ui.menus import SEPARATOR, Entry, MenuTable
from ui.suggestions.feature import ORDER_KEY

if TYPE_CHECKING:
    from ui.window import MainWindow

POLICIES = (
    (WorkOrder.ASSIGNED, "&Assigned order"),
    (WorkOrder.LEAST_CONFIDENT, "&Least confident first"),
    (WorkOrder.SHORTEST, "&Shortest first"),
)
UNCERTAINTY_ACTION = "order_uncertainty"  # the Suggestions feature's entry in the View menu (ui/actions.py)


class WorkList(QObject):
    """The window's work list: reads the policy, orders and filters the document list, keeps the
    session's policy and filter equal to what the list shows."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.actions: dict[str, QAction] = {}
        self._annotator: str | None = None
        self._busy = False  # a refresh that toggles the uncertainty entry reloads the list: once
        self._pending_refresh = False
        self._closed = False
        self.policy = self._read_policy()
        window.documents.modelSet.connect(self.refresh)
        window.documents.filter_bar.changed.connect(self.set_filter)
        self._unsubscribe = self.session.project.subscribe(self.on_change)

    def _read_policy(self) -> WorkOrder:
        """This annotator's choice, else the project's, else the window's older uncertainty toggle;
        the toggle's setting is kept equal to it before the list is first built."""
        self._annotator = self.session.annotator.name
        chosen = read_work_order(self.session.project, self._annotator)
        if chosen is None:
            legacy = str(self.window.settings.store.value(ORDER_KEY, "false")).lower() == "true"
            chosen = WorkOrder.LEAST_CONFIDENT if legacy else WorkOrder.ASSIGNED
        self.window.settings.store.setValue(ORDER_KEY, "true" if chosen is WorkOrder.LEAST_CONFIDENT else "false")
        self.session.work_order = chosen
        return chosen

    # -- the menu ----------------------------------------------------------------------------------

    def attach(self, actions: dict[str, QAction], _menus: dict[str, QMenu]) -> None:
        """The menus exist: follow the uncertainty toggle, show the current policy."""
        self.actions = actions
        uncertainty = actions.get(UNCERTAINTY_ACTION)
        if uncertainty is not None:
            uncertainty.toggled.connect(self._uncertainty_toggled)
        self._show_policy()

    def _show_policy(self) -> None:
        for policy, _text in POLICIES:
            action = self.actions.get(f"work_order_{policy}")
            if action is not None and action.isChecked() != (policy is self.policy):
                action.setChecked(policy is self.policy)

    def _uncertainty_toggled(self, on: bool) -> None:
        if on and self.policy is not WorkOrder.LEAST_CONFIDENT:
            self.set_policy(WorkOrder.LEAST_CONFIDENT)
        elif not on and self.policy is WorkOrder.LEAST_CONFIDENT:
            self.set_policy(WorkOrder.ASSIGNED)

    def choose(self, policy: str) -> None:
        """A View menu entry: this annotator's policy from now on (stored in the project)."""
        self.set_policy(WorkOrder(policy))
        self.window.message(tr("Next document: {policy}").format(policy=tr(_text_of(self.policy)).replace("&", "")))

    def set_policy(self, policy: WorkOrder) -> None:
        if policy is self.policy:
            return
        self.policy = policy
        self.session.work_order = policy
        try:
            choose_work_order(self.session.project, policy, self.session.annotator.name)
        except HashiyaError:  # a server project's settings are its owner's: the choice holds for this window
            self.window.message(tr("The order holds in this window only: the project's settings are its owner's"))
        self._show_policy()
        uncertainty = self.actions.get(UNCERTAINTY_ACTION)
        wants = policy is WorkOrder.LEAST_CONFIDENT
        if uncertainty is not None and uncertainty.isChecked() != wants:
            uncertainty.setChecked(wants)  # the feature rebuilds the list (with or without the column)
        else:
            self.refresh()

    def focus_filter(self) -> None:
        """Ctrl+L: the document list in view, the cursor in its filter."""
        for dock in self.window.docks:
            if dock.widget() is self.window.documents:
                dock.show()
                dock.raise_()
        self.window.documents.filter_bar.focus()

    # -- ordering and filtering --------------------------------------------------------------------

    def set_filter(self, work_filter: WorkFilter) -> None:
        self.session.work_filter = work_filter
        self.refresh()
        model = self.window.documents.model
        if not work_filter.empty and model is not None:
            shown = len(self.window.documents.shown_ids())
            self.window.message(tr("{shown} of {total} documents shown").format(shown=shown, total=model.rowCount()))

    def refresh(self) -> None:
        """Read the rows the filter and the order need (one query) and hand them to the list."""
        if self._busy:
            return
        self._busy = True
        try:
            if self._annotator != self.session.annotator.name:  # another annotator: their choice
                self.policy = self._read_policy()
                self._show_policy()
                uncertainty = self.actions.get(UNCERTAINTY_ACTION)
                wants = self.policy is WorkOrder.LEAST_CONFIDENT
                if uncertainty is not None and uncertainty.isChecked() != wants:
                    uncertainty.setChecked(wants)
            self.session.order = None  # the session orders by the policy itself, as the list does
            self.session.work_order = self.policy
            counted = self.session.work_filter.has_suggestions is not None  # the slow part: only when asked
            rows = self.session.project.reads.work_rows(self.session.annotator, pending=counted)
            scores = None
            if self.policy is WorkOrder.LEAST_CONFIDENT:
                scores = self.session.project.document_uncertainty(annotator=self.session.annotator)
            ordered = arrange(rows, self.policy, scores)
            rank = {r.summary.info.id: i for i, r in enumerate(ordered)}
            documents = self.window.documents
            documents.proxy.set_work(rank, {r.summary.info.id: r for r in rows}, self.session.work_filter)
            if self.session.document_id is not None:
                documents.show_current(self.session.document_id)
        finally:
            self._busy = False

    def on_change(self, change: Change) -> None:
        """Documents came or went, suggestions or spans changed (pending counts), another program
        wrote: read again, once, after the window has followed the change."""
        counted = self.session.work_filter.has_suggestions is not None
        moved = change.documents_added or change.documents_removed or change.external
        suggested = change.suggestions or change.spans_added or change.spans_removed
        rescored = bool(change.suggestions) and self.policy is WorkOrder.LEAST_CONFIDENT  # a run's new uncertainty
        wanted = moved or rescored or (suggested and counted)
        if wanted and not self._pending_refresh:
            self._pending_refresh = True
            QTimer.singleShot(0, self._refresh_later)

    def unsubscribe(self) -> None:
        """Stop following the store (once; the window calls it as it goes)."""
        if not self._closed:
            self._closed = True
            self._unsubscribe()

    def _refresh_later(self) -> None:
        self._pending_refresh = False
        if not self._closed:
            self.refresh()


def _text_of(policy: WorkOrder) -> str:
    return next(text for p, text in POLICIES if p is policy)


def install_work_list(window: MainWindow) -> WorkList:
    """Create the window's work list (before the menus: they show its policy)."""
    work_list = WorkList(window)
    unsubscribe = work_list.unsubscribe
    window.destroyed.connect(lambda *_: unsubscribe())  # the project may outlive the window
    return work_list


def register_work_list_menu(table: MenuTable, window: MainWindow) -> WorkList:
    """View → Next document order (one exclusive choice) and Filter documents (Ctrl+L)."""
    work_list: WorkList = window.work_list
    table.menu("work_order", "&Next document order", parent="view")
    table.add(
        "work_order",
        *(
            Entry(f"work_order_{policy}", text, "choose", args=(str(policy),), checked=policy is work_list.policy,
                  group="work_order")
            for policy, text in POLICIES
        ),
        owner=work_list,
    )  # fmt: skip
    table.add("view", Entry("filter_documents", "&Filter documents", "focus_filter", ("Ctrl+L",)), SEPARATOR,
              owner=work_list)  # fmt: skip
    table.on_built(work_list.attach)
    return work_list
