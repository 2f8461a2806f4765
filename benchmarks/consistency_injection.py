"""Injected annotation errors and how the consistency checks are scored on them (issue 15, item 4).

The standard way annotation-error detection is evaluated (Klie et al. 2022): take a gold corpus,
inject realistic errors into a known share of its entities, run the detectors, and count how many
injected errors they find and how many of their top findings are injected errors.

- :func:`load_corpus`: AQMAR (its 27 article segments; PER, LOC, ORG, and MIS0–MIS3 as MIS, stray
  tags dropped) or ANERcorp train (``train_docs.conll``, 189 articles; PERS, LOC, ORG, MISC).
- :func:`inject`: 5 % of the entities, split evenly between three kinds, with a seed:
  *flips* between the corpus's own confusable types (LOC↔ORG, PERS↔ORG, LOC↔MISC);
  *boundary shifts* by a clitic (a proclitic و ف ب ل ك before ال dropped from the span: both corpora
  keep proclitics inside) or by a title word (the title before a person's name pulled into the span:
  both corpora leave titles out), half each where there are enough of both;
  *deletions*. Each injected error keeps the original span.
- :func:`found_by`: an injected error is FOUND by a finding when one of its occurrences is exactly
  where the error now is and that occurrence's fix gives back the original label and extent. A
  finding that merely lists the occurrence, without such a fix for it, does not count.
- :func:`precision_at`: the findings not in the run over the clean corpus (same identity: kind,
  subject and occurrences, documents by name), best first; of the first ``n``, the share that finds
  an injected error.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

KINDS = ("flip", "boundary", "delete")
PROCLITICS = "وفبلك"
CONFUSABLE: dict[str, dict[str, tuple[str, ...]]] = {
    "anercorp": {"LOC": ("ORG", "MISC"), "ORG": ("LOC", "PERS"), "PERS": ("ORG",), "MISC": ("LOC",)},
    "aqmar": {"LOC": ("ORG", "MIS"), "ORG": ("LOC", "PER"), "PER": ("ORG",), "MIS": ("LOC",)},
}
LABELS = {"anercorp": ("PERS", "LOC", "ORG", "MISC"), "aqmar": ("PER", "LOC", "ORG", "MIS")}
SpanT = tuple[int, int, str]


@dataclass
class CorpusDocument:
    name: str
    text: str
    spans: list[SpanT]


@dataclass(frozen=True, slots=True)
class Injected:
    """One injected error: in document ``document``, ``original`` became ``now`` (None: deleted)."""

    kind: str  # flip, boundary, delete
    how: str  # e.g. "LOC→ORG", "clitic", "title", "deleted"
    document: str
    original: SpanT
    now: SpanT | None


@dataclass
class Injection:
    documents: list[CorpusDocument]
    errors: list[Injected] = field(default_factory=list)


def aqmar_label(label: str) -> str | None:
    """AQMAR's classes: PER, LOC, ORG; its article-specific MIS0–MIS3 (and misspellings) as MIS."""
    if label in ("PER", "LOC", "ORG"):
        return label
    return "MIS" if fnmatchcase(label, "MIS*") else None


def load_corpus(name: str) -> list[CorpusDocument]:
    """``aqmar`` or ``anercorp`` from ``../shared/data``, one document per article."""
    if name == "aqmar":
        from annotator.recommenders.aqmar import load_articles

        out = []
        for article in load_articles():
            example = article.example
            spans = [(s, e, lab) for s, e, raw in example.spans if (lab := aqmar_label(raw)) is not None]
            out.append(CorpusDocument(f"aqmar-{article.number:02d}", example.document.text, sorted(spans)))
        return out
    if name == "anercorp":
        from annotator.recommenders.news_corpus import load_anercorp

        return [
            CorpusDocument(f"anercorp-{i:03d}", e.document.text, sorted(e.spans)) for i, e in enumerate(load_anercorp())
        ]
    raise ValueError(f"unknown corpus {name!r}")


def _word_before(text: str, start: int) -> tuple[int, str] | None:
    """The whitespace-separated word right before ``start`` (one space between) and where it starts."""
    if start < 2 or text[start - 1] != " " or text[start - 2].isspace():
        return None
    begin = start - 1
    while begin > 0 and not text[begin - 1].isspace():
        begin -= 1
    return begin, text[begin : start - 1]


