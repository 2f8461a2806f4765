"""What an agreement report is computed from: the compared annotators' work as arrays.

Which documents count for an annotator (``seen``) is a document policy (:mod:`annotator.policies`):

- ``status="done"`` (default, :attr:`~annotator.policies.DocumentPolicy.DONE`): the documents the
  annotator marked done.
- ``status="all"`` (the older spelling of ``worked-on``): every document the annotator opened or
  annotated (status in progress or done, or any span or relation of theirs in it).
- any other policy by name (``in-progress-or-done``, ``all`` as a :class:`DocumentPolicy`: every
  document, unseen ones counting as "no entities").

A document an annotator has not seen is *missing data* for them, never "no entities".
Offsets are made global (documents laid end to end in project order) so one sorted array
covers the corpus and spans of different documents can never overlap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from annotator.errors import HashiyaError
from annotator.model import DocStatus
from annotator.policies import POLICY_NAMES, DocumentPolicy, covered, people, resolve_annotators
from annotator.store import Project
from annotator.store.agreement_queries import (
    STATUS_CODES,
    AgreementArrays,
    CorpusArrays,
    RelationArrays,
    SpanArrays,
    agreement_arrays,
)

STATUSES = ("done", "all")  # the older spellings: "all" meant what is now called worked-on
LEGACY = {"done": DocumentPolicy.DONE, "all": DocumentPolicy.WORKED_ON}


def policy_of(status: str | DocumentPolicy) -> DocumentPolicy:
    """The document policy an agreement ``status`` names (``all``, as text, is worked-on)."""
    if isinstance(status, str) and status in LEGACY:
        return LEGACY[status]
    try:
        return DocumentPolicy.parse(status)
    except HashiyaError:
        choices = ", ".join(dict.fromkeys([*STATUSES, *POLICY_NAMES]))
        raise HashiyaError(f"unknown status {status!r} for agreement (choose from {choices})") from None


@dataclass(frozen=True)
class AgreementData:
    annotators: list[str]
    status: str
    policy: DocumentPolicy  # which documents count (status is how the caller spelt it)
    corpus: CorpusArrays
    base: np.ndarray  # global offset of each document's first code point
    seen: np.ndarray  # bool [annotator, document]
    spans: SpanArrays
    span_start: np.ndarray  # global offsets
    span_end: np.ndarray
    relations: RelationArrays
    relation_directed: np.ndarray  # bool per relation label code
    token_start: np.ndarray  # global offsets
    token_end: np.ndarray

    @property
    def labels(self) -> list[str]:
        return self.spans.labels

    def documents_of(self, *annotators: int) -> np.ndarray:
        """Boolean mask of the documents every one of ``annotators`` has seen."""
        mask = np.ones(len(self.corpus.ids), dtype=bool)
        for a in annotators:
            mask &= self.seen[a]
        return mask


def _keep(arrays, keep: np.ndarray, remap: np.ndarray):
    """``arrays`` (span or relation columns) of the kept annotators, annotator codes renumbered."""
    mask = keep[arrays.annotator]
    fields = {name: getattr(arrays, name) for name in arrays.__dataclass_fields__}
    for name, value in fields.items():
        if isinstance(value, np.ndarray):
            fields[name] = value[mask]
    fields["annotator"] = remap[arrays.annotator[mask]]
    return type(arrays)(**fields)


def load(
    project: Project, annotators: Sequence[str] | None = None, status: str | DocumentPolicy = "done"
) -> AgreementData:
    """Read the work of ``annotators`` (names; default: everyone but ``gold`` who has seen a document)."""
    policy = policy_of(status)
    status = status if isinstance(status, str) and status in LEGACY else policy.value
    asked = resolve_annotators(project, annotators, gold=True)
    chosen = asked if asked is not None else people(project)
    names = [a.name for a in chosen]
    ids = [a.id for a in chosen]
    arrays = agreement_arrays(project, ids)
    spans, relations = arrays.spans, arrays.relations
    seen = _seen(project, policy, ids, arrays)
    if asked is None and not seen.any(axis=1).all():
        keep = seen.any(axis=1)
        remap = np.cumsum(keep) - 1
        names = [n for n, k in zip(names, keep, strict=True) if k]
        seen = seen[keep]
        spans, relations = _keep(spans, keep, remap), _keep(relations, keep, remap)
    if len(names) < 2:
        verb = "finished" if status == "done" else "opened"
        found = f"{len(names)}" + (f" ({', '.join(names)})" if names else "")
        raise HashiyaError(f"agreement needs at least two annotators with {verb} documents; found {found}")
    corpus = arrays.corpus
    base = np.zeros(len(corpus.ids), dtype=np.int64)
    base[1:] = np.cumsum(corpus.lengths)[:-1]
    schema = project.schema
    directed = np.array([getattr(schema.relation(n), "directed", True) for n in relations.labels], dtype=bool)
    return AgreementData(
        annotators=names,
        status=status,
        policy=policy,
        corpus=corpus,
        base=base,
        seen=seen,
        spans=spans,
        span_start=base[spans.doc] + spans.start,
        span_end=base[spans.doc] + spans.end,
        relations=relations,
        relation_directed=directed,
        token_start=base[corpus.token_doc] + corpus.token_start,
        token_end=base[corpus.token_doc] + corpus.token_end,
    )


def _seen(project: Project, policy: DocumentPolicy, annotator_ids: list[str], arrays: AgreementArrays) -> np.ndarray:
    """Bool [annotator, document]: which documents the policy gives each annotator.

    A policy that depends only on an annotator's status and whether they annotated a document is
    decided from the arrays already read (one lookup of :meth:`DocumentPolicy.admits` per state);
    the others (every document, the overlap sample) ask :func:`annotator.policies.covered`.
    """
    if policy in (DocumentPolicy.ALL, DocumentPolicy.OVERLAP):
        return _covered(project, policy, annotator_ids, arrays.corpus.ids)
    annotated = np.zeros(arrays.statuses.shape, dtype=bool)
    for rows in (arrays.spans, arrays.relations):
        annotated[rows.annotator, rows.doc] = True
    admits = np.zeros((len(STATUS_CODES), 2), dtype=bool)  # [status code, annotated]
    for status, code in STATUS_CODES.items():
        for has_work in (False, True):
            admits[code, int(has_work)] = policy.admits(DocStatus(status), has_work)
    return admits[arrays.statuses, annotated.view(np.int8)]


def _covered(project: Project, policy: DocumentPolicy, annotator_ids: list[str], documents: list[str]) -> np.ndarray:
    index = {doc: i for i, doc in enumerate(documents)}
    seen = np.zeros((len(annotator_ids), len(documents)), dtype=bool)
    by_annotator = covered(project, policy, annotator_ids)
    for a, annotator_id in enumerate(annotator_ids):
        seen[a, [index[d] for d in by_annotator[annotator_id] if d in index]] = True
    return seen


def token_tags(data: AgreementData, annotator: int) -> np.ndarray:
    """Each token's type tag for one annotator: 0 for ``O``, else 1 + label code.

    A token takes the label of a span it overlaps by at least one code point; when several of
    the annotator's spans cover it, the outermost wins (longest, then earliest, then label order).
    """
    tags = np.zeros(data.token_start.size, dtype=np.int64)
    mine = np.flatnonzero(data.spans.annotator == annotator)
    if mine.size == 0:
        return tags
    start, end, label = data.span_start[mine], data.span_end[mine], data.spans.label[mine]
    first = np.searchsorted(data.token_end, start, side="right")
    last = np.searchsorted(data.token_start, end, side="left")
    count = np.maximum(last - first, 0)
    order = _priority_order(start, end, label)  # ascending priority: the last one wins
    rank = np.empty(mine.size, dtype=np.int64)
    rank[order] = np.arange(mine.size)
    tokens = np.repeat(first, count) + (np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count))
    best = np.full(tags.size, -1, dtype=np.int64)
    np.maximum.at(best, tokens, np.repeat(rank, count))
    by_rank = np.append(label[order] + 1, 0)  # best == -1 (no span) picks the final 0
    return by_rank[best]


def _priority_order(start: np.ndarray, end: np.ndarray, label: np.ndarray) -> np.ndarray:
    """Spans by ascending priority: shortest first, then latest start, then highest label code.

    Spans equal in all three are the same span twice, so their order among themselves does not
    matter and one packed key sorts them (``np.lexsort`` of the three when it would not fit).
    """
    length, labels = end - start, int(label.max()) + 1
    latest = int(start.max())
    if start.min() >= 0 and length.min() >= 0 and (int(length.max()) + 1) * (latest + 1) * labels < 1 << 62:
        return np.argsort((length * (latest + 1) + (latest - start)) * labels + (labels - 1 - label))
    return np.lexsort((-label, -start, length))
