"""Evaluating a recommender on a CoNLL gold file (``hashiya evaluate``): run it, then score it.

The gold file is read with Hashiya's CoNLL reader (tag repairs included). Its documents go into
a throw-away in-memory project with the same schema, and the recommender runs on them through
the same pipeline as ``preannotate`` (so what is scored is what users are offered). Where
suggestions overlap, the best-scoring one of each overlapping group is kept, as "accept all"
would. Labels are mapped and spans counted by :mod:`annotator.recommenders.span_scores`.

With ``--project``, learning recommenders learn as the curator would (every layer of that project):
the scores are printed, and no annotator is shown a suggestion (blind annotation is kept).

``boundaries="tokens"`` widens gold and predicted spans to whole whitespace tokens: corpora
such as AQMAR tag «وموسكو» whole where Hashiya suggests «موسكو».
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.errors import HashiyaError
from annotator.formats import ReadOptions
from annotator.model import GOLD, IncomingDocument
from annotator.recommenders.base import best_non_overlapping
from annotator.recommenders.registry import RecommenderSettings, build, expand
from annotator.recommenders.runner import run_recommenders
from annotator.recommenders.span_scores import Scores, SpanKey, gold_label, predicted_label

if TYPE_CHECKING:
    from annotator.store import Project

LABEL_MAPPING_NOTE = "gold PER/PERS→PERS, MIS*/MISC→MISC, others as written; predicted GPE→LOC when the gold has no GPE"


@dataclass
class EvaluationResult:
    recommender: str
    recommenders: list[str]
    gold: str
    boundaries: str
    scores: Scores
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "recommender": self.recommender,
            "recommenders": self.recommenders,
            "gold": self.gold,
            "boundaries": self.boundaries,
            "label_mapping": LABEL_MAPPING_NOTE,
            **self.scores.to_dict(),
            "notes": self.notes,
        }


def evaluate_on_conll(
    path: Path,
    recommender: str,
    project: Project,
    settings: RecommenderSettings,
    *,
    scheme: str | None = None,
    boundaries: str = "exact",
) -> EvaluationResult:
    from annotator.formats.conll import read_conll
    from annotator.store import Project

    names = expand([recommender], settings)
    notes: list[str] = []
    if "strings" in names and project is None:
        if recommender == "strings":
            raise HashiyaError("the strings recommender learns from a project's annotations: add --project PROJECT")
        names.remove("strings")
        notes.append("strings left out: it learns from a project's annotations (--project)")
    if "camel" in names:
        from annotator.recommenders.camel_status import camel_model_status

        status = camel_model_status(settings.camel_model_dir)
        if not status.ok:
            raise HashiyaError(status.message)
    read = read_conll(path, ReadOptions(scheme=scheme), path.stem)
    schema = project.schema if project is not None else None
    with Project.memory(schema) as scratch:
        outcomes, _ = scratch.add_documents([IncomingDocument(d.name, d.text, d.source) for d in read.documents])
        lender = project if project is not None else scratch
        recommenders = build(names, lender, settings, GOLD if project is not None else None)
        run_recommenders(scratch, recommenders, [o.document_id for o in outcomes])
        gold_labels = {gold_label(s.label) for d in read.documents for s in d.spans}
        scores = Scores()
        for outcome, document in zip(outcomes, read.documents, strict=True):
            gold = [(s.start, s.end, gold_label(s.label)) for s in document.spans]
            chosen = best_non_overlapping(scratch.suggestions(outcome.document_id, GOLD))
            predicted = [(s.start, s.end, predicted_label(s.label, gold_labels)) for s in chosen]
            if boundaries == "tokens":
                gold, predicted = widen(document.text, gold), widen(document.text, predicted)
            scores.add(gold, predicted)
    return EvaluationResult(recommender, names, str(path), boundaries, scores, notes + list(read.notes))


def widen(text: str, spans: Sequence[SpanKey]) -> list[SpanKey]:
    """Spans grown to whole whitespace-separated tokens."""
    out = []
    for start, end, label in spans:
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        while end < len(text) and not text[end].isspace():
            end += 1
        out.append((start, end, label))
    return out
