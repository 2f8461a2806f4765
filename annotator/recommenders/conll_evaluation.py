"""Evaluating a recommender on a CoNLL gold file (``hashiya evaluate``): run it, then score it.

The gold file is read with Hashiya's CoNLL reader (tag repairs included). Its documents go into
a throw-away in-memory project with the same schema, and the recommender runs on them through
the same pipeline as ``preannotate`` (so what is scored is what users are offered). Where
suggestions overlap, the best-scoring one of each overlapping group is kept, as "accept all"
would.

The report is meant to be fair and to say what to fix next:

- predicted labels are mapped onto the gold's (:mod:`.gold_mapping`, stated at the top); what
  the gold cannot judge (NORP against a four-class gold) is counted apart, not as false alarms;
- exact and token-boundary scores are both counted (``boundaries`` picks the headline): corpora
  such as AQMAR and ANERcorp tag «وموسكو» whole where Hashiya suggests «موسكو»;
- a confusion table and the most frequent misses and false alarms (:mod:`.evaluation_report`);
- for a combination (``default``), each member alone next to the combination, from the same run
  (:mod:`.member_runs`).

With ``--project``, learning recommenders learn as the curator would (every layer of that project):
the scores are printed, and no annotator is shown a suggestion (blind annotation is kept).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from annotator.errors import HashiyaError
from annotator.formats import ReadOptions
from annotator.model import GOLD, IncomingDocument
from annotator.recommenders.base import Recommender, best_non_overlapping
from annotator.recommenders.evaluation_report import Evaluation, confusion_dict, error_rows, widen
from annotator.recommenders.gazetteer import project_gazetteer
from annotator.recommenders.gold_mapping import GoldMapping
from annotator.recommenders.member_runs import Recording
from annotator.recommenders.registry import RecommenderSettings, build, expand
from annotator.recommenders.runner import run_recommenders
from annotator.recommenders.span_scores import Scores, SpanKey, gold_label

if TYPE_CHECKING:
    from annotator.store import Project

__all__ = ["EvaluationResult", "evaluate_on_conll", "run_and_score", "scored_spans", "widen"]


@dataclass
class EvaluationResult:
    recommender: str
    recommenders: list[str]
    gold: str
    boundaries: str  # the headline: "exact" or "tokens"
    mapping: GoldMapping
    combination: Evaluation  # what the recommender (all its members together) offers
    members: list[Evaluation] = field(default_factory=list)  # each member alone, for a combination
    notes: list[str] = field(default_factory=list)

    @property
    def scores(self) -> Scores:
        """The headline scores."""
        return self.combination.tally(self.boundaries).scores

    def to_dict(self) -> dict[str, Any]:
        """Stable keys, documented in docs/recommenders.md (``evaluate --json``)."""
        headline = self.combination.tally(self.boundaries)
        return {
            "recommender": self.recommender,
            "recommenders": self.recommenders,
            "gold": self.gold,
            "boundaries": self.boundaries,
            "label_mapping": self.mapping.to_dict(),
            **self.scores.to_dict(),
            "scores": {
                "exact": self.combination.exact.scores.to_dict(),
                "tokens": self.combination.tokens.scores.to_dict(),
            },
            "unmapped": dict(sorted(self.combination.unmapped.items())),
            "confusion": confusion_dict(headline.confusion),
            "misses": error_rows(headline.misses),
            "false_alarms": error_rows(headline.false_alarms),
            "members": [member.row() for member in self.members],
            "combination": self.combination.row(),
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
    map_gold: str | None = None,
) -> EvaluationResult:
    """Run ``recommender`` on the gold file's text and score it; ``map_gold``: ``SRC=DST,...`` rules
    from predicted labels to gold labels, before the defaults (:class:`GoldMapping`)."""
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
        labels = scratch.schema.label_names
        mapping = GoldMapping.build(labels, {s.label for d in read.documents for s in d.spans}, map_gold)
        outcomes, _ = scratch.add_documents([IncomingDocument(d.name, d.text, d.source) for d in read.documents])
        lender = project if project is not None else scratch
        recommenders = build(names, lender, settings, GOLD if project is not None else None)
        gold = [
            (o.document_id, [(s.start, s.end, gold_label(s.label)) for s in d.spans])
            for o, d in zip(outcomes, read.documents, strict=True)
        ]
        combination, alone = run_and_score(scratch, recommenders, gold, mapping, recommender)
    return EvaluationResult(
        recommender, names, str(path), boundaries, mapping, combination, alone, notes + mapping.notes() + read.notes
    )


class Labelled(Protocol):
    """A suggestion as the store or a recommender gives it: offsets and a schema label."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def label(self) -> str: ...


def run_and_score(
    scratch: Project,
    recommenders: Sequence[Recommender],
    gold: Sequence[tuple[str, Sequence[SpanKey]]],
    mapping: GoldMapping,
    name: str,
) -> tuple[Evaluation, list[Evaluation]]:
    """Run ``recommenders`` once over the documents of ``gold`` (``(document id, gold spans)`` with
    gold labels; a text the gold file repeats is scored each time) in ``scratch``, and score the
    combination and, when there are several, each alone."""
    members = [Recording(r) for r in recommenders]
    run_recommenders(scratch, members, list(dict.fromkeys(document_id for document_id, _ in gold)))
    labels = scratch.schema.label_names
    gazetteer = project_gazetteer(scratch.path, labels)
    combination = Evaluation(name)
    alone = [Evaluation(m.name) for m in members] if len(members) > 1 else []
    for document_id, spans in gold:
        text = scratch.document(document_id).text
        chosen = best_non_overlapping(scratch.suggestions(document_id, GOLD))
        combination.add(text, spans, scored_spans(chosen, mapping))
        for member, evaluation in zip(members, alone, strict=False):
            own = member.alone(document_id, text, gazetteer, labels)
            evaluation.add(text, spans, scored_spans(own, mapping))
    return combination, alone


def scored_spans(suggestions: Iterable[Labelled], mapping: GoldMapping) -> list[SpanKey]:
    """Suggestions as spans with the gold label they are scored as (or their unmapped key)."""
    return [(s.start, s.end, mapping.scored_label(s.label)) for s in suggestions]