def _clitic_shift(text: str, span: SpanT) -> SpanT | None:
    """The span without its proclitic (و ف ب ل ك before ال): «والعراق» → «العراق»."""
    start, end, label = span
    if text[start] in PROCLITICS and text[start + 1 : start + 3] == "ال" and end - start > 4:
        return (start + 1, end, label)
    return None


def _title_shift(text: str, span: SpanT, taken: set[int]) -> SpanT | None:
    """The span with the title word before it: «بوتين» → «الرئيس بوتين»."""
    from annotator.conventions import TITLES
    from annotator.normalize import match_key

    start, end, label = span
    before = _word_before(text, start)
    if before is None or match_key(before[1]) not in TITLES or any(i in taken for i in range(before[0], start)):
        return None
    return (before[0], end, label)


def inject(documents: Sequence[CorpusDocument], corpus: str, seed: int, rate: float = 0.05) -> Injection:
    """A copy of ``documents`` with ``rate`` of the entities made wrong, split evenly between the kinds."""
    rng = random.Random(seed)
    docs = [CorpusDocument(d.name, d.text, list(d.spans)) for d in documents]
    every = [(i, span) for i, d in enumerate(docs) for span in d.spans]
    total = round(rate * len(every))
    want = {kind: total // 3 + (1 if n < total % 3 else 0) for n, kind in enumerate(KINDS)}
    covered = [{c for s, e, _l in d.spans for c in range(s, e)} for d in docs]
    order = list(range(len(every)))
    rng.shuffle(order)
    used: set[int] = set()
    errors: list[Injected] = []
    confusable = CONFUSABLE[corpus]

    def take(index: int, kind: str, how: str, now: SpanT | None) -> None:
        i, span = every[index]
        used.add(index)
        errors.append(Injected(kind, how, docs[i].name, span, now))

    for index in order:  # flips
        if sum(e.kind == "flip" for e in errors) >= want["flip"]:
            break
        i, (s, e, label) = every[index]
        if label in confusable:
            new = rng.choice(confusable[label])
            take(index, "flip", f"{label}→{new}", (s, e, new))
    shifts = {"clitic": [], "title": []}
    for index in order:
        if index in used:
            continue
        i, span = every[index]
        if (shifted := _title_shift(docs[i].text, span, covered[i])) is not None:
            shifts["title"].append((index, shifted))
        elif (shifted := _clitic_shift(docs[i].text, span)) is not None:
            shifts["clitic"].append((index, shifted))
    half = want["boundary"] // 2
    titles = shifts["title"][: max(half, want["boundary"] - len(shifts["clitic"]))]
    clitics = shifts["clitic"][: want["boundary"] - len(titles)]
    for how, chosen in (("title", titles), ("clitic", clitics)):
        for index, shifted in chosen:
            take(index, "boundary", how, shifted)
    deleted = 0
    for index in order:
        if deleted >= want["delete"]:
            break
        if index not in used:
            take(index, "delete", "deleted", None)
            deleted += 1
    by_name = {d.name: d for d in docs}
    for error in errors:
        spans = by_name[error.document].spans
        spans.remove(error.original)
        if error.now is not None:
            spans.append(error.now)
        spans.sort()
    return Injection(docs, errors)


def build_project(path: str | Path, documents: Sequence[CorpusDocument], corpus: str, annotator: str = "gold-corpus"):
    """A project holding ``documents`` annotated by ``annotator``, with the corpus's labels and its
    boundary convention (both corpora: proclitics inside the span, titles outside)."""
    from annotator.conventions import BoundaryConvention, Placement
    from annotator.model import IncomingDocument, NewSpan
    from annotator.schema import LabelSchema, SpanLabel
    from annotator.store import Project

    colours = ("#E6194B", "#3CB44B", "#4363D8", "#F58231")
    schema = LabelSchema(corpus, tuple(SpanLabel(n, c) for n, c in zip(LABELS[corpus], colours, strict=True)))
    project = Project.create(path, schema)
    convention = BoundaryConvention(proclitics=Placement.IN, titles=Placement.OUT)
    project.set_recommender_settings(convention.to_settings(project.recommender_settings()))
    incoming = [
        IncomingDocument(d.name, d.text, f"{corpus}:{d.name}", spans=tuple(NewSpan(s, e, lab) for s, e, lab in d.spans))
        for d in documents
    ]
    project.add_documents(incoming, annotator)
    return project


# -- scoring -------------------------------------------------------------------------------------


def _after_fix(occurrence: Any) -> SpanT | None:
    """The span an occurrence becomes when its fix is applied (None: removed or no fix)."""
    fix = occurrence.fix
    if fix is None:
        return None
    action = str(fix.action)
    if action == "relabel":
        return (occurrence.start, occurrence.end, fix.label)
    if action == "resize":
        return (fix.start, fix.end, fix.label or occurrence.label)
    if action == "add":
        return (fix.start, fix.end, fix.label)
    return None


def _where(error: Injected) -> tuple[int, int]:
    """Where the error now is: the wrong span, or the untagged text of a deleted one."""
    span = error.now if error.now is not None else error.original
    return span[0], span[1]


def found_by(finding: Any, error: Injected, names: dict[str, str]) -> bool:
    """Whether ``finding`` names the error's occurrence with a fix that restores the original."""
    start, end = _where(error)
    for occurrence in finding.occurrences:
        if names.get(occurrence.document_id, occurrence.document_id) != error.document:
            continue
        if (occurrence.start, occurrence.end) == (start, end) and _after_fix(occurrence) == error.original:
            return True
    return False


def _index(errors: Iterable[Injected]) -> dict[tuple[str, int, int], list[Injected]]:
    out: dict[tuple[str, int, int], list[Injected]] = {}
    for error in errors:
        out.setdefault((error.document, *_where(error)), []).append(error)
    return out


def hits(finding: Any, errors: Sequence[Injected], names: dict[str, str], index=None) -> list[Injected]:
    """The injected errors ``finding`` finds."""
    index = index if index is not None else _index(errors)
    out = []
    for occurrence in finding.occurrences:
        doc = names.get(occurrence.document_id, occurrence.document_id)
        for error in index.get((doc, occurrence.start, occurrence.end), ()):
            if _after_fix(occurrence) == error.original and error not in out:
                out.append(error)
    return out


def identity(finding: Any, names: dict[str, str]) -> tuple:
    """What makes a finding the same in two projects built from one corpus: kind, subject and
    occurrences with documents by name (ids differ between the two projects)."""
    subject = finding.subject
    for doc_id, name in names.items():
        if doc_id in subject:
            subject = subject.replace(doc_id, name)
    occurrences = tuple(
        sorted(
            (names.get(o.document_id, o.document_id), o.start, o.end, o.label, _after_fix(o) or str(o.fix))
            for o in finding.occurrences
        )
    )
    return (str(finding.kind), subject, occurrences)


@dataclass
class Scores:
    """Recall per injected kind (overall and per check kind) and precision at ``n`` (overall and per check kind)."""

    recall: dict[str, float]  # injected kind → share found by any finding
    recall_by_check: dict[str, dict[str, float]]  # check kind → injected kind → share
    precision: float | None  # of the first n new findings
    precision_by_check: dict[str, float | None]
    new_findings: int
    missed: list[Injected]


def score(
    findings: Sequence[Any],
    clean: Sequence[Any],
    errors: Sequence[Injected],
    names: dict[str, str],
    clean_names: dict[str, str],
    n: int = 100,
) -> Scores:
    """Recall and precision at ``n`` of ``findings`` (a run over the injected corpus, best first)."""
    index = _index(errors)
    found: dict[str, set[Injected]] = {}
    for finding in findings:
        for error in hits(finding, errors, names, index):
            found.setdefault(str(finding.kind), set()).add(error)
    anywhere = set().union(*found.values()) if found else set()
    total = {kind: sum(e.kind == kind for e in errors) for kind in KINDS}
    recall = {kind: _share(sum(e.kind == kind for e in anywhere), total[kind]) for kind in KINDS}
    by_check = {
        check: {kind: _share(sum(e.kind == kind for e in got), total[kind]) for kind in KINDS}
        for check, got in found.items()
    }
    before = {identity(f, clean_names) for f in clean}
    new = [f for f in findings if identity(f, names) not in before]
    top = new[:n]
    precision = _share(sum(1 for f in top if hits(f, errors, names, index)), len(top)) if top else None
    per_check: dict[str, float | None] = {}
    for check in sorted({str(f.kind) for f in new}):
        mine = [f for f in new if str(f.kind) == check][:n]
        per_check[check] = _share(sum(1 for f in mine if hits(f, errors, names, index)), len(mine))
    missed = [e for e in errors if e not in anywhere]
    return Scores(recall, by_check, precision, per_check, len(new), missed)


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0
