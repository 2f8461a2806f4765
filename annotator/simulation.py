"""Replaying a careful annotator over gold documents (``hashiya simulate``): what suggestions save.

The gold file's documents are imported, in order, into an empty in-memory project with the default
schema. For each document the recommenders run (rebuilt first, so they use what the annotator
taught them so far), then a simulated annotator who knows the gold works through the suggestions
the way a person would with the keyboard, and every action is priced by :data:`COSTS` (the issue's
cost table). When the document is done it is marked *done*; every ``learn_every`` documents the
project's model is retrained on what was done so far, as the window does when someone finishes.

The annotator's rules (:func:`decide`, one rule table), for each pending suggestion in text order:

- its boundaries and (mapped) label are a gold entity's → accept it (Enter);
- its boundaries are a gold entity's but the label is not → accept it with the right label (a label key);
- it overlaps a gold entity not yet tagged → fix the boundary (select the right words, label key:
  2); the suggestion is then dismissed with it;
- otherwise → reject it (Backspace).

Before that, when at least :data:`ACCEPT_ALL_AT_LEAST` suggestions scoring ``threshold`` or more are
right, the annotator accepts them all at once (2) and corrects the wrong ones that came with them:
relabel (1), fix a boundary (2) or delete (1, priced as a reject), which costs what deciding them
one by one would have. Gold entities no suggestion led to are then tagged by hand (2 each). The
score compared is the gold's label space: project labels are mapped onto it as ``hashiya evaluate``
maps them (:class:`~annotator.recommenders.gold_mapping.GoldMapping`). With ``boundaries="tokens"``
(the default) a suggestion is right when it covers the same whitespace tokens as the gold entity:
Hashiya's spans leave out proclitics that ANERcorp-style gold includes («موسكو» in «وموسكو»), and
an annotator following Hashiya's guidelines accepts them as they are. Moving the cursor without
deciding (N) costs 1; the careful annotator never needs it (a fix replaces the suggestion it
corrects, and the cursor goes on to the next one as after any decision).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from annotator.formats import ReadOptions
from annotator.model import DocStatus, IncomingDocument
from annotator.recommenders.evaluation_report import widen
from annotator.recommenders.gold_mapping import GoldMapping
from annotator.recommenders.registry import RecommenderSettings, build, expand
from annotator.recommenders.runner import run_recommenders
from annotator.recommenders.span_scores import gold_label
from annotator.sessions.suggestions import SuggestionCursor
from annotator.store import Project

ANNOTATOR = "simulated"
ACCEPT_ALL_AT_LEAST = 3  # below this many right suggestions, accepting all (2) saves nothing
Progress = Callable[[int, int, str], None]
GoldKey = tuple[int, int, str]  # start, end, gold label


class Action(StrEnum):
    ACCEPT = "accept"
    REJECT = "reject"
    RELABEL = "relabel"
    ACCEPT_ALL = "accept_all"
    FIX_BOUNDARY = "fix_boundary"
    TAG_MISSED = "tag_missed"
    MOVE = "move"


COSTS: dict[Action, int] = {
    Action.ACCEPT: 1,  # Enter on the current suggestion; the cursor moves to the next
    Action.REJECT: 1,  # Backspace
    Action.RELABEL: 1,  # a label key on a selected suggestion or span
    Action.ACCEPT_ALL: 2,  # accept every suggestion above a threshold in the document
    Action.FIX_BOUNDARY: 2,  # select, then a label key
    Action.TAG_MISSED: 2,  # select, then a label key
    Action.MOVE: 1,  # N, P or Tab without deciding
}
HAND_COST = COSTS[Action.TAG_MISSED]  # per entity, with no suggestions at all


def decide(suggestion: GoldKey, open_entities: Sequence[GoldKey]) -> tuple[Action, GoldKey | None]:
    """The careful annotator's rule for one suggestion (offsets and label in the gold's label
    space; an unmappable label never equals a gold label) against the gold entities not tagged
    yet: what they do, and the gold entity it settles."""
    start, end, label = suggestion
    for entity in open_entities:
        if entity == suggestion:
            return Action.ACCEPT, entity
    for entity in open_entities:
        if (entity[0], entity[1]) == (start, end) and entity[2] != label:
            return Action.RELABEL, entity
    for entity in open_entities:
        if entity[0] < end and start < entity[1]:
            return Action.FIX_BOUNDARY, entity
    return Action.REJECT, None


@dataclass
class Tally:
    """Actions and suggestion quality over some documents."""

    first: int = 0  # index of the first document counted
    documents: int = 0
    entities: int = 0
    actions: Counter[Action] = field(default_factory=Counter)
    suggestions: int = 0  # shown when the document opened, with a label the gold can judge
    right: int = 0  # of those, exactly a gold entity (boundaries and label)
    found: int = 0  # gold entities that a right suggestion offered

    @property
    def cost(self) -> int:
        return sum(COSTS[action] * n for action, n in self.actions.items())

    @property
    def per_entity(self) -> float:
        return self.cost / self.entities if self.entities else 0.0

    @property
    def precision(self) -> float:
        return self.right / self.suggestions if self.suggestions else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.entities if self.entities else 0.0

    def add(self, other: Tally) -> None:
        self.documents += other.documents
        self.entities += other.entities
        self.actions.update(other.actions)
        self.suggestions += other.suggestions
        self.right += other.right
        self.found += other.found

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": [self.first, self.first + self.documents],  # [first, last) in the gold's order
            "entities": self.entities,
            "actions": {action.value: self.actions.get(action, 0) for action in Action},
            "cost": self.cost,
            "actions_per_entity": round(self.per_entity, 4),
            "suggestion_precision": round(self.precision, 4),
            "suggestion_recall": round(self.recall, 4),
        }


@dataclass
class Learning:
    after_documents: int
    seconds: float
    examples: int


@dataclass
class SimulationReport:
    gold: str
    recommender: str
    recommenders: list[str]
    learn_every: int
    threshold: float
    boundaries: str
    mapping: GoldMapping
    total: Tally
    blocks: list[Tally]
    learning: list[Learning]
    seconds: float
    untaggable: dict[str, int] = field(default_factory=dict)  # left out: no schema label for their class

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "recommender": self.recommender,
            "recommenders": self.recommenders,
            "learn_every": self.learn_every,
            "accept_all_threshold": self.threshold,
            "boundaries": self.boundaries,
            "mapping": self.mapping.to_dict(),
            "costs": {action.value: cost for action, cost in COSTS.items()},
            **{k: v for k, v in self.total.to_dict().items() if k != "documents"},
            "documents": self.total.documents,
            "hand_cost_per_entity": float(HAND_COST),
            "blocks": [block.to_dict() for block in self.blocks],
            "learning": [vars(event) for event in self.learning],
            "untaggable_entities": dict(self.untaggable),
            "seconds": round(self.seconds, 2),
        }

    def lines(self) -> list[str]:
        """The text report: the headline, then one line per block of documents."""
        t = self.total
        out = [
            f"{self.recommender} ({', '.join(self.recommenders)}) replayed over {self.gold}: {t.documents} documents, "
            f"{t.entities} gold entities",
            self.mapping.describe(),
            f"actions per gold entity: {t.per_entity:.3f} (by hand, no suggestions: {HAND_COST:.1f}); "
            f"suggestions P {t.precision:.3f} R {t.recall:.3f}",
            "actions: " + ", ".join(f"{a.value} {t.actions.get(a, 0)}" for a in Action),
            "documents  entities  actions/entity  P      R      accept reject relabel all fix tag move",
        ]
        for b in self.blocks:
            counts = " ".join(f"{b.actions.get(a, 0)}" for a in Action)
            out.append(
                f"{b.first:>4}-{b.first + b.documents - 1:<4} {b.entities:>8} {b.per_entity:>15.3f}  "
                f"{b.precision:.3f}  {b.recall:.3f}  {counts}"
            )
        if self.untaggable:
            left = ", ".join(f"{label} {n}" for label, n in sorted(self.untaggable.items()))
            out.append(f"left out, no schema label maps onto their class: {left}")
        if self.learning:
            seconds = ", ".join(f"{e.seconds:.1f}" for e in self.learning)
            out.append(f"learned {len(self.learning)} time(s), every {self.learn_every} documents ({seconds} s)")
        return out


def simulate(
    path: Path,
    recommender: str = "default",
    settings: RecommenderSettings | None = None,
    *,
    learn_every: int = 10,
    threshold: float = 0.5,
    boundaries: str = "tokens",
    block: int = 10,
    scheme: str | None = None,
    progress: Progress | None = None,
) -> SimulationReport:
    """Replay the careful annotator over the gold file ``path`` (see the module docstring)."""
    from annotator.formats.conll import read_conll
    from annotator.recommenders.crf_training import save_project_model, train_project_model
    from annotator.recommenders.gazetteer import project_gazetteer

    began = time.perf_counter()
    settings = settings or RecommenderSettings()
    names = expand([recommender], settings)
    read = read_conll(path, ReadOptions(scheme=scheme), path.stem)
    total, blocks, learning = Tally(), [], []
    untaggable: Counter[str] = Counter()  # gold entities of a class no schema label maps onto
    with Project.memory() as project:
        labels = project.schema.label_names
        mapping = GoldMapping.build(labels, {s.label for d in read.documents for s in d.spans})
        label_for = _project_labels(labels, mapping)
        outcomes, _ = project.add_documents([IncomingDocument(d.name, d.text, d.source) for d in read.documents])
        project.ensure_annotator(ANNOTATOR)
        for index, (outcome, doc) in enumerate(zip(outcomes, read.documents, strict=True)):
            if index % block == 0:
                blocks.append(Tally(first=index))
            recommenders = build(names, project, settings, ANNOTATOR)
            run_recommenders(project, recommenders, [outcome.document_id], lift_for=ANNOTATOR)
            entities = {(s.start, s.end, gold_label(s.label)) for s in doc.spans}
            gold = sorted(e for e in entities if e[2] in label_for)  # the schema can tag them
            untaggable.update(e[2] for e in entities if e[2] not in label_for)
            same = boundary_rule(doc.text, boundaries)
            tally = replay_document(project, outcome.document_id, gold, Judge(mapping, label_for, same), threshold)
            tally.first = index
            blocks[-1].add(tally)
            total.add(tally)
            project.set_status(outcome.document_id, ANNOTATOR, DocStatus.DONE)
            done = index + 1
            if learn_every and done % learn_every == 0 and done < len(outcomes):
                started = time.perf_counter()
                gazetteer = project_gazetteer(project.path, labels)
                if total.entities:  # the annotator has tagged something to learn from
                    report = train_project_model(project, gazetteer, annotator=ANNOTATOR, folds=0, settings=settings)
                    save_project_model(project, report)
                    learning.append(Learning(done, round(time.perf_counter() - started, 2), report.documents))
            if progress is not None:
                progress(done, len(outcomes), f"replayed {done} of {len(outcomes)} documents")
    return SimulationReport(
        str(path),
        recommender,
        names,
        learn_every,
        threshold,
        boundaries,
        mapping,
        total,
        blocks,
        learning,
        time.perf_counter() - began,
        dict(untaggable),
    )


def _project_labels(labels: Sequence[str], mapping: GoldMapping) -> dict[str, str]:
    """The project label the annotator types for each gold label: the same name when the schema
    has it, else the first schema label that maps onto it."""
    out: dict[str, str] = {}
    for label in labels:
        target = mapping.map(label)
        if target is not None and (target not in out or label == target):
            out[target] = label
    return out


def boundary_rule(text: str, boundaries: str) -> Callable[[GoldKey], GoldKey]:
    """What two spans must share to be the same entity: offsets, or whole whitespace tokens."""
    if boundaries == "exact":
        return lambda key: key
    if boundaries != "tokens":
        raise ValueError(f"boundaries must be exact or tokens, not {boundaries!r}")
    return lambda key: widen(text, [key])[0]


@dataclass(frozen=True)
class Judge:
    """How the simulated annotator sees a span: in the gold's labels, at the compared boundaries."""

    mapping: GoldMapping
    label_for: dict[str, str]  # gold label → the project label typed for it
    same: Callable[[GoldKey], GoldKey]

    def key(self, start: int, end: int, label: str) -> GoldKey:
        return self.same((start, end, self.mapping.scored_label(label)))

    def judged(self, gold: list[GoldKey]) -> dict[GoldKey, GoldKey]:
        """Each gold entity's key as compared → the entity as written in the gold."""
        return {self.same(entity): entity for entity in gold}


