"""Training progress names its phase: in English for the CLI, as before, and in the window's language
in the training dialog, worded by the core (``TrainingPhase``) rather than parsed back by the window."""

from __future__ import annotations

import pytest

from annotator.model import DocStatus, IncomingDocument
from annotator.recommenders.crf_training import train_project_model
from annotator.store import Project
from ui import i18n
from ui.suggestions.training import train_in_worker

from .conftest import ANNOTATOR

WORDS = [("بوتين", "PERS"), ("موسكو", "GPE"), ("أوكرانيا", "GPE")]


@pytest.fixture
def trained_on(tmp_path, seed_text):
    """A project file with two documents ANNOTATOR marked done (two cross-validation folds)."""
    path = tmp_path / "train.hashiya"
    with Project.create(path) as project:
        outcomes, _ = project.add_documents(
            [IncomingDocument(f"d{i}", seed_text[i * 15 :], f"d{i}.txt") for i in range(2)]
        )
        for outcome in outcomes:
            text = project.document(outcome.document_id).text
            for word, label in WORDS:
                start = text.find(word)
                project.add_span(outcome.document_id, ANNOTATOR, start, start + len(word), label)
            project.set_status(outcome.document_id, ANNOTATOR, DocStatus.DONE)
    return path


def phases(run) -> list[str]:
    """The distinct progress messages of ``run(progress)``, in the order they came."""
    seen: list[str] = []
    run(lambda _done, _total, message: seen.append(message) if message not in seen else None)
    return seen


def test_the_cli_words_the_phases_in_english_as_before(trained_on) -> None:
    with Project.open(trained_on) as project:
        seen = phases(
            lambda progress: train_project_model(
                project, None, annotator=ANNOTATOR, params={"max_iterations": 5}, progress=progress
            )
        )
    assert seen == ["cross-validation 1/2", "cross-validation 2/2", "training on all documents"]


def test_the_training_dialog_words_the_phases_in_arabic(trained_on) -> None:
    i18n.set_language("ar")  # the autouse fixture puts English back
    statuses = (DocStatus.DONE,)
    seen = phases(lambda progress: train_in_worker(str(trained_on), statuses, progress, lambda: False, ANNOTATOR))
    fold = i18n.isolate("1"), i18n.isolate("2")
    assert seen == [
        f"التحقق المتقاطع {fold[0]} من {fold[1]}",
        f"التحقق المتقاطع {fold[1]} من {fold[1]}",
        "التدريب على كل المستندات",
    ]
