"""Corpus consistency review (issue 15, item 4): recall and precision on injected errors, and speed.

Quality, on AQMAR (27 article segments) and ANERcorp train (``train_docs.conll``, 189 articles),
each a project with the corpus's labels and boundary convention (proclitics in, titles out):
5 % of the entities are made wrong (:mod:`consistency_injection`: label flips between confusable
types, boundary shifts by a clitic or a title word, deletions; a third each), with seeds 1, 2, 3.
Every check runs, model disagreement included (5 contiguous folds, probability ≥ 0.8).

- ``consistency_recall_at_5pct`` (goal ≥ 0.6): the injected flips and boundary shifts found (a
  finding names the occurrence and its fix restores the original), mean over both corpora and the
  three seeds; per corpus, per injected kind and per check kind below it.
- ``consistency_precision_at_100`` (goal ≥ 0.5): of the 100 best-scored findings that the run on the
  clean corpus does not have, the share that finds an injected error; mean over corpora and seeds.
  ``..._all100``: the same share among the 100 best findings without removing the clean run's.

The shipped news model was trained on all of ANERcorp train, so on ANERcorp the model-disagreement
check would read documents its base model has seen. There each fold is read by a stand-in that never
saw it (``build/calibration/news-crf-fold{1..5}``, the same five contiguous article blocks, made by
``scripts/calibrate_recommenders.py``); without them the shipped model is used and a note says so.
On AQMAR the shipped model is the base (it never saw AQMAR).

Speed: ``consistency_check_10k_docs_s`` (goal ≤ 10 s): :func:`run_checks` with its default kinds
(every check but model disagreement) over everyone's layers of a 10,000-document project
(``_common.build_project``: the sample article varied, every known name tagged). Inside the timer:
reading the layer and texts, every check, sorting. ``consistency_check_vs_span_read_ratio``: that
time over one plain read of the project's spans (``Project.spans_by_document()``, one query).
Medians of 3, the project built once, outside the timers.

    .venv/bin/python benchmarks/bench_consistency.py [--quick]
"""

from __future__ import annotations

import argparse
import functools
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, emit, note
from _common import build_project as build_big_project
from consistency_injection import KINDS, build_project, inject, load_corpus, score

from annotator.consistency.disagreement_cache import DisagreementCache
from annotator.consistency.findings import CheckKind

CORPORA = ("aqmar", "anercorp")
STAND_INS = ROOT / "build" / "calibration"
SEEDS = (1, 2, 3)
ALL_KINDS = tuple(CheckKind)


@functools.cache
def fold_stand_ins(labels: tuple[str, ...]) -> list | None:
    """The five news CRFs that each never saw one contiguous block of ANERcorp train (None if missing);
    the same objects every run, so each reads a text once (the check remembers readings per model)."""
    import hashlib

    from annotator.recommenders.crf import CrfModel, CrfRecommender
    from annotator.recommenders.gazetteer import builtin_gazetteer
    from annotator.recommenders.name_lists import shipped_lexicons

    out = []
    from annotator.recommenders.news_corpus import anercorp_path

    sha = hashlib.sha256(anercorp_path().read_bytes()).hexdigest()  # what the stand-ins were trained on
    for k in range(1, 6):
        path = STAND_INS / f"news-crf-fold{k}.crfsuite"
        words = path.with_suffix(".common-words.txt")
        if not (path.is_file() and words.is_file()):
            return None
        model = CrfModel.read(path)
        if model.info.get("data_sha256") != sha or model.info.get("fold") != k:
            return None
        lexicons = shipped_lexicons().with_common(words.read_text(encoding="utf-8").split())
        out.append(CrfRecommender(model, labels, gazetteer=builtin_gazetteer(), lexicons=lexicons))
    return out


def _run(path: Path, documents, corpus: str):
    """Every check over a fresh project holding ``documents``; (findings, document id → name)."""
    from annotator.consistency.disagreement import disagreements
    from annotator.consistency.run import run_checks

    with build_project(path, documents, corpus) as project:
        findings = run_checks(project, None, [k for k in ALL_KINDS if k is not CheckKind.DISAGREEMENT])
        bases = fold_stand_ins(tuple(project.schema.label_names)) if corpus == "anercorp" else None
        if corpus == "anercorp" and bases is None:
            note("partial: no fold stand-ins in build/calibration: ANERcorp's disagreement base saw every article")
        findings += disagreements(project, None, cache=DisagreementCache(None), fold_bases=bases)  # never cached
        findings.sort(key=lambda f: (-f.score, str(f.kind), f.subject))
        names = {d.id: d.name for d in project.documents()}
    return findings, names


