"""Recommender figures: gazetteer throughput, pre-annotation speed, the shipped model's held-out F1.

- ``gazetteer_mb_per_s`` (goal ≥ 1): UTF-8 megabytes of Arabic text per second through the
  gazetteer, tokenizing included (a fresh text, as an import would bring). The text is AQMAR's
  articles plus the sample article (≈1 MB); the built-in lists are loaded before timing.
- ``preannotate_docs_per_s``: the offline ``default`` recommenders (gazetteer, string matching,
  the shipped CRF) over 200 news-sized documents in a project, storing the suggestions.
- ``default_model_f1_aqmar_heldout``: micro F1 of the shipped CRF on the five AQMAR articles held
  out of its training, computed by the code of ``hashiya evaluate --recommender crf`` (so it is
  the figure a user gets from that command on the same file).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, SEED_ARTICLE, emit, note

from annotator.model import IncomingDocument
from annotator.recommenders.base import DocumentInput
from annotator.recommenders.gazetteer import builtin_gazetteer


def corpus_text() -> str:
    parts = [SEED_ARTICLE.read_text(encoding="utf-8")]
    try:
        from annotator.recommenders.aqmar import load_articles

        parts += [a.example.document.text for a in load_articles()]
    except Exception as exc:  # the shared data may be missing: fall back to the seed, repeated
        note(f"AQMAR not available ({exc}); using the sample article repeated")
        parts = parts * 400
    return "\n\n".join(parts)


def bench_gazetteer() -> None:
    text = corpus_text()
    gazetteer = builtin_gazetteer()
    megabytes = len(text.encode("utf-8")) / 1e6
    times = []
    for _ in range(3):
        began = time.perf_counter()
        found = gazetteer.find(DocumentInput.from_text(text))
        times.append(time.perf_counter() - began)
    seconds = statistics.median(times)
    emit("gazetteer_text_mb", megabytes, "MB")
    emit("gazetteer_suggestions", len(found), "spans", 0)
    emit("gazetteer_mb_per_s", megabytes / seconds, "MB/s")


def bench_preannotate() -> None:
    from annotator.recommenders.registry import RecommenderSettings, build
    from annotator.recommenders.runner import run_recommenders
    from annotator.store import Project

    seed = SEED_ARTICLE.read_text(encoding="utf-8")
    paragraphs = [p for p in seed.split("\n\n") if p.strip()]
    docs = [
        IncomingDocument(f"d{i}", "\n\n".join(paragraphs[(i + k) % len(paragraphs)] for k in range(8)) + f" {i}", "b")
        for i in range(200)
    ]
    with tempfile.TemporaryDirectory() as folder, Project.create(Path(folder) / "b.hashiya") as project:
        project.add_documents(docs)
        settings = RecommenderSettings(camel_model_dir=str(Path(folder) / "no-camel"))
        recommenders = build(["default"], project, settings)
        began = time.perf_counter()
        report = run_recommenders(project, recommenders)
        seconds = time.perf_counter() - began
    emit("preannotate_docs_per_s", report.documents / seconds, "docs/s", 1)
    emit("preannotate_suggestions_per_doc", sum(report.suggestions.values()) / report.documents, "spans", 1)


def bench_default_model() -> None:
    """The CRF's held-out F1 exactly as ``hashiya evaluate --recommender crf --conll FILE`` reports it.

    The same code (``evaluate_on_conll``, annotator/recommenders/conll_evaluation.py: Hashiya's
    CoNLL reader, the registry's ``crf`` recommender, its gold label mapping) on the same data: the
    AQMAR held-out articles (annotator/recommenders/aqmar.py: the split), written as a CoNLL file
    from the corpus's own sentence blocks. It replaces a figure that scored the raw CRF in its own
    tag set, which ``evaluate`` never showed.
    """
    from itertools import pairwise

    from annotator.recommenders.aqmar import ARTICLE_STARTS, HELDOUT, default_corpus_path
    from annotator.recommenders.conll_evaluation import evaluate_on_conll
    from annotator.recommenders.crf import default_model_path
    from annotator.recommenders.registry import RecommenderSettings

    corpus = default_corpus_path()
    if not corpus.is_file():
        note(f"partial: default_model_f1_aqmar_heldout not measured: {corpus} not found")
        return
    blocks = corpus.read_text(encoding="utf-8").strip("\n").split("\n\n")  # one sentence each
    bounds = [number for number, _words, _title in ARTICLE_STARTS] + [len(blocks)]
    held: list[str] = []
    for index, (first, last) in enumerate(pairwise(bounds)):
        if index in HELDOUT:
            first_word = ARTICLE_STARTS[index][1].split()[0]
            assert blocks[first].split()[0] == first_word, f"sentence {first} does not start article {index}"
            held += blocks[first:last]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "aqmar_heldout.conll"
        path.write_text("\n\n".join(held) + "\n", encoding="utf-8")
        settings = RecommenderSettings(camel_model_dir=str(Path(folder) / "no-camel"))
        result = evaluate_on_conll(path, "crf", None, settings)
    scores = result.scores
    for label, counts in sorted(scores.per_label.items()):
        emit(f"default_model_f1_aqmar_heldout_{label.lower()}", counts.f1, "", 4)
    emit("default_model_size_mb", default_model_path().stat().st_size / 1e6, "MB")
    note(f"default model F1: hashiya evaluate --recommender crf on the {len(HELDOUT)} AQMAR held-out articles")
    print(f"default_model_f1_aqmar_heldout: {scores.micro.f1:.4f}", flush=True)


def main() -> int:
    note(f"root {ROOT}")
    bench_gazetteer()
    bench_preannotate()
    bench_default_model()
    return 0


if __name__ == "__main__":
    sys.exit(main())
