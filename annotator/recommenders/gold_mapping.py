"""How a project's labels map onto a gold file's labels when ``hashiya evaluate`` scores them.

A gold corpus speaks its own tag set: ANERcorp has four classes (PERS, LOC, ORG, MISC), while the
default schema splits places into GPE, LOC and FAC and adds NORP, EVENT and DATE. Scoring GPE
suggestions against LOC gold as plain errors would be unfair, and so would counting a NORP
suggestion as a false alarm against a gold that never tags groups: the gold simply has no
opinion. So every predicted label gets one of two fates, stated at the top of the report:

- mapped onto a gold label (itself when the gold has it, else a near class: GPE and FAC → LOC,
  LOC → GPE when the gold has GPE but no LOC), then scored;
- unmapped: counted apart per label, and neither right nor a false alarm.

``--map-gold SRC=DST,...`` overrides the defaults (shell patterns as in ``--map``; an empty DST
leaves the label unmapped). Gold labels are normalised first (:func:`span_scores.gold_label`:
PER → PERS, MIS0…MIS3 → MISC), and the renames seen in the file are stated too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from typing import Any

from annotator.errors import HashiyaError
from annotator.recommenders.labels import LabelMap
from annotator.recommenders.span_scores import gold_label

# A predicted label the gold lacks tries these gold labels, in order.
NEAR_CLASSES: dict[str, tuple[str, ...]] = {
    "GPE": ("LOC",),
    "FAC": ("LOC", "GPE"),
    "LOC": ("GPE",),
    "PER": ("PERS",),
    "PERS": ("PER",),
    "MIS": ("MISC",),
}
UNMAPPED_PREFIX = "unmapped:"


def unmapped_key(label: str) -> str:
    """The label an unmappable prediction carries through scoring: never equal to a gold label."""
    return UNMAPPED_PREFIX + label


def is_unmapped(label: str) -> bool:
    return label.startswith(UNMAPPED_PREFIX)


@dataclass(frozen=True)
class GoldMapping:
    """Predicted (schema) label → gold label, or None when it cannot be scored against this gold."""

    targets: dict[str, str | None]
    gold_labels: frozenset[str]
    gold_renames: dict[str, str] = field(default_factory=dict)  # raw gold label → normalised, where they differ
    overrides: dict[str, str] = field(default_factory=dict)  # the --map-gold rules, as given

    @classmethod
    def build(
        cls,
        schema_labels: Sequence[str],
        raw_gold_labels: Iterable[str],
        overrides: str | None = None,
    ) -> GoldMapping:
        """The default mapping for this schema and gold, with ``--map-gold`` rules winning."""
        raw = sorted(set(raw_gold_labels))
        gold = frozenset(gold_label(label) for label in raw)
        renames = {label: gold_label(label) for label in raw if gold_label(label) != label}
        try:
            rules = LabelMap.parse(overrides) if overrides else LabelMap()
        except HashiyaError as error:
            raise HashiyaError(f"--map-gold: {error}") from error
        for pattern, _ in rules.rules:
            if not any(fnmatchcase(label, pattern) for label in schema_labels):
                known = ", ".join(schema_labels)
                raise HashiyaError(f"--map-gold {pattern!r} matches none of the project's labels ({known})")
        targets = {label: _target(label, gold, rules) for label in schema_labels}
        return cls(targets, gold, renames, rules.to_dict())

    def map(self, label: str) -> str | None:
        return self.targets.get(label) if label in self.targets else _default(label, self.gold_labels)

    def scored_label(self, label: str) -> str:
        """The gold label a prediction is scored as, or its :func:`unmapped_key`."""
        target = self.map(label)
        return target if target is not None else unmapped_key(label)

    @property
    def unmapped(self) -> list[str]:
        return [label for label, target in self.targets.items() if target is None]

    def notes(self) -> list[str]:
        """Overrides whose target the gold never uses: those predictions can only be false alarms."""
        return [
            f"--map-gold sends {label} to {target}, which this gold file never uses: they all count as false alarms"
            for label, target in self.targets.items()
            if target is not None
            and target not in self.gold_labels
            and any(fnmatchcase(label, pattern) for pattern in self.overrides)
        ]

    def describe(self) -> str:
        """One line for the top of the report."""
        mapped = ", ".join(f"{label}→{target}" for label, target in self.targets.items() if target is not None)
        line = f"label mapping (predicted → gold): {mapped or 'nothing'}"
        if self.gold_renames:
            line += "; gold " + ", ".join(f"{raw}→{label}" for raw, label in self.gold_renames.items())
        if self.unmapped:
            line += f"; unmapped (counted apart, not false alarms): {', '.join(self.unmapped)}"
        return line

    def to_dict(self) -> dict[str, Any]:
        return {
            "predicted": dict(self.targets),
            "gold": dict(self.gold_renames),
            "gold_labels": sorted(self.gold_labels),
            "unmapped": self.unmapped,
            "overrides": dict(self.overrides),
            "text": self.describe(),
        }


def _target(label: str, gold: frozenset[str], rules: LabelMap) -> str | None:
    for pattern, target in rules.rules:
        if fnmatchcase(label, pattern):
            return target or None
    return _default(label, gold)


def _default(label: str, gold: frozenset[str]) -> str | None:
    if label in gold:
        return label
    return next((near for near in NEAR_CLASSES.get(label, ()) if near in gold), None)
