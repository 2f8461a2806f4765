"""Export → import → export gives the same bytes, for every format (hypothesis).

Documents mix Arabic with diacritics, tatweel, clitics («وموسكو»), emoji (ZWJ sequences, flags),
bidi marks, Latin, digits and line breaks; spans start and end anywhere (inside tokens, across
lines, nested, overlapping); relations join random spans. Formats that keep character offsets
(JSONL, doccano, Label Studio) must also give back exactly the same spans and relations.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from format_strategies import documents
from hypothesis import given, settings

from annotator.exporting import EXPORTERS, ExportOptions, export_project
from annotator.importing import import_paths
from annotator.store import Project


def snapshot(out: Path) -> dict[str, bytes]:
    if out.is_dir():
        return {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    return {out.name: out.read_bytes()}


def annotations(project: Project) -> list[tuple]:
    """Every span and relation by text position, as a user would compare them."""
    out = []
    for info in project.documents():
        text = project.document(info.id).text
        spans = {s.id: (s.start, s.end, s.label, text[s.start : s.end]) for s in project.spans(info.id)}
        relations = sorted((spans[r.head_id], spans[r.tail_id], r.label) for r in project.relations(info.id))
        out.append((text, sorted(spans.values()), relations))
    return out


CASES = [
    ("jsonl", {}),
    ("brat", {}),
    ("doccano", {}),
    ("label-studio", {}),
    ("prodigy", {}),
    ("hf", {"scheme": "iob2"}),
    ("hf", {"scheme": "bilou"}),
    ("conll", {"scheme": "iob2"}),
    ("conll", {"scheme": "iob1"}),
    ("conll", {"scheme": "bioes"}),
    ("conll", {"scheme": "bilou", "docstart": True}),
    ("conll", {"scheme": "iob2", "flat": True}),
]
EXACT = {"jsonl", "doccano", "label-studio"}  # character offsets and relations kept exactly


def test_every_export_format_is_round_tripped():
    assert {name for name, _ in CASES} == set(EXPORTERS)


@pytest.mark.parametrize(("fmt", "extra"), CASES, ids=[f"{f}-{'-'.join(map(str, e.values()))}" for f, e in CASES])
@settings(max_examples=25)
@given(docs=documents())
def test_export_import_export_is_identical(fmt, extra, docs):
    options = ExportOptions(annotator="ann", status="all", **extra)
    name = "out" if EXPORTERS[fmt].writes_folder else f"out.{fmt}"
    with tempfile.TemporaryDirectory() as tmp, Project.memory() as first, Project.memory() as second:
        first.add_documents(docs, "ann")
        out1, out2 = Path(tmp) / "1" / name, Path(tmp) / "2" / name
        export_project(first, fmt, out1, options)
        import_paths(second, [out1], fmt, annotator="ann", add_labels=True)
        export_project(second, fmt, out2, options)
        assert snapshot(out2) == snapshot(out1)
        if fmt in EXACT:
            assert annotations(second) == annotations(first)
