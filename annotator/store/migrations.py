"""The project file's SQL schema, as numbered migrations from version 1.

``PRAGMA user_version`` records the version. A migration is appended, never edited, once it
has shipped; :func:`migrate` applies the missing ones in one transaction. A migration is SQL,
or a function of the connection when the new rows need Python (tokenizing, say). A file from a
newer Hashiya is refused rather than guessed at.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

from annotator.errors import ProjectError
from annotator.store.rows import pack_pairs
from annotator.tokentext import TOKENS_META, WHITESPACE_TOKENS, segment

_V1 = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    text TEXT NOT NULL,
    sha256 TEXT NOT NULL UNIQUE,
    length INTEGER NOT NULL CHECK (length > 0),
    meta TEXT NOT NULL DEFAULT '{}',
    external_id TEXT,
    imported_at TEXT NOT NULL,
    import_notes TEXT NOT NULL DEFAULT '[]',
    position INTEGER NOT NULL
);
CREATE INDEX documents_position ON documents(position);
CREATE TABLE segmentation (
    document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    tokenizer TEXT NOT NULL,
    token_count INTEGER NOT NULL,
    tokens BLOB NOT NULL,
    sentence_count INTEGER NOT NULL,
    sentences BLOB NOT NULL
);
CREATE TABLE annotators (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);
CREATE TABLE spans (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    annotator_id TEXT NOT NULL REFERENCES annotators(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    label TEXT NOT NULL,
    origin TEXT NOT NULL CHECK (origin IN ('manual', 'suggestion', 'imported')),
    attributes TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL,
    CHECK (0 <= start AND start < "end")
);
CREATE INDEX spans_document ON spans(document_id, annotator_id);
CREATE INDEX spans_annotator ON spans(annotator_id);
CREATE TABLE relations (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    annotator_id TEXT NOT NULL REFERENCES annotators(id),
    head_id TEXT NOT NULL REFERENCES spans(id) ON DELETE CASCADE,
    tail_id TEXT NOT NULL REFERENCES spans(id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    created_at TEXT NOT NULL,
    CHECK (head_id <> tail_id)
);
CREATE INDEX relations_document ON relations(document_id, annotator_id);
CREATE INDEX relations_head ON relations(head_id);
CREATE INDEX relations_tail ON relations(tail_id);
CREATE TABLE document_status (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    annotator_id TEXT NOT NULL REFERENCES annotators(id),
    status TEXT NOT NULL CHECK (status IN ('new', 'in_progress', 'done')),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (document_id, annotator_id)
);
CREATE TABLE label_schemas (
    version INTEGER PRIMARY KEY,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE actions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    annotator_id TEXT NOT NULL REFERENCES annotators(id),
    document_id TEXT REFERENCES documents(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    ops TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('done', 'undone', 'discarded')),
    created_at TEXT NOT NULL
);
CREATE INDEX actions_annotator ON actions(annotator_id, state, seq);
"""

# Version 2: recommenders (issue 5). Suggestions are kept apart from annotations; a decision
# (accepted/rejected) belongs to one annotator and one (document, start, end, label), whichever
# recommenders suggested it. suggestion_runs holds each run's per-document uncertainty, and
# recommender_models the CRF models trained from the project's annotations.
_V2 = """
CREATE TABLE suggestions (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    label TEXT NOT NULL,
    score REAL NOT NULL CHECK (score >= 0 AND score <= 1),
    created_at TEXT NOT NULL,
    CHECK (0 <= start AND start < "end"),
    UNIQUE (document_id, source, start, "end", label)
);
CREATE INDEX suggestions_document ON suggestions(document_id, start);
CREATE TABLE suggestion_decisions (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    annotator_id TEXT NOT NULL REFERENCES annotators(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    label TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('accepted', 'rejected')),
    sources TEXT NOT NULL DEFAULT '',
    score REAL,
    span_id TEXT,
    decided_at TEXT NOT NULL,
    UNIQUE (document_id, annotator_id, start, "end", label)
);
CREATE INDEX suggestion_decisions_document ON suggestion_decisions(document_id, annotator_id);
CREATE TABLE suggestion_runs (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    uncertainty REAL,
    suggestion_count INTEGER NOT NULL,
    run_at TEXT NOT NULL,
    PRIMARY KEY (document_id, source)
);
CREATE TABLE recommender_models (
    name TEXT PRIMARY KEY,
    data BLOB NOT NULL,
    info TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL
);
"""

