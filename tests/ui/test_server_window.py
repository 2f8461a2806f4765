"""The window on a server project (issue 17): layla tags with her keys as on a file, what omar
stores on another connection arrives without a reload for the curator, and layla never sees it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.cli import main
from annotator.model import IncomingDocument
from annotator.store import Project

TEXT = "زار بوتين موسكو ثم كييف وعاد إلى روسيا"


def _server_project(pg_cluster) -> tuple[str, callable]:
    name = pg_cluster.unique_name("win")
    owner = pg_cluster.new_database(name)
    with Project.create(owner) as project:
        (outcome,), _ = project.add_documents([IncomingDocument("d", TEXT, "d.txt")])
    for who in ("layla", "omar"):
        assert main(["grant", owner, who]) == 0
    assert main(["grant", owner, "nadia", "--curator"]) == 0
    return outcome.document_id, lambda who: pg_cluster.url(name, user=who)


def test_tagging_by_key_on_a_server_project_and_others_work_arriving(pg_cluster, open_window, qtbot, gestures) -> None:
    doc, url = _server_project(pg_cluster)
    layla_project, omar_project, curator_project = (Project.open(url(who)) for who in ("layla", "omar", "nadia"))
    windows = []
    try:
        layla = open_window(layla_project, "layla")
        windows.append(layla)
        layla.open_document(doc)
        start = TEXT.index("بوتين")
        gestures.drag_select(layla.view, start, start + len("بوتين"))
        qtbot.keyClick(layla.view, Qt.Key.Key_1)
        assert [(s.start, s.end, s.label) for s in layla_project.spans(doc, "layla")] == [(start, start + 5, "PERS")]

        curator = open_window(curator_project, "gold")
        windows.append(curator)
        curator.open_document(doc)
        moscow = TEXT.index("موسكو")
        omar_project.add_span(doc, "omar", moscow, moscow + 5, "GPE")  # omar, at his own desk
        seen = []
        curator_project.subscribe(lambda change: seen.append(change.external))
        qtbot.waitUntil(lambda: True in seen, timeout=10_000)  # NOTIFY → the curator's change bus
        assert {s.label for s in curator_project.spans(doc, "omar")} == {"GPE"}

        layla.store_watch.check()
        assert layla_project.spans(doc, "omar") == []  # blind, whatever the window asks
        with Project.open(url("postgres")) as lead:  # the lead assigns a new article, from elsewhere
            lead.add_documents([IncomingDocument("new", "وصل الوفد إلى القاهرة", "new.txt")])
        qtbot.waitUntil(lambda: layla.documents.model.rowCount() == 2, timeout=10_000)  # on her screen

        layla.work_list.choose("shortest")  # an annotator cannot write the project's settings on a server
        assert layla.work_list.policy.value == "shortest"  # the choice holds in her window
        layla.actions_by_name["undo"].trigger()  # Ctrl+Z (the curator's window has the focus now)
        assert layla_project.spans(doc, "layla") == []
        qtbot.wait(50)  # the lists' deferred refreshes run while the projects are open
    finally:
        for window in windows:
            window.close()  # before their projects: a window's last writes (activity) go first
        for project in (layla_project, omar_project, curator_project):
            project.close()
