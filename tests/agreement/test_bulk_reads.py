"""The agreement bulk reads on unusual but legal projects: other document ids, foreign labels."""

from __future__ import annotations

import pytest

from annotator.agreement.report import build_report
from annotator.store.agreement_queries import agreement_arrays
from tests.agreement.conftest import AHMAD, CAIRO, SECOND, TEXT, annotate


def rename_document(project, old: str, new: str) -> None:
    """Give a document an id of another shape (as older or hand-made files may have)."""
    conn = project._conn
    conn.execute("PRAGMA foreign_keys = OFF")
    tables = ("segmentation", "spans", "relations", "document_status", "actions")
    for table, column in [("documents", "id"), *((t, "document_id") for t in tables)]:
        conn.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", (new, old))
    conn.execute("PRAGMA foreign_keys = ON")


def test_documents_with_ids_of_another_width_are_read(project):
    first = annotate(project, "amal", TEXT, [(*AHMAD, "PERS"), (*CAIRO, "GPE")])
    annotate(project, "badr", TEXT, [(*AHMAD, "PERS")])
    second = annotate(project, "amal", SECOND, [(17, 22, "PERS")], doc_name="second")
    annotate(project, "badr", SECOND, [(17, 22, "PERS")], doc_name="second")
    expected = build_report(project).data
    rename_document(project, first, "doc-1")
    rename_document(project, second, "a-much-longer-document-identifier")
    data = build_report(project).data
    assert data["pairs"] == expected["pairs"]
    assert {d["id"] for d in data["per_document"]} == {"doc-1", "a-much-longer-document-identifier"}


def test_spans_with_labels_outside_the_schema_are_counted(project):
    annotate(project, "amal", TEXT, [(*AHMAD, "PERS")])
    annotate(project, "badr", TEXT, [(*AHMAD, "PERS")])
    badr = project.get_annotator("badr").id
    project._conn.execute("UPDATE spans SET label = 'WEAPON' WHERE annotator_id = ?", (badr,))
    arrays = agreement_arrays(project, [project.get_annotator(n).id for n in ("amal", "badr")])
    assert arrays.spans.labels[-1] == "WEAPON"
    assert sorted(arrays.spans.labels[c] for c in arrays.spans.label) == ["PERS", "WEAPON"]
    (pair,) = build_report(project).data["pairs"]
    assert pair["span_f1"]["exact"] == 0.0
    assert pair["span_f1"]["untyped"] == pytest.approx(1.0)
