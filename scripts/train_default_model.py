"""Rebuild the CRF model that Hashiya ships: trained on AQMAR only (CC BY-SA 3.0).

    .venv/bin/python scripts/train_default_model.py [--corpus PATH] [--out resources/models]

Reads ``../shared/data/aqmar/AQMAR_Arabic_NER_corpus-1.0.txt`` with Hashiya's CoNLL reader
(its tag repairs included), splits it by article (annotator/recommenders/aqmar.py explains how
the lost boundaries were recovered), trains on the training articles only and writes
``aqmar-crf.crfsuite`` with ``aqmar-crf.json`` (tag set, parameters, held-out scores) into the
output folder. The held-out articles are never trained on, so ``benchmarks/bench_suggest.py``
can report an honest score for the shipped file. About a minute on two cores.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotator.recommenders.aqmar import (  # noqa: E402
    ATTRIBUTION,
    HELDOUT,
    aqmar_relabel,
    default_corpus_path,
    load_articles,
    split,
)
from annotator.recommenders.crf import DEFAULT_MODEL, DEFAULT_PARAMS  # noqa: E402
from annotator.recommenders.crf_training import evaluate_model, train_model  # noqa: E402
from annotator.recommenders.gazetteer import builtin_gazetteer  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=default_corpus_path())
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "models")
    args = parser.parse_args(argv)

    began = time.perf_counter()
    articles = load_articles(args.corpus)
    train, heldout = split(articles)
    gazetteer = builtin_gazetteer()
    print(f"AQMAR: {len(articles)} article segments, {len(train)} for training, {len(heldout)} held out")

    def progress(done: int, total: int, message: str) -> None:
        if done % 25 == 0:
            print(f"  {message} of {total}", flush=True)

    info = {
        "trained_on": "AQMAR training articles (held-out articles excluded)",
        "corpus_sha256": hashlib.sha256(args.corpus.read_bytes()).hexdigest(),
        "heldout_articles": sorted(a.title for a in articles if a.number in HELDOUT),
        "tag_set": "PER, LOC, ORG (AQMAR's MIS0-MIS3 left out)",
        "licence": "CC BY-SA 3.0",
        "attribution": ATTRIBUTION,
        "script": "scripts/train_default_model.py",
    }
    model = train_model(train, gazetteer, params=DEFAULT_PARAMS, relabel=aqmar_relabel, info=info, progress=progress)
    scores = evaluate_model(model, heldout, gazetteer, relabel=aqmar_relabel)
    model.info["heldout"] = scores.to_dict()
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"{DEFAULT_MODEL}.crfsuite"
    model.write(path)
    for line in scores.table():
        print(line)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB) in {time.perf_counter() - began:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
