"""Import 10,000 generated articles (the seed article varied) into a fresh project.

Prints ``import_10k_articles_s`` (goal ≤ 15 s on 2 cores) and ``import_mb_per_s`` (UTF-8 MB of
article text per second). Generation of the files is not timed; reading, decoding, tokenizing,
hashing and storing are.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotator.importing import import_paths  # noqa: E402
from annotator.store import Project  # noqa: E402

COUNT = 10_000
NAMES = ["بوتين", "ترامب", "زيلينسكي", "ماكرون", "شولتس", "أردوغان", "ويتكوف", "كوشنر"]
PLACES = ["موسكو", "كييف", "واشنطن", "باريس", "برلين", "أنقرة", "خاركيف", "دونيتسك"]


def generate(folder: Path, count: int) -> int:
    """Write ``count`` varied articles; returns their total size in UTF-8 bytes."""
    seed = (ROOT / "seeds" / "000_b72378a2988bda73.txt").read_text(encoding="utf-8")
    paragraphs = seed.split("\n\n")
    rng = random.Random(7)
    total = 0
    for i in range(count):
        chosen = rng.sample(paragraphs, k=rng.randint(6, len(paragraphs)))
        text = "\n\n".join(chosen)
        text = text.replace("بوتين", rng.choice(NAMES)).replace("موسكو", rng.choice(PLACES))
        text = f"{text}\n\nالرقم المرجعي {i}"
        data = text.encode("utf-8")
        (folder / f"article-{i:05d}.txt").write_bytes(data)
        total += len(data)
    return total


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        size = generate(folder, COUNT)
        with Project.create(Path(tmp) / "bench.db") as project:
            start = time.perf_counter()
            report = import_paths(project, [folder])
            elapsed = time.perf_counter() - start
            assert report.count("added") == COUNT, report.summary_lines()
            tokens = project.stats()["tokens"]
    print(f"import_articles: {COUNT} documents")
    print(f"import_mb: {size / 1e6:.1f} MB")
    print(f"import_tokens: {tokens} tokens")
    print(f"import_10k_articles_s: {elapsed:.2f} s")
    print(f"import_mb_per_s: {size / 1e6 / elapsed:.2f} MB/s")


if __name__ == "__main__":
    main()
