"""A window follows a merge's change: bob's merged spans show in bob's document list (issue 12)."""

from __future__ import annotations

from annotator.model import IncomingDocument
from annotator.store import Project
from annotator.team.merge import merge_projects
from ui.dialogs.common import after_background_write

SECOND = "خبر ثان من موسكو."


def test_a_window_showing_bob_counts_bobs_merged_spans(open_window, project_path, tmp_path) -> None:
    other = tmp_path / "bob.hashiya"
    with Project.create(other) as source:
        outcomes, _ = source.add_documents([IncomingDocument("second", SECOND, "b.txt")])
        source.add_span(outcomes[0].document_id, "bob", 11, 16, "GPE")
    project = Project.open(project_path)
    window = open_window(project, "bob")
    model = window.documents.model
    second = next(model.document_id(r) for r in range(model.rowCount()) if model.index(r, 0).data() == "second")
    assert window.session.document_id != second and model.index(model.row_of(second), 2).data() == "0"
    with Project.open(project_path) as worker:  # the dialog merges through a worker's own connection
        report = merge_projects(worker, [other])
    after_background_write(window, report.change)
    assert model.index(model.row_of(second), 2).data() == "1"
    assert window.documents.model is model  # followed the change, not rebuilt
    project.close()