# Version 3: an exact-span index, so checking "is this span already there?" is one lookup even
# with 20,000 spans in a document (it also serves every query the old prefix index served).
_V3 = """
CREATE INDEX spans_exact ON spans(document_id, annotator_id, start, "end", label);
DROP INDEX spans_document
"""

# Version 4: blind annotation (issue 11). What a recommender learnt from annotations for one
# annotator (string matching, their trained CRF) is theirs: suggestions and runs name the
# annotator they are for (for_annotator: an annotator id, '' for everyone), and that is part of
# what a run replaces. Older files learnt from every annotator's layer: their string-matching
# suggestions, and the CRF's when a project model was trained, cannot say whose work they came
# from, so they go (re-running pre-annotation rebuilds them blind); decisions and spans stay.
# The project model trained on everyone's work becomes the curator's (gold's): crf@gold.
_V4 = """
CREATE TABLE suggestions_v4 (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    for_annotator TEXT NOT NULL DEFAULT '',
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    label TEXT NOT NULL,
    score REAL NOT NULL CHECK (score >= 0 AND score <= 1),
    created_at TEXT NOT NULL,
    CHECK (0 <= start AND start < "end"),
    UNIQUE (document_id, source, for_annotator, start, "end", label)
);
INSERT INTO suggestions_v4 (id, document_id, source, start, "end", label, score, created_at)
    SELECT id, document_id, source, start, "end", label, score, created_at FROM suggestions
    WHERE source <> 'strings' AND NOT (source = 'crf' AND EXISTS (SELECT 1 FROM recommender_models WHERE name = 'crf'));
DROP TABLE suggestions;
ALTER TABLE suggestions_v4 RENAME TO suggestions;
CREATE INDEX suggestions_document ON suggestions(document_id, start);
CREATE TABLE suggestion_runs_v4 (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    for_annotator TEXT NOT NULL DEFAULT '',
    uncertainty REAL,
    suggestion_count INTEGER NOT NULL,
    run_at TEXT NOT NULL,
    PRIMARY KEY (document_id, source, for_annotator)
);
INSERT INTO suggestion_runs_v4 (document_id, source, uncertainty, suggestion_count, run_at)
    SELECT document_id, source, uncertainty, suggestion_count, run_at FROM suggestion_runs
    WHERE source <> 'strings' AND NOT (source = 'crf' AND EXISTS (SELECT 1 FROM recommender_models WHERE name = 'crf'));
DROP TABLE suggestion_runs;
ALTER TABLE suggestion_runs_v4 RENAME TO suggestion_runs;
UPDATE recommender_models SET name = 'crf@gold' WHERE name = 'crf'
"""


def _v5(conn: sqlite3.Connection) -> None:
    """Version 5: a document's tokens are one truth (issue 12). A document imported from a token
    list (CoNLL, Hugging Face: ``meta["tokens"] = "whitespace"``) was stored with camel-tools'
    tokens while exports wrote its own; its segmentation row now holds its own tokens and lines,
    as an import writes it today (:func:`annotator.tokentext.segment`), so snapping, token κ,
    the recommenders and exports agree in old files too. Spans are character offsets: they stay."""
    rows = conn.execute(
        "SELECT id, text, meta FROM documents WHERE json_valid(meta) AND json_extract(meta, ?) = ?",
        (f"$.{TOKENS_META}", WHITESPACE_TOKENS),
    ).fetchall()
    for doc_id, text, meta in rows:
        found = segment(text, json.loads(meta))
        conn.execute(
            "UPDATE segmentation SET tokenizer = ?, token_count = ?, tokens = ?, sentence_count = ?, sentences = ? "
            "WHERE document_id = ?",
            (
                found.tokenizer,
                len(found.tokens),
                pack_pairs(found.tokens),
                len(found.sentences),
                pack_pairs(found.sentences),
                doc_id,
            ),
        )


