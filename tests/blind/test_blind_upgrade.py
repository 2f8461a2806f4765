"""A project file written before blind suggestions (format 3) upgrades: what was learnt from every
annotator's layer can say for no one whose it is, so it goes; everything else stays."""

from __future__ import annotations

from pathlib import Path

from annotator.model import GOLD
from annotator.recommenders.base import Prediction, Suggestion
from annotator.store import Project
from annotator.store.migrations import CURRENT_VERSION
from tests.old_projects import old_project

TEXT = "زار حسني مبارك موسكو"


def make_version_3_project(path: Path, *, trained: bool) -> Path:
    """A genuine format-3 file: alice tagged «حسني مبارك»; gazetteer, strings and crf suggested in it,
    bob rejected the gazetteer's «موسكو»; with ``trained``, the project's CRF (learnt from everyone)."""
    conn = old_project(path, 3, "p3")
    conn.execute("INSERT INTO documents VALUES ('d1', 'old', ?, 'sha', ?, '{}', NULL, 't', '[]', 0)", (TEXT, len(TEXT)))
    conn.execute("INSERT INTO segmentation VALUES ('d1', 'camel-tools', 0, x'', 0, x'')")
    conn.execute("INSERT INTO annotators VALUES ('a1', 'alice', 't'), ('b1', 'bob', 't')")
    conn.execute("INSERT INTO spans VALUES ('s1', 'd1', 'a1', 4, 14, 'PERS', 'manual', '{}', 't')")
    conn.executemany(
        "INSERT INTO suggestions VALUES (?, 'd1', ?, ?, ?, ?, ?, 't')",
        [
            ("g1", "gazetteer", 15, 20, "GPE", 0.9),
            ("s1", "strings", 4, 14, "PERS", 1.0),
            ("c1", "crf", 4, 14, "PERS", 0.7),
        ],
    )
    conn.executemany(
        "INSERT INTO suggestion_runs VALUES ('d1', ?, ?, 1, 't')",
        [("gazetteer", None), ("strings", None), ("crf", 0.4)],
    )
    conn.execute(
        "INSERT INTO suggestion_decisions "
        "VALUES ('x1', 'd1', 'b1', 15, 20, 'GPE', 'rejected', 'gazetteer', 0.9, NULL, 't')"
    )
    if trained:
        conn.execute("INSERT INTO recommender_models VALUES ('crf', x'00', '{\"labels\": [\"O\"]}', 't')")
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    return path


def sources(project: Project, who: str | None) -> set[str]:
    return {source for s in project.suggestions("d1", who, include_decided=True) for source in s.sources}


def test_suggestions_learnt_from_everyone_go_and_the_rest_stays(tmp_path):
    path = make_version_3_project(tmp_path / "old.hashiya", trained=True)
    with Project.open(path) as project:
        assert project.database.pragma("user_version") == CURRENT_VERSION
        for who in ("alice", "bob", None):
            assert sources(project, who) == {"gazetteer"}, who  # strings and the project model's crf went
        assert project.suggestions("d1", "bob") == []  # bob's rejection is kept
        assert [s.sources for s in project.suggestions("d1", "alice")] == [("gazetteer",)]
        assert project.document_uncertainty() == {}  # the trained model's uncertainty went with it
        assert [(s.start, s.end) for s in project.spans("d1", "alice")] == [(4, 14)]
        assert project.load_model("crf") is None  # learnt from every layer: it is the curator's now
        assert project.load_model(f"crf@{GOLD}") == (b"\x00", {"labels": ["O"]})


def test_without_a_trained_model_the_shipped_models_suggestions_stay(tmp_path):
    path = make_version_3_project(tmp_path / "old.hashiya", trained=False)
    with Project.open(path) as project:
        assert sources(project, "bob") == {"gazetteer", "crf"}
        assert project.document_uncertainty() == {"d1": 0.4}
        assert project.load_model(f"crf@{GOLD}") is None
        mine = Suggestion(15, 20, "GPE", 0.8, "crf")
        project.store_predictions("crf", [Prediction("d1", (mine,), audience="alice")])  # the upgraded tables
        hers = project.suggestions("d1", "alice", include_decided=True)  # her own crf run replaced the old one
        assert [(s.key, s.sources) for s in hers] == [((15, 20, "GPE"), ("gazetteer", "crf"))]
        his = project.suggestions("d1", "bob", include_decided=True)
        assert [(s.key, s.sources) for s in his] == [((4, 14, "PERS"), ("crf",)), ((15, 20, "GPE"), ("gazetteer",))]
