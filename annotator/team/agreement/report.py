"""The agreement report of a project: every figure of docs/agreement.md, as typed records.

:func:`build_report` reads the project once (bulk queries) and computes everything with
numpy; the result is an :class:`~annotator.team.agreement.figures.AgreementReport`, whose
``to_json()`` is the published JSON document.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations, pairwise

import numpy as np

from annotator.store import Project
from annotator.team.agreement.coding import (
    MISSING,
    Coefficient,
    alpha_from_coincidences,
    cohen_kappa,
    f1,
    fleiss_from_patterns,
)
from annotator.team.agreement.data import AgreementData, load, token_tags
from annotator.team.agreement.figures import (
    AgreementReport,
    AlphaDetails,
    Confusion,
    Counts,
    Details,
    Disagreement,
    DocumentAgreement,
    FleissDetails,
    LabelAgreement,
    LabelF1,
    Matrix,
    PairAgreement,
    RelationF1,
    Sides,
    SpanF1,
    UnitizingAlpha,
    UnitizingDetails,
)
from annotator.team.agreement.pairs import (
    RelationGroups,
    RelationPair,
    SpanGroups,
    SpanPair,
    relation_pair,
    span_pair,
)
from annotator.team.agreement.patterns import ValuePatterns
from annotator.team.agreement.unitizing import Unitizing, combined_alpha, unitizing

__all__ = ["REPORT_VERSION", "AgreementReport", "build_report", "compute"]

REPORT_VERSION = 1


def build_report(project: Project, annotators: Sequence[str] | None = None, status: str = "done") -> AgreementReport:
    """Compare ``annotators`` (names; default everyone but ``gold``) on the documents they have seen."""
    return compute(load(project, annotators, status))


def compute(data: AgreementData) -> AgreementReport:
    names = data.annotators
    used = np.unique(data.spans.label)  # label codes in schema order; labels nobody used are left out
    labels = tuple(data.labels[code] for code in used)
    n_docs = len(data.corpus.ids)
    categories = len(data.labels) + 1
    tags = [token_tags(data, a) for a in range(len(names))]
    patterns = _token_patterns(data, tags, categories)
    groups, rel_groups = SpanGroups.build(data), RelationGroups.build(data)

    pairs, confusion = [], np.zeros((len(data.labels), len(data.labels)), dtype=np.int64)
    doc_spans, doc_exact = np.zeros(n_docs, np.int64), np.zeros(n_docs, np.int64)
    label_totals = np.zeros((3, len(data.labels)), dtype=np.int64)  # n_a + n_b, exact, overlap
    for a, b in combinations(range(len(names)), 2):
        documents = data.documents_of(a, b)
        spans = span_pair(data, groups, a, b, documents)
        relations = relation_pair(data, rel_groups, a, b, documents)
        kappas = _token_kappas(patterns.contingency(a, b, categories))
        confusion += spans.confusion + spans.confusion.T - np.diag(np.diag(spans.confusion))
        doc_spans += spans.doc_spans
        doc_exact += spans.doc_exact
        label_totals += np.stack([spans.n_a + spans.n_b, spans.exact, spans.overlap])
        pairs.append(_pair(names[a], names[b], int(documents.sum()), spans, relations, kappas, data.labels, used))

    raters = data.seen.sum(axis=0)
    fleiss, alpha, fleiss_details, alpha_details = _token_coefficients(patterns, categories, raters)
    unit_by_label, unit_docs = _unitizing(data)
    per_label = {
        data.labels[code]: LabelAgreement(
            span_f1_exact=f1(label_totals[1, code], label_totals[0, code], 0),
            span_f1_overlap=f1(label_totals[2, code], label_totals[0, code], 0),
            unitizing_alpha=unit_by_label[data.labels[code]].alpha if data.labels[code] in unit_by_label else None,
        )
        for code in used
    }
    compared = np.flatnonzero(raters >= 2)
    per_document = _per_document(data, compared, doc_exact, doc_spans)
    return AgreementReport(
        version=REPORT_VERSION,
        status=data.status,
        document_policy=data.policy.value,
        annotators=tuple(names),
        labels=labels,
        documents=int(compared.size),
        pairs=tuple(pairs),
        fleiss_kappa=fleiss.value,
        krippendorff_alpha=alpha.value,
        unitizing_alpha=UnitizingAlpha(
            overall=combined_alpha(list(unit_by_label.values())),
            per_label={label: result.alpha for label, result in unit_by_label.items()},
        ),
        per_label=per_label,
        per_document=tuple(per_document),
        confusion=Confusion(labels, _matrix(confusion[np.ix_(used, used)])),
        counts=_counts(data),
        details=Details(
            fleiss_kappa=fleiss_details,
            krippendorff_alpha=alpha_details,
            unitizing_alpha=UnitizingDetails(
                documents=unit_docs,
                characters=int(data.corpus.lengths[data.documents_of(*range(len(names)))].sum()),
                per_label={label: Disagreement(r.observed, r.expected) for label, r in unit_by_label.items()},
            ),
        ),
    )


def _per_document(
    data: AgreementData, compared: np.ndarray, doc_exact: np.ndarray, doc_spans: np.ndarray
) -> list[DocumentAgreement]:
    """One row per compared document, worst span F1 first (no spans last): thousands of rows, so the
    F1s are one array division (the same ``2.0 * matched / total`` as :func:`f1`, element by element)."""
    names = data.annotators
    exact, spans = doc_exact[compared], doc_spans[compared]
    scores = np.divide(2.0 * exact, spans, out=np.zeros(compared.size), where=spans != 0)
    who = np.zeros(compared.size, dtype=np.int64)  # bit a: annotator a saw the document
    for a in range(len(names)):
        who |= data.seen[a, compared].astype(np.int64) << a
    seen_by = {bits: tuple(n for a, n in enumerate(names) if bits >> a & 1) for bits in set(who.tolist())}
    ids, doc_names = data.corpus.ids, data.corpus.names
    rows = [
        DocumentAgreement(
            id=ids[d], name=doc_names[d], span_f1=score if total else None, annotators=seen_by[bits], spans=total
        )
        for d, score, total, bits in zip(compared.tolist(), scores.tolist(), spans.tolist(), who.tolist(), strict=True)
    ]
    return sorted(rows, key=lambda row: (row.span_f1 is None, row.span_f1 or 0.0, row.name))


def _matrix(counts: np.ndarray) -> Matrix:
    return tuple(tuple(row) for row in counts.tolist())


def _pair(
    a: str,
    b: str,
    documents: int,
    spans: SpanPair,
    relations: RelationPair,
    kappas: tuple[Coefficient, Coefficient],
    labels: list[str],
    used: np.ndarray,
) -> PairAgreement:
    n = spans.n_a.sum() + spans.n_b.sum()
    per_label = {
        label: LabelF1(
            exact=f1(spans.exact[code], spans.n_a[code], spans.n_b[code]),
            overlap=f1(spans.overlap[code], spans.n_a[code], spans.n_b[code]),
            a=int(spans.n_a[code]),
            b=int(spans.n_b[code]),
        )
        for code, label in enumerate(labels)
        if spans.n_a[code] or spans.n_b[code]
    }
    kappa, kappa_entities = kappas
    return PairAgreement(
        a=a,
        b=b,
        documents=documents,
        span_f1=SpanF1(
            exact=f1(spans.exact.sum(), n, 0),
            untyped=f1(spans.untyped, n, 0),
            overlap=f1(spans.overlap.sum(), n, 0),
            per_label=per_label,
        ),
        spans=Sides(int(spans.n_a.sum()), int(spans.n_b.sum())),
        relation_f1=RelationF1(
            strict=f1(relations.strict, relations.n_a, relations.n_b),
            unlabelled=f1(relations.unlabelled, relations.n_a, relations.n_b),
        ),
        relations=Sides(relations.n_a, relations.n_b),
        confusion=_matrix(spans.confusion[np.ix_(used, used)]),
        token_kappa=kappa.value,
        token_kappa_entities=kappa_entities.value,
        tokens=kappa.items,
        entity_tokens=kappa_entities.items,
    )


def _token_patterns(data: AgreementData, tags: list[np.ndarray], categories: int) -> ValuePatterns:
    """Every token's column of tags (MISSING where the annotator has not seen its document), folded
    into distinct patterns: Fleiss, α and every pair's κ are then sums over a few hundred columns."""
    token_doc = data.corpus.token_doc
    rows = [np.where(data.seen[a][token_doc], tag, MISSING) for a, tag in enumerate(tags)]
    return ValuePatterns.of_rows(rows, categories)


