"""The agreement bulk reads on unusual but legal projects: other document ids, foreign labels."""

from __future__ import annotations

import sqlite3

import pytest

from annotator.store import Project
from annotator.store.agreement_queries import agreement_arrays
from annotator.team.agreement.report import build_report
from tests.agreement.conftest import AHMAD, CAIRO, SECOND, TEXT, annotate


def edit_by_hand(path, *statements: tuple[str, tuple]) -> Project:
    """Change a closed project file with SQLite itself, as a hand-made or older file may be, and
    open it again: the store must read what it finds, not only what it wrote."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    with conn:
        for sql, params in statements:
            conn.execute(sql, params)
    conn.close()
    return Project.open(path)


def renamed(old: str, new: str) -> list[tuple[str, tuple]]:
    """The statements giving a document an id of another shape."""
    tables = ("segmentation", "spans", "relations", "document_status", "actions")
    pairs = [("documents", "id"), *((t, "document_id") for t in tables)]
    return [(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", (new, old)) for table, column in pairs]


@pytest.fixture
def on_disk(tmp_path):
    path = tmp_path / "hand.db"
    project = Project.create(path)
    yield path, project
    project.close()


def test_documents_with_ids_of_another_width_are_read(on_disk):
    path, project = on_disk
    first = annotate(project, "amal", TEXT, [(*AHMAD, "PERS"), (*CAIRO, "GPE")])
    annotate(project, "badr", TEXT, [(*AHMAD, "PERS")])
    second = annotate(project, "amal", SECOND, [(17, 22, "PERS")], doc_name="second")
    annotate(project, "badr", SECOND, [(17, 22, "PERS")], doc_name="second")
    expected = build_report(project).data
    project.close()
    project = edit_by_hand(path, *renamed(first, "doc-1"), *renamed(second, "a-much-longer-document-identifier"))
    data = build_report(project).data
    project.close()
    assert data["pairs"] == expected["pairs"]
    assert {d["id"] for d in data["per_document"]} == {"doc-1", "a-much-longer-document-identifier"}


def test_spans_with_labels_outside_the_schema_are_counted(on_disk):
    path, project = on_disk
    annotate(project, "amal", TEXT, [(*AHMAD, "PERS")])
    annotate(project, "badr", TEXT, [(*AHMAD, "PERS")])
    badr = project.get_annotator("badr").id
    project.close()
    project = edit_by_hand(path, ("UPDATE spans SET label = 'WEAPON' WHERE annotator_id = ?", (badr,)))
    arrays = agreement_arrays(project, [project.get_annotator(n).id for n in ("amal", "badr")])
    assert arrays.spans.labels[-1] == "WEAPON"
    assert sorted(arrays.spans.labels[c] for c in arrays.spans.label) == ["PERS", "WEAPON"]
    (pair,) = build_report(project).data["pairs"]
    project.close()
    assert pair["span_f1"]["exact"] == 0.0
    assert pair["span_f1"]["untyped"] == pytest.approx(1.0)
