"""Missed occurrences: a text tagged at least twice with one label and left untagged elsewhere.

The tagged texts of a layer are keyed as string matching keys them (:mod:`annotator.consistency.keys`)
and put in one dictionary (first piece → longer phrases first); every document the layer worked
on is scanned once, piece by piece, leftmost-longest, with proclitics read as the recommenders
read them. An untagged match is kept only where no span of the layer overlaps it (so nothing
inside a longer span, «القاهرة» in «مطار القاهرة», is proposed) and when it is not a particle
(«على» folds onto «علي») or a name the gazetteer marks as an everyday word (``ambiguous.txt``).

The proposed fix adds the label at the occurrence's extent under the project's convention:
proclitics out («و|موسكو» gives «موسكو»), or in (the whole stored token).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate

from annotator.consistency.findings import CheckKind, Finding, Fix, FixAction, Occurrence
from annotator.consistency.keys import Keys, ambiguous_names, cut_offset
from annotator.consistency.layer import DocumentText, Layer, LayerSpan
from annotator.consistency.words import count
from annotator.conventions import Placement
from annotator.recommenders.phrases import stems
from annotator.recommenders.strings import PARTICLES

MIN_TAGGED = 2  # a text must be tagged this often with one label before its absence is suspect
EVIDENCE = 10  # tagged occurrences listed with a finding (no fix), beside every untagged one


@dataclass
class _Tagged:
    """One matching key's spans in the layer: their labels and a few of them as evidence."""

    labels: Counter[str] = field(default_factory=Counter)
    examples: list[tuple[DocumentText, LayerSpan]] = field(default_factory=list)


def missed_findings(layer: Layer) -> list[Finding]:
    """One finding per tagged text with untagged occurrences in ``layer``."""
    tagged = _tagged(layer)
    wanted = {keys: t for keys, t in tagged.items() if _proposable(keys, t)}
    if not wanted:
        return []
    index: dict[str, list[Keys]] = defaultdict(list)  # first key → phrases, longest first
    for keys in wanted:
        index[keys[0]].append(keys)
    for bucket in index.values():
        bucket.sort(key=len, reverse=True)
    found: dict[Keys, list[Occurrence]] = defaultdict(list)
    inside = layer.convention.proclitics is Placement.IN
    triggers = _triggers(index)
    for doc in layer.documents():
        for keys, start, end in _untagged(layer, doc, index, triggers, inside):
            label = wanted[keys].labels.most_common(1)[0][0]
            fix = Fix(FixAction.ADD, label=label, start=start, end=end)
            found[keys].append(layer.occurrence(doc, start, end, fix=fix))
    return [_finding(layer, keys, wanted[keys], untagged) for keys, untagged in found.items()]


def _tagged(layer: Layer) -> dict[Keys, _Tagged]:
    spans = layer.tagged()
    readings = layer.readings()
    out: dict[Keys, _Tagged] = defaultdict(_Tagged)
    for doc, span, keys in spans:
        if keys:
            entry = out[readings.reading(keys)[0]]
            entry.labels[span.label] += 1
            if len(entry.examples) < EVIDENCE:
                entry.examples.append((doc, span))
    return out


def _proposable(keys: Keys, tagged: _Tagged) -> bool:
    (_label, n), *_ = tagged.labels.most_common(1)
    if n < MIN_TAGGED or sum(map(len, keys)) < 2:
        return False
    return keys not in ambiguous_names()


_CONJUNCTIONS = ("", "و", "ف")
_PREFIXES = tuple(conj + prep for conj in _CONJUNCTIONS for prep in ("", "ب", "ل", "ك"))


def _triggers(index: dict[str, list[Keys]]) -> frozenset[str]:
    """Every piece key one of whose readings (:func:`~annotator.recommenders.phrases.stems`) starts
    a phrase: the phrase's first key, with proclitics, with the article, ل + the article as لل.
    A scan looks up each piece here once and reads stems only where it hits."""
    out: set[str] = set()
    for first in index:
        out.add(first)
        for base in (first, "ال" + first):
            forms = [prefix + base for prefix in _PREFIXES]
            if base.startswith("ال"):
                forms += [conj + "ل" + base[1:] for conj in _CONJUNCTIONS]
            out.update(form for form in forms if any(stem == first for stem, _cut in stems(form)))
    return frozenset(out)


def _untagged(
    layer: Layer, doc: DocumentText, index: dict[str, list[Keys]], triggers: frozenset[str], inside: bool
) -> Iterator[tuple[Keys, int, int]]:
    """``(phrase, start, end)`` of every match in ``doc`` that no span of the layer overlaps."""
    spans = layer.spans.get(doc.id, [])
    starts = [span.start for span in spans]  # spans come sorted by start
    reach = [0, *accumulate((span.end for span in spans), max)]  # reach[i]: max end of spans[:i]
    pieces = layer.corpus.pieces(doc.id)
    offsets, keys = pieces.offsets, pieces.keys
    free = 0  # matches do not overlap: the next may start here
    for i in [i for i, key in enumerate(keys) if key in triggers]:
        last = offsets[i][1] - 1  # in any match starting here: tagged there, no match is untagged
        if i < free or reach[bisect_left(starts, last + 1)] > last:
            continue
        match = _longest(keys, i, index)
        if match is None:
            continue
        phrase, cut = match
        start, end = offsets[i][0], offsets[i + len(phrase) - 1][1]
        if cut and not inside:
            start += cut_offset(doc.text[start : offsets[i][1]], cut)
        untagged = reach[bisect_left(starts, end)] <= start  # no span starting before ``end`` reaches ``start``
        if untagged and doc.text[start:end] not in PARTICLES:
            yield phrase, start, end
        free = i + len(phrase)


def _longest(keys: list[str], i: int, index: dict[str, list[Keys]]) -> tuple[Keys, int] | None:
    """The longest phrase starting at piece ``i`` (the least stripped among equals), and its cut."""
    best: tuple[Keys, int] | None = None
    for stem, cut in stems(keys[i]):
        for phrase in index.get(stem, ()):
            n = len(phrase)
            if tuple(keys[i + 1 : i + n]) != phrase[1:]:
                continue
            if best is None or n > len(best[0]):
                best = (phrase, cut)
            break  # longest first: the longest for this stem
    return best


def _finding(layer: Layer, keys: Keys, tagged: _Tagged, untagged: list[Occurrence]) -> Finding:
    label, n = tagged.labels.most_common(1)[0]
    missing = len(untagged)
    evidence = tuple(layer.occurrence(doc, span.start, span.end, span=span) for doc, span in tagged.examples)
    shown = " ".join(keys)
    share = n / (n + missing)
    return Finding(
        kind=CheckKind.MISSED,
        subject=f"{layer.name}|{shown}|{label}",
        score=round(share * (1 - 1 / (n + 1)), 4),
        summary=f"«{shown}»: {label} ×{n}, untagged ×{missing}",
        proposal=f"tag {count(missing, 'occurrence')} as {label}",
        occurrences=(*untagged, *evidence),
        detail={"labels": dict(tagged.labels), "tagged": n, "untagged": missing, "layer": layer.name},
    )
