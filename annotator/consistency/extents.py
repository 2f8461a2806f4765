"""Minority extents: spans of one entity that disagree with each other on where it starts and ends.

Each span is reduced to its *core*: its matching key without the title word a person's span may
start with and without the proclitics the layer elsewhere tags without (the convention's business,
:mod:`annotator.consistency.boundary`). A core of several pieces (``long``, «فلاديمير بوتين») holds
shorter cores («بوتين»). Where a span's core is such a part and the text around it reads the long
core (this «بوتين» is preceded by «فلاديمير»), the two extents are one entity tagged two ways: the
spans tagged long and the spans tagged short in a long context are counted, and the minority is
resized to the majority's extent (a tie proposes nothing). «بوتين» tagged alone where the text says
only «بوتين» is not a variation.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field

from annotator.consistency.findings import CheckKind, Finding, Fix, FixAction, Occurrence
from annotator.consistency.keys import KeyIndex, Keys, cut_offset, maybe_title, text_pieces
from annotator.consistency.layer import DocumentText, Layer, LayerSpan
from annotator.consistency.scoring import split_score
from annotator.consistency.words import count
from annotator.conventions import Placement, is_person, title_start
from annotator.recommenders.phrases import stems


@dataclass(frozen=True, slots=True)
class _Core:
    """A span's core: its key and the piece range of the document it covers."""

    doc: DocumentText
    span: LayerSpan
    keys: Keys
    first: int  # index of the core's first piece in the document's pieces


@dataclass
class _Pair:
    """One long core and one of its parts: the spans tagged each way, with their other extent."""

    long: list[tuple[_Core, int, int]] = field(default_factory=list)  # tagged long, its short extent
    short: list[tuple[_Core, int, int]] = field(default_factory=list)  # tagged short, its long extent


def extent_findings(layer: Layer, readings: KeyIndex) -> list[Finding]:
    """One finding per (long core, part) tagged both ways in the same context."""
    cores = [core for core in (_core(layer, doc, span, keys, readings) for doc, span, keys in layer.tagged()) if core]
    parts: dict[Keys, list[tuple[Keys, int]]] = defaultdict(list)  # part → (long core, offset), longest first
    longs: dict[Keys, list[_Core]] = defaultdict(list)
    for core in cores:
        if len(core.keys) >= 2:
            longs[core.keys].append(core)
    for long in longs:
        for offset in range(len(long)):
            for end in range(offset + 1, len(long) + 1):
                if end - offset < len(long):
                    parts[long[offset:end]].append((long, offset))
    for bucket in parts.values():
        bucket.sort(key=lambda item: -len(item[0]))
    pairs: dict[tuple[Keys, Keys], _Pair] = defaultdict(_Pair)
    inside = layer.convention.proclitics is Placement.IN
    for core in cores:
        for long, offset in parts.get(core.keys, ()):
            extent = _long_extent(layer, core, long, offset, inside)
            if extent is not None:
                pairs[(long, core.keys)].short.append((core, *extent))
                break
    for (long, part), pair in pairs.items():
        offset = next(o for k, o in parts[part] if k == long)
        for core in longs[long]:
            pieces = layer.corpus.pieces(core.doc.id).offsets
            first = core.first + offset
            pair.long.append((core, pieces[first][0], pieces[first + len(part) - 1][1]))
    return [_finding(layer, long, part, pair) for (long, part), pair in pairs.items()]


def _core(layer: Layer, doc: DocumentText, span: LayerSpan, written: Keys, readings: KeyIndex) -> _Core | None:
    surface = doc.text[span.start : span.end]
    keys, cut = readings.reading(written)
    if not keys:
        return None
    relative = text_pieces(surface)
    titled = (
        len(relative) >= 2
        and is_person(span.label)
        and maybe_title(keys[0])
        and title_start(surface[slice(*relative[0])]) is not None
    )
    skip = 1 if titled and len(keys) >= 2 else 0
    keys = keys[skip:]
    start = span.start + relative[skip][0]
    if cut and not skip:
        start += cut_offset(surface[relative[0][0] : relative[0][1]], cut)
    pieces = layer.corpus.pieces(doc.id).offsets
    first = bisect_right(pieces, (start, len(doc.text) + 1)) - 1
    if first < 0:
        return None
    return _Core(doc, span, keys, first)


def _long_extent(layer: Layer, core: _Core, long: Keys, offset: int, inside: bool) -> tuple[int, int] | None:
    """The extent of ``long`` around this short span, when the text there reads ``long``."""
    pieces = layer.corpus.pieces(core.doc.id)
    first = core.first - offset
    last = first + len(long)
    if first < 0 or last > len(pieces.keys):
        return None
    if tuple(pieces.keys[first + 1 : last]) != long[1:]:
        return None
    word = pieces.keys[first]
    cut = next((c for stem, c in stems(word) if stem == long[0]), None)
    if cut is None:
        return None
    start, end = pieces.offsets[first][0], pieces.offsets[last - 1][1]
    if cut and not inside:
        start += cut_offset(core.doc.text[start : pieces.offsets[first][1]], cut)
    return start, end


def _finding(layer: Layer, long: Keys, part: Keys, pair: _Pair) -> Finding:
    n_long, n_short = len(pair.long), len(pair.short)
    total = n_long + n_short
    shown_long, shown_part = " ".join(long), " ".join(part)
    keep_long = n_long > n_short
    tie = n_long == n_short
    occurrences: list[Occurrence] = []
    for core, start, end in pair.long:
        fix = None if tie or keep_long else Fix(FixAction.RESIZE, start=start, end=end)
        occurrences.append(layer.occurrence(core.doc, core.span.start, core.span.end, span=core.span, fix=fix))
    for core, start, end in pair.short:
        fix = Fix(FixAction.RESIZE, start=start, end=end) if keep_long else None
        occurrences.append(layer.occurrence(core.doc, core.span.start, core.span.end, span=core.span, fix=fix))
    if tie:
        proposal = "no majority extent: choose one"
    else:
        minority, target = (n_short, shown_long) if keep_long else (n_long, shown_part)
        proposal = f"resize {count(minority, 'span')} to «{target}»"
    return Finding(
        kind=CheckKind.BOUNDARY,
        subject=f"{layer.name}|extent|{shown_long}|{shown_part}",
        score=split_score(max(n_long, n_short), total),
        summary=f"«{shown_long}» ×{n_long} vs «{shown_part}» ×{n_short} in the same words",
        proposal=proposal,
        occurrences=tuple(occurrences),
        detail={
            "long": shown_long,
            "short": shown_part,
            "extents": {shown_long: n_long, shown_part: n_short},
            "layer": layer.name,
        },
    )