def _token_kappas(table: np.ndarray) -> tuple[Coefficient, Coefficient]:
    """Cohen's κ on the tokens of a pair's contingency table, and on those where either has an
    entity: the same table without its ``O``/``O`` cell."""
    entities = table.copy()
    entities[0, 0] = 0
    return cohen_kappa(table), cohen_kappa(entities)


def _token_coefficients(
    patterns: ValuePatterns, categories: int, raters: np.ndarray
) -> tuple[Coefficient, Coefficient, FleissDetails, AlphaDetails]:
    """Fleiss' κ on tokens of documents every annotator has seen; α on those seen by two or more."""
    fleiss = fleiss_from_patterns(patterns)
    alpha = alpha_from_coincidences(patterns.coincidences(categories))
    pairable = patterns.present.sum(axis=0) >= 2
    fleiss_details = FleissDetails(
        documents=int((raters == patterns.values.shape[0]).sum()),
        tokens=fleiss.items,
        observed=fleiss.observed,
        expected=fleiss.expected,
    )
    alpha_details = AlphaDetails(
        documents=int((raters >= 2).sum()),
        tokens=int(patterns.counts[pairable].sum()),
        pairable_values=alpha.items,
        observed=alpha.observed,
        expected=alpha.expected,
    )
    return fleiss, alpha, fleiss_details, alpha_details


