"""The agreement report of a project: every figure of docs/agreement.md, as a JSON-ready dict.

:func:`build_report` reads the project once (bulk queries) and computes everything with
numpy; :class:`AgreementReport` wraps the dict with the accessors the plots and the
Agreement window use.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations
from typing import Any

import numpy as np

from annotator.agreement.coding import MISSING, Coefficient, f1, fleiss_kappa, krippendorff_alpha_nominal
from annotator.agreement.data import AgreementData, load, token_tags
from annotator.agreement.pairs import RelationGroups, SpanGroups, relation_pair, span_pair, token_kappas
from annotator.agreement.unitizing import Unitizing, combined_alpha, unitizing
from annotator.store import Project

REPORT_VERSION = 1


def build_report(project: Project, annotators: Sequence[str] | None = None, status: str = "done") -> AgreementReport:
    """Compare ``annotators`` (names; default everyone but ``gold``) on the documents they have seen."""
    data = load(project, annotators, status)
    return AgreementReport(compute(data))


def compute(data: AgreementData) -> dict[str, Any]:
    names = data.annotators
    used = np.unique(data.spans.label)  # label codes in schema order; labels nobody used are left out
    labels = [data.labels[code] for code in used]
    n_docs = len(data.corpus.ids)
    categories = len(data.labels) + 1
    tags = [token_tags(data, a) for a in range(len(names))]
    groups, rel_groups = SpanGroups.build(data), RelationGroups.build(data)

    pairs, confusion = [], np.zeros((len(data.labels), len(data.labels)), dtype=np.int64)
    doc_spans, doc_exact = np.zeros(n_docs, np.int64), np.zeros(n_docs, np.int64)
    label_totals = np.zeros((3, len(data.labels)), dtype=np.int64)  # n_a + n_b, exact, overlap
    for a, b in combinations(range(len(names)), 2):
        documents = data.documents_of(a, b)
        spans = span_pair(data, groups, a, b, documents)
        relations = relation_pair(data, rel_groups, a, b, documents)
        kappa, kappa_entities = token_kappas(tags[a], tags[b], documents[data.corpus.token_doc], categories)
        confusion += spans.confusion + spans.confusion.T - np.diag(np.diag(spans.confusion))
        doc_spans += spans.doc_spans
        doc_exact += spans.doc_exact
        label_totals += np.stack([spans.n_a + spans.n_b, spans.exact, spans.overlap])
        pairs.append(_pair_entry(names[a], names[b], int(documents.sum()), spans, relations, data.labels, used))
        pairs[-1].update(
            token_kappa=kappa.value,
            token_kappa_entities=kappa_entities.value,
            tokens=kappa.items,
            entity_tokens=kappa_entities.items,
        )

    raters = data.seen.sum(axis=0)
    fleiss, alpha, details = _token_coefficients(data, tags, categories, raters)
    unit_by_label, unit_docs = _unitizing(data)
    per_label = {
        data.labels[code]: {
            "span_f1_exact": f1(label_totals[1, code], label_totals[0, code], 0),
            "span_f1_overlap": f1(label_totals[2, code], label_totals[0, code], 0),
            "unitizing_alpha": unit_by_label[data.labels[code]].alpha if data.labels[code] in unit_by_label else None,
        }
        for code in used
    }
    compared = np.flatnonzero(raters >= 2)
    per_document = sorted(
        (
            {
                "id": data.corpus.ids[d],
                "name": data.corpus.names[d],
                "span_f1": f1(doc_exact[d], doc_spans[d], 0),
                "annotators": [names[a] for a in range(len(names)) if data.seen[a, d]],
                "spans": int(doc_spans[d]),
            }
            for d in compared
        ),
        key=lambda row: (row["span_f1"] is None, row["span_f1"] or 0.0, row["name"]),
    )
    return {
        "version": REPORT_VERSION,
        "status": data.status,
        "document_policy": data.policy.value,
        "annotators": names,
        "labels": labels,
        "documents": int(compared.size),
        "pairs": pairs,
        "fleiss_kappa": fleiss.value,
        "krippendorff_alpha": alpha.value,
        "unitizing_alpha": {
            "overall": combined_alpha(list(unit_by_label.values())),
            "per_label": {label: result.alpha for label, result in unit_by_label.items()},
        },
        "per_label": per_label,
        "per_document": per_document,
        "confusion": {"labels": labels, "matrix": confusion[np.ix_(used, used)].tolist()},
        "counts": _counts(data),
        "details": {
            **details,
            "unitizing_alpha": {
                "documents": unit_docs,
                "characters": int(data.corpus.lengths[data.documents_of(*range(len(names)))].sum()),
                "per_label": {
                    label: {"observed": r.observed, "expected": r.expected} for label, r in unit_by_label.items()
                },
            },
        },
    }


def _pair_entry(
    a: str, b: str, documents: int, spans, relations, labels: list[str], used: np.ndarray
) -> dict[str, Any]:
    n = spans.n_a.sum() + spans.n_b.sum()
    per_label = {
        label: {
            "exact": f1(spans.exact[code], spans.n_a[code], spans.n_b[code]),
            "overlap": f1(spans.overlap[code], spans.n_a[code], spans.n_b[code]),
            "a": int(spans.n_a[code]),
            "b": int(spans.n_b[code]),
        }
        for code, label in enumerate(labels)
        if spans.n_a[code] or spans.n_b[code]
    }
    return {
        "a": a,
        "b": b,
        "documents": documents,
        "span_f1": {
            "exact": f1(spans.exact.sum(), n, 0),
            "untyped": f1(spans.untyped, n, 0),
            "overlap": f1(spans.overlap.sum(), n, 0),
            "per_label": per_label,
        },
        "spans": {"a": int(spans.n_a.sum()), "b": int(spans.n_b.sum())},
        "relation_f1": {
            "strict": f1(relations.strict, relations.n_a, relations.n_b),
            "unlabelled": f1(relations.unlabelled, relations.n_a, relations.n_b),
        },
        "relations": {"a": relations.n_a, "b": relations.n_b},
        "confusion": spans.confusion[np.ix_(used, used)].tolist(),
    }


def _token_coefficients(
    data: AgreementData, tags: list[np.ndarray], categories: int, raters: np.ndarray
) -> tuple[Coefficient, Coefficient, dict[str, Any]]:
    """Fleiss' κ on tokens of documents every annotator has seen; α on those seen by two or more."""
    token_doc = data.corpus.token_doc
    pairable = np.flatnonzero(raters[token_doc] >= 2)
    values = np.stack(
        [np.where(data.seen[a][token_doc[pairable]], tag[pairable], MISSING) for a, tag in enumerate(tags)]
    )
    fleiss = fleiss_kappa(values)
    alpha = krippendorff_alpha_nominal(values, categories)
    details = {
        "fleiss_kappa": {
            "documents": int((raters == len(tags)).sum()),
            "tokens": fleiss.items,
            "observed": fleiss.observed,
            "expected": fleiss.expected,
        },
        "krippendorff_alpha": {
            "documents": int((raters >= 2).sum()),
            "tokens": int(pairable.size),
            "pairable_values": alpha.items,
            "observed": alpha.observed,
            "expected": alpha.expected,
        },
    }
    return fleiss, alpha, details


