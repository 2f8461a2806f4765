"""Benchmark curation on a heavily disputed article: one decision (``Curation.take``) and its refresh.

Prints:
  curation_take_ms:          one ``take`` (gold written to SQLite on disk, queue rebuilt) in a document
                             with 10,000 source spans (two annotators, 5,000 each, labelled differently:
                             5,000 disagreements) and 5,000 gold spans          goal: well under 50
  curation_take_relation_ms: the same with 2,500 relations per annotator and 2,500 in gold, so the
                             queue also holds 5,000 relation disagreements (informative)
  curation_open_ms:          opening that first document's curation session (informative)
Medians of several decisions. Run: .venv/bin/python benchmarks/bench_curation.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from annotator.model import DocStatus, IncomingDocument, NewRelation, NewSpan
from annotator.sessions.curation import GOLD, Curation
from annotator.store import Project
from annotator.tokens import token_offsets

ROOT = Path(__file__).resolve().parent.parent
PLACES = 5_000  # disputed places: each annotator tags every one, with a different label
TAKES = 15


def article(name: str) -> tuple[str, list[tuple[int, int]]]:
    """The sample article repeated until it has ``PLACES`` words to tag, two tokens apart."""
    seed = (ROOT / "seeds" / "000_b72378a2988bda73.txt").read_text(encoding="utf-8")
    text = f"{name}\n\n{seed}"  # each document its own text (the same text would be the same document)
    while True:
        words = [(s, e) for s, e in token_offsets(text) if text[s].isalpha()][::2]
        if len(words) >= PLACES:
            return text, words[:PLACES]
        text = text + "\n\n" + seed


def build(project: Project, name: str, with_relations: bool) -> str:
    text, words = article(name)
    document_id = ""
    for annotator, label, relation in (("amal", "PERS", "met_with"), ("badr", "GPE", "part_of")):
        spans = tuple(NewSpan(s, e, label, key=f"T{i}") for i, (s, e) in enumerate(words))
        relations = (
            tuple(NewRelation(f"T{i}", f"T{i + 1}", relation) for i in range(0, PLACES, 2)) if with_relations else ()
        )
        outcomes, _ = project.add_documents(
            [IncomingDocument(name, text, f"{name}.jsonl", spans=spans, relations=relations)], annotator
        )
        document_id = outcomes[0].document_id
        project.set_status(document_id, annotator, DocStatus.DONE)
    project.add_spans(document_id, GOLD, [NewSpan(s, e, "PERS") for s, e in words])  # gold took amal's everywhere
    if with_relations:
        gold = project.spans(document_id, GOLD)
        for i in range(0, PLACES, 2):
            project.add_relation(gold[i].id, gold[i + 1].id, "met_with")
    return document_id


def time_takes(project: Project, document_id: str, kind: str) -> float:
    """Median ``take`` over items of ``kind`` where amal has a version (gold has her spans), alternating
    amal's version and badr's (for a relation item badr has none there: that removes gold's)."""
    session = Curation(project, document_id)
    chosen = [i for i, item in enumerate(session.items) if item.kind == kind and item.versions[0]]
    times = []
    for n in range(TAKES):
        session.go_to(chosen[len(chosen) // 3 + 37 * (n // 2)])
        began = time.perf_counter()
        session.take(n % 2)
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        with Project.create(Path(tmp) / "curation.hashiya") as project:
            spans_only = build(project, "spans", with_relations=False)
            with_relations = build(project, "relations", with_relations=True)
            opens = []
            for _ in range(3):
                began = time.perf_counter()
                session = Curation(project, spans_only)
                opens.append((time.perf_counter() - began) * 1000)
            kinds = [item.kind for item in session.items]
            print(f"# spans document: {kinds.count('span')} span disagreements, gold has 5,000 spans")
            take_ms = time_takes(project, spans_only, "span")
            relations_session = Curation(project, with_relations)
            kinds = [item.kind for item in relations_session.items]
            print(f"# relations document: {kinds.count('span')} span and {kinds.count('relation')} relation items")
            relation_ms = time_takes(project, with_relations, "relation")
        print(f"curation_take_ms: {take_ms:.1f} ms")
        print(f"curation_take_relation_ms: {relation_ms:.1f} ms")
        print(f"curation_open_ms: {statistics.median(opens):.1f} ms")


if __name__ == "__main__":
    main()
