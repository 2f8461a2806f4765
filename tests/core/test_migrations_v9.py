"""Version 9: an annotator's layer is indexed in the order exports write it. A version-8 file gains
the index, exports the same bytes, and its layer is read in order from the index alone."""

from __future__ import annotations

import sqlite3

from annotator.exporting import ExportOptions, export_project
from annotator.model import IncomingDocument
from annotator.store import Project
from annotator.store.migrations import CURRENT_VERSION

TEXT = "زار فلاديمير بوتين موسكو ثم عاد إلى الكرملين"
LAYER_READ = 'SELECT document_id, NULL, start, "end", label FROM spans WHERE annotator_id = ? '
LAYER_READ += 'ORDER BY document_id, start, "end" DESC, label'  # as annotator.store.export_queries reads it


def _project(path) -> None:
    with Project.create(path) as project:
        outcomes, _ = project.add_documents([IncomingDocument(f"d{i}", TEXT, f"d{i}.txt") for i in range(3)])
        for outcome in outcomes:
            project.add_span(outcome.document_id, "alice", 4, 18, "PERS")  # فلاديمير بوتين
            project.add_span(outcome.document_id, "alice", 13, 18, "PERS")  # بوتين, nested
            project.add_span(outcome.document_id, "alice", 4, 18, "NORP")  # same span, another label


def test_a_version_8_file_gains_the_layer_index_and_exports_the_same_bytes(tmp_path) -> None:
    path = tmp_path / "v8.hashiya"
    _project(path)
    with Project.open(path) as project:
        export_project(project, "conll", tmp_path / "v9.conll", ExportOptions(annotator="alice"))
    conn = sqlite3.connect(path)  # back to version 8: the annotator's spans indexed by annotator alone
    conn.executescript(
        "DROP INDEX spans_layer; CREATE INDEX spans_annotator ON spans(annotator_id); PRAGMA user_version = 8;"
    )
    conn.close()
    with Project.open(path) as project:
        assert project.database.pragma("user_version") == CURRENT_VERSION
        export_project(project, "conll", tmp_path / "migrated.conll", ExportOptions(annotator="alice"))
        alice = project.get_annotator("alice").id
    assert (tmp_path / "migrated.conll").read_bytes() == (tmp_path / "v9.conll").read_bytes()
    conn = sqlite3.connect(path)
    plan = " ".join(row[-1] for row in conn.execute("EXPLAIN QUERY PLAN " + LAYER_READ, (alice,)))
    conn.close()
    assert "COVERING INDEX spans_layer" in plan and "TEMP B-TREE" not in plan, plan


def test_a_version_8_server_project_gains_the_layer_index(pg_cluster) -> None:
    url = pg_cluster.new_database()
    name = url.split("?")[0].rsplit("/", 1)[1]
    Project.create(url).close()
    pg_cluster.psql(
        "DROP INDEX spans_layer; CREATE INDEX spans_annotator ON spans(annotator_id);"
        "UPDATE meta SET value = '8' WHERE key = 'schema_version'",
        db=name,
    )
    with Project.open(url) as project:
        assert project.database.pragma("user_version") == CURRENT_VERSION
    indexes = "SELECT indexname FROM pg_indexes WHERE tablename = 'spans' AND indexname LIKE 'spans_%' ORDER BY 1"
    assert pg_cluster.psql(indexes, db=name) == [("spans_exact",), ("spans_layer",), ("spans_pkey",)]
