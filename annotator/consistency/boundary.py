"""Boundary variation: one entity tagged with different extents, measured against the convention.

Two sources of findings, both proposing a RESIZE:

- **The convention** (:class:`~annotator.conventions.BoundaryConvention`, a project setting, by
  its own :meth:`~annotator.conventions.BoundaryConvention.adjust`). With proclitics *out*, a span
  whose first word starts with و ف ب ل ك that the layer elsewhere tags without them («وموسكو»
  while «موسكو» is tagged) is cut after them; with proclitics *in*, a span that starts inside a
  word after a proclitic («و|موسكو») grows to the word's start. With titles *out*, a person's span
  that starts with a title word («الرئيس فلاديمير بوتين») is cut after it; with titles *in*, a
  person's span right after a title word grows to include it. Only person labels take titles:
  «وزير» before «الخارجية» is not a title of an organisation. One finding per (rule, entity),
  scored high: the project said so.
- **The majority** (:mod:`annotator.consistency.extents`): spans of one entity whose extents
  disagree with each other where the text is the same («بوتين» tagged alone inside «فلاديمير
  بوتين» while «فلاديمير بوتين» is tagged whole elsewhere); the minority extent is resized.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from annotator.consistency.extents import extent_findings
from annotator.consistency.findings import CheckKind, Finding, Fix, FixAction, Occurrence
from annotator.consistency.keys import KeyIndex, Keys, cut_offset, maybe_title, text_keys, text_pieces
from annotator.consistency.layer import DocumentText, Layer, LayerSpan
from annotator.consistency.words import count
from annotator.conventions import BoundaryConvention, Placement, is_person, title_start
from annotator.normalize import match_key

CONVENTION_SCORE = 0.9  # the project states the convention: a span that breaks it is an error

_RULES = {
    "proclitic-out": "proclitics go outside the span",
    "proclitic-in": "proclitics go inside the span",
    "title-out": "titles go outside the span",
    "title-in": "titles go inside the span",
}


@dataclass(frozen=True, slots=True)
class Resize:
    """A span the convention moves: which rule, and its new start (ends never move)."""

    rule: str
    start: int


def boundary_findings(layer: Layer) -> list[Finding]:
    """Convention breaks and minority extents in ``layer``."""
    spans = layer.tagged()
    readings = layer.readings()
    groups: dict[tuple[str, str], list[Occurrence]] = defaultdict(list)
    for doc, span, keys in spans:
        resize = convention_resize(layer, doc, span, keys, readings)
        if resize is None:
            continue
        entity = " ".join(text_keys(doc.text[max(resize.start, span.start) : span.end])) or " ".join(keys)
        fix = Fix(FixAction.RESIZE, start=resize.start, end=span.end)
        groups[(resize.rule, entity)].append(layer.occurrence(doc, span.start, span.end, span=span, fix=fix))
    findings = [_convention_finding(layer, rule, entity, found) for (rule, entity), found in groups.items()]
    return findings + extent_findings(layer, readings)


def convention_resize(
    layer: Layer, doc: DocumentText, span: LayerSpan, keys: Keys, readings: KeyIndex
) -> Resize | None:
    """Where the convention puts this span's start, when that is not where it is.

    The convention's own rule (:meth:`~annotator.conventions.BoundaryConvention.adjust`, which
    snapping follows) decides titles both ways and proclitics *in*; it leaves a proclitic *out*
    that starts a word alone (only a lexicon tells the و of «وموسكو» from that of «واشنطن»), and
    here the layer is that lexicon: the stripped reading tagged at least as often cuts it. Only
    starts move: a span's end is where the annotator (or the imported file) put it.
    """
    convention = layer.convention
    start = span.start
    if _may_move(convention, doc.text, span):
        start, _end = convention.adjust(doc.text, doc.tokens, span.start, span.end, span.label)
    if start != span.start and 0 <= start < span.end:
        low, high = sorted((start, span.start))
        moved = doc.text[low:high]
        titled = is_person(span.label) and any(title_start(word) is not None for word in moved.split())
        return Resize(f"{'title' if titled else 'proclitic'}-{'in' if start < span.start else 'out'}", start)
    if convention.proclitics is Placement.OUT:
        _reading, cut = readings.reading(keys)
        if cut:
            surface = doc.text[span.start : span.end]
            first = text_pieces(surface)[0]
            return Resize("proclitic-out", span.start + first[0] + cut_offset(surface[first[0] : first[1]], cut))
    return None


_PROCLITIC_PREFIXES = frozenset(conj + prep for conj in ("", "و", "ف") for prep in ("", "ب", "ل", "ك") if conj + prep)


def _may_move(convention: BoundaryConvention, text: str, span: LayerSpan) -> bool:
    """Whether :meth:`~annotator.conventions.BoundaryConvention.adjust` may move this start: it
    is on a space, or inside a word after something other than a proclitic the convention leaves
    out, or a person's span starts with or follows a possible title. A cheap test (never a false
    "no"), so that 300,000 spans do not each pay for the rule."""
    start = span.start
    if text[start].isspace():
        return True
    if start > 0 and not text[start - 1].isspace():
        if convention.proclitics is Placement.IN:
            return True
        word_start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
        if start - word_start > 2 or match_key(text[word_start:start]) not in _PROCLITIC_PREFIXES:
            return True
        if convention.titles is Placement.IN:
            return False  # a person's name after «و» is not extended over a title: «الرئيس وبوتين»
    if not is_person(span.label):
        return False
    if convention.titles is Placement.OUT:
        keys = text_keys(text[start : span.end])
        return len(keys) >= 2 and maybe_title(keys[0])
    before = text[max(0, start - 40) : start].split()
    return bool(before) and maybe_title(match_key(before[-1]))


def _convention_finding(layer: Layer, rule: str, entity: str, found: list[Occurrence]) -> Finding:
    n = len(found)
    return Finding(
        kind=CheckKind.BOUNDARY,
        subject=f"{layer.name}|{rule}|{entity}",
        score=CONVENTION_SCORE,
        summary=f"«{entity}»: {count(n, 'span')} where {_RULES[rule]}",
        proposal=f"resize {count(n, 'span')} to the convention",
        occurrences=tuple(found),
        detail={"rule": rule, "convention": _RULES[rule], "layer": layer.name},
    )