# Version 6: consistency review (issue 15). A finding a linguist dismissed stays dismissed across
# runs and restarts: its stable key (kind + what it is about) is remembered with the kind and the
# summary they saw (so a list of dismissals reads without re-running the checks), who and when.
# Dismissing is an action in that person's log (undoable), like every other person's write.
_V6 = """
CREATE TABLE dismissed_findings (
    key TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    summary TEXT NOT NULL,
    annotator_id TEXT NOT NULL REFERENCES annotators(id),
    dismissed_at TEXT NOT NULL
)
"""

# Version 7: time and throughput (issue 16). Each annotator's activity as events (an action, an
# input burst, a document opened, the window focused or left), at the recorder's clock in seconds
# since the epoch. Active time is computed from them when asked, with the idle gap the reader
# chooses, so the rows record what happened and not one policy's verdict. Ids are unique across
# machines, so a merge copies rows it lacks by id and merging twice adds nothing.
_V7 = """
CREATE TABLE activity (
    id TEXT PRIMARY KEY,
    annotator_id TEXT NOT NULL REFERENCES annotators(id),
    document_id TEXT REFERENCES documents(id) ON DELETE CASCADE,
    at REAL NOT NULL,
    kind TEXT NOT NULL,
    items INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX activity_annotator ON activity(annotator_id, at)
"""

# Version 8: a finding is dismissed by someone (issue 17). On a server project each annotator sees
# only their own dismissals (row-level security), so two people may dismiss the same finding: the
# key is the finding's and the dismisser's together. A project file still leaves out every finding
# anyone in it dismissed.
_V8 = """
CREATE TABLE dismissed_findings_v8 (
    key TEXT NOT NULL,
    kind TEXT NOT NULL,
    summary TEXT NOT NULL,
    annotator_id TEXT NOT NULL REFERENCES annotators(id),
    dismissed_at TEXT NOT NULL,
    PRIMARY KEY (key, annotator_id)
);
INSERT INTO dismissed_findings_v8 (key, kind, summary, annotator_id, dismissed_at)
    SELECT key, kind, summary, annotator_id, dismissed_at FROM dismissed_findings;
DROP TABLE dismissed_findings;
ALTER TABLE dismissed_findings_v8 RENAME TO dismissed_findings
"""

# Version 9: one annotator's layer in the order exports write it (issue 14). An export reads a
# whole layer by document, start, longest first, label; with only an index on the annotator SQLite
# sorted all of it in a temporary tree (a quarter of a second for 322k spans) and looked every row
# up in the table. This index replaces that one (its first column still serves "WHERE annotator_id")
# and covers the read, in order.
_V9 = """
CREATE INDEX IF NOT EXISTS spans_layer ON spans(annotator_id, document_id, start, "end" DESC, label);
DROP INDEX IF EXISTS spans_annotator
"""

Migration = str | Callable[[sqlite3.Connection], None]
MIGRATIONS: tuple[Migration, ...] = (_V1, _V2, _V3, _V4, _v5, _V6, _V7, _V8, _V9)
CURRENT_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def check_version(conn: sqlite3.Connection, path: str) -> int:
    version = schema_version(conn)
    if version > CURRENT_VERSION:
        raise ProjectError(
            f"{path}: this project was written by a newer Hashiya (file format {version}; "
            f"this version reads up to {CURRENT_VERSION}). Update Hashiya to open it."
        )
    return version


def migrate(conn: sqlite3.Connection, path: str) -> int:
    """Bring the file to :data:`CURRENT_VERSION`; returns the version it had. Caller holds the transaction."""
    version = check_version(conn, path)
    for number in range(version + 1, CURRENT_VERSION + 1):
        step = MIGRATIONS[number - 1]
        if callable(step):
            step(conn)
        else:
            for statement in _statements(step):
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {number}")
    return version


def _statements(script: str) -> list[str]:
    """Split a migration into statements (executescript would commit our transaction)."""
    return [s.strip() for s in script.split(";") if s.strip()]
