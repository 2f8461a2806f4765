"""seqeval, the reference reader of tagged sequences, finds in our CoNLL exactly our spans:
for any annotated documents (nested, inside tokens, across lines, emoji, diacritics) and every
scheme, in strict mode (only tags valid in the scheme are accepted)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from conll_files import conll_rows
from format_strategies import documents
from hypothesis import given, settings
from seqeval.scheme import BILOU, IOB1, IOB2, IOBES, Entities

from annotator.exporting import ExportOptions, export_project
from annotator.store import Project

SEQEVAL = {"iob2": IOB2, "iob1": IOB1, "bioes": IOBES, "bilou": BILOU}


@pytest.mark.parametrize("scheme", sorted(SEQEVAL))
@settings(max_examples=40)
@given(docs=documents())
def test_seqeval_recovers_every_exported_span(scheme, docs):
    with tempfile.TemporaryDirectory() as tmp, Project.memory() as project:
        project.add_documents(docs, "ann")
        out = Path(tmp) / "out.conll"
        result = export_project(project, "conll", out, ExportOptions("ann", status="all", scheme=scheme))
        found = []
        for sentence in conll_rows(out):
            for column in range(1, result.levels + 1):
                tags = [row[column] for row in sentence]
                for entity in Entities([tags], scheme=SEQEVAL[scheme]).entities[0]:
                    words = "".join(row[0] for row in sentence[entity.start : entity.end])
                    found.append((words, entity.tag))
        expected = set()
        for info in project.documents():
            text = project.document(info.id).text
            for span in project.spans(info.id):
                words = "".join(text[span.start : span.end].split())
                if words:  # a span of spaces only cannot be written (counted as dropped)
                    expected.add((words, span.label))
        assert len(found) == result.spans
        assert set(found) == expected
