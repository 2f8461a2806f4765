"""Which documents and which annotators a job covers: named policies, decided in one place.

Export, agreement and curation each pick documents by one of these rules, named so a user (``--documents``)
and a reader can compare them side by side (docs/cli.md has the table of each command's default):

- ``worked-on``: an annotator has a span or relation in it, or marked it in progress or done;
- ``in-progress-or-done``: an annotator marked it in progress or done (spans alone do not count);
- ``done``: an annotator marked it done;
- ``all``: every document of the project, worked on or not;
- ``overlap``: the document is in the project's overlap sample (the documents every annotator was given
  by ``hashiya distribute``, recorded in the project settings under :data:`OVERLAP_KEY` by content
  hash) and the annotator marked it done: agreement on the shared sample alone.

A policy is a function of (project, annotators): a document qualifies when *any* of the given
annotators meets the rule (:func:`documents`), or per annotator (:func:`covered`). Both read the
project once (:meth:`~annotator.store.queries.Queries.document_work`), however many documents.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import Enum
from typing import TYPE_CHECKING

from annotator.errors import HashiyaError
from annotator.model import GOLD, Annotator, DocStatus, choices, typed_choice

if TYPE_CHECKING:
    from annotator.store import Project


class DocumentPolicy(Enum):
    """A named rule for which documents a job covers; the value is the CLI spelling."""

    WORKED_ON = "worked-on"
    IN_PROGRESS_OR_DONE = "in-progress-or-done"
    DONE = "done"
    ALL = "all"
    OVERLAP = "overlap"

    @classmethod
    def parse(cls, value: str | DocumentPolicy) -> DocumentPolicy:
        """The policy a user typed (``worked_on``, ``Worked on`` and ``worked-on`` alike)."""
        if isinstance(value, DocumentPolicy):
            return value
        found = typed_choice(cls, value, "-")
        if found is None:
            raise HashiyaError(f"unknown document policy {value!r} (choose from {choices(cls)})")
        return found

    def admits(self, status: DocStatus, annotated: bool) -> bool:
        """Whether one annotator's state in a document (status, has annotations) meets the rule.

        ``overlap`` also depends on which document it is, so it is decided by :func:`covered` and
        :func:`documents` only: a caller asking here would silently get every finished document."""
        if self is DocumentPolicy.OVERLAP:
            choices = ", ".join(p.value for p in DocumentPolicy if p is not DocumentPolicy.OVERLAP)
            raise HashiyaError(f"the overlap policy is for agreement and curation; choose from {choices} here")
        if self is DocumentPolicy.ALL:
            return True
        if self is DocumentPolicy.DONE:
            return status == DocStatus.DONE
        started = status in (DocStatus.IN_PROGRESS, DocStatus.DONE)
        return started or (self is DocumentPolicy.WORKED_ON and annotated)


POLICY_NAMES = tuple(p.value for p in DocumentPolicy)
OVERLAP_KEY = "overlap_sample"  # recommender settings entry: the overlap sample's SHA-256 hashes (sorted)


def overlap_sample(project: Project) -> frozenset[str]:
    """The SHA-256 hashes of the project's overlap sample: content hashes, so the record means the same
    documents in the lead's project and in every annotator's file (merge matches documents the same way)."""
    stored = project.recommender_settings()
    hashes = stored.get(OVERLAP_KEY) if isinstance(stored, dict) else None
    return frozenset(hashes) if isinstance(hashes, list) else frozenset()


def overlap_documents(project: Project, document_id: str | None = None) -> set[str]:
    """The ids of the project's documents in its overlap sample (``document_id``: only that one).
    A project with no sample recorded is an error, not an empty sample: agreement on nothing would
    look like a result."""
    sample = overlap_sample(project)
    if not sample:
        raise HashiyaError(
            f"{project.path}: no overlap sample is recorded in this project (hashiya distribute records one)"
        )
    return {d.id for d in project.documents() if d.sha256 in sample and document_id in (None, d.id)}


def covered(
    project: Project, policy: DocumentPolicy, annotator_ids: Iterable[str], document_id: str | None = None
) -> dict[str, set[str]]:
    """Annotator id → the ids of the documents the policy gives them (``document_id``: only that one)."""
    ids = list(annotator_ids)
    if policy is DocumentPolicy.ALL:
        every = {document_id} if document_id is not None else {d.id for d in project.documents()}
        return {a: set(every) for a in ids}
    sample = overlap_documents(project, document_id) if policy is DocumentPolicy.OVERLAP else None
    rule = DocumentPolicy.DONE if sample is not None else policy  # overlap: done, inside the sample
    out: dict[str, set[str]] = {a: set() for a in ids}
    for (doc, annotator_id), (status, annotated) in project.document_work(document_id).items():
        if annotator_id in out and rule.admits(status, annotated) and (sample is None or doc in sample):
            out[annotator_id].add(doc)
    return out


def documents(project: Project, policy: DocumentPolicy, annotator_ids: Iterable[str]) -> list[str]:
    """The ids, in project order, of the documents the policy gives any of ``annotator_ids``."""
    if policy is DocumentPolicy.ALL:
        return [d.id for d in project.documents()]
    chosen = set().union(*covered(project, policy, annotator_ids).values())
    return [d.id for d in project.documents() if d.id in chosen]


def resolve_annotators(project: Project, names: Sequence[str] | None, *, gold: bool = False) -> list[Annotator] | None:
    """The annotators a job was asked for, the one validation of ``--annotator(s)``: ``names``
    stripped, deduplicated, each an annotator of the project (``gold`` only if ``gold``), in the order
    given; ``None`` when no name was given, so the job applies its own default rule."""
    if names is None:
        return None
    wanted = list(dict.fromkeys(n.strip() for n in names if n.strip()))
    if not wanted:
        return None
    known = {a.name: a for a in project.annotators() if gold or a.name != GOLD}
    unknown = [n for n in wanted if n not in known]
    if unknown:
        listed = ", ".join(sorted(known)) or "none yet"
        called = ", ".join(map(repr, unknown))
        raise HashiyaError(f"no annotator called {called} in this project (annotators: {listed})")
    return [known[n] for n in wanted]


def people(project: Project) -> list[Annotator]:
    """Everyone who annotates, by name: every annotator but ``gold`` (the curator's layer)."""
    return sorted((a for a in project.annotators() if a.name != GOLD), key=lambda a: a.name)


def default_annotator(project: Project, name: str | None) -> str | None:
    """Whose work a command works on, the one rule for ``--annotator`` (preannotate, train, export):
    the annotator named (who must exist; ``gold`` is the curator), else the project's only annotator
    (gold, the curator's layer, is not counted), else None: the caller works for everyone or asks."""
    named = resolve_annotators(project, [name] if name else None, gold=True)
    if named:
        return named[0].name
    everyone = people(project)
    return everyone[0].name if len(everyone) == 1 else None
