"""Scores of predicted spans against gold spans: precision, recall, F1 per label and micro, exact match.

Pure counting, no project and no recommender: ``hashiya evaluate``
(:mod:`annotator.recommenders.conll_evaluation`, :mod:`.evaluation_report`) and the CRF's
cross-validation use it.

A predicted span counts as correct only with the gold span's exact offsets and label. Gold files
use other tag sets than the project schema, so both sides are put in the gold's labels first:
:func:`gold_label` normalises the gold (PER and PERS → PERS; MIS, MIS0…MIS3 (AQMAR) and MISC →
MISC; others as written). ``evaluate`` maps predictions with :mod:`.gold_mapping` (which states
its mapping and sets aside what the gold cannot judge); :func:`predicted_label` is the older,
narrower rule (GPE → LOC when the gold has no GPE at all); the mapping's default agrees with it
on GPE.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from typing import Any

SpanKey = tuple[int, int, str]


def gold_label(label: str) -> str:
    if label in ("PER", "PERS"):
        return "PERS"
    if fnmatchcase(label, "MIS*"):
        return "MISC"
    return label


def predicted_label(label: str, gold_labels: set[str]) -> str:
    if label == "GPE" and "GPE" not in gold_labels:
        return "LOC"
    return label


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "gold": self.tp + self.fn,
            "predicted": self.tp + self.fp,
            "correct": self.tp,
        }


@dataclass(slots=True)
class Scores:
    per_label: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    documents: int = 0

    @property
    def micro(self) -> Counts:
        total = Counts()
        for counts in self.per_label.values():
            total.tp += counts.tp
            total.fp += counts.fp
            total.fn += counts.fn
        return total

    def add(self, gold: Iterable[SpanKey], predicted: Iterable[SpanKey]) -> None:
        """One document's gold and predicted spans (already in the same label set)."""
        gold_set, predicted_set = set(gold), set(predicted)
        for start, end, label in gold_set:
            counts = self.per_label[label]
            if (start, end, label) in predicted_set:
                counts.tp += 1
            else:
                counts.fn += 1
        for key in predicted_set - gold_set:
            self.per_label[key[2]].fp += 1
        self.documents += 1

    def merge(self, other: Scores) -> None:
        for label, counts in other.per_label.items():
            mine = self.per_label[label]
            mine.tp += counts.tp
            mine.fp += counts.fp
            mine.fn += counts.fn
        self.documents += other.documents

    def to_dict(self) -> dict[str, Any]:
        return {
            "micro": self.micro.to_dict(),
            "per_label": {label: self.per_label[label].to_dict() for label in sorted(self.per_label)},
            "documents": self.documents,
        }

    def table(self) -> list[str]:
        """Lines for the terminal: label, precision, recall, F1, gold and predicted counts."""
        lines = [f"{'label':<8} {'prec':>6} {'recall':>6} {'F1':>6} {'gold':>6} {'pred':>6}"]
        rows = [(label, self.per_label[label]) for label in sorted(self.per_label)]
        for name, c in [*rows, ("micro", self.micro)]:
            lines.append(
                f"{name:<8} {c.precision:>6.3f} {c.recall:>6.3f} {c.f1:>6.3f} {c.tp + c.fn:>6} {c.tp + c.fp:>6}"
            )
        return lines


def score_documents(pairs: Iterable[tuple[Iterable[SpanKey], Iterable[SpanKey]]]) -> Scores:
    """Scores over documents given as ``(gold spans, predicted spans)`` in one label set."""
    scores = Scores()
    for gold, predicted in pairs:
        scores.add(gold, predicted)
    return scores