def _unitizing(data: AgreementData) -> tuple[dict[str, Unitizing], int]:
    """αu per label on the documents every annotator has seen (the continuum all observers cover)."""
    documents = data.documents_of(*range(len(data.annotators)))
    chosen = np.flatnonzero(documents)
    sections = (data.base[chosen], data.base[chosen] + data.corpus.lengths[chosen])
    spans = data.spans
    mine = np.flatnonzero(documents[spans.doc])
    annotators = len(data.annotators)
    observer = spans.label[mine] * annotators + spans.annotator[mine]  # by label, then annotator
    order = np.argsort(observer, kind="stable")
    mine = mine[order]
    bounds = np.searchsorted(observer[order], np.arange(len(data.labels) * annotators + 1))
    starts, ends = data.span_start[mine], data.span_end[mine]
    results: dict[str, Unitizing] = {}
    for code, label in enumerate(data.labels):
        cuts = bounds[code * annotators : (code + 1) * annotators + 1]
        if cuts[0] == cuts[-1]:
            continue
        observers = [(starts[lo:hi], ends[lo:hi]) for lo, hi in pairwise(cuts)]
        results[label] = unitizing(observers, sections)
    return results, int(chosen.size)


def _counts(data: AgreementData) -> Counts:
    spans, relations = data.spans, data.relations
    counted = data.seen[spans.annotator, spans.doc]
    counted_rel = data.seen[relations.annotator, relations.doc]
    documents: dict[str, int] = {}
    span_counts: dict[str, dict[str, int]] = {}
    relation_counts: dict[str, dict[str, int]] = {}
    for a, name in enumerate(data.annotators):
        documents[name] = int(data.seen[a].sum())
        per_label = np.bincount(spans.label[counted & (spans.annotator == a)], minlength=len(data.labels))
        span_counts[name] = {label: int(n) for label, n in zip(data.labels, per_label, strict=True) if n}
        per_type = np.bincount(
            relations.label[counted_rel & (relations.annotator == a)], minlength=len(relations.labels)
        )
        relation_counts[name] = {label: int(n) for label, n in zip(relations.labels, per_type, strict=True) if n}
    return Counts(documents, span_counts, relation_counts)
