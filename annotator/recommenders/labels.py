"""Mapping a recommender's own labels onto the project's schema.

Each model speaks its own tag set: camel-tools NER and the shipped news CRF say PERS/LOC/ORG/MISC
(ANERcorp's classes), AQMAR-trained models PER/LOC/ORG/MIS0–MIS3. A :class:`LabelMap` is an
ordered list of rules ``PATTERN → TARGET`` (shell-style patterns: ``MIS*``); the first rule that
matches wins, an empty target drops the label, and a label no rule mentions is kept when the
schema has it. A target missing from the schema drops the suggestion too (it could not be accepted).

Defaults follow the default schema: countries and cities are GPE there, so a model's LOC maps to
GPE (in ANERcorp, the news model's training data, most LOC names are countries and cities);
:func:`refine_label` then turns a GPE/LOC suggestion whose text the gazetteer knows as a
continent or region (أوروبا) into LOC, and the other way round.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fnmatch import fnmatchcase

from annotator.errors import HashiyaError

CAMEL_LABELS: dict[str, str] = {"PERS": "PERS", "PER": "PERS", "LOC": "GPE", "ORG": "ORG", "MISC": "MISC"}
AQMAR_LABELS: dict[str, str] = {"PER": "PERS", "PERS": "PERS", "LOC": "GPE", "ORG": "ORG", "MIS*": "MISC"}
NEWS_LABELS: dict[str, str] = {"PERS": "PERS", "PER": "PERS", "LOC": "GPE", "ORG": "ORG", "MISC": "MISC"}


@dataclass(frozen=True)
class LabelMap:
    rules: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, mapping: Mapping[str, str | None]) -> LabelMap:
        return cls(tuple((source, target or "") for source, target in mapping.items()))

    @classmethod
    def parse(cls, text: str) -> LabelMap:
        """Rules from ``"PER=PERS,LOC=GPE,MIS*="`` (the CLI's ``--map``)."""
        rules = []
        for item in filter(None, (part.strip() for part in text.split(","))):
            source, sep, target = item.partition("=")
            if not sep or not source.strip():
                raise HashiyaError(f"label mapping {item!r} must look like SOURCE=TARGET (empty TARGET drops it)")
            rules.append((source.strip(), target.strip()))
        return cls(tuple(rules))

    def then(self, other: LabelMap) -> LabelMap:
        """This map's rules first, then ``other``'s (user overrides before defaults)."""
        return LabelMap(self.rules + other.rules)

    def map(self, label: str, schema_labels: Iterable[str]) -> str | None:
        names = schema_labels if isinstance(schema_labels, (set, frozenset)) else set(schema_labels)
        for pattern, target in self.rules:
            if fnmatchcase(label, pattern):
                return target if target in names else None
        return label if label in names else None

    def to_dict(self) -> dict[str, str]:
        return dict(self.rules)


def refine_label(label: str, gazetteer_label: str | None) -> str:
    """A model's label corrected by what the gazetteer knows about the same text: GPE and LOC
    follow the gazetteer (أوروبا is a continent), and a group of people that AQMAR-style models
    call PER(S) becomes NORP when the gazetteer lists it (الأوروبيون)."""
    if label in ("GPE", "LOC") and gazetteer_label in ("GPE", "LOC"):
        return gazetteer_label
    if label == "PERS" and gazetteer_label == "NORP":
        return "NORP"
    return label
