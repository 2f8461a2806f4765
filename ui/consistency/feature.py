"""Consistency review in the main window: the queue's docks, its keys, and following the store.

The checks (:func:`annotator.consistency.run.run_checks`) run in a worker on a connection of their
own (``ui/workers.py``), never on the window's thread; model disagreement, slower, only when asked
(*Check with the model*), and its findings are kept until the next such run. Fixes and dismissals
are written on the window's connection through the store's door (``Project.apply_fixes``,
``Project.dismiss_finding``), each one action in the window annotator's log, so the window's Ctrl+Z
takes it back. The queue follows the change bus (``Project.subscribe``): a change to the
annotation (a fix, an undo, a key in the view, another program) re-runs the checks after a pause
(:data:`RECHECK_MS`), so a burst of edits costs one run; rows a fix or a dismissal settles leave
the queue at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer

from annotator.consistency.findings import CheckKind, Finding, Occurrence
from annotator.errors import HashiyaError
from annotator.model import GOLD
from annotator.store import Change
from ui.consistency.close_watch import CloseWatch  # noqa: F401  (kept importable from here)
from ui.consistency.queue_dock import QueueDock
from ui.consistency.queue_model import QueueModel
from ui.i18n import tr
from ui.workers import Job, start_project_job

if TYPE_CHECKING:
    from annotator.store import Project
    from ui.window import MainWindow

RECHECK_MS = 400  # after a change, wait this long for more before checking again


def touches_annotation(change: Change) -> bool:
    """Whether a change can alter findings (a suggestion run or a trained model cannot)."""
    return bool(
        change.external
        or change.spans_added
        or change.spans_removed
        or change.spans_updated
        or change.relations_added
        or change.relations_removed
        or change.statuses
        or change.documents_added
        or change.documents_removed
        or change.schema_changed
        or change.findings_dismissed
    )


def check_layer(
    project: Project, layer: str | None, kinds: Iterable[CheckKind], progress=None, cancelled=None
) -> list[Finding]:
    """The worker's job: the findings of ``kinds`` over ``layer``, without those dismissed (the
    model check reports progress and stops when the job is cancelled)."""
    from annotator.consistency.run import run_checks  # the checks' modules: loaded on the worker

    dismissed = project.dismissed_findings()
    return run_checks(project, layer, kinds, dismissed=dismissed, cancelled=cancelled, progress=progress)


class ConsistencyQueue(QObject):
    """The Consistency dock's behaviour: runs, fixes, dismissals, jumps (see the module docstring)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.model = QueueModel()
        self.dock = QueueDock(self.model)
        self.job: Job | None = None
        self.again = False  # a change arrived during a run: run once more after it
        self.stale = True  # the queue does not show the store as it is now
        self.generation = 0  # bumped when the layer changes: a run for the old one is dropped
        self.model_findings: list[Finding] = []  # the last model disagreement run's, kept between runs
        self.with_model = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(RECHECK_MS)
        self.timer.timeout.connect(self.run)
        tree = self.dock.tree
        tree.fixAll.connect(self.fix_all)
        tree.fixOne.connect(self.fix_one)
        tree.dismiss.connect(self.dismiss)
        tree.jump.connect(self.jump)
        tree.recheck.connect(self.run)
        self.dock.modelCheck.connect(self.run_with_model)
        self.dock.layerChosen.connect(self.layer_changed)
        self.annotator = window.session.annotator.name
        self.dock.show_layer_choice(self.curator)

    # -- which layer -----------------------------------------------------------------------------

    @property
    def curator(self) -> bool:
        return self.window.session.annotator.name == GOLD

    @property
    def layer(self) -> str | None:
        """The window's annotator's layer; the curator's choice of gold or everyone's."""
        return self.dock.chosen_layer() if self.curator else self.window.session.annotator.name

    def layer_changed(self) -> None:
        """Another annotator in the window, or the curator chose another layer: a fresh queue."""
        self.annotator = self.window.session.annotator.name
        self.dock.show_layer_choice(self.curator)
        self.generation += 1
        self.model_findings = []
        self.model.set_findings([])
        self.stale = True
        if self.visible():
            self.run()

    # -- running the checks ----------------------------------------------------------------------

    def visible(self) -> bool:
        parent = self.dock.parentWidget()
        return parent is not None and parent.isVisible()

    def on_change(self, change: Change) -> None:
        if not touches_annotation(change):
            return
        self.stale = True
        if self.visible():
            self.timer.start()

    def shown(self, visible: bool) -> None:
        """The dock was opened: check what changed while it was closed."""
        if visible and self.stale:
            self.run()

    def run_with_model(self) -> None:
        self.with_model = True
        self.run()

    def run(self) -> None:
        """Check the layer in the background (once more after a run already going)."""
        if self.window.session.annotator.name != self.annotator:
            self.layer_changed()
            return
        self.timer.stop()
        if self.job is not None and self.job.running:
            self.again = True
            return
        kinds = set(CheckKind) if self.with_model else set(CheckKind) - {CheckKind.DISAGREEMENT}
        model, self.with_model, self.again, self.stale = CheckKind.DISAGREEMENT in kinds, False, False, False
        generation, layer = self.generation, self.layer
        self.dock.status.setText(tr("Checking with the model…") if model else tr("Checking…"))
        self.job = start_project_job(
            self,
            self.window.session.project,
            lambda project, progress, cancelled: check_layer(project, layer, kinds, progress, cancelled),
            on_done=lambda findings: self._done(findings, generation, model),
            on_failed=self._failed,
        )

    def _done(self, findings: list[Finding], generation: int, model: bool) -> None:
        if generation == self.generation:
            if model:
                self.model_findings = [f for f in findings if f.kind == CheckKind.DISAGREEMENT]
            else:
                findings = sorted([*findings, *self.model_findings], key=lambda f: -f.score)
            self.model.colours, self.model.alpha = self.window.colours, self.window.theme.fill_alpha  # as the view
            where = self.dock.where()
            self.model.set_findings(findings)
            self.dock.go_back_to(*where)  # a re-run after a fix keeps the linguist's place in the queue
            self.dock.status.setText(tr("Findings: {n}").format(n=len(findings)) if findings else tr("No findings"))
        if self.again:
            QTimer.singleShot(0, self.run)

    def _failed(self, message: str) -> None:
        self.dock.status.setText(tr("The checks failed: {error}").format(error=message))
        if self.again:
            QTimer.singleShot(0, self.run)

    # -- the keys --------------------------------------------------------------------------------

    def current(self) -> tuple[Finding | None, Occurrence | None]:
        index = self.dock.current()
        return self.model.finding_at(index), self.model.occurrence_at(index)

    def fix_all(self) -> None:
        """The finding's fix on every occurrence it proposes one for: one action, one Ctrl+Z."""
        finding, _occurrence = self.current()
        if finding is None:
            return
        if not finding.fixes:
            self.window.message(tr("This finding proposes no fix: correct it in the document, or dismiss it"))
            return
        if self._write(lambda project, by: project.apply_fixes(by, finding.fixes, what=finding.key)):
            self._settled(finding)
            self.window.message(tr("Fixed: {what}").format(what=finding.proposal))

    def fix_one(self) -> None:
        """The fix of the current occurrence alone."""
        finding, occurrence = self.current()
        if finding is None:
            return
        if occurrence is None or occurrence.fix is None:
            self.window.message(tr("Choose an occurrence with a proposed fix (or Shift+Enter to fix them all)"))
            return
        fix = occurrence.fix
        if self._write(lambda project, by: project.apply_fixes(by, [(occurrence, fix)], what=finding.key)):
            self.model.remove_occurrence(finding.key, occurrence)
            self.model_findings = [f for f in self.model_findings if f.key != finding.key]

    def dismiss(self) -> None:
        """Remember the finding as no error (in the project: it stays gone after a restart)."""
        finding, _occurrence = self.current()
        if finding is not None and self._write(lambda project, by: project.dismiss_finding(by, finding)):
            self._settled(finding)
            self.window.message(tr("Dismissed: {what}").format(what=finding.summary))

    def _write(self, write: Any) -> bool:
        """One write on the window's connection, as the window's annotator; a refusal is said, not raised."""
        try:
            write(self.window.session.project, self.window.session.annotator)
        except HashiyaError as error:  # e.g. an occurrence edited since the checks ran
            self.window.message(str(error))
            self.timer.start()
            return False
        return True

    def _settled(self, finding: Finding) -> None:
        self.model.remove_finding(finding.key)
        self.model_findings = [f for f in self.model_findings if f.key != finding.key]

    def jump(self) -> None:
        """Show the current occurrence (a finding's row: its first) in the document view."""
        from ui.consistency.navigate import jump_to

        finding, occurrence = self.current()
        if occurrence is None and finding is not None and finding.occurrences:
            occurrence = finding.occurrences[0]
        if occurrence is not None:
            jump_to(self.window, occurrence.document_id, occurrence.start, occurrence.end, occurrence.span_id)
            self.dock.tree.setFocus()  # the keys stay with the queue

    def stop(self) -> None:
        self.timer.stop()
        if self.job is not None and self.job.running:
            self.job.cancel()
