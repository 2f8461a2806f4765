"""Variation n-grams: the same matching key labelled differently in different places of a layer.

Spans are grouped by their matching key (:mod:`annotator.consistency.keys`: diacritics, alef
forms, tatweel, ta marbuta and proclitics do not matter, so «بُوتِين», «بوتين» and «وبوتين» are
one group). A group with more than one label is a finding: its detail holds the label
distribution, it lists every occurrence, and it proposes to relabel the minority to the majority
label. A tie proposes nothing (the linguist decides) and scores low.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from annotator.consistency.findings import CheckKind, Finding, Fix, FixAction
from annotator.consistency.keys import Keys
from annotator.consistency.layer import DocumentText, Layer, LayerSpan
from annotator.consistency.scoring import split_score
from annotator.consistency.words import count


def variation_findings(layer: Layer) -> list[Finding]:
    """One finding per matching key given several labels in ``layer``."""
    tagged = layer.tagged()
    index = layer.readings()
    groups: dict[Keys, list[tuple[DocumentText, LayerSpan]]] = defaultdict(list)
    for doc, span, keys in tagged:
        if keys:
            groups[index.reading(keys)[0]].append((doc, span))
    findings = []
    for keys, members in groups.items():
        counts = Counter(span.label for _doc, span in members)
        if len(counts) > 1:
            findings.append(_finding(layer, keys, members, counts))
    return findings


def _finding(layer: Layer, keys: Keys, members: list[tuple[DocumentText, LayerSpan]], counts: Counter[str]) -> Finding:
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    (majority, top), second = ranked[0], ranked[1][1]
    tie = top == second
    occurrences = tuple(
        layer.occurrence(
            doc,
            span.start,
            span.end,
            span=span,
            fix=None if tie or span.label == majority else Fix(FixAction.RELABEL, label=majority),
        )
        for doc, span in members
    )
    shown = " ".join(keys)
    distribution = ", ".join(f"{label} ×{n}" for label, n in ranked)
    minority = len(members) - top
    proposal = "no majority label: choose one" if tie else f"relabel {count(minority, 'occurrence')} → {majority}"
    return Finding(
        kind=CheckKind.VARIATION,
        subject=f"{layer.name}|{shown}",
        score=split_score(top, len(members)),
        summary=f"«{shown}»: {distribution}",
        proposal=proposal,
        occurrences=occurrences,
        detail={"labels": dict(ranked), "majority": None if tie else majority, "layer": layer.name},
    )
