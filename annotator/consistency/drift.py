"""Schema drift: spans whose label the schema no longer has, relations it no longer allows.

A schema changes while a corpus is annotated (a label merged into another, a relation's endpoint
types narrowed); annotation made under the old schema stays. A span label gone from the schema
is one finding per label, proposing a relabel when the schema has an obvious successor (the same
name in another case, or a common spelling of it: PER/PERS/PERSON, MIS/MISC, …), else removal.
A relation whose type is gone, or whose endpoint labels the type no longer allows, is one
finding per (type, head label, tail label), proposing removal of the relation; its occurrence
is the relation's head span, whose fix (``REMOVE_RELATION``) names the relation, so the span
itself stays; the relations' ids are also in the finding's ``detail``, in the occurrences' order.
"""

from __future__ import annotations

from collections import defaultdict

from annotator.consistency.findings import CheckKind, Finding, Fix, FixAction, Occurrence
from annotator.consistency.layer import Layer
from annotator.consistency.words import count
from annotator.schema import LabelSchema

DRIFT_SCORE = 0.95  # the schema says so: certainly to fix, only the how is a choice
_SPELLINGS = (
    frozenset({"PER", "PERS", "PERSON"}),
    frozenset({"ORG", "ORGANIZATION", "ORGANISATION"}),
    frozenset({"LOC", "LOCATION"}),
    frozenset({"MIS", "MISC", "MISCELLANEOUS"}),
    frozenset({"GPE", "LOC_GPE"}),
)


def successor(label: str, schema: LabelSchema) -> str | None:
    """The schema label a removed ``label`` obviously became, or None."""
    names = schema.label_names
    upper = label.upper()
    for name in names:
        if name.upper() == upper:
            return name
    for spellings in _SPELLINGS:
        if upper in spellings:
            found = [name for name in names if name.upper() in spellings]
            if len(found) == 1:
                return found[0]
    return None


def drift_findings(layer: Layer) -> list[Finding]:
    """Spans with labels the schema lacks, and relations the schema does not allow, in ``layer``."""
    return _span_findings(layer) + _relation_findings(layer)


def _span_findings(layer: Layer) -> list[Finding]:
    schema = layer.schema
    known = set(schema.label_names)
    by_label: dict[str, list[Occurrence]] = defaultdict(list)
    for doc, span in layer.all_spans():
        if span.label in known:
            continue
        target = successor(span.label, schema)
        fix = Fix(FixAction.REMOVE) if target is None else Fix(FixAction.RELABEL, label=target)
        by_label[span.label].append(layer.occurrence(doc, span.start, span.end, span=span, fix=fix))
    findings = []
    for label, occurrences in by_label.items():
        target = successor(label, schema)
        n = len(occurrences)
        what = f"relabel {count(n, 'span')} → {target}" if target else f"remove {count(n, 'span')}"
        findings.append(
            Finding(
                kind=CheckKind.DRIFT,
                subject=f"{layer.name}|label|{label}",
                score=DRIFT_SCORE,
                summary=f"label {label} is not in the schema ({count(n, 'span')})",
                proposal=what,
                occurrences=tuple(occurrences),
                detail={"label": label, "successor": target, "layer": layer.name},
            )
        )
    return findings


def _relation_findings(layer: Layer) -> list[Finding]:
    schema = layer.schema
    groups: dict[tuple[str, str, str], list[tuple[Occurrence, str]]] = defaultdict(list)
    for document_id in layer.document_ids:
        relations = layer.relations(document_id)
        if not relations:
            continue
        spans = {span.id: span for span in layer.spans.get(document_id, ())}
        doc = layer.document(document_id)
        for relation in relations:
            head, tail = spans.get(relation.head_id), spans.get(relation.tail_id)
            if head is None or tail is None:
                continue
            rule = schema.relation(relation.label)
            if rule is not None and rule.allows(head.label, tail.label):
                continue
            occurrence = layer.occurrence(
                doc, head.start, head.end, span=head, fix=Fix(FixAction.REMOVE_RELATION, relation_id=relation.id)
            )
            groups[(relation.label, head.label, tail.label)].append((occurrence, relation.id))
    findings = []
    for (label, head, tail), members in groups.items():
        n = len(members)
        gone = schema.relation(label) is None
        reason = f"relation type {label} is not in the schema" if gone else f"{label} no longer allows {head} → {tail}"
        findings.append(
            Finding(
                kind=CheckKind.DRIFT,
                subject=f"{layer.name}|relation|{label}|{head}|{tail}",
                score=DRIFT_SCORE,
                summary=f"{reason} ({count(n, 'relation')})",
                proposal=f"remove {count(n, 'relation')}",
                occurrences=tuple(o for o, _id in members),
                detail={
                    "relation": label,
                    "head": head,
                    "tail": tail,
                    "relation_ids": [relation_id for _o, relation_id in members],
                    "layer": layer.name,
                },
            )
        )
    return findings
