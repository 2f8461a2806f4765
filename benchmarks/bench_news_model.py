"""The news CRF measured: five-fold cross-validation on ANERcorp train against a plain CRF, the
shipped model's AQMAR held-out score, its tagging speed, load time and size.

    .venv/bin/python benchmarks/bench_news_model.py [--configs plain,news,news_aqmar,news_all]
        [--max-iterations 100] [--json build/bench_news_model.json]

**Cross-validation** (issue 13): ``train_docs.conll``'s 189 articles in five folds over contiguous
blocks (fold k = articles ``[k*189/5, (k+1)*189/5)``, :func:`news_corpus.contiguous_folds`); each
fold is tagged by a model trained on the other four, folds run in sequence, and the counts of all
five folds are summed before F1 is taken (micro over PERS, LOC, ORG, MISC; per label too). Scores
come from the project's scorer (:class:`span_scores.Scores`), with exact boundaries and with token
boundaries (:func:`conll_evaluation.widen`: gold and predicted spans grown to whole whitespace
tokens, because ANERcorp's spans keep proclitics, «وموسكو», that Hashiya's tokens may not).

By default only ``plain`` and ``news`` run (``make bench`` gives a script 15 minutes); the two
extra-data configurations are measured with ``--configs plain,news,news_aqmar,news_all``.

Configurations (same folds, same CRF settings: L-BFGS, c1 0.05, c2 0.01, ``--max-iterations``):

- ``plain``: the baseline. Features: bias, the word as written, its normalised form
  (:func:`normalize.match_key`), prefixes and suffixes of 1–3 letters of that form, the normalised
  form of the words just before and after (±1) or BOS/EOS. No lists, no gazetteer.
- ``news``: the shipped feature set (``crf_features.FEATURES_VERSION``, 2: clitic readings, cue
  words, name lists, common words learned from the *training folds only*, the built-in gazetteer,
  ±3 window, bigrams), ANERcorp training folds only.
- ``news_v3``: as ``news`` with feature version 3 (plus each article's document facts, built once
  per article as the tagger builds them), to compare on the same folds.
- ``news_aqmar``: as ``news``, plus AQMAR's training articles.
- ``news_all``: as ``news_aqmar``, plus the Wojood sample (:data:`news_corpus.WOJOOD_LABELS`).

Figures: ``<config>_cv_f1_tokens``, ``<config>_cv_f1_exact``, per label
``<config>_cv_f1_tokens_<label>``; ``news_crf_cv_f1_tokens`` (the shipped configuration, the
one ``scripts/train_news_model.py`` trains: ``SHIPPED``) and ``plain_crf_cv_f1_tokens``, and
``news_crf_gain_over_plain_tokens`` (goal ≥ 0.05). Then, for the shipped file
``resources/models/news-crf.crfsuite``: ``news_crf_aqmar_heldout_f1`` (exact, PERS/LOC/ORG: the
same measure as ``default_model_f1_aqmar_heldout`` of the old AQMAR model, 0.743),
``news_crf_tokens_per_s``, ``news_crf_load_s`` and ``news_crf_size_mb``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, emit, note

from annotator.normalize import match_key
from annotator.recommenders.conll_evaluation import widen
from annotator.recommenders.crf import open_tagger
from annotator.recommenders.crf_features import (
    DOCUMENT_VERSION,
    FEATURES_VERSION,
    Features,
    clear_feature_cache,
    document_context,
    sentence_features,
)
from annotator.recommenders.gazetteer import builtin_gazetteer
from annotator.recommenders.name_lists import shipped_lexicons
from annotator.recommenders.news_corpus import NEWS_TAGS, contiguous_folds, load_anercorp, load_aqmar, load_wojood
from annotator.recommenders.news_training import (
    ContextOf,
    Prepared,
    common_words,
    predict,
    prepare,
    sentence_words,
    train,
)
from annotator.recommenders.span_scores import Scores

CONFIGS = ("plain", "news", "news_v3", "news_aqmar", "news_all")
DEFAULT_CONFIGS = ("plain", "news")  # ≈8 min on two cores; all four ≈25 min, over run_all's 15-min limit
SHIPPED = "news"  # what scripts/train_news_model.py trains (ANERcorp only: adding AQMAR or Wojood scored lower)
PARAMS = {"c1": 0.05, "c2": 0.01}  # c1 0.15 scored 0.005 lower on fold 1 (tokens): kept


def plain_features(words: Sequence[str], _gazetteer: Sequence[str] | None = None) -> list[Features]:
    """The baseline: word, normalised form, 1–3-letter prefixes and suffixes, ±1 neighbours' forms."""
    keys = [match_key(w) for w in words]
    out = []
    for i, (word, key) in enumerate(zip(words, keys, strict=True)):
        feats = ["bias", f"raw={word}", f"w={key}"]
        for n in (1, 2, 3):
            if len(key) > n:
                feats += [f"p{n}={key[:n]}", f"s{n}={key[-n:]}"]
        feats.append(f"-1:w={keys[i - 1]}" if i > 0 else "-1:BOS")
        feats.append(f"1:w={keys[i + 1]}" if i + 1 < len(keys) else "1:EOS")
        out.append(feats)
    return out


