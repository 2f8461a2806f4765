"""Training the CRF: from annotated documents to a model, with cross-validated scores.

Training data are documents with their spans. Tags come from :func:`annotator.tagging.spans_to_tags`
(IOB2) over the document's camel-tools tokens, so the model learns on the same tokens it tags
in projects. In a project, only documents an annotator marked *done* are used by default: in a
finished document, an untagged name really is not an entity, which a half-done one cannot say.
Annotation is blind (:mod:`annotator.recommenders.blind`): a model is trained *for* someone, from
what they may see (their own layer and curated gold; the curator: every layer; everyone: curated
gold only), and it is theirs (kept as ``crf@NAME``, suggesting for them alone).

Cross-validation splits by document (fold ``i`` holds documents ``i, i + k, i + 2k, ...``) and
scores exact spans per label (:mod:`annotator.recommenders.span_scores`). Progress names the phase
(:class:`TrainingPhase`) in the words of ``say`` (:mod:`annotator.wording`): English for the CLI,
the window's language in the window.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from annotator.errors import HashiyaError
from annotator.model import DocStatus
from annotator.recommenders.base import Cancelled, DocumentInput, Progress
from annotator.recommenders.blind import model_name, training_layers, viewer
from annotator.recommenders.crf import (
    DEFAULT_PARAMS,
    PROJECT_MODEL,
    CrfModel,
    CrfRecommender,
    Sequences,
    TrainingCancelled,
    sentence_ranges,
    train_crf,
)
from annotator.recommenders.crf_features import (
    DOCUMENT_VERSION,
    FEATURES_VERSION,
    document_context,
    gazetteer_tags,
    sentence_features,
)
from annotator.recommenders.gazetteer import Gazetteer
from annotator.recommenders.span_scores import Scores
from annotator.tagging import spans_to_tags
from annotator.wording import Say, english

if TYPE_CHECKING:
    from annotator.recommenders.registry import RecommenderSettings
    from annotator.store import Project
    from annotator.store.roster import AnnotatorRef

SpanKey = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class Example:
    """One annotated document: what the model reads, and the spans it should find."""

    document: DocumentInput
    spans: tuple[SpanKey, ...]


@dataclass(frozen=True, slots=True)
class TrainingPhase:
    """Where a training run is: cross-validation fold ``fold`` of ``folds`` (1-based), or, with
    ``fold`` None, the final model trained on every document.

    It is worded only when reported (:meth:`words`), so a reader in another language gets the
    phase in its own words instead of parsing English back out of a progress message.
    """

    fold: int | None = None
    folds: int = 0

    def words(self, say: Say = english) -> str:
        """The phase for a progress line: "cross-validation 2/5", "training on all documents" in English."""
        if self.fold is None:
            return say("training on all documents")
        return say("cross-validation {fold}/{folds}", fold=self.fold, folds=self.folds)


@dataclass(frozen=True)
class TrainingReport:
    model: CrfModel
    cross_validation: Scores | None
    documents: int
    sentences: int
    tokens: int
    owner: str | None = None  # the annotator it was trained for (None: everyone, from curated gold)

    def summary(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "sentences": self.sentences,
            "tokens": self.tokens,
            "labels": sorted({t[2:] for t in self.model.labels if t != "O"}),
            "cross_validation": None if self.cross_validation is None else self.cross_validation.to_dict(),
        }


def example_sequences(
    examples: Iterable[Example], gazetteer: Gazetteer | None, relabel: Callable[[str], str | None] = lambda x: x
) -> Iterator[tuple[list[list[str]], list[str]]]:
    """``(features, tags)`` per sentence; ``relabel`` maps gold labels (None drops the span)."""
    for example in examples:
        doc = example.document
        spans = [(s, e, label) for s, e, raw in example.spans if (label := relabel(raw)) is not None]
        tags = spans_to_tags(doc.tokens, spans)
        gaz = gazetteer_tags(doc.text, doc.tokens, gazetteer) if gazetteer is not None else None
        sentences = [
            (first, last, [doc.text[s:e] for s, e in doc.tokens[first:last]]) for first, last in sentence_ranges(doc)
        ]
        # the document facts version 3 reads, from the same sentences CrfRecommender.predict tags
        context = None
        if FEATURES_VERSION >= DOCUMENT_VERSION:
            context = document_context([words for _first, _last, words in sentences])
        for first, last, words in sentences:
            features = sentence_features(words, gaz[first:last] if gaz is not None else None, context=context)
            yield features, tags[first:last]


def train_model(
    examples: Sequence[Example],
    gazetteer: Gazetteer | None,
    *,
    params: dict[str, Any] | None = None,
    relabel: Callable[[str], str | None] = lambda x: x,
    info: dict[str, Any] | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> CrfModel:
    sequences: Sequences = list(example_sequences(examples, gazetteer, relabel))
    data = train_crf(sequences, params, progress, cancelled)
    labels = sorted({tag for _x, tags in sequences for tag in tags})
    meta = {
        "features_version": FEATURES_VERSION,
        "labels": labels,
        "gazetteer": gazetteer is not None,
        "params": {**DEFAULT_PARAMS, **(params or {})},
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "documents": len(examples),
        "sentences": len(sequences),
        "tokens": sum(len(tags) for _x, tags in sequences),
        **(info or {}),
    }
    return CrfModel(data, meta)


def evaluate_model(
    model: CrfModel,
    examples: Iterable[Example],
    gazetteer: Gazetteer | None,
    relabel: Callable[[str], str | None] = lambda x: x,
) -> Scores:
    """Exact-span scores of ``model`` on ``examples``, in the model's own tag set."""
    labels = {tag[2:] for tag in model.labels if tag != "O"}
    recommender = CrfRecommender(model, labels, gazetteer=gazetteer)
    scores = Scores()
    for example in examples:
        gold = [(s, e, label) for s, e, raw in example.spans if (label := relabel(raw)) in labels]
        predicted = [(p.start, p.end, p.label) for p in recommender.predict(example.document).suggestions]
        scores.add(gold, predicted)
    return scores