def replay_document(project: Project, document_id: str, gold: list[GoldKey], judge: Judge, threshold: float) -> Tally:
    """One document: accept all when it pays, then each pending suggestion in text order, then
    what no suggestion offered. The annotator's spans end up the gold's (at the compared boundaries)."""
    tally = Tally(documents=1, entities=len(gold))
    cursor = SuggestionCursor(project, document_id, ANNOTATOR)
    unsubscribe = project.subscribe(cursor.follow)
    written = judge.judged(gold)  # compared key → the gold entity, as tagging it writes it
    try:
        shown = [s for s in cursor.pending() if judge.mapping.map(s.label) is not None]
        tally.suggestions = len(shown)
        tally.right = sum(judge.key(*s.key) in written for s in shown)
        tally.found = len(written.keys() & {judge.key(*s.key) for s in shown})
        open_entities = list(written)
        right_above = sum(s.score >= threshold and judge.key(*s.key) in written for s in cursor.pending())
        if right_above >= ACCEPT_ALL_AT_LEAST:
            cursor.accept_above(threshold)
            tally.actions[Action.ACCEPT_ALL] += 1
            _correct_spans(project, document_id, open_entities, written, judge, tally)
        cursor.place(0)
        current = cursor.next()
        for _ in range(10 * len(cursor.pending()) + 10):  # each turn decides one; a bound, not a hope
            if current is None:
                if not cursor.pending():
                    break
                current = cursor.next()
                tally.actions[Action.MOVE] += 1
                continue
            action, entity = decide(judge.key(*current.key), open_entities)
            tally.actions[action] += 1
            if entity is not None:
                open_entities.remove(entity)
            if action is Action.ACCEPT:
                cursor.accept()
            elif action is Action.RELABEL:
                cursor.accept_as(judge.label_for[entity[2]])
            elif action is Action.FIX_BOUNDARY:
                start, end, label = written[entity]
                project.add_span(document_id, ANNOTATOR, start, end, judge.label_for[label])
                if cursor.current() is not None:  # not hidden by the new span: dismissed with the fix
                    cursor.reject()
                else:  # hidden: the cursor goes on from where it was, as after any decision
                    current = cursor.next()
                    continue
            else:
                cursor.reject()
            current = cursor.current()
        for entity in open_entities:
            start, end, label = written[entity]
            project.add_span(document_id, ANNOTATOR, start, end, judge.label_for[label])
            tally.actions[Action.TAG_MISSED] += 1
    finally:
        unsubscribe()
    return tally


def _correct_spans(
    project: Project,
    document_id: str,
    open_entities: list[GoldKey],
    written: dict[GoldKey, GoldKey],
    judge: Judge,
    tally: Tally,
) -> None:
    """After accepting all: keep the right spans, relabel, resize or delete the others."""
    for span in sorted(project.spans(document_id, ANNOTATOR), key=lambda s: (s.start, s.end)):
        action, entity = decide(judge.key(span.start, span.end, span.label), open_entities)
        if entity is not None:
            open_entities.remove(entity)
        if action is Action.ACCEPT:
            continue  # already right: the accept-all paid for it
        tally.actions[action] += 1
        if action is Action.RELABEL:
            project.relabel_span(span.id, judge.label_for[entity[2]])
        elif action is Action.FIX_BOUNDARY:
            start, end, label = written[entity]
            project.resize_span(span.id, start, end)
            if judge.mapping.map(span.label) != label:
                project.relabel_span(span.id, judge.label_for[label])  # the same label key sets both
        else:
            project.remove_span(span.id)