def quality(seeds: tuple[int, ...], corpora: tuple[str, ...] = CORPORA) -> None:
    recalls, precisions, precisions_all = [], [], []
    for corpus in corpora:
        try:
            documents = load_corpus(corpus)
        except Exception as exc:  # the shared data may be missing
            note(f"partial: {corpus} not measured ({exc})")
            continue
        with tempfile.TemporaryDirectory() as tmp:
            clean, clean_names = _run(Path(tmp) / "clean.hashiya", documents, corpus)
            note(f"{corpus}: clean run, {len(clean)} findings " + _count(clean))
            per: dict[str, list[float]] = {}
            for seed in seeds:
                injection = inject(documents, corpus, seed)
                findings, names = _run(Path(tmp) / f"seed{seed}.hashiya", injection.documents, corpus)
                scores = score(findings, clean, injection.errors, names, clean_names)
                aim = [e for e in injection.errors if e.kind in ("flip", "boundary")]
                found = sum(1 for e in aim if e not in scores.missed)
                recall = found / len(aim)
                top = findings[:100]
                all100 = sum(1 for f in top if _finds(f, injection.errors, names)) / max(1, len(top))
                per.setdefault("recall", []).append(recall)
                per.setdefault("precision", []).append(scores.precision or 0.0)
                per.setdefault("precision_all100", []).append(all100)
                for kind in KINDS:
                    per.setdefault(f"recall_{kind}", []).append(scores.recall[kind])
                for check in ALL_KINDS:
                    if check is CheckKind.DRIFT:  # nothing injected is schema drift
                        continue
                    for kind in KINDS:
                        got = scores.recall_by_check.get(str(check), {}).get(kind, 0.0)
                        per.setdefault(f"recall_{check}_{kind}", []).append(got)
                    p = scores.precision_by_check.get(str(check))
                    if p is not None:
                        per.setdefault(f"precision_{check}", []).append(p)
                missed = [e for e in scores.missed if e.kind in ("flip", "boundary")][:5]
                note(
                    f"{corpus} seed {seed}: {len(injection.errors)} injected, {len(findings)} findings, "
                    f"{scores.new_findings} new; missed e.g. "
                    + "; ".join(f"{e.how} {e.document} {e.original}→{e.now}" for e in missed)
                )
            for name, values in per.items():
                emit(f"consistency_{name}_{corpus}", statistics.mean(values), "", 3)
            recalls.append(statistics.mean(per["recall"]))
            precisions.append(statistics.mean(per["precision"]))
            precisions_all.append(statistics.mean(per["precision_all100"]))
    if recalls:
        emit("consistency_recall_at_5pct", statistics.mean(recalls), "", 3)
        emit("consistency_precision_at_100", statistics.mean(precisions), "", 3)
        emit("consistency_precision_at_100_all100", statistics.mean(precisions_all), "", 3)


def _finds(finding, errors, names) -> bool:
    from consistency_injection import hits

    return bool(hits(finding, errors, names))


def _count(findings) -> str:
    counts: dict[str, int] = {}
    for f in findings:
        counts[str(f.kind)] = counts.get(str(f.kind), 0) + 1
    return "(" + ", ".join(f"{k} {n}" for k, n in sorted(counts.items())) + ")"


def speed(count: int) -> None:
    from annotator.consistency.run import run_checks
    from annotator.store import Project

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.hashiya"
        build_big_project(path, count)
        checks, reads = [], []
        with Project.open(path) as project:
            for _ in range(3):
                began = time.perf_counter()
                project.spans_by_document()  # one plain read of every span
                reads.append(time.perf_counter() - began)
                began = time.perf_counter()
                findings = run_checks(project)  # every check but model disagreement, everyone's layers
                checks.append(time.perf_counter() - began)
        check, read = statistics.median(checks), statistics.median(reads)
        print(
            f"consistency_check_vs_span_read_ratio: {check / read:.1f} x  ({check:.2f} s / one read of "
            f"every span {read:.3f} s)",
            flush=True,
        )
        emit(f"consistency_check_{count // 1000}k_docs_s", check, "s")
        emit("consistency_span_read_s", read, "s", 3)
        note(f"{count} documents: {len(findings)} findings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one seed, 1,000 documents for speed")
    parser.add_argument("--skip-quality", action="store_true")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--corpus", choices=CORPORA, action="append", help="only these corpora (quality)")
    args = parser.parse_args()
    if not args.skip_speed:
        speed(1000 if args.quick else 10_000)
    if not args.skip_quality:
        quality(SEEDS[:1] if args.quick else SEEDS, tuple(args.corpus or CORPORA))


if __name__ == "__main__":
    sys.exit(main())
