"""The Agreement window: how well annotators agree, as plots, and where they disagree most.

The report (:func:`annotator.team.agreement.build_report`) is computed in a worker on its own
connection. The window shows the core's SVG plots — annotator-pair heatmap (metric chosen in a
combo box), per-label bars, label confusion matrix (all pairs or one) — with values on hover,
the overall coefficients, and the documents worst first: activating one asks for curation of
that document (:attr:`AgreementWindow.curateRequested`). Save writes the HTML report or JSON.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.model import GOLD
from annotator.store import Project
from annotator.team.agreement import AgreementReport, build_report
from annotator.team.agreement.figures import DocumentAgreement
from annotator.team.agreement.html import render_html
from annotator.team.agreement.plots import PAIR_METRICS, confusion_heatmap, label_bars, pair_heatmap
from annotator.team.agreement.svg import fmt
from ui.agreement.svg_plot import SvgPlot, scrolling
from ui.dialogs.common import ProgressRow, save_report
from ui.i18n import isolate, ltr, say, tr, trn
from ui.workers import Job, start_project_job

DOCUMENT_COLUMNS = ("Document", "Span F1", "Spans", "Annotators")


class AgreementWindow(QMainWindow):
    curateRequested = Signal(str, list, str)  # document id, annotator names, status ("done"/"all")
    computed = Signal()

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agreementWindow")
        self.setWindowTitle(tr("Inter-annotator agreement"))
        self.project = project
        self.report: AgreementReport | None = None
        self.job: Job | None = None
        self._status_used = "done"

        self.annotators = QHBoxLayout()  # one check box per annotator (gold unticked)
        self.annotator_boxes: list[QCheckBox] = []
        self.status = QComboBox()
        self.status.setObjectName("agreementStatus")
        self.status.addItem(tr("Documents marked done"), "done")
        self.status.addItem(tr("All documents opened or annotated"), "all")
        self.compute_button = QPushButton(tr("Compute"))
        self.compute_button.setObjectName("agreementCompute")
        self.compute_button.clicked.connect(self.compute)
        self.save_html_button = QPushButton(tr("Save HTML report…"))
        self.save_html_button.clicked.connect(self._ask_save_html)
        self.save_json_button = QPushButton(tr("Save JSON…"))
        self.save_json_button.clicked.connect(self._ask_save_json)
        controls = QHBoxLayout()
        controls.addWidget(QLabel(tr("Annotators:")))
        controls.addLayout(self.annotators)
        controls.addStretch(1)
        controls.addWidget(QLabel(tr("Compare:")))
        controls.addWidget(self.status)
        controls.addWidget(self.compute_button)
        controls.addWidget(self.save_html_button)
        controls.addWidget(self.save_json_button)

        self.progress = ProgressRow(cancellable=False)
        self.overall = QLabel()
        self.overall.setObjectName("agreementOverall")
        self.overall.setWordWrap(True)
        self.overall.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.metric_box = QComboBox()
        self.metric_box.setObjectName("agreementMetric")
        for key, title in PAIR_METRICS.items():
            self.metric_box.addItem(tr(title), key)
        self.metric_box.currentIndexChanged.connect(self._draw_pairs)
        self.pair_plot = SvgPlot()
        self.pair_plot.setObjectName("pairHeatmap")
        self.pair_choice = QComboBox()
        self.pair_choice.setObjectName("confusionPair")
        self.pair_choice.currentIndexChanged.connect(self._draw_confusion)
        self.confusion_plot = SvgPlot()
        self.confusion_plot.setObjectName("confusionHeatmap")
        self.label_plot = SvgPlot()
        self.label_plot.setObjectName("labelBars")
        self.documents = QTableWidget(0, len(DOCUMENT_COLUMNS))
        self.documents.setObjectName("agreementDocuments")
        self.documents.setHorizontalHeaderLabels([tr(c) for c in DOCUMENT_COLUMNS])
        self.documents.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.documents.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.documents.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.documents.verticalHeader().hide()
        self.documents.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.documents.activated.connect(lambda index: self.curate_row(index.row()))  # double-click or Enter

        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(_box(tr("Annotator pairs"), self.metric_box, scrolling(self.pair_plot)))
        left.addWidget(_box(tr("Per label"), None, scrolling(self.label_plot)))
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(_box(tr("Label confusion (same boundaries)"), self.pair_choice, scrolling(self.confusion_plot)))
        hint = QLabel(tr("Worst first. Double-click or Enter: curate the document."))
        hint.setWordWrap(True)
        right.addWidget(_box(tr("Documents"), hint, self.documents))
        grid = QSplitter(Qt.Orientation.Horizontal)
        grid.addWidget(left)
        grid.addWidget(right)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(controls)
        layout.addWidget(self.progress)
        layout.addWidget(self.overall)
        layout.addWidget(grid, 1)
        self.setCentralWidget(central)
        self.resize(1240, 860)
        self._fill_annotators()
        self._set_report_actions(False)

    # -- choosing ------------------------------------------------------------------------------

    def _fill_annotators(self) -> None:
        for box in self.annotator_boxes:
            box.deleteLater()
        self.annotator_boxes = []
        for annotator in self.project.annotators():
            box = QCheckBox(annotator.name)
            box.setObjectName(f"agreementAnnotator_{annotator.name}")
            box.setChecked(annotator.name != GOLD)
            self.annotators.addWidget(box)
            self.annotator_boxes.append(box)

    def chosen_annotators(self) -> list[str]:
        return [box.text().replace("&", "") for box in self.annotator_boxes if box.isChecked()]

    # -- computing -------------------------------------------------------------------------------

    def compute(self) -> None:
        if self.job is not None:
            return
        names, status = self.chosen_annotators(), self.status.currentData()
        self._status_used = status
        self.compute_button.setEnabled(False)
        self.progress.start(tr("Computing agreement…"))
        self.job = start_project_job(
            self,
            self.project,
            lambda project, progress, cancelled: build_report(project, names, status),
            on_done=self._done,
            on_failed=self._failed,
        )

    def _finish(self) -> None:
        self.job = None
        self.progress.stop()
        self.compute_button.setEnabled(True)

    def _done(self, report: AgreementReport) -> None:
        self._finish()
        self.show_report(report)
        self.computed.emit()

    def _failed(self, message: str) -> None:
        self._finish()
        self.report = None
        self._set_report_actions(False)
        self.overall.setStyleSheet("color: #B00020;")
        self.overall.setText(tr("No agreement report: {error}").format(error=message))
        for plot in (self.pair_plot, self.confusion_plot, self.label_plot):
            plot.set_svg("")
        self.documents.setRowCount(0)
        self.computed.emit()

    def _set_report_actions(self, enabled: bool) -> None:
        self.save_html_button.setEnabled(enabled)
        self.save_json_button.setEnabled(enabled)

    # -- showing ---------------------------------------------------------------------------------

    def show_report(self, report: AgreementReport) -> None:
        self.report = report
        self._set_report_actions(True)
        self.overall.setStyleSheet("")
        unitizing = report.unitizing_alpha.overall
        names = tr(", ").join(isolate(n) for n in report.annotators)
        self.overall.setText(
            trn("{n} documents compared between {names}.", report.documents, names=names)
            + " "
            + tr("Fleiss' κ {fleiss} · Krippendorff's α {alpha} · unitizing αu {unitizing}").format(
                fleiss=ltr(fmt(report.fleiss_kappa, 3)),
                alpha=ltr(fmt(report.krippendorff_alpha, 3)),
                unitizing=ltr(fmt(unitizing, 3)),
            )
        )
        self.pair_choice.blockSignals(True)
        self.pair_choice.clear()
        self.pair_choice.addItem(tr("All pairs"), None)
        for entry in report.pairs:
            self.pair_choice.addItem(f"{entry.a} × {entry.b}", (entry.a, entry.b))
        self.pair_choice.blockSignals(False)
        self._draw_pairs()
        self._draw_confusion()
        self.label_plot.set_svg(label_bars(report, say))
        self._fill_documents(report.per_document)

    def _draw_pairs(self) -> None:
        if self.report is not None:
            self.pair_plot.set_svg(pair_heatmap(self.report, self.metric_box.currentData(), say))

    def _draw_confusion(self) -> None:
        if self.report is not None:
            self.confusion_plot.set_svg(confusion_heatmap(self.report, self.pair_choice.currentData(), say))

    def _fill_documents(self, rows: tuple[DocumentAgreement, ...]) -> None:
        self.documents.setRowCount(len(rows))
        for r, row in enumerate(rows):
            cells = [row.name, fmt(row.span_f1, 3), str(row.spans), ", ".join(row.annotators)]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row.id)
                if c in (1, 2):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.documents.setItem(r, c, item)
        self.documents.resizeColumnsToContents()
        self.documents.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        if rows:
            self.documents.selectRow(0)

    def curate_row(self, row: int) -> None:
        """Ask for curation of the document in ``row`` among the annotators who saw it."""
        if self.report is None or not 0 <= row < len(self.report.per_document):
            return
        entry = self.report.per_document[row]
        self.curateRequested.emit(entry.id, list(entry.annotators), self._status_used)

    # -- saving ----------------------------------------------------------------------------------

    def save_html(self, path: str | Path) -> None:
        if self.report is not None:
            title = tr("Inter-annotator agreement") + f" — {Path(str(self.project.path)).stem}"
            Path(path).write_text(render_html(self.report, title), encoding="utf-8")

    def save_json(self, path: str | Path) -> None:
        if self.report is not None:
            Path(path).write_text(self.report.to_json() + "\n", encoding="utf-8")

    def _ask_save_html(self) -> None:
        self._ask_save(tr("Save the HTML report"), "agreement.html", "HTML (*.html)", self.save_html)

    def _ask_save_json(self) -> None:
        self._ask_save(tr("Save the report as JSON"), "agreement.json", "JSON (*.json)", self.save_json)

    def _ask_save(self, title: str, name: str, filter_: str, save: Callable[[str], None]) -> None:
        save_report(self, str(self.project.path), title, name, filter_, save)


def _box(title: str, header: QWidget | None, body: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(6, 6, 6, 6)
    if header is not None:
        layout.addWidget(header)
    layout.addWidget(body, 1)
    return box
