"""Repainting one band of the view: the lines a change touched, not the whole screen.

A key that tags a word changes one line: its fill, underline and tag. Painting the whole screen
for it placed and drew every mark and tag on screen (about 90 boxes and 30 tags in a news
article, most of the repaint's cost). :func:`change_band` is the strip of the viewport to repaint
for a change of ``[start, end)``: its lines with the room above them where tags stand, across the
whole width. The view then places only the marks of the blocks around that strip (Qt clips the
drawing to it), so what lands inside the strip is what a whole paint would have put there.

Two things can reach outside a strip, and both fall back to a whole repaint: relation arcs
(routed around every tag on screen), and a tag pushed out of its room by a crowded line
(:func:`tags_outside_differ`).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QRect, QRectF

from ui.document.arcs import Arc
from ui.document.labels import Tag
from ui.document.marks import MarkIndex
from ui.document.painter import PlacedMark
from ui.document.text_document import line_gap

PAD = 8.0  # pixels above the tags' room and below the line: outlines around nested marks reach this far


def change_band(rects: list[QRectF], viewport: QRect) -> QRect | None:
    """The strip of ``viewport`` to repaint for a range drawn in ``rects`` (None: not on screen)."""
    if not rects:
        return None
    top = min(r.top() for r in rects)
    bottom = max(r.bottom() for r in rects)
    gap = line_gap(max(r.height() for r in rects))
    band = QRectF(0, top - gap - PAD, viewport.width(), bottom - top + gap + 2 * PAD).toAlignedRect()
    band = band.intersected(viewport)
    return None if band.isEmpty() else band


def _signature(tags: list[Tag]) -> list[tuple[int, int, int, int, str]]:
    return sorted(
        (round(t.rect.x()), round(t.rect.y()), round(t.rect.width()), round(t.rect.height()), t.text) for t in tags
    )


def tags_outside_differ(new: list[Tag], old: list[Tag], band: QRectF, area: QRectF) -> bool:
    """Whether the tags in ``area`` not wholly inside ``band`` changed since the last paint (one
    pushed up out of a crowded line's room straddles the band's edge): then pixels outside the
    band are stale and the whole view must be repainted."""
    outside_new = [t for t in new if not band.contains(t.rect) and t.rect.intersects(area)]
    outside_old = [t for t in old if not band.contains(t.rect) and t.rect.intersects(area)]
    return _signature(outside_new) != _signature(outside_old)


def merge_tags(old: list[Tag], new: list[Tag], band: QRectF) -> list[Tag]:
    """The tags on screen after repainting ``band``: those from before not wholly inside it, and the
    new ones that are (the others are the same as before, or :func:`tags_outside_differ` said so)."""
    return [t for t in old if not band.contains(t.rect)] + [t for t in new if band.contains(t.rect)]


def arcs_touch(arcs: Iterable[Arc], spans: MarkIndex, start: int, end: int) -> bool:
    """Whether a relation arc reaches into ``[start, end)``: one of its spans is there, or it passes over."""
    for arc in arcs:
        head, tail = spans.get(arc.head), spans.get(arc.tail)
        if head is None or tail is None:
            continue
        if min(head.start, tail.start) < end and max(head.end, tail.end) > start:
            return True
    return False


def merge_placed(
    old: dict[str, PlacedMark], new: list[PlacedMark], index: MarkIndex, whole: bool
) -> dict[str, PlacedMark]:
    """Where marks were painted, for clicks and arcs: all of them after a whole paint; after a band,
    the band's merged into those from before that still exist."""
    placed = {p.mark.key: p for p in new}
    if whole:
        return placed
    return {**{key: p for key, p in old.items() if key in index}, **placed}
