"""Blind annotation: whose work a recommender may learn from, and who sees what it suggests.

Annotators work blind: each sees only their own layer until the curator settles a document into
gold. A recommender that learns from annotations (``strings``, a trained ``crf``) would otherwise
carry one annotator's spans into another's suggestions, and agreement would measure the leak.
So every run learns *for* someone, a :class:`Viewer`:

- an annotator learns from their own layer, and from gold in curated documents (gold marked done) —
  but what they are shown in a document never comes from that document's own gold until they are
  done with it themselves (curating a document while they are mid-way must not hand them the answer);
- the curator (the ``gold`` annotator) sees everyone's work, so learns from every layer;
- nobody in particular (``None``) learns from curated gold only, and its suggestions go to everyone:
  a document's own gold shapes them there only once every annotator of it is done with it.

What a recommender learnt for an annotator is theirs: its suggestions are stored for them alone
(``suggestions.for_annotator``) and a model trained for them is kept as ``crf@NAME``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotator.model import GOLD, DocStatus

if TYPE_CHECKING:
    from annotator.store import Project
    from annotator.store.roster import AnnotatorRef


@dataclass(frozen=True)
class Viewer:
    """Someone a recommender works for: an annotator's name, ``gold`` (the curator) or None (everyone)."""

    name: str | None
    own_id: str | None  # the annotator's id, while the project knows them
    gold_id: str | None  # the gold layer's annotator id, once there is one
    curated: frozenset[str]  # documents whose gold layer is marked done
    finished: frozenset[str] = frozenset()  # documents the viewer is done with (everyone: every annotator is)

    @property
    def curator(self) -> bool:
        return self.name == GOLD

    def teaches(self, document_id: str, annotator_id: str, shown_in: str | None = None) -> bool:
        """Whether ``annotator_id``'s layer of a document may teach a recommender working for this viewer
        (for suggestions ``shown_in`` one document, when given).

        The one rule of blindness: the viewer's own layer always; every layer for the curator; gold
        once curated — except in that very document while the viewer is still working on it.
        """
        if self.curator:
            return True
        if annotator_id == self.gold_id:
            return document_id in self.curated and (shown_in != document_id or document_id in self.finished)
        return self.own_id is not None and annotator_id == self.own_id


def viewer(project: Project, annotator: AnnotatorRef | None = None) -> Viewer:
    """The viewer for ``annotator`` (a name or an :class:`~annotator.model.Annotator`; None: everyone)."""
    name = getattr(annotator, "name", annotator)
    name = name.strip() if isinstance(name, str) and name.strip() else None
    own = project.get_annotator(name) if name is not None else None
    gold = project.get_annotator(GOLD)
    curated: frozenset[str] = frozenset()
    if gold is not None:
        curated = frozenset(doc for (doc, _a), status in project.statuses(gold).items() if status == DocStatus.DONE)
    gold_id = gold.id if gold is not None else None
    finished = _finished(project, own, name is None, gold_id) if curated else frozenset()
    return Viewer(name, own.id if own is not None else None, gold_id, curated, finished)


def _finished(project: Project, own: AnnotatorRef | None, everyone: bool, gold_id: str | None) -> frozenset[str]:
    """Documents the viewer is done with: their own *done* ones; for everyone, those that every
    annotator who worked on them (gold aside) has marked done."""
    if not everyone:
        if own is None:
            return frozenset()
        return frozenset(doc for (doc, _a), status in project.statuses(own).items() if status == DocStatus.DONE)
    open_ones: set[str] = set()
    worked: set[str] = set()
    for (doc, annotator_id), status in project.statuses().items():
        if annotator_id == gold_id:
            continue
        worked.add(doc)
        if status != DocStatus.DONE:
            open_ones.add(doc)
    return frozenset(worked - open_ones)


def string_lessons(project: Project, seen: Viewer) -> tuple[list[tuple[str, str]], list[tuple[str, str, str]]]:
    """What string matching working for ``seen`` learns: ``(text, label)`` lessons for every document,
    and ``(text, label, document id)`` lessons it may use everywhere but in that document (its own
    gold, while the viewer is still working on it: :meth:`Viewer.teaches`)."""
    everywhere: list[tuple[str, str]] = []
    elsewhere: list[tuple[str, str, str]] = []
    for document_id, annotator_id, text, label in project.tagged_spans(seen.teaches):
        if seen.teaches(document_id, annotator_id, shown_in=document_id):
            everywhere.append((text, label))
        else:
            elsewhere.append((text, label, document_id))
    return everywhere, elsewhere


def model_name(base: str, owner: str | None) -> str:
    """Where a trained model is kept: ``base`` for everyone (learnt from curated gold), ``base@NAME``
    for one annotator's (or the curator's: ``base@gold``)."""
    return base if owner is None else f"{base}@{owner}"


def training_layers(
    project: Project, statuses: Collection[DocStatus] = (DocStatus.DONE,), annotator: AnnotatorRef | None = None
) -> list[tuple[str, str]]:
    """``(document id, annotator id)`` layers a model trained for ``annotator`` learns from, in
    project order: gold where the document is curated (gold marked done) — the settled version wins
    over any single annotator's — else the viewer's own layer (the curator: every layer) when its
    status is one of ``statuses``. A model suggests in every document, so gold teaches it only where
    the viewer may be shown gold (:meth:`Viewer.teaches`): not in a document they are still working on."""
    seen = viewer(project, annotator)
    wanted = {DocStatus(s) for s in statuses}
    gold: dict[str, str] = {}
    others: dict[str, list[str]] = defaultdict(list)
    for (document_id, annotator_id), status in project.statuses().items():
        if not seen.teaches(document_id, annotator_id, shown_in=document_id):  # a model is shown everywhere
            continue
        if annotator_id == seen.gold_id and (document_id in seen.curated or status in wanted):
            gold[document_id] = annotator_id
        elif annotator_id != seen.gold_id and status in wanted:
            others[document_id].append(annotator_id)
    positions = {d.id: d.position for d in project.documents()}
    chosen = [(doc, ann) for doc, ann in gold.items()]
    chosen += [(doc, ann) for doc, anns in others.items() if doc not in gold for ann in anns]
    return sorted(chosen, key=lambda pair: (positions.get(pair[0], 0), pair[1]))
