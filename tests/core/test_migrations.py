"""Project files written by an older Hashiya open and are upgraded in place, data intact."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from annotator.errors import ProjectError
from annotator.schema import default_schema
from annotator.store import Project
from annotator.store.migrations import CURRENT_VERSION, MIGRATIONS, _statements
from tests.old_projects import old_project


def make_version_1_project(path: Path) -> Path:
    """A genuine version-1 file, as Hashiya 0.1's first release wrote it: one document, one span."""
    conn = sqlite3.connect(path)
    for statement in _statements(MIGRATIONS[0]):
        conn.execute(statement)
    conn.execute("INSERT INTO meta VALUES ('project_id', 'p1'), ('created_at', 't')")
    conn.execute(
        "INSERT INTO label_schemas VALUES (1, ?, 't')", (json.dumps(default_schema().to_dict(), ensure_ascii=False),)
    )
    conn.execute("INSERT INTO documents VALUES ('d1', 'old', 'زار بوتين موسكو', 'sha', 15, '{}', NULL, 't', '[]', 0)")
    conn.execute("INSERT INTO segmentation VALUES ('d1', 'camel-tools', 0, x'', 0, x'')")
    conn.execute("INSERT INTO annotators VALUES ('a1', 'alice', 't')")
    conn.execute("INSERT INTO spans VALUES ('s1', 'd1', 'a1', 4, 9, 'PERS', 'manual', '{}', 't')")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    return path


def test_a_version_1_file_is_upgraded_and_keeps_its_data(tmp_path):
    path = make_version_1_project(tmp_path / "old.db")
    with Project.open(path) as project:
        assert project.database.pragma("user_version") == CURRENT_VERSION
        (span,) = project.spans("d1", "alice")
        assert (span.start, span.end, span.label) == (4, 9, "PERS")
        project.add_span("d1", "alice", 10, 15, "GPE")
    with Project.open(path) as project:
        assert [s.label for s in project.spans("d1")] == ["PERS", "GPE"]


def test_a_file_from_a_newer_hashiya_is_refused_untouched(tmp_path):
    path = tmp_path / "new.db"
    Project.create(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {CURRENT_VERSION + 1}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(ProjectError, match=rf"newer Hashiya \(file format {CURRENT_VERSION + 1}"):
        Project.open(path)
    assert path.read_bytes() == before


def make_version_4_project(path: Path) -> Path:
    """A version-4 file as Hashiya wrote it before tokens were one truth: a document imported from
    CoNLL (marked ``tokens: whitespace``) stored with camel-tools' tokens, and a plain text."""
    from annotator.store.rows import pack_pairs
    from annotator.tokens import camel_tokenizer_name, sentence_bounds, token_offsets

    conn = old_project(path, 4, "p4")
    documents = [("conll", "زار ال-قدس و بيروت،\nقال نعم.", '{"tokens": "whitespace"}'), ("txt", "زار ال-قدس.", "{}")]
    for position, (doc_id, text, meta) in enumerate(documents):
        conn.execute(
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, NULL, 't', '[]', ?)",
            (doc_id, doc_id, text, doc_id, len(text), meta, position),
        )
        tokens = token_offsets(text)
        sentences = sentence_bounds(text, tokens)
        conn.execute(
            "INSERT INTO segmentation VALUES (?, ?, ?, ?, ?, ?)",
            (doc_id, camel_tokenizer_name(), len(tokens), pack_pairs(tokens), len(sentences), pack_pairs(sentences)),
        )
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()
    return path


def test_version_5_gives_documents_imported_from_token_lists_their_own_tokens(tmp_path):
    from annotator.tokens import camel_tokenizer_name
    from annotator.tokentext import IMPORTED_TOKENIZER

    path = make_version_4_project(tmp_path / "v4.db")
    conn = sqlite3.connect(path)
    before = conn.execute("SELECT * FROM segmentation WHERE document_id = 'txt'").fetchone()
    conn.close()
    with Project.open(path) as project:
        assert [t.text for t in project.tokens("conll")] == ["زار", "ال-قدس", "و", "بيروت،", "قال", "نعم."]
        assert [(s.token_start, s.token_end) for s in project.sentences("conll")] == [(0, 4), (4, 6)]
        assert [t.text for t in project.tokens("txt")] == ["زار", "ال", "-", "قدس", "."]  # camel-tools, untouched
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION
        rows = dict(conn.execute("SELECT document_id, tokenizer FROM segmentation").fetchall())
        assert rows == {"conll": IMPORTED_TOKENIZER, "txt": camel_tokenizer_name()}
        assert conn.execute("SELECT * FROM segmentation WHERE document_id = 'txt'").fetchone() == before
        assert conn.execute(
            "SELECT token_count, sentence_count FROM segmentation WHERE document_id = 'conll'"
        ).fetchone() == (6, 2)
    finally:
        conn.close()
