"""Export 10,000 annotated articles (the seed article varied, every name and place tagged).

Prints ``export_conll_docs_per_s`` and ``export_jsonl_docs_per_s`` (goal ≥ 5,000 each), and for
context the other formats and tokens per second. Building the project is not timed; reading the
store, segmenting, tagging and writing the file are (``export_project``, as the CLI runs it).
Each export runs three times and the median is printed (the machine is shared: one run can be
slowed by others' work). ``HASHIYA_BENCH_EXPORT_DOCUMENTS`` sets another number of articles for
quick profiling runs (``make bench`` leaves it unset: 10,000). ``export_conll_vs_write_ratio``
(reported) divides the CoNLL export by one ``write`` of the same bytes to a new file (the bytes
read back outside that timer; median of 3).
"""

from __future__ import annotations

import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotator.exporting import ExportOptions, ExportResult, export_project  # noqa: E402
from annotator.model import IncomingDocument, NewSpan  # noqa: E402
from annotator.store import Project  # noqa: E402

COUNT = int(os.environ.get("HASHIYA_BENCH_EXPORT_DOCUMENTS", "10000"))
PEOPLE = ["فلاديمير بوتين", "دونالد ترامب", "ستيف ويتكوف", "جاريد كوشنر", "بوتين", "ترامب"]
PLACES = ["موسكو", "كييف", "أوكرانيا", "كراماتورسك", "دونيتسك", "خاركيف", "بوكروفسك", "روسيا"]
ORGS = ["الناتو", "الكرملين"]


def tagged(text: str) -> list[NewSpan]:
    """Every mention of a known name (also inside a word: «وموسكو»), longest first and without
    overlaps, as an annotator would tag it."""
    spans: list[NewSpan] = []
    taken = [False] * len(text)
    candidates = [
        (m.start(), m.end(), label)
        for names, label in ((PEOPLE, "PERS"), (PLACES, "GPE"), (ORGS, "ORG"))
        for name in names
        for m in re.finditer(re.escape(name), text)
    ]
    for start, end, label in sorted(candidates, key=lambda c: c[0] - c[1]):
        if not any(taken[start:end]):
            taken[start:end] = [True] * (end - start)
            spans.append(NewSpan(start, end, label))
    return spans


def build(path: Path, count: int) -> tuple[int, int]:
    seed = (ROOT / "seeds" / "000_b72378a2988bda73.txt").read_text(encoding="utf-8")
    paragraphs = seed.split("\n\n")
    rng = random.Random(7)
    documents = []
    for i in range(count):
        chosen = rng.sample(paragraphs, k=rng.randint(6, len(paragraphs)))
        text = "\n\n".join(chosen) + f"\n\nالرقم المرجعي {i}"
        documents.append(IncomingDocument(f"article-{i:05d}", text, f"bench:{i}", spans=tuple(tagged(text))))
    with Project.create(path) as project:
        project.add_documents(documents, "bench")
        stats = project.stats()
    return stats["tokens"], stats["spans_total"]


def timed(project: Project, fmt: str, out: Path) -> tuple[float, ExportResult]:
    start = time.perf_counter()
    result = export_project(project, fmt, out, ExportOptions(annotator="bench"))
    return time.perf_counter() - start, result


def one_write(source: Path, target: Path) -> float:
    """Writing the export's bytes in one ``write`` to a new file (opened and closed inside the timer)."""
    data = source.read_bytes()
    runs = []
    for _ in range(3):
        target.unlink(missing_ok=True)
        start = time.perf_counter()
        with target.open("wb") as handle:
            handle.write(data)
        runs.append(time.perf_counter() - start)
    return sorted(runs)[1]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        tokens, spans = build(db, COUNT)
        print(f"export_documents: {COUNT} documents")
        print(f"export_tokens: {tokens} tokens")
        print(f"export_spans: {spans} spans")
        with Project.open(db) as project:
            for fmt, out in (
                ("conll", Path(tmp) / "out.conll"),
                ("jsonl", Path(tmp) / "out.jsonl"),
                ("hf", Path(tmp) / "hf"),
                ("brat", Path(tmp) / "brat"),
            ):
                runs = [timed(project, fmt, out) for _ in range(3)]
                elapsed, result = sorted(runs, key=lambda run: run[0])[1]
                assert result.documents == COUNT, result.summary_lines()
                print(f"export_{fmt}_s: {elapsed:.2f} s")
                print(f"export_{fmt}_docs_per_s: {COUNT / elapsed:.0f} docs/s")
                if fmt == "conll":
                    write_s = one_write(out, Path(tmp) / "copy.conll")
                    print(
                        f"export_conll_vs_write_ratio: {elapsed / write_s:.1f} x  ({elapsed:.2f} s / one write "
                        f"{write_s * 1000:.1f} ms; reported)"
                    )
                    print(f"export_conll_one_write_ms: {write_s * 1000:.1f} ms")
                    print(f"export_conll_tokens_per_s: {result.tokens / elapsed:.0f} tokens/s")
                    print(f"export_conll_split_tokens: {result.split_tokens} tokens")


if __name__ == "__main__":
    main()
