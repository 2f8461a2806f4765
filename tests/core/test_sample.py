"""The sample project: built once from seeds/, then reused."""

from __future__ import annotations

from annotator.sample import ensure_sample_project
from annotator.store import Project


def test_sample_project_is_built_once_from_the_seed(tmp_path, seed_text):
    path = tmp_path / "data" / "sample.hashiya"
    assert ensure_sample_project(path) == path
    with Project.open(path) as project:
        (doc,) = project.documents()
        assert project.document(doc.id).text == seed_text
        project.add_span(doc.id, "alice", 0, 3, "MISC")
    assert ensure_sample_project(path) == path
    with Project.open(path) as project:
        assert len(project.spans(project.documents()[0].id)) == 1
    assert not list(path.parent.glob("*.partial*"))
