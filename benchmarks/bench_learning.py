"""Learning while annotating (issue 13, item 5): how fast the project model retrains, and what it saves.

Figures:

- ``learn_100_docs_s`` (``learn_100_docs_standin_s``: with the stand-in below as base):
  retraining the stacked project model (:mod:`annotator.recommenders.project_model`) on 100
  finished ANERcorp articles, as the window does when someone marks a document done: the base
  model reads them, the stack trains, and a 3-fold cross-validation of the stack gives the F1 the
  status bar shows (``learn_cv_f1``).
- ``hashiya simulate`` on held-out articles, learning on and off. The shipped model was trained
  on every ANERcorp train article, so a fair replay needs a *stand-in*: the same news CRF (features
  version 2, same parameters) trained on folds 2–5 of the five contiguous blocks
  (:func:`~annotator.recommenders.news_corpus.contiguous_folds`); the replay runs over fold 1
  (articles 0–36), which the stand-in never saw, with ``RecommenderSettings(crf_model=...)``
  pointing at it. The stand-in looks words up in the shipped lexicons, whose common-word list was
  learnt from all 189 articles: a small leak that helps learning on and off alike. Per block of
  10 articles: actions per gold entity and suggestion precision/recall; learning on retrains the
  stacked model after every 10 articles.

    .venv/bin/python benchmarks/bench_learning.py [--quick]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from _common import ROOT, emit, note

from annotator.recommenders.news_corpus import anercorp_path, contiguous_folds

BUILD = ROOT / "build" / "learning"
STANDIN = BUILD / "standin-crf.crfsuite"
HELD_OUT = BUILD / "anercorp-fold1.conll"


def split_articles(path: Path) -> list[str]:
    """The CoNLL file's articles, each with its ``-DOCSTART-`` line, as text."""
    articles: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            articles.append([])
        if articles:
            articles[-1].append(line)
    return ["\n".join(lines).strip("\n") + "\n" for lines in articles]


def build_standin(force: bool = False) -> tuple[Path, Path]:
    """The stand-in news model (trained without fold 1) and fold 1 as a CoNLL file; cached in build/."""
    from annotator.recommenders.crf import CrfModel
    from annotator.recommenders.crf_features import FEATURES_VERSION, sentence_features
    from annotator.recommenders.gazetteer import builtin_gazetteer
    from annotator.recommenders.news_corpus import NEWS_TAGS, load_anercorp
    from annotator.recommenders.news_training import prepare, train

    BUILD.mkdir(parents=True, exist_ok=True)
    held = contiguous_folds(189)[0]
    if not HELD_OUT.is_file() or force:
        articles = split_articles(anercorp_path())
        HELD_OUT.write_text("\n".join(articles[i] for i in held), encoding="utf-8")
    if STANDIN.is_file() and not force:
        return STANDIN, HELD_OUT
    began = time.perf_counter()
    examples = load_anercorp()
    rest = [e for i, e in enumerate(examples) if i not in held]
    documents = prepare(rest, builtin_gazetteer())
    params = {"c1": 0.05, "c2": 0.01, "max_iterations": 100, "feature.possible_transitions": True}
    data = train(documents, lambda words, gaz: sentence_features(words, gaz), params)
    info = {
        "features_version": FEATURES_VERSION,
        "labels": sorted({f"{p}-{t}" for t in NEWS_TAGS for p in "BI"} | {"O"}),
        "gazetteer": True,
        "params": params,
        "name": "news-crf-standin",
        "trained_on": f"ANERcorp train articles {held.stop}-188 (folds 2-5), for benchmarks/bench_learning.py",
    }
    CrfModel(data, info).write(STANDIN)
    note(f"trained the stand-in news model in {time.perf_counter() - began:.0f} s")
    return STANDIN, HELD_OUT


def finished_project(examples, annotator: str = "annotator"):
    """An in-memory project holding ``examples`` as ``annotator``'s finished documents."""
    from annotator.model import DocStatus, IncomingDocument, NewSpan
    from annotator.store import Project

    project = Project.memory()
    incoming = [
        IncomingDocument(
            f"a{i}", e.document.text, f"a{i}", spans=tuple(NewSpan(s, t, label) for s, t, label in e.spans)
        )
        for i, e in enumerate(examples)
    ]
    project.add_documents(incoming, annotator, DocStatus.DONE)
    return project


def learn(examples, crf_model: Path | None) -> tuple[float, dict]:
    """Seconds to retrain as the window does (3-fold cross-validation, then the model), and its CV scores."""
    from annotator.recommenders.crf_features import clear_feature_cache
    from annotator.recommenders.crf_training import train_project_model
    from annotator.recommenders.gazetteer import builtin_gazetteer
    from annotator.recommenders.registry import RecommenderSettings

    settings = RecommenderSettings(crf_model=str(crf_model) if crf_model else None)
    with finished_project(examples) as project:
        gazetteer = builtin_gazetteer()
        clear_feature_cache()  # a cold start: the worker of a fresh window
        began = time.perf_counter()
        report = train_project_model(project, gazetteer, annotator="annotator", folds=3, settings=settings)
        seconds = time.perf_counter() - began
    return seconds, report.cross_validation.to_dict()["micro"]


def simulated(held_out: Path, standin: Path, learn_every: int, recommender: str) -> dict:
    from annotator.recommenders.registry import RecommenderSettings
    from annotator.simulation import simulate

    report = simulate(held_out, recommender, RecommenderSettings(crf_model=str(standin)), learn_every=learn_every)
    return report.to_dict()


def main() -> int:
    from annotator.recommenders.news_corpus import load_anercorp

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="timing and cross-validation only, no simulation")
    parser.add_argument("--recommender", default="crf", help="what suggests in the simulation (default crf)")
    args = parser.parse_args()
    standin, held_out = build_standin()
    examples = load_anercorp()
    seconds, micro = learn(examples[:100], None)
    emit("learn_100_docs_s", seconds, "s")
    note(f"100 ANERcorp articles, the shipped model as base: CV F1 {micro['f1']:.3f}, inflated (it trained on them)")
    seconds, micro = learn(examples[:100], standin)
    emit("learn_100_docs_standin_s", seconds, "s")
    note("the same with the stand-in as base: articles 0-36 are new to it, so many more words are taught")
    fold = contiguous_folds(len(examples))[0]
    seconds, micro = learn([examples[i] for i in fold], standin)
    emit("learn_cv_f1", micro["f1"], "", 4)
    note(f"learn_cv_f1: 3-fold CV of the stack over the {len(fold)} articles the stand-in never saw ({seconds:.1f} s)")
    if args.quick:
        return 0
    for learning, every in (("on", 10), ("off", 0)):
        result = simulated(held_out, standin, every, args.recommender)
        emit(f"simulate_learning_{learning}_actions_per_entity", result["actions_per_entity"], "", 3)
        emit(f"simulate_learning_{learning}_precision", result["suggestion_precision"], "", 3)
        emit(f"simulate_learning_{learning}_recall", result["suggestion_recall"], "", 3)
        for block in result["blocks"]:
            first, last = block["documents"]
            note(
                f"learning {learning}, articles {first}-{last - 1}: {block['actions_per_entity']:.3f} actions/entity, "
                f"P {block['suggestion_precision']:.3f} R {block['suggestion_recall']:.3f}"
            )
        BUILD.joinpath(f"simulate-learning-{learning}.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
