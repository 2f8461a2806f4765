"""``hashiya evaluate`` for the terminal: the mapping first, then the scores, then what to fix.

Kept apart from the counting (:mod:`.evaluation_report`) so that the JSON and the text report
read the same :class:`~.conll_evaluation.EvaluationResult` and cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from annotator.recommenders.evaluation_report import BOUNDARIES, NOTHING, Evaluation, confusion_dict, error_rows

if TYPE_CHECKING:
    from annotator.recommenders.conll_evaluation import EvaluationResult

TITLES = {"exact": "exact spans", "tokens": "token-boundary spans (both sides widened to whole whitespace tokens)"}


def report_lines(result: EvaluationResult) -> list[str]:
    headline = result.boundaries
    other = next(b for b in BOUNDARIES if b != headline)
    names = ", ".join(result.recommenders)
    lines = [
        f"{result.recommender} ({names}) on {result.gold}: {result.scores.documents} document(s), {headline} spans",
        result.mapping.describe(),
        "",
        f"{TITLES[headline]} (headline):",
        *result.combination.tally(headline).scores.table(),
        "",
        f"{TITLES[other]}:",
        *result.combination.tally(other).scores.table(),
        "",
        unmapped_line(result.combination),
        "",
        f"confusion at the same {headline} boundaries (rows: gold, columns: predicted):",
        *confusion_lines(confusion_dict(result.combination.tally(headline).confusion)),
    ]
    tally = result.combination.tally(headline)
    lines += ["", f"most frequent misses ({headline}): count, text, gold → predicted at those offsets"]
    lines += error_lines(error_rows(tally.misses))
    lines += ["", f"most frequent false alarms ({headline}): count, text, predicted ← gold at those offsets"]
    lines += error_lines(error_rows(tally.false_alarms), false_alarms=True)
    if result.members:
        lines += ["", "members alone and combined:", *member_lines([*result.members, result.combination])]
    lines += [f"note: {note}" for note in result.notes]
    return lines


def unmapped_line(evaluation: Evaluation) -> str:
    if not evaluation.unmapped:
        return "unmapped predictions: none"
    counts = ", ".join(f"{label} {n}" for label, n in sorted(evaluation.unmapped.items()))
    return f"unmapped predictions (not scored, not false alarms): {counts}"


def confusion_lines(confusion: dict[str, dict[str, int]]) -> list[str]:
    columns = sorted({column for row in confusion.values() for column in row if column != NOTHING})
    columns.append(NOTHING)
    width = max([8, *(len(c) for c in columns)])
    first = max([8, *(len(r) for r in confusion)])
    lines = [f"{'':<{first}} " + " ".join(f"{c:>{width}}" for c in columns)]
    for row, cells in confusion.items():
        lines.append(f"{row:<{first}} " + " ".join(f"{cells.get(c, 0):>{width}}" for c in columns))
    return lines


def error_lines(rows: Sequence[dict[str, Any]], *, false_alarms: bool = False) -> list[str]:
    if not rows:
        return ["  none"]
    out = []
    for row in rows:
        gold = row["gold"] or NOTHING
        predicted = row["predicted"] or NOTHING
        pair = f"{predicted} ← {gold}" if false_alarms else f"{gold} → {predicted}"
        out.append(f"{row['count']:>5}  «{row['text']}»  {pair}")
    return out


def member_lines(evaluations: Sequence[Evaluation]) -> list[str]:
    width = max([10, *(len(e.name) for e in evaluations)])
    lines = [f"{'':<{width}} {'exact P':>8} {'R':>6} {'F1':>6}   {'tokens P':>8} {'R':>6} {'F1':>6}"]
    for evaluation in evaluations:
        e, t = evaluation.exact.scores.micro, evaluation.tokens.scores.micro
        lines.append(
            f"{evaluation.name:<{width}} {e.precision:>8.3f} {e.recall:>6.3f} {e.f1:>6.3f}"
            f"   {t.precision:>8.3f} {t.recall:>6.3f} {t.f1:>6.3f}"
        )
    return lines
