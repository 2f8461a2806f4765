"""The vectorised CoNLL path (a batch of documents at once) writes exactly what the per-document
rules of ``segment`` give, for any documents, spans, schemes and batch boundaries."""

from __future__ import annotations

import pytest
from format_strategies import documents
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.exporting.batch import build_batch, conll_text
from annotator.exporting.segment import segment, tag_columns
from annotator.exporting.source import Selection, select
from annotator.store import Project
from annotator.tagging import SCHEMES


def reference(docs, scheme: str, flat: bool, docstart: bool) -> tuple[str, int, int, int]:
    """CoNLL text built document by document from ``segment`` and ``tag_columns`` (slow, plain)."""
    per_doc = []
    for doc in docs:
        starts, ends, sentences = doc.segmentation()
        seg = segment(starts, ends, sentences, doc.spans)
        columns, dropped = tag_columns(seg, scheme, flat=flat)
        per_doc.append((seg, columns, dropped, seg.words(doc.text)))
    width = max((len(columns) for _, columns, _, _ in per_doc), default=1) or 1
    lines = []
    for seg, columns, _, words in per_doc:
        if docstart:
            lines.append("-DOCSTART-" + "\tO" * width + "\n\n")
        padded = columns + [["O"] * len(words)] * (width - len(columns))
        for first, last in seg.sentences:
            for i in range(first, last):
                lines.append("\t".join([words[i], *(column[i] for column in padded)]) + "\n")
            lines.append("\n")
    splits = sum(seg.split_tokens for seg, _, _, _ in per_doc)
    joined = sum(seg.joined_sentences for seg, _, _, _ in per_doc)
    dropped = sum(d for _, _, d, _ in per_doc)
    return "".join(lines), splits, joined, dropped


@pytest.mark.parametrize("scheme", SCHEMES)
@settings(max_examples=30)
@given(docs=documents(), flat=st.booleans(), docstart=st.booleans(), size=st.integers(1, 3))
def test_batches_write_what_the_per_document_rules_give(scheme, docs, flat, docstart, size):
    with Project.memory() as project:
        project.add_documents(docs, "ann")
        _, selected, _ = select(project, Selection("ann", status="all"))
        expected, splits, joined, dropped = reference(selected, scheme, flat, docstart)
        batches = [build_batch(selected[i : i + size], flat=flat) for i in range(0, len(selected), size)]
        width = max((len(b.levels) for b in batches), default=1) or 1
        mark = "-DOCSTART-" + "\tO" * width + "\n\n" if docstart else None
        assert "".join(conll_text(b, scheme, width, mark) for b in batches) == expected
        assert sum(b.split_tokens for b in batches) == splits
        assert sum(b.joined_sentences for b in batches) == joined
        assert sum(b.dropped_nested for b in batches) == dropped
