"""Documents as a work list: which document comes next (a named policy) and which ones are shown (a filter).

One policy decides the order everywhere: the document list, Ctrl+PgDown and "Mark done and open
the next document" (``Session.neighbour``), so what an annotator sees next is what the list shows
next. The policies:

- ``assigned``: the order of the project file, which for a file written by ``hashiya distribute``
  is the order the lead handed the documents out in;
- ``least-confident``: the documents the models are least sure of first (what the Suggestions
  feature called "order by uncertainty": that menu entry now chooses this policy);
- ``shortest``: the shortest first (a quick start, or clearing small items at the end of a day).

The choice is a project setting, per annotator with a project-wide default, kept with the
recommender settings (as the boundary convention is): it travels in the project file, so a lead
can set it before ``hashiya distribute`` and every annotator's file carries it.

The filter is a small query an annotator types (``status:new source:aljazeera tag:sport
has:suggestions``, free words match the name and any metadata value), parsed here so that the
window and the session agree on what it means.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from annotator.model import DocStatus
from annotator.store import Project
from annotator.store.queries import WorkRow

SETTINGS_KEY = "work_order"
DEFAULT_KEY = ""  # the project-wide choice inside the setting; annotators' names are the other keys


class WorkOrder(StrEnum):
    ASSIGNED = "assigned"
    LEAST_CONFIDENT = "least-confident"
    SHORTEST = "shortest"


def work_order_of(settings: dict[str, Any], annotator: str) -> WorkOrder | None:
    """The policy chosen for ``annotator`` (else the project's), None when nobody chose one."""
    stored = settings.get(SETTINGS_KEY)
    if not isinstance(stored, dict):
        return None
    for key in (annotator, DEFAULT_KEY):
        try:
            return WorkOrder(stored[key])
        except (KeyError, ValueError):
            continue
    return None


def with_work_order(settings: dict[str, Any], policy: WorkOrder, annotator: str = DEFAULT_KEY) -> dict[str, Any]:
    """``settings`` (a new dict) with ``policy`` chosen for ``annotator`` ("" for the whole project)."""
    stored = settings.get(SETTINGS_KEY)
    chosen = dict(stored) if isinstance(stored, dict) else {}
    chosen[annotator] = str(policy)
    return {**settings, SETTINGS_KEY: chosen}


def read_work_order(project: Project, annotator: str) -> WorkOrder | None:
    return work_order_of(project.recommender_settings(), annotator)


def choose_work_order(project: Project, policy: WorkOrder, annotator: str = DEFAULT_KEY) -> None:
    """Store the choice in the project (a setting: not an undoable action, as the convention is)."""
    project.set_recommender_settings(with_work_order(project.recommender_settings(), policy, annotator))


def arrange(rows: Sequence[WorkRow], policy: WorkOrder, uncertainty: dict[str, float] | None = None) -> list[WorkRow]:
    """``rows`` in the policy's order. Least confident: the most uncertain first, documents no model
    scored after them in the project's order; ties always fall back to the project's order."""
    if policy is WorkOrder.SHORTEST:
        return sorted(rows, key=lambda r: (r.summary.info.length, r.summary.info.position))
    if policy is WorkOrder.LEAST_CONFIDENT:
        scores = uncertainty or {}

        def doubt(row: WorkRow) -> tuple[int, float, int]:
            score = scores.get(row.summary.info.id)
            return (score is None, -(score or 0.0), row.summary.info.position)

        return sorted(rows, key=doubt)
    return sorted(rows, key=lambda r: r.summary.info.position)


def ordered_ids(project: Project, annotator: Any, policy: WorkOrder) -> list[str]:
    """Every document id in ``policy``'s order for ``annotator`` (the uncertainty they may see)."""
    rows = project.reads.work_rows(annotator)
    scores = project.document_uncertainty(annotator=annotator) if policy is WorkOrder.LEAST_CONFIDENT else None
    return [r.summary.info.id for r in arrange(rows, policy, scores)]


STATUS_WORDS = {
    "new": {DocStatus.NEW},
    "in-progress": {DocStatus.IN_PROGRESS},
    "progress": {DocStatus.IN_PROGRESS},
    "done": {DocStatus.DONE},
    "not-done": {DocStatus.NEW, DocStatus.IN_PROGRESS},
    "todo": {DocStatus.NEW, DocStatus.IN_PROGRESS},
    # the Arabic interface's words (its tooltip teaches these): a query is typed in either language
    "جديد": {DocStatus.NEW},
    "قيد-العمل": {DocStatus.IN_PROGRESS},
    "منجز": {DocStatus.DONE},
    "غير-منجز": {DocStatus.NEW, DocStatus.IN_PROGRESS},
}
STATUS_KEYS = ("status", "الحالة")
HAS_KEYS = {"has": True, "-has": False, "فيه": True, "-فيه": False}
SUGGESTION_WORDS = ("suggestions", "suggestion", "اقتراحات")


@dataclass(frozen=True)
class WorkFilter:
    """Which documents a work list shows. Empty: all of them.

    ``statuses``: the statuses kept (empty: any). ``meta``: ``key → wanted text`` pairs, each of which
    a document's metadata must hold (a list such as ``tags`` matches when any element does; text
    matches case-insensitively as a substring, so ``date:2024-03`` keeps a month). ``words``: free
    words each found in the name or some metadata value. ``has_suggestions``: True keeps documents
    with suggestions still to decide, False those without, None both.
    """

    statuses: frozenset[DocStatus] = frozenset()
    meta: tuple[tuple[str, str], ...] = ()
    words: tuple[str, ...] = ()
    has_suggestions: bool | None = None
    errors: tuple[str, ...] = field(default=(), compare=False)  # terms not understood (shown, ignored)

    @property
    def empty(self) -> bool:
        return not (self.statuses or self.meta or self.words) and self.has_suggestions is None

    @classmethod
    def parse(cls, text: str) -> WorkFilter:
        """Read a typed query: ``status:WORD`` (new, in-progress, done, not-done), ``has:suggestions``
        or ``-has:suggestions``, ``KEY:VALUE`` for any metadata key, other words free. Quotes group
        words (``source:"al jazeera"``). The Arabic words (``الحالة:منجز``, ``فيه:اقتراحات``) mean the same."""
        import shlex  # a typed filter only: not imported at every start-up

        try:
            terms = shlex.split(text)
        except ValueError:  # an unclosed quote while typing: read the words as they are
            terms = text.split()
        statuses: set[DocStatus] = set()
        meta: list[tuple[str, str]] = []
        words: list[str] = []
        errors: list[str] = []
        has: bool | None = None
        for term in terms:
            key, sep, value = term.partition(":")
            key = key.casefold()
            if not sep or not key or not value:
                words.append(term)
            elif key in STATUS_KEYS:
                found = STATUS_WORDS.get(value.casefold().replace(" ", "-"))
                if found is None:
                    errors.append(term)
                else:
                    statuses |= found
            elif key in HAS_KEYS and value.casefold() in SUGGESTION_WORDS:
                has = HAS_KEYS[key]
            else:
                meta.append((key, value))
        return cls(frozenset(statuses), tuple(meta), tuple(words), has, tuple(errors))

    def matches(self, row: WorkRow, status: DocStatus | None = None) -> bool:
        """Whether ``row`` is shown; ``status`` overrides the row's (a list follows statuses live)."""
        if self.statuses and (status or row.summary.status) not in self.statuses:
            return False
        if self.has_suggestions is not None and (row.pending > 0) != self.has_suggestions:
            return False
        folded = {str(k).casefold(): v for k, v in row.meta.items()}
        for key, wanted in self.meta:
            if not _holds(folded.get(key), wanted.casefold()):
                return False
        if self.words:
            haystack = [row.summary.info.name.casefold(), *(_texts(row.meta.values()))]
            return all(any(word.casefold() in text for text in haystack) for word in self.words)
        return True


def _texts(values: Iterable[Any]) -> list[str]:
    """Every metadata value as folded text (lists and nested objects give their elements)."""
    out: list[str] = []
    for value in values:
        if isinstance(value, list | tuple):
            out.extend(_texts(value))
        elif isinstance(value, dict):
            out.extend(_texts(value.values()))
        elif value is not None:
            out.append(str(value).casefold())
    return out


def _holds(value: Any, wanted: str) -> bool:
    return value is not None and any(wanted in text for text in _texts([value]))


def next_in_list(ids: Sequence[str], here: str | None, step: int, keep: Iterable[str] | None = None) -> str | None:
    """The id ``step`` places (of those in ``keep``) away from ``here`` in ``ids``. ``here`` itself
    need not be kept: the document just marked done leaves a "not done" list and the walk goes on
    from where it stood. With ``here`` not in ``ids``: the first kept one."""
    allowed = set(ids if keep is None else keep)
    if here not in ids:
        return next((d for d in ids if d in allowed), None)
    position = ids.index(here)
    walk = range(position + 1, len(ids)) if step > 0 else range(position - 1, -1, -1)
    seen = 0
    for i in walk:
        if ids[i] in allowed:
            seen += 1
            if seen == abs(step):
                return ids[i]
    return None
