"""Choosing what to pre-annotate: which recommenders, which documents.

Availability comes from :func:`annotator.recommenders.registry.availability`, which reads files
only (no camel-tools or torch import). When camel-tools' NER model is missing, its box is
disabled and the dialog says what is missing and the command that installs it
(``camel_data -i ner-arabert``), or lets the user choose a folder holding a model; the offline
recommenders stay available.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from annotator.model import DocStatus
from annotator.recommenders.camel_status import camel_model_status, word_missing
from annotator.recommenders.registry import NAMES, availability
from annotator.work_order import ordered_ids
from ui.i18n import isolate, ltr, say, tr

if TYPE_CHECKING:
    from ui.suggestions.feature import SuggestionFeature

TITLES = {
    "gazetteer": "Gazetteer: countries, cities, regions (offline)",
    "strings": "Text tagged elsewhere in the project (offline)",
    "crf": "Trained model, CRF (offline)",
    "camel": "camel-tools NER (AraBERT)",
}
SCOPES = ("current", "unfinished", "all")


class PreannotateDialog(QDialog):
    def __init__(self, feature: SuggestionFeature, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("preannotateDialog")
        self.setWindowTitle(tr("Pre-annotate documents"))
        self.feature = feature
        self.boxes: dict[str, QCheckBox] = {}
        layout = QVBoxLayout(self)

        group = QGroupBox(tr("Recommenders"))
        column = QVBoxLayout(group)
        for name in NAMES:
            box = QCheckBox(tr(_title(name)))
            box.setObjectName(f"recommender_{name}")
            self.boxes[name] = box
            column.addWidget(box)
        self.camel_status = QLabel()
        self.camel_status.setObjectName("camelStatus")
        self.camel_status.setWordWrap(True)
        self.camel_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.choose_folder = QPushButton(tr("Choose a camel-tools model folder…"))
        self.choose_folder.clicked.connect(self._choose_folder)
        column.addWidget(self.camel_status)
        row = QHBoxLayout()
        row.addWidget(self.choose_folder)
        row.addStretch(1)
        column.addLayout(row)
        layout.addWidget(group)

        group = QGroupBox(tr("Documents"))
        column = QVBoxLayout(group)
        self.scope = QButtonGroup(self)
        texts = {
            "current": tr("This document"),
            "unfinished": tr("Documents not marked done"),
            "all": tr("All documents"),
        }
        for i, scope in enumerate(SCOPES):
            radio = QRadioButton(texts[scope])
            radio.setObjectName(f"scope_{scope}")
            self.scope.addButton(radio, i)
            column.addWidget(radio)
        self.scope.button(1).setChecked(True)
        layout.addWidget(group)

        note = QLabel(tr("Runs in the background: keep annotating; suggestions appear as documents are done."))
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.run_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.run_button.setText(tr("Run"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for box in self.boxes.values():
            box.toggled.connect(self._update_run)
        self.refresh()
        self.resize(560, self.sizeHint().height())

    def refresh(self) -> None:
        """Check again what can run (after a model folder was chosen)."""
        settings = self.feature.recommender_settings()
        found = availability(self.feature.session.project, settings, self.feature.session.annotator, say)
        for name, box in self.boxes.items():
            state = found[name]
            box.setEnabled(state.ok)
            box.setChecked(state.ok)
            box.setToolTip("" if state.ok else state.message)
        camel = camel_model_status(settings.camel_model_dir)
        if camel.ok:
            self.camel_status.setText(tr("camel-tools NER model: {folder}").format(folder=camel.model_dir))
        else:
            self.camel_status.setText(
                tr("camel-tools NER is not installed, so it is switched off. The other recommenders work offline.")
                + "\n"
                + tr("Missing in {folder}: {missing}.").format(
                    folder=ltr(str(camel.model_dir)), missing=tr(", ").join(_missing(m) for m in camel.missing)
                )
                + "\n"
                + tr("To install it (about 540 MB, needs internet), run:")
                + f"\n    {ltr(camel.command)}"
            )
        self._update_run()

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Folder of a camel-tools NER model"))
        if folder:
            self.feature.set_camel_model_dir(folder)
            self.refresh()

    def _update_run(self) -> None:
        self.run_button.setEnabled(bool(self.chosen_recommenders()))

    def chosen_recommenders(self) -> list[str]:
        return [name for name, box in self.boxes.items() if box.isEnabled() and box.isChecked()]

    def chosen_documents(self) -> list[str]:
        session = self.feature.session
        scope = SCOPES[max(self.scope.checkedId(), 0)]
        if scope == "current":
            return [session.document_id] if session.document_id else []
        summaries = session.project.document_summaries(session.annotator)
        order = session.order or ordered_ids(session.project, session.annotator, session.work_order)
        wanted = {s.info.id for s in summaries if scope == "all" or s.status != DocStatus.DONE}
        return [document_id for document_id in order if document_id in wanted]


def _title(name: str) -> str:
    return TITLES.get(name, name)


def _missing(piece: str) -> str:
    """A missing piece of the camel-tools model (annotator.recommenders.camel_status) in the window's language."""
    return isolate(word_missing(piece, say))
