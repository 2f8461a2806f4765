"""Agreement report on 2,000 generated documents × 300 tokens × 3 annotators.

Prints ``agreement_vs_reference_ratio`` (goal ≤ 1, a guard): the full report (bulk reads, token
tags, pairwise span/relation/token figures, Fleiss, Krippendorff α and αu) on a project in a
temporary file, over the ``krippendorff`` package's nominal α alone on the same token data (the
annotators × tokens matrix the report's α is computed from; built outside that timer). Medians of
5 runs each. ``agreement_report_s`` and ``agreement_reference_alpha_s`` are the absolute figures.
Each annotator copies a hidden "truth" with noise (missed, extra, relabelled and resized spans)
and leaves 5 % of the documents unfinished, so missing data is exercised too.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np

from annotator.model import DocStatus, IncomingDocument, NewRelation, NewSpan
from annotator.store import Project
from annotator.team.agreement.coding import MISSING
from annotator.team.agreement.data import load, token_tags
from annotator.team.agreement.report import build_report
from annotator.tokens import token_offsets

DOCS, TOKENS, ANNOTATORS = 2000, 300, ("amal", "badr", "dina")
WORDS = [
    "الرئيس",
    "قال",
    "إن",
    "الحكومة",
    "ستعمل",
    "على",
    "تحسين",
    "الاقتصاد",
    "في",
    "البلاد",
    "خلال",
    "العام",
    "المقبل",
    "وأكد",
    "أن",
    "المفاوضات",
    "مستمرة",
]
NAMES = ["بوتين", "ترامب", "زيلينسكي", "موسكو", "كييف", "واشنطن", "الناتو", "الكرملين", "أوروبا", "ألاسكا"]
LABELS = ("PERS", "ORG", "GPE", "LOC", "EVENT", "DATE")


def make_document(rng: random.Random, index: int) -> tuple[str, list[tuple[int, int, str]]]:
    words = [rng.choice(NAMES) if rng.random() < 0.12 else rng.choice(WORDS) for _ in range(TOKENS - 30)]
    for position in range(15, len(words), 18):
        words.insert(position, "،")
    text = f"خبر {index}: " + " ".join(words) + " ."
    tokens = token_offsets(text)
    truth = []
    i = 3
    while i < len(tokens) - 3:
        if rng.random() < 0.1:
            width = rng.choice((1, 1, 2, 3))
            truth.append((tokens[i][0], tokens[i + width - 1][1], rng.choice(LABELS)))
            i += width + 1
        i += 1
    return text, truth


def annotate(rng: random.Random, text: str, truth: list[tuple[int, int, str]]) -> tuple[NewSpan, ...]:
    spans = []
    for start, end, label in truth:
        roll = rng.random()
        if roll < 0.04:
            continue
        if roll < 0.08:
            label = rng.choice(LABELS)
        elif roll < 0.12:
            end = max(start + 1, end - 2)
        spans.append(NewSpan(start, end, label, key=f"T{len(spans)}"))
    if rng.random() < 0.5:
        start = rng.randrange(0, len(text) - 10)
        spans.append(NewSpan(start, start + 5, rng.choice(LABELS), key=f"T{len(spans)}"))
    return tuple(spans)


def relations_for(spans: tuple[NewSpan, ...]) -> tuple[NewRelation, ...]:
    people = [s.key for s in spans if s.label == "PERS"]
    return tuple(NewRelation(h, t, "met_with") for h, t in zip(people[0::2], people[1::2], strict=False))


def build(path: Path) -> Project:
    rng = random.Random(6)
    documents = [make_document(rng, i) for i in range(DOCS)]
    project = Project.create(path)
    for name in ANNOTATORS:
        incoming = []
        for i, (text, truth) in enumerate(documents):
            spans = annotate(rng, text, truth)
            status = DocStatus.IN_PROGRESS if rng.random() < 0.05 else DocStatus.DONE
            relations = relations_for(spans)
            incoming.append(
                IncomingDocument(f"doc{i:04d}", text, f"gen:{i}", spans=spans, relations=relations, status=status)
            )
        project.add_documents(incoming, name)
    return project


def median_of(project: Project, runs: int = 5):
    """Inside the timer: ``build_report`` (store reads included); median of ``runs``."""
    timings, report = [], None
    for _ in range(runs):
        started = time.perf_counter()
        report = build_report(project)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings), report


def report_and_reference(project: Project, runs: int = 5) -> tuple[float, float, object, float]:
    """The report and the ``krippendorff`` package's nominal α on the report's token data,
    interleaved run by run (load elsewhere hits both alike): (report s, reference s, report, α).

    Inside the report's timer: ``build_report`` (store reads included). Outside the reference's
    timer: loading the data and building the annotators × tokens matrix (missing values as NaN,
    as the package wants them); inside: ``krippendorff.alpha`` alone. Medians of ``runs``.
    """
    import krippendorff

    data = load(project, None, "done")
    tags = [token_tags(data, a) for a in range(len(data.annotators))]
    token_doc = data.corpus.token_doc
    raters = data.seen.sum(axis=0)
    pairable = np.flatnonzero(raters[token_doc] >= 2)
    values = np.stack(
        [np.where(data.seen[a][token_doc[pairable]], tag[pairable], MISSING) for a, tag in enumerate(tags)]
    ).astype(float)
    values[values == MISSING] = np.nan
    ours, reference, report, alpha = [], [], None, float("nan")
    for _ in range(runs):
        started = time.perf_counter()
        report = build_report(project)
        ours.append(time.perf_counter() - started)
        started = time.perf_counter()
        alpha = krippendorff.alpha(reliability_data=values, level_of_measurement="nominal")
        reference.append(time.perf_counter() - started)
    return statistics.median(ours), statistics.median(reference), report, float(alpha)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.hashiya"
        started = time.perf_counter()
        project = build(path)
        print(f"agreement_setup_s: {time.perf_counter() - started:.2f} s")
        stats = project.stats()
        print(f"agreement_spans: {stats['spans_total']} spans")
        print(f"agreement_tokens: {stats['tokens']} tokens")
        # right after one big import the pages are still in the write-ahead log, which reads slower
        print(f"agreement_report_after_import_s: {median_of(project, 3)[0]:.3f} s")
        project.close()
        with Project.open(path) as project:  # as a user opens it: the log checkpointed into the file
            seconds, reference_s, report, reference = report_and_reference(project)
    data = report.data
    print(
        f"agreement_vs_reference_ratio: {seconds / reference_s:.2f} x  ({seconds:.3f} s / krippendorff "
        f"{reference_s:.3f} s; goal <= 1)"
    )
    print(f"agreement_report_s: {seconds:.3f} s")
    print(f"agreement_reference_alpha_s: {reference_s:.3f} s")
    print(f"agreement_reference_alpha: {reference:.3f}")
    print(f"agreement_krippendorff_alpha: {data['krippendorff_alpha']:.3f}")
    print(f"agreement_unitizing_alpha: {data['unitizing_alpha']['overall']:.3f}")


if __name__ == "__main__":
    main()
