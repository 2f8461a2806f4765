"""Import 10,000 generated articles (the seed article varied) into a fresh project.

Prints ``import_vs_tokenizer_ratio`` (goal ≤ 1, a guard): importing the articles over camel-tools'
tokenizer (``simple_word_tokenize``) alone on the same texts, and the absolute figures
``import_10k_articles_s`` and ``import_mb_per_s`` (UTF-8 MB of article text per second).
Inside the import's timer: reading, decoding, tokenizing, hashing and storing. Inside the
tokenizer's timer: ``simple_word_tokenize`` on each text, the texts already in memory.
Generation of the files is outside both. Medians of 3 imports (each into a fresh project) and
3 tokenizer passes, interleaved.
"""

from __future__ import annotations

import random
import statistics
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


def tokenize_all(texts: list[str]) -> float:
    from camel_tools.tokenizers.word import simple_word_tokenize

    start = time.perf_counter()
    for text in texts:
        simple_word_tokenize(text)
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        size = generate(folder, COUNT)
        texts = [path.read_text(encoding="utf-8") for path in sorted(folder.iterdir())]
        imports, tokenizer = [], []
        for run in range(3):
            with Project.create(Path(tmp) / f"bench{run}.db") as project:
                start = time.perf_counter()
                report = import_paths(project, [folder])
                imports.append(time.perf_counter() - start)
                assert report.count("added") == COUNT, report.summary_lines()
                tokens = project.stats()["tokens"]
            tokenizer.append(tokenize_all(texts))
        elapsed, alone = statistics.median(imports), statistics.median(tokenizer)
    print(
        f"import_vs_tokenizer_ratio: {elapsed / alone:.2f} x  ({elapsed:.2f} s / tokenizer alone {alone:.2f} s; "
        "goal <= 1)"
    )
    print(f"import_tokenizer_alone_s: {alone:.2f} s")
    print(f"import_articles: {COUNT} documents")
    print(f"import_mb: {size / 1e6:.1f} MB")
    print(f"import_tokens: {tokens} tokens")
    print(f"import_10k_articles_s: {elapsed:.2f} s")
    print(f"import_mb_per_s: {size / 1e6 / elapsed:.2f} MB/s")


if __name__ == "__main__":
    main()
