"""Learn the news model's word clusters from unlabelled text (``resources/models/news-crf.clusters.tsv``).

    .venv/bin/python scripts/news_word_clusters.py [--data ../shared/data] [--out resources/models]

Why clusters: the CRF only knows words it was trained on; a cluster id is shared by words used in
the same contexts («قال»/«أعلن», «موسكو»/«كييف»), so a name it never saw with a label still lands
in a cluster of names it did. Brown clustering in pure Python is too slow for a build step, so
this is its simple distributional cousin, deterministic and numpy-only:

1. the raw text of the shared corpora, **labels ignored**: ANERcorp train, AQMAR's training
   articles (its held-out articles stay out: they are the AQMAR evaluation), the Wojood sample;
   tokenized as the store does (:meth:`DocumentInput.from_text`) and keyed by
   :func:`~annotator.normalize.match_key`, as the features look words up;
2. for every word seen at least ``MIN_COUNT`` times: counts of the words just before and after it
   (the ``CONTEXTS`` most frequent words, left and right apart), weighted by positive PMI;
3. a truncated SVD to ``DIMS`` dimensions, rows scaled to unit length;
4. spherical k-means, seeded, at two granularities (``COARSE`` and ``FINE`` clusters): the
   coarse id generalises like a short Brown prefix, the fine one like a long one.

Output: ``key<TAB>coarse<TAB>fine`` per word, ``#`` lines saying where it came from. A derived work
of ANERcorp (CC BY-SA 4.0) and AQMAR (CC BY-SA 3.0, adaptations may be CC BY-SA 4.0), and of the
Wojood sample (MIT): it carries the model's licence, CC BY-SA 4.0, and their attributions.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotator.normalize import match_key  # noqa: E402
from annotator.recommenders.aqmar import ATTRIBUTION as AQMAR_ATTRIBUTION  # noqa: E402
from annotator.recommenders.crf import sentence_ranges  # noqa: E402
from annotator.recommenders.name_lists import CLUSTERS_FILE  # noqa: E402
from annotator.recommenders.news_corpus import (  # noqa: E402
    ANERCORP_ATTRIBUTION,
    WOJOOD_ATTRIBUTION,
    load_anercorp,
    load_aqmar,
    load_wojood,
    shared_data_dir,
)

MIN_COUNT = 3
CONTEXTS = 2000
DIMS = 64
COARSE = 64
FINE = 384
SEED = 13


def sentences_of(examples: Iterable) -> list[list[str]]:
    """Keys of each sentence's tokens (labels are never read)."""
    out = []
    for example in examples:
        doc = example.document
        for a, b in sentence_ranges(doc):
            out.append([match_key(doc.text[s:e]) for s, e in doc.tokens[a:b]])
    return out


def context_matrix(sentences: Sequence[list[str]], vocab: list[str], contexts: list[str]) -> np.ndarray:
    """Rows: words of ``vocab``; columns: left then right neighbours among ``contexts`` (and edges)."""
    row = {w: i for i, w in enumerate(vocab)}
    col = {w: i for i, w in enumerate(["<s>", *contexts])}
    width = len(col)
    counts = np.zeros((len(vocab), 2 * width), dtype=np.float64)
    for keys in sentences:
        padded = ["<s>", *keys, "<s>"]
        for i in range(1, len(padded) - 1):
            r = row.get(padded[i])
            if r is None:
                continue
            left, right = col.get(padded[i - 1]), col.get(padded[i + 1])
            if left is not None:
                counts[r, left] += 1
            if right is not None:
                counts[r, width + right] += 1
    return counts


def ppmi(counts: np.ndarray) -> np.ndarray:
    total = counts.sum()
    rows = counts.sum(axis=1, keepdims=True)
    cols = counts.sum(axis=0, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(counts * total / (rows @ cols))
    pmi[~np.isfinite(pmi)] = 0.0
    return np.maximum(pmi, 0.0)


def kmeans(points: np.ndarray, k: int, rng: np.random.Generator, rounds: int = 30) -> np.ndarray:
    """Spherical k-means (k-means++ seeding) on unit rows; the cluster of each row."""
    n = len(points)
    centres = [points[rng.integers(n)]]
    far = np.full(n, np.inf)
    for _ in range(1, k):
        far = np.minimum(far, 1.0 - points @ centres[-1])
        weights = np.maximum(far, 0.0)
        centres.append(points[rng.choice(n, p=weights / weights.sum())])
    centre = np.array(centres)
    assign = np.zeros(n, dtype=int)
    for _ in range(rounds):
        new = np.argmax(points @ centre.T, axis=1)
        if np.array_equal(new, assign) and _:
            break
        assign = new
        for c in range(k):
            members = points[assign == c]
            if len(members):
                mean = members.sum(axis=0)
                centre[c] = mean / (np.linalg.norm(mean) or 1.0)
    return assign


def learn_clusters(sentences: Sequence[list[str]]) -> dict[str, tuple[int, int]]:
    """Word key → (coarse, fine) cluster, for words seen ``MIN_COUNT`` times or more."""
    freq = Counter(k for keys in sentences for k in keys)
    vocab = sorted((w for w, n in freq.items() if n >= MIN_COUNT), key=lambda w: (-freq[w], w))
    contexts = vocab[:CONTEXTS]
    matrix = ppmi(context_matrix(sentences, vocab, contexts))
    u, s, _vt = np.linalg.svd(matrix, full_matrices=False)
    vectors = u[:, :DIMS] * s[:DIMS]
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    rng = np.random.default_rng(SEED)
    coarse = kmeans(vectors, COARSE, rng)
    fine = kmeans(vectors, FINE, rng)
    return {w: (int(c), int(f)) for w, c, f in zip(vocab, coarse, fine, strict=True)}


def write_clusters(clusters: dict[str, tuple[int, int]], out: Path, header: str) -> Path:
    path = out / CLUSTERS_FILE
    lines = [f"# {line}" for line in header.splitlines()]
    lines += [f"{w}\t{c}\t{f}" for w, (c, f) in sorted(clusters.items())]
    out.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=shared_data_dir())
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "models")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    examples = load_anercorp(args.data / "anercorp_camel" / "train_docs.conll")
    examples += load_aqmar(args.data / "aqmar" / "AQMAR_Arabic_NER_corpus-1.0.txt")[0]
    examples += load_wojood(args.data / "wojood_sample")
    sentences = sentences_of(examples)
    clusters = learn_clusters(sentences)
    header = (
        f"Word clusters (key, {COARSE} coarse, {FINE} fine) learned by scripts/news_word_clusters.py from the\n"
        "raw text (labels ignored) of: "
        + "; ".join([ANERCORP_ATTRIBUTION, AQMAR_ATTRIBUTION, WOJOOD_ATTRIBUTION])
        + ".\nLicence: CC BY-SA 4.0 (see README.md)."
    )
    path = write_clusters(clusters, args.out, header)
    tokens = sum(len(s) for s in sentences)
    print(f"{len(clusters)} words clustered from {tokens} tokens; wrote {path} in {time.perf_counter() - began:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
