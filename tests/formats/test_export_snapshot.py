"""An export reads one state of the project, even while the window keeps annotating."""

from __future__ import annotations

import json

import annotator.exporting.source as source
from annotator.exporting import ExportOptions, export_project
from annotator.model import DocStatus, IncomingDocument
from annotator.store import Project


def test_work_saved_during_an_export_is_not_half_read(tmp_path, monkeypatch):
    path = tmp_path / "p.db"
    text = "زار بوتين موسكو ثم كييف"
    with Project.create(path) as project:
        doc = project.add_documents([IncomingDocument("d", text, "d")])[0][0].document_id
        project.add_span(doc, "alice", 4, 9, "PERS")
        project.set_status(doc, "alice", DocStatus.DONE)
    original = source.span_rows

    def spans_then_someone_annotates(*args, **kwargs):
        rows = original(*args, **kwargs)
        with Project.open(path) as window:  # another connection saves a span and a relation now
            putin = window.spans(doc, "alice")[0]
            kyiv = window.add_span(doc, "alice", 19, 23, "GPE").spans_added[0]
            window.add_relation(putin.id, kyiv.id, "leader_of")
        return rows

    monkeypatch.setattr(source, "span_rows", spans_then_someone_annotates)
    with Project.open(path) as project:
        result = export_project(project, "jsonl", tmp_path / "out.jsonl", ExportOptions(annotator="alice"))
    (line,) = (json.loads(x) for x in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines())
    assert [s["text"] for s in line["spans"]] == ["بوتين"] and line["relations"] == []
    assert result.documents == 1


def test_scheme_names_are_case_insensitive(tmp_path):
    """IOB1 written as the user typed it: two adjacent PERS entities stay two (B- on the second)."""
    from annotator.model import NewSpan

    text = "أحمد محمد زار"
    with Project.create(tmp_path / "p.db") as project:
        spans = (NewSpan(0, 4, "PERS"), NewSpan(5, 9, "PERS"))
        project.add_documents([IncomingDocument("d", text, "d", spans=spans)], "alice")
        for scheme in ("IOB1", "iob1"):
            out = tmp_path / f"{scheme}.conll"
            export_project(project, "conll", out, ExportOptions(annotator="alice", scheme=scheme))
            tags = [line.split("\t")[1] for line in out.read_text(encoding="utf-8").splitlines() if line]
            assert tags == ["I-PERS", "B-PERS", "O"]
