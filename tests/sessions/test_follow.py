"""Sessions follow the change bus instead of polling the store (issue 12): the suggestion cursor and
a curation learn of other programs' writes only from the store watcher's external change, and the
annotating session owns the selection and tells its listeners once per change. Qt-free."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.model import DocStatus, IncomingDocument, NewSpan
from annotator.recommenders.base import Prediction, Suggestion
from annotator.sessions.annotating import Selection, Session
from annotator.sessions.curation import Curation
from annotator.sessions.follow import Follower
from annotator.sessions.suggestions import SuggestionCursor
from annotator.store import NO_CHANGE, ChangeKind, Project
from annotator.store.changes import external_change
from annotator.store.watcher import StoreWatcher

pytestmark = pytest.mark.both_backends  # tests taking a project run on SQLite and on a PostgreSQL server

TEXT = "التقى أحمد محمد في دمشق ثم سافر علي إلى القاهرة"


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def shared(project_location) -> tuple[Path | str, str]:
    path = project_location("shared.hashiya")
    with Project.create(path) as project:
        (outcome,), _ = project.add_documents([IncomingDocument("doc", TEXT, "doc.txt")])
    return path, outcome.document_id


def no_polling(project: Project) -> list[int]:
    """Count ``data_version`` calls: the sessions must make none (only the watcher asks)."""
    calls: list[int] = []
    original = project.data_version

    def counting():
        calls.append(1)
        return original()

    project.data_version = counting  # type: ignore[method-assign]
    return calls


def test_every_session_is_a_follower(shared) -> None:
    path, doc = shared
    with Project.open(path) as project:
        cursor = SuggestionCursor(project, doc, "alice")
        session = Session.start(project, "alice")
        curation = Curation(project, doc, ["alice"])
        assert all(isinstance(x, Follower) for x in (cursor, session, curation))


def test_the_watcher_reports_other_connections_only(shared) -> None:
    path, doc = shared
    with Project.open(path) as project, Project.open(path) as other:
        watcher = StoreWatcher(project)
        heard = []
        project.subscribe(heard.append)
        project.add_span(doc, "alice", *at("دمشق"), "GPE")  # our own write: subscribers heard it already
        assert watcher.check() is NO_CHANGE and [c.kind for c in heard] == [ChangeKind.ADD_SPAN]
        other.add_span(doc, "bob", *at("القاهرة"), "GPE")
        change = watcher.check()
        assert change.kind == ChangeKind.EXTERNAL and change.external and not change.empty
        assert heard[-1] is change and watcher.check() is NO_CHANGE  # once per commit
        watcher.hold()  # a worker of ours commits: its own change will be delivered
        other.add_span(doc, "bob", *at("أحمد"), "PERS")
        assert watcher.check() is NO_CHANGE
        watcher.release()
        assert watcher.check() is NO_CHANGE and len(heard) == 2


def test_the_cursor_learns_of_another_programs_run_from_the_watcher(shared) -> None:
    path, doc = shared
    with Project.open(path) as project, Project.open(path) as other:
        cursor = SuggestionCursor(project, doc, "alice")
        project.subscribe(cursor.follow)
        watcher = StoreWatcher(project)
        calls = no_polling(project)
        assert cursor.pending() == []
        found = (Suggestion(*at("دمشق"), "GPE", 0.9, "crf"), Suggestion(*at("القاهرة"), "GPE", 0.8, "crf"))
        other.store_predictions("crf", [Prediction(doc, found)])
        assert cursor.pending() == [] and calls == []  # no one told it: it does not ask the store
        watcher.check()
        assert [(s.start, s.label) for s in cursor.pending()] == [(at("دمشق")[0], "GPE"), (at("القاهرة")[0], "GPE")]
        cursor.next()
        cursor.accept()
        assert cursor.pending() == project.suggestions(doc, "alice") and len(cursor.pending()) == 1
        assert len(calls) == 1  # the watcher's one check, none of the cursor's


def test_a_curation_follows_instead_of_polling(shared) -> None:
    path, doc = shared
    with Project.open(path) as project, Project.open(path) as other:
        for name, label in (("amal", "PERS"), ("badr", "GPE")):
            project.add_spans(doc, name, [NewSpan(*at("دمشق"), label)])
            project.set_status(doc, name, DocStatus.DONE)
        curation = Curation(project, doc)
        project.subscribe(curation.follow)
        watcher = StoreWatcher(project)
        calls = no_polling(project)
        curation.accept_agreed()
        assert [(i.start, i.end) for i in curation.items] == [at("دمشق")]
        other.add_span(doc, "amal", *at("القاهرة"), "GPE")  # another program
        assert not curation.stale and calls == []
        watcher.check()
        assert curation.stale
        assert curation.layers()["amal"] == project.spans(doc, "amal")  # stale: read from the store
        curation.go_to(0)
        curation.take("badr")
        assert not curation.stale
        assert [(i.start, i.end) for i in curation.items] == [at("دمشق"), at("القاهرة")]
        assert curation.items[0].decided and not curation.items[1].decided
        assert len(calls) == 1  # the watcher's check only


def test_a_gold_change_made_elsewhere_updates_the_queue_in_place(shared) -> None:
    path, doc = shared
    with Project.open(path) as project:
        for name, label in (("amal", "PERS"), ("badr", "GPE")):
            project.add_spans(doc, name, [NewSpan(*at("دمشق"), label)])
        curation = Curation(project, doc, ["amal", "badr"])
        project.subscribe(curation.follow)
        assert not curation.items[0].decided
        project.add_span(doc, "gold", *at("دمشق"), "GPE")  # the curator tags in the main window
        assert curation.items[0].decided and not curation.stale
        assert curation.follow(external_change()) and curation.stale


def test_the_session_owns_the_selection_and_tells_once(shared) -> None:
    path, doc = shared
    with Project.open(path) as project:
        session = Session.start(project, "alice")
        project.subscribe(session.follow)
        heard: list[Selection] = []
        session.watch_selection(heard.append)
        session.open_document(doc)
        assert heard == []  # nothing was selected: no news
        session.tag(*at("دمشق"), "GPE")
        span = session.selected_span
        assert span is not None and heard == [Selection(span, None)]  # one set per key press
        session.select(span=span)
        assert len(heard) == 1
        session.undo()  # the change removes the span: the selection follows it away
        assert session.selected_span is None and heard[-1] == Selection() and len(heard) == 2
