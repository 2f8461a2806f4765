"""Rebuild the news CRF that Hashiya ships (``resources/models/news-crf.crfsuite`` + ``.json``).

    .venv/bin/python scripts/train_news_model.py [--data ../shared/data] [--out resources/models]
        [--with-aqmar] [--with-wojood] [--cv build/bench_news_model.json] [--features-version N]

One script rebuilds everything the model needs, from ``../shared/data``:

1. the person-name lists ``resources/models/news-crf.names-*`` (Wikidata CC0, arabic-names MIT);
2. the common-word list learned from the training text (``news-crf.common-words.txt`` there: a
   derived work of the training corpora, CC BY-SA);
3. the CRF: features version 2 (``annotator/recommenders/crf_features.py``; ``--features-version 3``
   adds each article's document facts, to measure them: not shipped) with the built-in gazetteer,
   L-BFGS c1 0.05, c2 0.01, 100 iterations, on every ANERcorp train article. AQMAR's training
   articles and the Wojood sample are added only with ``--with-aqmar``/``--with-wojood``: in the
   cross-validation of ``benchmarks/bench_news_model.py`` both lowered the news score;
4. the AQMAR held-out evaluation (its five held-out articles are never trained on), PERS/LOC/ORG,
   exact spans, as ``scripts/train_default_model.py`` did for the old model;
5. the cross-validation figures of the bench's last run (``--cv``, if the file exists), copied into
   ``news-crf.json`` with the data checksums and parameters.

About two minutes on two cores.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotator.recommenders.aqmar import ATTRIBUTION as AQMAR_ATTRIBUTION  # noqa: E402
from annotator.recommenders.crf import DEFAULT_MODEL, CrfModel, CrfRecommender  # noqa: E402
from annotator.recommenders.crf_features import (  # noqa: E402
    DOCUMENT_VERSION,
    FEATURES_VERSION,
    KNOWN_VERSIONS,
    document_context,
    sentence_features,
)
from annotator.recommenders.gazetteer import builtin_gazetteer  # noqa: E402
from annotator.recommenders.name_lists import (  # noqa: E402
    NAMES_FOLDER,
    read_lexicons,
    write_common_words,
    write_name_lists,
)
from annotator.recommenders.news_corpus import (  # noqa: E402
    ANERCORP_ATTRIBUTION,
    ARABIC_NAMES_ATTRIBUTION,
    NEWS_TAGS,
    WIKIDATA_ATTRIBUTION,
    WOJOOD_ATTRIBUTION,
    load_anercorp,
    load_aqmar,
    load_wojood,
    shared_data_dir,
)
from annotator.recommenders.news_training import common_words, prepare, sentence_words, train  # noqa: E402
from annotator.recommenders.span_scores import Scores  # noqa: E402

PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 100, "feature.possible_transitions": True}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=shared_data_dir())
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "models")
    parser.add_argument("--names-out", type=Path, default=ROOT / "resources" / Path(*NAMES_FOLDER))
    parser.add_argument("--with-aqmar", action="store_true")
    parser.add_argument("--with-wojood", action="store_true")
    parser.add_argument("--cv", type=Path, default=ROOT / "build" / "bench_news_model.json")
    parser.add_argument(
        "--features-version",
        type=int,
        default=FEATURES_VERSION,
        choices=sorted(v for v in KNOWN_VERSIONS if v >= 2),
        help="the feature set (default: the one Hashiya trains); another one to measure it before shipping it",
    )
    args = parser.parse_args(argv)
    version = args.features_version

    began = time.perf_counter()
    counts = write_name_lists(args.data / "names", args.names_out)
    print(f"name lists: {counts}", flush=True)
    anercorp_file = args.data / "anercorp_camel" / "train_docs.conll"
    aqmar_file = args.data / "aqmar" / "AQMAR_Arabic_NER_corpus-1.0.txt"
    gazetteer = builtin_gazetteer()
    examples = load_anercorp(anercorp_file)
    sources = {"anercorp_train_docs.conll": sha256(anercorp_file)}
    attributions = [ANERCORP_ATTRIBUTION]
    aqmar_train, aqmar_heldout = load_aqmar(aqmar_file)
    if args.with_aqmar:
        examples += aqmar_train
        sources["aqmar"] = sha256(aqmar_file)
        attributions.append(AQMAR_ATTRIBUTION)
    if args.with_wojood:
        examples += load_wojood(args.data / "wojood_sample")
        for name in ("train.txt", "val.txt", "test.txt"):
            sources[f"wojood_{name}"] = sha256(args.data / "wojood_sample" / name)
        attributions.append(WOJOOD_ATTRIBUTION)
    for path in sorted((args.data / "names").rglob("*")):
        if path.is_file() and not path.name.startswith("LICENSE"):
            sources[f"names/{path.relative_to(args.data / 'names')}"] = sha256(path)
    attributions += [WIKIDATA_ATTRIBUTION, ARABIC_NAMES_ATTRIBUTION]

    documents = prepare(examples, gazetteer)
    common = common_words(documents)
    header = (
        "Common words: normalised tokens seen at least 3 times in the news model's training text and never\n"
        "inside an entity (learned by scripts/train_news_model.py). Derived from: " + "; ".join(attributions[:-2])
    )
    write_common_words(common, args.names_out, header)
    lexicons = read_lexicons(args.names_out)
    print(f"{len(documents)} documents, {len(common)} common words", flush=True)

    def featurize(words, gaz, context=None):
        return sentence_features(words, gaz, version=version, lexicons=lexicons, context=context)

    def context_of(document):
        return document_context(sentence_words(document), lexicons)

    data = train(documents, featurize, PARAMS, context_of if version >= DOCUMENT_VERSION else None)
    sentences = sum(len(d.sentences) for d in documents)
    tokens = sum(len(s.words) for d in documents for s in d.sentences)
    info = {
        "features_version": version,
        "labels": sorted({f"{p}-{t}" for t in NEWS_TAGS for p in "BI"} | {"O"}),
        "gazetteer": True,
        "params": PARAMS,
        "trained_at": time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime()),
        "documents": len(documents),
        "sentences": sentences,
        "tokens": tokens,
        "trained_on": "ANERcorp CAMeL train split (all 189 articles)"
        + (", AQMAR training articles" if args.with_aqmar else "")
        + (", Wojood sample" if args.with_wojood else ""),
        "tag_set": "PERS, LOC, ORG, MISC (ANERcorp's classes; LOC maps to GPE in the default schema)",
        "data_sha256": sources,
        "licence": "CC BY-SA 4.0",
        "attribution": "; ".join(attributions),
        "script": "scripts/train_news_model.py",
    }
    model = CrfModel(data, info)

    recommender = CrfRecommender(model, NEWS_TAGS, gazetteer=gazetteer, lexicons=lexicons)
    scores = Scores()
    for example in aqmar_heldout:
        gold = [s for s in example.spans if s[2] != "MISC"]
        found = [(s.start, s.end, s.label) for s in recommender.predict(example.document).suggestions]
        scores.add(gold, [s for s in found if s[2] != "MISC"])
    model.info["aqmar_heldout"] = {"boundaries": "exact", "labels": "PERS, LOC, ORG", **scores.to_dict()}
    if args.cv.is_file():
        cv = json.loads(args.cv.read_text(encoding="utf-8"))
        model.info["cross_validation"] = {
            "what": "5 folds over contiguous blocks of ANERcorp train articles (benchmarks/bench_news_model.py)",
            "params": cv.get("params"),
            "configs": {
                name: {b: result[b]["micro"] | {"per_label": result[b]["per_label"]} for b in ("tokens", "exact")}
                for name, result in cv.get("configs", {}).items()
            },
        }
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"{DEFAULT_MODEL}.crfsuite"
    model.write(path)
    print("AQMAR held-out (exact, PERS/LOC/ORG):")
    for line in scores.table():
        print("  " + line)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB) in {time.perf_counter() - began:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
