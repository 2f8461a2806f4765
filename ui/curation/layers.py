"""What the curator's view paints: every annotator's spans and relations, coloured by annotator.

Built on the document view's own marks (a :class:`~ui.document.marks.Mark` carries its colour
and tag text), so no second text view is needed: each source annotator gets a colour and a
letter (A, B, C… — the keys that take their version), gold gets its own colour and a star.
Spans every source agrees on are already in gold; by default they are shown once, as gold,
so the screen shows exactly where annotators differ. Relations are arcs whose label starts
with their annotator's letter.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.model import Relation, Span
from annotator.sessions.curation import GOLD, Curation
from ui.document.arcs import Arc
from ui.document.marks import Mark, MarkStyle

# Okabe–Ito colours, told apart also with the common colour-vision deficiencies
ANNOTATOR_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#8E6BBF", "#8C8C8C")
GOLD_COLOUR = "#7A5C00"  # dark gold
GOLD_MARK = "★"


def letter(index: int) -> str:
    return chr(ord("A") + index) if index < 26 else str(index + 1)


def colour(index: int) -> str:
    return ANNOTATOR_COLOURS[index % len(ANNOTATOR_COLOURS)]


@dataclass
class Painted:
    """The marks and arcs for the view, and who owns each span (for clicks and tooltips)."""

    marks: list[Mark] = field(default_factory=list)
    arcs: list[Arc] = field(default_factory=list)
    owner: dict[str, str] = field(default_factory=dict)  # span id → annotator name
    order: dict[str, int] = field(default_factory=dict)  # span id → annotator's place (A = 0 …, gold last)


def _key(span: Span) -> tuple[int, int, str]:
    return (span.start, span.end, span.label)


def paint_layers(curation: Curation, hidden: set[str], hide_agreed: bool) -> Painted:
    """Marks and arcs for the annotators not in ``hidden`` (names; ``gold`` for the gold layer).

    Relations that several annotators drew alike (same endpoints by content, same type) are one
    arc, «A B: leader_of», so arcs do not hide each other.
    """
    layers, relation_layers = curation.layers(), curation.relation_layers()
    schema = curation.project.schema
    agreed_spans, agreed_relations = curation.agreed_spans, curation.agreed_relations
    painted = Painted()
    owners = [(i, a.name, colour(i), letter(i)) for i, a in enumerate(curation.sources)]
    owners.append((len(owners), GOLD, GOLD_COLOUR, GOLD_MARK))
    arcs: dict[tuple, tuple[Relation, list[str]]] = {}
    for index, name, tint, tag in owners:
        if name in hidden:
            continue
        spans = layers.get(name, [])
        by_id = {s.id: s for s in spans}
        needed: set[str] = set()
        for relation in relation_layers.get(name, []):
            head, tail = by_id.get(relation.head_id), by_id.get(relation.tail_id)
            if head is None or tail is None:
                continue
            kind = schema.relation(relation.label)
            key = (_key(head), _key(tail), relation.label)
            keys = {key, (_key(tail), _key(head), relation.label)} if kind is None or not kind.directed else {key}
            if name != GOLD and hide_agreed and keys & agreed_relations:
                continue
            group = min(keys) if name != GOLD else (GOLD, key)
            arcs.setdefault(group, (relation, []))[1].append(tag)
            needed |= {head.id, tail.id}
        for span in spans:
            if name != GOLD and hide_agreed and _key(span) in agreed_spans and span.id not in needed:
                continue
            painted.marks.append(Mark(span.id, span.start, span.end, tint, MarkStyle.SOLID, f"{tag} {span.label}"))
            painted.owner[span.id] = name
            painted.order[span.id] = index
    painted.arcs = [Arc(r.id, r.head_id, r.tail_id, f"{' '.join(tags)}: {r.label}") for r, tags in arcs.values()]
    return painted


def current_range(curation: Curation) -> tuple[int, int] | None:
    item = curation.current
    return None if item is None else (item.start, item.end)
