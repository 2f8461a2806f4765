"""The Team progress window: the lead's dashboard of time, throughput, suggestions and overlap agreement.

The report (:func:`annotator.team.progress.build_progress`) is computed in a worker on its own
connection, as the Agreement window computes its own (:mod:`ui.agreement.window`): when the
window is shown, on Refresh (F5) and when the idle gap changes. It shows, per annotator and per
day, documents done, active hours, entities per active hour and the median time of a document;
suggestion acceptance per recommender and per label; the time suggestions saved with its 95%
interval; and agreement on the overlap sample as it evolved (the HTML report's trend plot, in the
window's language) with the worst pairs and labels. A project nobody has worked in says so
rather than showing empty grids. Save writes the HTML report (or the JSON of ``hashiya progress``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.policies import overlap_sample
from annotator.store import Project
from annotator.team.agreement.figures import AgreementReport
from annotator.team.agreement.svg import fmt
from annotator.team.progress import ProgressReport, build_progress
from annotator.team.progress_html import render_html, trend_plot
from annotator.team.progress_time import DEFAULT_IDLE_MINUTES
from ui.agreement.svg_plot import SvgPlot, scrolling
from ui.dialogs.common import ProgressRow, save_report
from ui.i18n import ltr, tr
from ui.progress import tables
from ui.progress.table_model import RecordTable, table_view
from ui.progress.wording import say
from ui.workers import Job, start_project_job

EMPTY_PAGE, DASHBOARD_PAGE = 0, 1


class ProgressWindow(QMainWindow):
    computed = Signal()  # a report (or a failure) is on screen

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progressWindow")
        self.setWindowTitle(tr("Team progress"))
        self.project = project
        self.report: ProgressReport | None = None
        self.final: AgreementReport | None = None  # the overlap agreement report the trend ends with
        self.job: Job | None = None
        self._again = False  # asked again while computing: compute once more when this run ends

        self.idle = QDoubleSpinBox()
        self.idle.setObjectName("progressIdle")
        self.idle.setRange(0.25, 240.0)
        self.idle.setSingleStep(1.0)
        self.idle.setDecimals(2)
        self.idle.setValue(DEFAULT_IDLE_MINUTES)
        self.idle.setKeyboardTracking(False)  # typing "12" computes once, not for "1" first
        self.idle.setToolTip(tr("A pause longer than this between two events of an annotator is not counted as work."))
        self.idle.valueChanged.connect(self.refresh)
        self.refresh_action = QAction(tr("Refresh"), self)
        self.refresh_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.refresh_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.refresh_action.triggered.connect(self.refresh)
        self.addAction(self.refresh_action)
        self.refresh_button = _button(tr("Refresh"), "progressRefresh", self.refresh)
        self.refresh_button.setToolTip(tr("Compute the figures again from the project file"))
        self.save_html_button = _button(tr("Save HTML report…"), "progressSaveHtml", self._ask_save_html)
        self.save_json_button = _button(tr("Save JSON…"), "progressSaveJson", self._ask_save_json)
        controls = QHBoxLayout()
        idle_label = QLabel(tr("Idle gap (minutes):"))
        idle_label.setBuddy(self.idle)
        controls.addWidget(idle_label)
        controls.addWidget(self.idle)
        controls.addStretch(1)
        for button in (self.refresh_button, self.save_html_button, self.save_json_button):
            controls.addWidget(button)

        self.progress = ProgressRow(cancellable=False)
        self.summary = _label("progressSummary")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.totals = RecordTable(tables.throughput_headers(with_day=False))
        self.days = RecordTable(tables.throughput_headers(with_day=True))
        self.acceptance = RecordTable(tables.acceptance_headers())
        self.saved = RecordTable(tables.saved_headers())
        self.pairs = RecordTable(tables.pair_headers())
        self.labels = RecordTable(tables.label_headers())
        self.trend_plot = SvgPlot()
        self.trend_plot.setObjectName("progressTrend")
        self.agreement_note = _label("progressAgreementNote")

        self.pages = QStackedWidget()
        self.pages.addWidget(self._empty_page())
        self.pages.addWidget(self._dashboard())

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(controls)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.resize(1440, 900)
        self._set_report_actions(False)

    def _empty_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        title = QLabel(tr("No activity recorded yet"))
        title.setObjectName("progressEmptyTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        text = _label("progressEmptyText")
        text.setText(
            tr(
                "No annotator has worked in this project yet: time, documents done and suggestion decisions "
                "appear here once someone annotates (or once their project files are merged)."
            )
        )
        layout.addStretch(1)
        for widget in (title, text):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(widget)
        layout.addStretch(2)
        return page

    def _dashboard(self) -> QWidget:
        worst = QSplitter(Qt.Orientation.Horizontal)
        worst.addWidget(_box(tr("Worst pairs"), table_view(self.pairs, "progressWorstPairs")))
        worst.addWidget(_box(tr("Worst labels"), table_view(self.labels, "progressWorstLabels")))
        worst.setSizes([380, 260])
        agreement = QWidget()
        inner = QVBoxLayout(agreement)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.agreement_note)
        inner.addWidget(scrolling(self.trend_plot), 1)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(_box(tr("Agreement on the overlap sample"), agreement))
        right.addWidget(worst)
        right.addWidget(_box(tr("Suggestion acceptance"), table_view(self.acceptance, "progressAcceptance")))
        right.setSizes([380, 170, 300])
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(_box(tr("Per annotator"), table_view(self.totals, "progressTotals")))
        left.addWidget(_box(tr("Per annotator and day"), table_view(self.days, "progressDays")))
        left.addWidget(_box(tr("Time saved by suggestions"), table_view(self.saved, "progressSaved")))
        left.setSizes([150, 420, 180])
        grid = QSplitter(Qt.Orientation.Horizontal)
        grid.addWidget(left)
        grid.addWidget(right)
        grid.setSizes([780, 660])
        return grid

    # -- computing -------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        """Opened (or opened again from the menu): the figures are read afresh."""
        super().showEvent(event)
        if not event.spontaneous():
            self.refresh()

    def refresh(self) -> None:
        """Compute the report again in a worker (F5, Refresh, a new idle gap)."""
        if self.job is not None:
            self._again = True
            return
        idle = self.idle.value()
        self.refresh_button.setEnabled(False)
        self.progress.start(tr("Computing team progress…"))
        self.job = start_project_job(
            self,
            self.project,
            lambda project, progress, cancelled: build_progress(project, idle),
            on_done=self._done,
            on_failed=self._failed,
        )

    def _finish(self) -> bool:
        """The job ended; True when another run was asked for meanwhile (and is now started)."""
        self.job = None
        self.progress.stop()
        self.refresh_button.setEnabled(True)
        again, self._again = self._again, False
        if again:
            self.refresh()
        return again

    def _done(self, result: tuple[ProgressReport, AgreementReport | None]) -> None:
        if self._finish():
            return  # the figures for the idle gap now chosen are on their way
        self.show_report(*result)
        self.computed.emit()

    def _failed(self, message: str) -> None:
        if self._finish():
            return
        self.report = self.final = None
        self._set_report_actions(False)
        self.summary.setStyleSheet("color: #B00020;")
        self.summary.setText(tr("No progress report: {error}").format(error=message))
        self.computed.emit()

    def _set_report_actions(self, enabled: bool) -> None:
        self.save_html_button.setEnabled(enabled)
        self.save_json_button.setEnabled(enabled)

    # -- showing ---------------------------------------------------------------------------------

    def show_report(self, report: ProgressReport, final: AgreementReport | None) -> None:
        self.report, self.final = report, final
        self._set_report_actions(True)
        self.summary.setStyleSheet("")
        if not report.annotators:
            self.summary.clear()
            self.summary.hide()
            self.pages.setCurrentIndex(EMPTY_PAGE)
            return
        self.pages.setCurrentIndex(DASHBOARD_PAGE)
        self.summary.show()
        self.summary.setText(_summary(report))
        self.totals.set_rows(tables.total_rows(report))
        self.days.set_rows(tables.day_rows(report))
        self.acceptance.set_rows(tables.acceptance_rows(report))
        self.saved.set_rows(tables.saved_rows(report))
        self._show_agreement(report)

    def _show_agreement(self, report: ProgressReport) -> None:
        agreement = report.agreement
        self.pairs.set_rows(tables.pair_rows(agreement))
        self.labels.set_rows(tables.label_rows(agreement))
        if agreement.note:  # no sample, or fewer than two annotators finished any of it: say which, in our words
            self.agreement_note.setText(
                tr(
                    "No overlap sample is recorded in this project: File → Distribute to annotators… records one, "
                    "and agreement is tracked on it."
                )
                if not overlap_sample(self.project)
                else tr("Agreement on the overlap sample needs two annotators who have finished overlap documents.")
            )
            self.agreement_note.show()
            self.trend_plot.set_svg("")
            self.trend_plot.hide()
            return
        self.agreement_note.hide()
        self.trend_plot.show()
        self.trend_plot.set_svg(trend_plot(agreement, say))

    # -- saving ----------------------------------------------------------------------------------

    def save_html(self, path: str | Path) -> None:
        """The HTML report of ``hashiya progress --html`` for the figures on screen."""
        if self.report is not None:
            title = f"Team progress — {Path(str(self.project.path)).stem}"  # the page itself is in English
            Path(path).write_text(render_html(self.report, self.final, title), encoding="utf-8")

    def save_json(self, path: str | Path) -> None:
        if self.report is not None:
            Path(path).write_text(self.report.to_json() + "\n", encoding="utf-8")

    def _ask_save_html(self) -> None:
        self._ask_save(tr("Save the HTML report"), "progress.html", "HTML (*.html)", self.save_html)

    def _ask_save_json(self) -> None:
        self._ask_save(tr("Save the progress report as JSON"), "progress.json", "JSON (*.json)", self.save_json)

    def _ask_save(self, title: str, name: str, filter_: str, save: Callable[[str], None]) -> None:
        save_report(self, str(self.project.path), title, name, filter_, save)


def _summary(report: ProgressReport) -> str:
    """One line for the team: documents done, active hours, and what suggestions saved."""
    documents, hours = tables.team_totals(report)
    line = tr("Documents done: {documents} · Active hours: {hours} · Idle gap: {idle} min · Days are UTC.").format(
        documents=ltr(str(documents)), hours=ltr(fmt(hours, 2)), idle=ltr(fmt(report.idle_minutes, 2))
    )
    saved = report.time_saved
    if saved.seconds_saved is None or saved.interval is None:
        return (
            line
            + "\n"
            + tr(
                "Time saved by suggestions: not measurable yet "
                "(it needs both accepted suggestions and spans tagged by hand)"
            )
        )
    low, high = (ltr(fmt(s / 60, 1)) for s in saved.interval)
    return (
        line
        + "\n"
        + tr("Time saved by suggestions: {minutes} min (95% interval {low} to {high})").format(
            minutes=ltr(fmt(saved.seconds_saved / 60, 1)), low=low, high=high
        )
    )


def _label(object_name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(object_name)
    label.setWordWrap(True)
    return label


def _button(text: str, object_name: str, clicked: Callable[[], None]) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(object_name)
    button.clicked.connect(clicked)
    return button


def _box(title: str, body: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(6, 6, 6, 6)
    layout.addWidget(body, 1)
    return box