def cross_validate(
    examples: Sequence[Example],
    gazetteer: Gazetteer | None,
    folds: int = 5,
    *,
    params: dict[str, Any] | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    say: Say = english,
) -> Scores | None:
    """Scores of models trained without each fold on that fold; None with fewer than 2 documents.
    ``say`` words the phase in progress reports (:class:`TrainingPhase`)."""
    k = min(folds, len(examples))
    if k < 2:
        return None
    total = Scores()
    for fold in range(k):
        held = [e for i, e in enumerate(examples) if i % k == fold]
        rest = [e for i, e in enumerate(examples) if i % k != fold]
        step = _phase(progress, fold, k + 1, TrainingPhase(fold + 1, k).words(say))
        model = train_model(rest, gazetteer, params=params, progress=step, cancelled=cancelled)
        total.merge(evaluate_model(model, held, gazetteer))
    return total


def _phase(progress: Progress | None, index: int, phases: int, message: str) -> Progress | None:
    if progress is None:
        return None

    def report(done: int, total: int, _message: str) -> None:
        progress(index * 1000 + int(1000 * done / max(total, 1)), phases * 1000, message)

    return report


def project_examples(
    project: Project, statuses: Sequence[DocStatus] = (DocStatus.DONE,), annotator: AnnotatorRef | None = None
) -> list[Example]:
    """What a model trained for ``annotator`` learns from: one example per layer that
    :func:`~annotator.recommenders.blind.training_layers` allows (their own documents with the given
    statuses, curated gold), in project order."""
    examples = []
    for document_id, annotator_id in training_layers(project, statuses, annotator):
        spans = tuple((s.start, s.end, s.label) for s in project.spans(document_id, annotator_id))
        examples.append(Example(project.recommender_input(document_id), spans))
    return examples


