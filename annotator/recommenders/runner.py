"""Pre-annotation: running recommenders over documents, with progress and cancellation.

:func:`run_recommenders` is what both ``hashiya preannotate`` and the window's background
worker call. It loads the recommenders (camel-tools: seconds), then works through documents in
chunks: every recommender predicts the chunk, :func:`~annotator.recommenders.harmonize.harmonize`
aligns the models with the project's conventions and turns every score into a calibrated
probability (agreement between recommenders raises it; what stays below the calibration's floor is
not offered: :mod:`~annotator.recommenders.calibration`), and the results go to ``sink`` — by default
the project itself (``store_predictions``, one transaction per chunk and recommender). Between
chunks it reports progress and checks ``cancelled``; a cancelled run keeps what it stored.
Last, every suggestion is put into the project's boundary convention
(:meth:`~annotator.conventions.BoundaryConvention.conform`: proclitics and title words in or out),
here and nowhere else, so every recommender and every way of running them (the command line, the
window's worker, imports, simulations) follows the one setting.
Recommenders built for an annotator (:func:`~annotator.recommenders.registry.build`) that learnt
from annotations mark their predictions for that annotator (blind annotation: :mod:`.blind`).

Threads: a sqlite3 connection belongs to the thread that opened it. The window's worker opens
its own :class:`~annotator.store.Project` on the same file (WAL lets it read while the window
writes) and passes a ``sink`` that hands each chunk's predictions to the window thread, which
stores them with ``project.store_predictions(source, predictions, lift_for=annotator)`` and so
notifies its views. A run lifts only its own annotator's rejections (blind annotation).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import TYPE_CHECKING, Any

from annotator.conventions import BoundaryConvention
from annotator.errors import NotFoundError
from annotator.recommenders.base import Cancelled, DocumentInput, Prediction, Progress, Recommender, Suggestion
from annotator.recommenders.calibration import Calibration
from annotator.recommenders.gazetteer import project_gazetteer
from annotator.recommenders.harmonize import harmonize

if TYPE_CHECKING:
    from annotator.store import Project

# sink(source, predictions): store (or forward) one chunk's predictions of one recommender.
Sink = Callable[[str, list[Prediction]], None]
CHUNK = 16


@dataclass
class RunReport:
    documents: int = 0  # documents all recommenders finished
    suggestions: dict[str, int] = field(default_factory=dict)  # per recommender
    cancelled: bool = False
    seconds: float = 0.0
    document_ids: list[str] = field(default_factory=list)

    def summary_lines(self) -> list[str]:
        done = "cancelled after" if self.cancelled else "pre-annotated"
        lines = [f"{done} {self.documents} document(s) in {self.seconds:.1f} s"]
        lines += [f"  {name}: {n} suggestion(s)" for name, n in self.suggestions.items()]
        return lines


def run_recommenders(
    project: Project,
    recommenders: Sequence[Recommender],
    document_ids: Sequence[str] | None = None,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    sink: Sink | None = None,
    chunk: int = CHUNK,
    lift_for: str | None = None,
    calibration: Calibration | None = None,
) -> RunReport:
    """Run ``recommenders`` on the documents (default: all) and store or forward what they suggest.

    ``lift_for`` names the annotator running it: stored without a ``sink``, the run lifts their
    rejections (only theirs) of what it suggests again. A ``sink`` stores on its own terms.
    ``calibration``: what scores mean (None: the shipped table, ``resources/models/calibration.json``).
    """
    began = time.perf_counter()
    report = RunReport(suggestions={r.name: 0 for r in recommenders})
    ids = list(document_ids) if document_ids is not None else [d.id for d in project.documents()]
    store = sink or partial(project.store_predictions, lift_for=lift_for)
    notify = progress or (lambda done, total, message: None)
    stop = cancelled or (lambda: False)
    for recommender in recommenders:
        if stop():
            report.cancelled = True
            break
        recommender.load(lambda done, total, message: notify(0, len(ids), message))
    gazetteer = project_gazetteer(project.path, project.schema.label_names)
    convention = BoundaryConvention.from_settings(project.recommender_settings())
    notify(0, len(ids), "pre-annotating")
    for first in range(0, len(ids), chunk):
        if report.cancelled or stop():
            report.cancelled = True
            break
        inputs = [found for doc in ids[first : first + chunk] if (found := _input(project, doc)) is not None]
        by_source = {r.name: _for_audience(r, r.predict_many(inputs)) for r in recommenders}
        fixed: dict[str, list[Prediction]] = {name: [] for name in by_source}
        for i, document in enumerate(inputs):
            one = harmonize(
                document.text, {name: preds[i] for name, preds in by_source.items()}, gazetteer, calibration
            )
            for name, prediction in one.items():
                fixed[name].append(_in_convention(prediction, document, convention))
        for name, predictions in fixed.items():
            store(name, predictions)
            report.suggestions[name] += sum(len(p.suggestions) for p in predictions)
        report.documents += len(inputs)
        report.document_ids.extend(d.id for d in inputs)
        notify(report.documents, len(ids), f"pre-annotated {report.documents} of {len(ids)} documents")
    report.seconds = time.perf_counter() - began
    return report


def _input(project: Project, document_id: str) -> DocumentInput | None:
    """The document as recommenders read it, or None when it is gone since the run was asked for
    (an import undone while its documents were being pre-annotated): nothing to suggest there."""
    try:
        return project.recommender_input(document_id)
    except NotFoundError:
        return None


def _in_convention(prediction: Prediction, document: DocumentInput, convention: BoundaryConvention) -> Prediction:
    """``prediction`` with every suggestion's extent in the project's boundary convention."""
    fixed: list[Suggestion] = []
    for s in prediction.suggestions:
        start, end = convention.conform(document.text, document.tokens, s.start, s.end, s.label)
        fixed.append(s if (start, end) == (s.start, s.end) else replace(s, start=start, end=end))
    return replace(prediction, suggestions=tuple(fixed))


def _for_audience(recommender: Recommender, predictions: list[Prediction]) -> list[Prediction]:
    """Predictions marked for the annotator the recommender learnt for (blind annotation): the
    store keeps them for that annotator alone."""
    if recommender.audience is None:
        return predictions
    return [replace(p, audience=recommender.audience) for p in predictions]


def preannotate_file(
    project_path: str,
    names: Sequence[str],
    settings: Any,
    document_ids: Sequence[str] | None = None,
    *,
    annotator: str | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    sink: Sink | None = None,
) -> RunReport:
    """The window's worker: open the project file on this thread, run for ``annotator`` (what
    learning recommenders may learn from, and whose suggestions they are), hand results to ``sink``.

    ``sink`` runs on the worker thread; the window's should emit a signal whose slot (on the
    window's thread) calls ``project.store_predictions(source, predictions, lift_for=annotator)``.
    Without a sink the worker's own connection stores them (the window then tells its views with
    ``project.deliver``).
    """
    from annotator.recommenders.registry import build
    from annotator.store import Project

    with Project.open(project_path) as project:
        recommenders = build(names, project, settings, annotator)
        return run_recommenders(
            project, recommenders, document_ids, progress=progress, cancelled=cancelled, sink=sink, lift_for=annotator
        )