def score(gold_docs: Sequence[Prepared], predicted: Sequence[list], exact: Scores, tokens: Scores) -> None:
    for doc, found in zip(gold_docs, predicted, strict=True):
        gold = list(doc.spans)
        exact.add(gold, found)
        tokens.add(widen(doc.text, gold), widen(doc.text, found))


def cross_validate(name: str, anercorp: list[Prepared], extra: list[Prepared], iterations: int) -> dict:
    exact, tokens = Scores(), Scores()
    lexicons = shipped_lexicons()
    began = time.perf_counter()
    for k, held in enumerate(contiguous_folds(len(anercorp))):
        rest = [d for i, d in enumerate(anercorp) if i not in held] + extra
        context_of: ContextOf | None = None
        if name == "plain":
            featurize = plain_features
        else:
            fold_lexicons = lexicons.with_common(common_words(rest))  # learned without the test fold
            version = 3 if name == "news_v3" else FEATURES_VERSION

            def featurize(words, gaz, context=None, lex=fold_lexicons, version=version):
                return sentence_features(words, gaz, version=version, lexicons=lex, context=context)

            if version >= DOCUMENT_VERSION:  # the document facts, built once per article as the tagger does

                def context_of(document, lex=fold_lexicons):
                    return document_context(sentence_words(document), lex)

        tagger = open_tagger(train(rest, featurize, {**PARAMS, "max_iterations": iterations}, context_of))
        test = [anercorp[i] for i in held]
        score(test, [predict(tagger, d, featurize, context_of) for d in test], exact, tokens)
        note(f"{name}: fold {k + 1}/5 done, {time.perf_counter() - began:.0f} s")
    result = {"exact": exact.to_dict(), "tokens": tokens.to_dict(), "seconds": round(time.perf_counter() - began)}
    emit(f"{name}_cv_f1_tokens", tokens.micro.f1, "", 4)
    emit(f"{name}_cv_f1_exact", exact.micro.f1, "", 4)
    emit(f"{name}_cv_precision_tokens", tokens.micro.precision, "", 4)
    emit(f"{name}_cv_recall_tokens", tokens.micro.recall, "", 4)
    for label in NEWS_TAGS:
        emit(f"{name}_cv_f1_tokens_{label.lower()}", tokens.per_label[label].f1, "", 4)
        emit(f"{name}_cv_f1_exact_{label.lower()}", exact.per_label[label].f1, "", 4)
    return result


LOAD_PROBE = """
import json, time
from annotator.recommenders.crf import CrfModel, CrfRecommender, default_model_path
from annotator.recommenders.gazetteer import builtin_gazetteer
from annotator.recommenders.name_lists import shipped_lexicons
began = time.perf_counter()
CrfRecommender(CrfModel.read(default_model_path()), ["PERS"])
shipped_lexicons()
middle = time.perf_counter()
builtin_gazetteer()
print(json.dumps({"load_s": middle - began, "gazetteer_load_s": time.perf_counter() - middle}))
"""


def _fresh_load_times() -> dict:
    """Median over three fresh processes of the times :data:`LOAD_PROBE` prints."""
    runs = []
    for _ in range(3):
        done = subprocess.run([sys.executable, "-c", LOAD_PROBE], cwd=ROOT, capture_output=True, text=True, check=True)
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return {key: statistics.median(r[key] for r in runs) for key in runs[0]}