def train_project_model(
    project: Project,
    gazetteer: Gazetteer | None,
    *,
    statuses: Sequence[DocStatus] = (DocStatus.DONE,),
    annotator: AnnotatorRef | None = None,
    folds: int = 5,
    params: dict[str, Any] | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    say: Say = english,
    stacked: bool = True,
    settings: RecommenderSettings | None = None,
) -> TrainingReport:
    """Cross-validate, then train on everything, for ``annotator`` (None: everyone, from curated
    gold). ``say`` words the progress messages (the window passes its own). Saving is the
    caller's: :func:`save_project_model`.

    ``stacked`` (the default) trains the small model stacked on the shipped one
    (:mod:`annotator.recommenders.project_model`: it keeps what the shipped model knows and
    retrains in seconds); otherwise a full CRF from the project's documents alone, as before.
    ``settings.crf_model`` names another base model than the shipped one (benchmarks)."""
    examples = project_examples(project, statuses, annotator)
    owner = viewer(project, annotator).name
    if not any(e.spans for e in examples):
        names = ", ".join(DocStatus(s).value for s in statuses)
        whose = f"of {owner} or curated gold" if owner is not None else "curated into gold"
        raise HashiyaError(f"nothing to train on: no annotated documents {whose} with status {names}")
    k = min(folds, len(examples))
    phases = (k if k >= 2 else 0) + 1
    if stacked:
        model, scores = _train_stacked(
            project,
            examples,
            gazetteer,
            settings,
            k,
            phases,
            params=params,
            progress=progress,
            cancelled=cancelled,
            say=say,
        )
    else:
        scores = cross_validate(
            examples, gazetteer, folds, params=params, progress=progress, cancelled=cancelled, say=say
        )
        final = _phase(progress, phases - 1, phases, TrainingPhase().words(say))
        model = train_model(
            examples, gazetteer, params=params, progress=final, cancelled=cancelled, info={"trained_on": "project"}
        )
    if scores is not None:
        model.info["cross_validation"] = scores.to_dict()
        model.info["cross_validation_folds"] = k
    model.info["trained_for"] = owner
    return TrainingReport(model, scores, len(examples), model.info["sentences"], model.info["tokens"], owner)


def _train_stacked(
    project: Project,
    examples: Sequence[Example],
    gazetteer: Gazetteer | None,
    settings: RecommenderSettings | None,
    k: int,
    phases: int,
    *,
    params: dict[str, Any] | None,
    progress: Progress | None,
    cancelled: Cancelled | None,
    say: Say,
) -> tuple[CrfModel, Scores | None]:
    """The stacked project model and its cross-validated scores: the base model reads every
    document once; each fold and the final model train only the small stack."""
    from annotator.recommenders.project_model import BaseModel
    from annotator.recommenders.project_training import cross_validate_stack, read_documents, train_stack
    from annotator.recommenders.registry import RecommenderSettings, shipped_crf

    base = BaseModel(shipped_crf(project, settings or RecommenderSettings(), gazetteer))
    documents = read_documents(examples, base, cancelled)
    if cancelled is not None and cancelled():
        raise TrainingCancelled("training cancelled")

    def phase(fold: int, folds: int) -> Progress | None:
        return _phase(progress, fold, phases, TrainingPhase(fold + 1, folds).words(say))

    labels = project.schema.label_names
    scores = cross_validate_stack(documents, base, labels, k, params=params, phase=phase, cancelled=cancelled)
    final = _phase(progress, phases - 1, phases, TrainingPhase().words(say))
    model = train_stack(documents, base, params=params, progress=final, cancelled=cancelled)
    model.info["trained_on"] = "project"
    model.info["trained_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    return model, scores


def save_project_model(project: Project, report: TrainingReport) -> None:
    """Keep the model for whom it was trained: ``crf@NAME`` (only their ``crf`` runs use it), or
    ``crf`` for everyone."""
    project.save_model(model_name(PROJECT_MODEL, report.owner), report.model.data, report.model.info)
