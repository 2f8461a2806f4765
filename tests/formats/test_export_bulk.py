"""The fast paths of exports give what the plain ones give: the ordered bulk read of spans is the
per-document read, the token lists assembled as bytes are the per-document JSON, and the cycle
collector an export pauses is on again afterwards."""

from __future__ import annotations

import gc
import json

import numpy as np
import pytest
from format_strategies import documents
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.errors import HashiyaError
from annotator.exporting import ExportOptions, export_project
from annotator.exporting.assemble import token_objects
from annotator.formats.jsonl import tokens_json
from annotator.model import IncomingDocument
from annotator.store import Project
from annotator.store.export_queries import span_rows


def per_document(project: Project, annotator: str, with_ids: bool | str) -> dict[str, list[tuple]]:
    """Every document's spans read one document at a time through the Project API."""
    annotator_id = project.get_annotator(annotator).id
    out = {}
    for info in project.documents():
        related = bool(project.relations(info.id, annotator))
        rows = []
        for s in project.spans(info.id, annotator):
            keep = with_ids is True or (with_ids == "related" and related)
            rows.append((info.id, s.id if keep else None, s.start, s.end, s.label))
            assert s.annotator_id == annotator_id
        if rows:
            out[info.id] = rows
    return out


@settings(max_examples=40, deadline=None)
@given(first=documents(), second=documents(), moves=st.lists(st.integers(0, 50), max_size=4))
def test_the_bulk_read_gives_each_documents_spans_as_the_per_document_read(first, second, moves):
    with Project.memory() as project:
        project.add_documents(first, "ann")
        project.add_documents([IncomingDocument(f"b-{d.name}", d.text, d.source, spans=d.spans) for d in second], "bob")
        infos = project.documents()
        for k, move in enumerate(moves):  # another annotator's spans in the same documents too
            doc = infos[move % len(infos)]
            text = project.document(doc.id).text
            start = move % len(text)
            project.add_span(doc.id, "bob", start, min(len(text), start + 1 + k), "ORG")
        for annotator in ("ann", "bob"):
            annotator_id = project.get_annotator(annotator).id
            for with_ids in (True, False, "related"):
                bulk = span_rows(project, annotator_id, with_ids=with_ids)
                assert bulk == per_document(project, annotator, with_ids)


offsets = st.lists(st.tuples(st.integers(0, 3), st.integers(1, 12)), max_size=30)


@settings(max_examples=60, deadline=None)
@given(docs=st.lists(offsets, max_size=6), big=st.sampled_from([0, 9, 10**6 - 20, 10**9]))
def test_token_lists_as_bytes_are_the_per_document_json(docs, big):
    pairs = []
    for gaps in docs:
        position, starts, ends = big, [], []
        for gap, length in gaps:
            starts.append(position + gap)
            ends.append(position + gap + length)
            position += gap + length
        pairs.append((np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64)))
    bounds = np.cumsum([0, *(len(s) for s, _ in pairs)])
    joined = [np.concatenate([p[k] for p in pairs]) if pairs else np.zeros(0, dtype=np.int64) for k in (0, 1)]
    made = token_objects(joined[0], joined[1], bounds)
    assert ["[" + piece.decode("ascii") + "]" for piece in made] == [tokens_json(s, e) for s, e in pairs]


def test_an_export_leaves_the_collector_as_it_found_it(tmp_path):
    with Project.memory() as project:
        project.add_documents([IncomingDocument("d", "زار بوتين موسكو", "d")], "ann")
        export_project(project, "jsonl", tmp_path / "a.jsonl", ExportOptions(annotator="ann", status="all"))
        assert gc.isenabled()
        line = json.loads((tmp_path / "a.jsonl").read_text(encoding="utf-8"))
        assert line["tokens"] == [{"start": 0, "end": 3}, {"start": 4, "end": 9}, {"start": 10, "end": 15}]
        gc.disable()
        try:
            export_project(project, "conll", tmp_path / "a.conll", ExportOptions(annotator="ann", status="all"))
            assert not gc.isenabled()
        finally:
            gc.enable()
        with pytest.raises(HashiyaError, match="cannot create folder"):  # a failing export turns it back on too
            export_project(project, "conll", tmp_path / "a.conll" / "x", ExportOptions(annotator="ann", status="all"))
        assert gc.isenabled()