def shipped_figures() -> dict:
    """The shipped model file: AQMAR held-out score, speed, load time, size."""
    from annotator.recommenders.base import DocumentInput
    from annotator.recommenders.crf import CrfModel, CrfRecommender, default_model_path
    from annotator.recommenders.labels import NEWS_LABELS, LabelMap
    from annotator.schema import default_schema

    path = default_model_path()
    if not path.is_file():
        note(f"partial: {path} missing: run scripts/train_news_model.py")
        return {}
    out: dict = {}
    # Load times are taken in a fresh process (imports done first, not timed), so nothing is cached:
    # news_crf_load_s: reading the model file and its .json, opening the crfsuite tagger, and reading
    # the name and common-word lists it looks words up in (news-crf.names-*, news-crf.common-words.txt);
    # news_crf_gazetteer_load_s: building the built-in gazetteer (CLDR via Babel, pycountry, curated
    # lists), which the gazetteer recommender shares (built once per process for both)
    out.update(_fresh_load_times())
    emit("news_crf_load_s", out["load_s"], "s", 3)
    emit("news_crf_gazetteer_load_s", out["gazetteer_load_s"], "s", 3)
    emit("news_crf_size_mb", path.stat().st_size / 1e6, "MB", 2)
    model = CrfModel.read(path)
    recommender = CrfRecommender(model, NEWS_TAGS, gazetteer=builtin_gazetteer())

    _train, heldout = load_aqmar()
    exact, tokens = Scores(), Scores()
    for example in heldout:
        found = [(s.start, s.end, s.label) for s in recommender.predict(example.document).suggestions]
        gold = [s for s in example.spans if s[2] != "MISC"]
        found = [s for s in found if s[2] != "MISC"]
        exact.add(gold, found)
        tokens.add(widen(example.document.text, gold), widen(example.document.text, found))
    out["aqmar_heldout"] = {"exact": exact.to_dict(), "tokens": tokens.to_dict()}
    emit("news_crf_aqmar_heldout_f1", exact.micro.f1, "", 4)
    emit("news_crf_aqmar_heldout_f1_tokens", tokens.micro.f1, "", 4)
    for label in ("PERS", "LOC", "ORG"):
        emit(f"news_crf_aqmar_heldout_f1_{label.lower()}", exact.per_label[label].f1, "", 4)

    # tokens/s: CrfRecommender.predict on one core over ANERcorp's first 40 articles, already
    # tokenized (as stored documents are): gazetteer matching, features (per-word cache emptied
    # first), Viterbi, marginals, spans mapped to the default schema
    docs = [e.document for e in load_anercorp()[:40]]
    schema_labels = default_schema().label_names
    product = CrfRecommender(model, schema_labels, LabelMap.of(NEWS_LABELS), builtin_gazetteer())
    count = sum(len(d.tokens) for d in docs)
    clear_feature_cache()
    began = time.perf_counter()
    for doc in docs:
        product.predict(DocumentInput(doc.id, doc.text, doc.tokens, doc.sentences))
    out["tokens_per_s"] = count / (time.perf_counter() - began)
    emit("news_crf_tokens_per_s", out["tokens_per_s"], "tokens/s", 0)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--configs", default=",".join(DEFAULT_CONFIGS))
    parser.add_argument("--max-iterations", type=int, default=100)
    parser.add_argument("--json", type=Path, default=ROOT / "build" / "bench_news_model.json")
    args = parser.parse_args(argv)
    configs = [c for c in args.configs.split(",") if c]

    try:
        began = time.perf_counter()
        gazetteer = builtin_gazetteer()
        anercorp = prepare(load_anercorp(), gazetteer)
        aqmar = prepare(load_aqmar()[0], gazetteer) if any(c in configs for c in ("news_aqmar", "news_all")) else []
        wojood = prepare(load_wojood(), gazetteer) if "news_all" in configs else []
        note(f"corpora prepared in {time.perf_counter() - began:.0f} s: {len(anercorp)} ANERcorp articles")
    except Exception as exc:  # the shared data may be missing
        note(f"partial: cross-validation not run: {exc}")
        anercorp, configs = [], []
    results: dict = {"folds": 5, "params": {**PARAMS, "max_iterations": args.max_iterations}, "configs": {}}
    for name in configs:
        extra = {"news_aqmar": aqmar, "news_all": aqmar + wojood}.get(name, [])
        results["configs"][name] = cross_validate(name, anercorp, extra, args.max_iterations)
    micro = {n: r["tokens"]["micro"]["f1"] for n, r in results["configs"].items()}
    if SHIPPED in micro:
        emit("news_crf_cv_f1_tokens", micro[SHIPPED], "", 4)
        emit("news_crf_cv_f1_exact", results["configs"][SHIPPED]["exact"]["micro"]["f1"], "", 4)
    if "plain" in micro:
        emit("plain_crf_cv_f1_tokens", micro["plain"], "", 4)
        emit("plain_crf_cv_f1_exact", results["configs"]["plain"]["exact"]["micro"]["f1"], "", 4)
    if SHIPPED in micro and "plain" in micro:
        emit("news_crf_gain_over_plain_tokens", micro[SHIPPED] - micro["plain"], "", 4)
    results["shipped_config"] = SHIPPED
    results["shipped"] = shipped_figures()
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    note(f"details in {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
