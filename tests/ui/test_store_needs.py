"""What the window needs from the store, written as tests for the store's owner.

A hotkey must store a span within one frame even in an article with 20,000 spans. Today
``Project.add_spans`` builds every existing span of the document (decoding each one's JSON
attributes) to skip duplicates, so one tag costs ≈220 ms there (benchmarks/bench_view.py).
A duplicate check that asks SQLite for the one (start, end, label) would not.
"""

from __future__ import annotations

import pytest

import annotator.store.queries as queries
from annotator.model import NewSpan


@pytest.mark.xfail(strict=True, reason="store: add_spans reads every span of the document (lead to fix)")
def test_adding_one_span_does_not_read_every_span_of_the_document(seeded, monkeypatch) -> None:
    project, doc, _text = seeded
    tokens = project.token_offsets(doc)
    project.add_spans(doc, "layla", [NewSpan(s, e, "MISC") for s, e in tokens[:300]])
    built = 0
    original = queries.span_from_row

    def counting(row):
        nonlocal built
        built += 1
        return original(row)

    monkeypatch.setattr(queries, "span_from_row", counting)
    start, end = tokens[400]
    project.add_span(doc, "layla", start, end, "PERS")
    assert built < 10, f"adding one span built {built} Span objects"