def _unitizing(data: AgreementData) -> tuple[dict[str, Unitizing], int]:
    """αu per label on the documents every annotator has seen (the continuum all observers cover)."""
    documents = data.documents_of(*range(len(data.annotators)))
    chosen = np.flatnonzero(documents)
    sections = (data.base[chosen], data.base[chosen] + data.corpus.lengths[chosen])
    spans = data.spans
    in_docs = documents[spans.doc]
    results: dict[str, Unitizing] = {}
    for code, label in enumerate(data.labels):
        mine = in_docs & (spans.label == code)
        if not mine.any():
            continue
        observers = [
            (data.span_start[mine & (spans.annotator == a)], data.span_end[mine & (spans.annotator == a)])
            for a in range(len(data.annotators))
        ]
        results[label] = unitizing(observers, sections)
    return results, int(chosen.size)


def _counts(data: AgreementData) -> dict[str, Any]:
    spans, relations = data.spans, data.relations
    counted = data.seen[spans.annotator, spans.doc]
    counted_rel = data.seen[relations.annotator, relations.doc]
    out: dict[str, Any] = {"documents": {}, "spans": {}, "relations": {}}
    for a, name in enumerate(data.annotators):
        out["documents"][name] = int(data.seen[a].sum())
        per_label = np.bincount(spans.label[counted & (spans.annotator == a)], minlength=len(data.labels))
        out["spans"][name] = {label: int(n) for label, n in zip(data.labels, per_label, strict=True) if n}
        per_type = np.bincount(
            relations.label[counted_rel & (relations.annotator == a)], minlength=len(relations.labels)
        )
        out["relations"][name] = {label: int(n) for label, n in zip(relations.labels, per_type, strict=True) if n}
    return out


class AgreementReport:
    """A computed report: ``data`` is the JSON document (docs/agreement.md); accessors feed plots."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    @property
    def annotators(self) -> list[str]:
        return self.data["annotators"]

    def pair(self, a: str, b: str) -> dict[str, Any] | None:
        for entry in self.data["pairs"]:
            if {entry["a"], entry["b"]} == {a, b}:
                return entry
        return None

    def pair_matrix(self, metric: str = "span_f1.exact") -> list[list[float | None]]:
        """``matrix[i][j]`` = ``metric`` (a dotted path into a pair entry) for annotators i and j.

        The diagonal is 1.0 (everyone agrees with themselves); pairs without data are None.
        """
        names = self.annotators
        matrix: list[list[float | None]] = [[1.0 if i == j else None for j in names] for i in names]
        index = {name: i for i, name in enumerate(names)}
        for entry in self.data["pairs"]:
            value: Any = entry
            for key in metric.split("."):
                value = value.get(key) if isinstance(value, dict) else None
            i, j = index[entry["a"]], index[entry["b"]]
            matrix[i][j] = matrix[j][i] = value
        return matrix
