"""What ``hashiya evaluate`` counts for one set of predictions: scores at both boundaries, and
where the errors are (a confusion table, the most frequent misses and false alarms).

Pure counting over ``(text, gold spans, predicted spans)`` per document, no project and no
recommender, so tests can feed hand-made predictions. Gold spans carry gold labels; predicted
spans carry the gold label they map to, or an :func:`~.gold_mapping.unmapped_key` when the gold
cannot judge them (they are left out of the scores, counted apart, and still shown in the
confusion table where they sit on a gold span).

Two boundary modes are always counted: ``exact`` offsets, and ``tokens``, where both sides are
widened to whole whitespace tokens (ANERcorp and AQMAR tag «وموسكو» whole, Hashiya suggests
«موسكو»). A gold span is a *miss* when no prediction has its offsets and label; a prediction is a
*false alarm* when no gold span has its offsets and label. The confusion table looks only at the
same offsets: for each gold span, which label was predicted there ("nothing" when none), and a
``spurious`` row for predictions at offsets no gold span has.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from annotator.recommenders.gold_mapping import UNMAPPED_PREFIX, is_unmapped
from annotator.recommenders.span_scores import Scores, SpanKey

BOUNDARIES = ("exact", "tokens")
NOTHING = "nothing"
SPURIOUS = "spurious"
TOP = 20

# (entity text, gold label or None, predicted label or None)
ErrorKey = tuple[str, str | None, str | None]


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


@dataclass
class Tally:
    """Everything counted at one kind of boundaries."""

    boundaries: str
    scores: Scores = field(default_factory=Scores)
    confusion: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    misses: Counter[ErrorKey] = field(default_factory=Counter)
    false_alarms: Counter[ErrorKey] = field(default_factory=Counter)

    def add(self, text: str, gold: Iterable[SpanKey], predicted: Iterable[SpanKey]) -> None:
        """One document; spans at exact offsets (widened here for ``tokens``)."""
        gold, predicted = list(gold), list(predicted)
        if self.boundaries == "tokens":
            gold, predicted = widen(text, gold), widen(text, predicted)
        gold_set, predicted_set = set(gold), set(predicted)
        scored = {key for key in predicted_set if not is_unmapped(key[2])}
        self.scores.add(gold_set, scored)
        gold_at = _labels_by_offsets(gold_set)
        predicted_at = _labels_by_offsets(predicted_set)
        for start, end, label in sorted(gold_set):
            there = _pick(predicted_at.get((start, end), []), label)
            self.confusion[label][there or NOTHING] += 1
            if (start, end, label) not in scored:
                self.misses[(text[start:end], label, there)] += 1
        for start, end, label in sorted(predicted_set):
            there = _pick(gold_at.get((start, end), []), label)
            if there is None:
                self.confusion[SPURIOUS][label] += 1
            if (start, end, label) in scored and (start, end, label) not in gold_set:
                self.false_alarms[(text[start:end], there, label)] += 1

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.scores.to_dict(),
            "confusion": confusion_dict(self.confusion),
            "misses": error_rows(self.misses),
            "false_alarms": error_rows(self.false_alarms),
        }


@dataclass
class Evaluation:
    """One set of predictions (a member's or the combination's) counted at both boundaries."""

    name: str
    exact: Tally = field(default_factory=lambda: Tally("exact"))
    tokens: Tally = field(default_factory=lambda: Tally("tokens"))
    unmapped: Counter[str] = field(default_factory=Counter)  # project label → predictions the gold cannot judge

    def add(self, text: str, gold: Sequence[SpanKey], predicted: Sequence[SpanKey]) -> None:
        """Predicted labels already mapped (:meth:`GoldMapping.scored_label`)."""
        self.unmapped.update(
            label.removeprefix(UNMAPPED_PREFIX) for _s, _e, label in set(predicted) if is_unmapped(label)
        )
        self.exact.add(text, gold, predicted)
        self.tokens.add(text, gold, predicted)

    def tally(self, boundaries: str) -> Tally:
        return self.tokens if boundaries == "tokens" else self.exact

    def row(self) -> dict[str, Any]:
        """A member's or the combination's row: scores at both boundaries and what went unmapped."""
        return {
            "name": self.name,
            "exact": self.exact.scores.to_dict(),
            "tokens": self.tokens.scores.to_dict(),
            "unmapped": dict(sorted(self.unmapped.items())),
        }


def evaluate_predictions(
    name: str, documents: Iterable[tuple[str, Sequence[SpanKey], Sequence[SpanKey]]]
) -> Evaluation:
    """An :class:`Evaluation` of ``(text, gold, predicted)`` documents, labels already mapped."""
    evaluation = Evaluation(name)
    for text, gold, predicted in documents:
        evaluation.add(text, gold, predicted)
    return evaluation


def confusion_dict(confusion: dict[str, Counter[str]]) -> dict[str, dict[str, int]]:
    """Gold label (then ``spurious``) → predicted label (``nothing``, ``unmapped:X``) → count."""
    rows = sorted(label for label in confusion if label != SPURIOUS)
    if SPURIOUS in confusion:
        rows.append(SPURIOUS)
    return {row: dict(sorted(confusion[row].items())) for row in rows}


def error_rows(errors: Counter[ErrorKey], top: int = TOP) -> list[dict[str, Any]]:
    """The ``top`` most frequent errors, most frequent first (ties by text, then labels)."""
    ranked = sorted(errors.items(), key=lambda item: (-item[1], item[0][0], item[0][1] or "", item[0][2] or ""))
    return [
        {"text": text, "gold": gold, "predicted": predicted, "count": count}
        for (text, gold, predicted), count in ranked[:top]
    ]


def _labels_by_offsets(spans: Iterable[SpanKey]) -> dict[tuple[int, int], list[str]]:
    out: dict[tuple[int, int], list[str]] = defaultdict(list)
    for start, end, label in spans:
        out[(start, end)].append(label)
    return out


def _pick(labels: list[str], wanted: str) -> str | None:
    """The label at these offsets: ``wanted`` itself if there, else the first in order, else None."""
    if wanted in labels:
        return wanted
    return min(labels) if labels else None
