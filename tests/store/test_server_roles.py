"""Blind annotation held by the server (issue 17): roles and row-level security, through plain SQL
and through Hashiya. The owner (the test cluster's superuser here) sets the project up; layla and
omar annotate; nadia curates."""

from __future__ import annotations

import json

import psycopg
import pytest

from annotator.cli import main
from annotator.consistency.findings import CheckKind, Finding
from annotator.errors import ProjectError
from annotator.model import GOLD, DocStatus, IncomingDocument
from annotator.recommenders.base import Prediction, Suggestion
from annotator.store import Project

TEXT = "زار بوتين موسكو ثم كييف وعاد إلى روسيا"
PUTIN, MOSCOW, KYIV = (4, 9), (10, 15), (19, 23)


@pytest.fixture
def team(pg_cluster):
    """A server project with layla's and omar's spans, and the three logins granted through the CLI."""
    database = pg_cluster.unique_name("team")
    owner = pg_cluster.new_database(database)
    with Project.create(owner) as project:
        (outcome,), _ = project.add_documents([IncomingDocument("d", TEXT, "d.txt")])
        project.add_span(outcome.document_id, "layla", *PUTIN, "PERS")
        project.add_span(outcome.document_id, "omar", *MOSCOW, "GPE")
    for name in ("layla", "omar"):
        assert main(["grant", owner, name]) == 0
    assert main(["grant", owner, "nadia", "--curator"]) == 0
    return outcome.document_id, lambda who: pg_cluster.url(database, user=who)


def _sql(url: str, query: str) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(query).fetchall()


LAYERS = "SELECT a.name, s.label FROM spans s JOIN annotators a ON a.id = s.annotator_id ORDER BY a.name"


def test_an_annotator_cannot_read_another_annotators_spans_through_sql(team) -> None:
    _doc, url = team
    assert _sql(url("layla"), LAYERS) == [("layla", "PERS")]
    assert _sql(url("omar"), LAYERS) == [("omar", "GPE")]
    assert _sql(url("layla"), "SELECT COUNT(*) FROM actions") == [(1,)]  # her own log only
    assert _sql(url("nadia"), LAYERS) == [("layla", "PERS"), ("omar", "GPE")]  # the curator sees every layer


def test_an_annotator_cannot_write_into_another_layer_through_sql(team) -> None:
    doc, url = team
    with psycopg.connect(url("layla")) as conn:
        omar = conn.execute("SELECT id FROM annotators WHERE name = 'omar'").fetchone()[0]
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(
                'INSERT INTO spans (id, document_id, annotator_id, start, "end", label, origin, created_at) '
                "VALUES ('x', %s, %s, 19, 23, 'LOC', 'manual', 'now')",
                (doc, omar),
            )
    with psycopg.connect(url("layla")) as conn:
        assert conn.execute("DELETE FROM spans").rowcount == 1  # only her own row is even in reach
    assert _sql(url("omar"), LAYERS) == [("omar", "GPE")]


def test_through_hashiya_each_sees_and_writes_only_their_own_layer(team) -> None:
    doc, url = team
    with Project.open(url("layla")) as project:
        assert project.spans(doc, "omar") == []
        project.add_span(doc, "layla", *KYIV, "LOC")
        with pytest.raises(ProjectError, match="permission denied") as refused:
            project.add_span(doc, "omar", *KYIV, "LOC")
        assert "\n" not in str(refused.value)
        project.undo("layla")
        assert [s.label for s in project.spans(doc, "layla")] == ["PERS"]


def test_only_the_curator_writes_gold_and_annotators_see_it_once_curated(team) -> None:
    doc, url = team
    with Project.open(url("layla")) as project, pytest.raises(ProjectError, match="permission denied"):
        project.add_span(doc, GOLD, *PUTIN, "PERS")
    with Project.open(url("nadia")) as project:
        project.add_span(doc, GOLD, *PUTIN, "PERS")
        with pytest.raises(ProjectError, match="permission denied"):
            project.add_span(doc, "omar", *KYIV, "LOC")
    assert _sql(url("layla"), LAYERS) == [("layla", "PERS")]  # gold of a document not yet curated: hidden
    with Project.open(url("nadia")) as project:
        project.set_status(doc, GOLD, DocStatus.DONE)
    assert _sql(url("layla"), LAYERS) == [(GOLD, "PERS"), ("layla", "PERS")]


def test_the_gold_layer_is_no_ones_login(pg_url, capsys) -> None:
    Project.create(pg_url).close()
    assert main(["grant", pg_url, GOLD]) == 1
    assert "gold layer" in capsys.readouterr().err


def test_a_project_file_has_no_logins(tmp_path, capsys) -> None:
    path = tmp_path / "p.hashiya"
    Project.create(path).close()
    assert main(["grant", str(path), "layla"]) == 1
    assert "server projects" in capsys.readouterr().err


def test_a_temporary_table_cannot_stand_in_for_the_projects_own(team, pg_cluster) -> None:
    """The policies' functions name the project's tables with their schema: a session's temporary
    ``hashiya_curators`` or ``annotators`` (looked up first otherwise) changes nothing. Logins get no
    temporary tables anyway; here the owner grants them back to show the first defence alone."""
    _doc, url = team
    with (
        psycopg.connect(url("layla"), autocommit=True) as conn,
        pytest.raises(psycopg.errors.InsufficientPrivilege, match="temporary"),
    ):
        conn.execute("CREATE TEMP TABLE hashiya_curators (role_name TEXT)")
    database = url("postgres").split("?")[0].rsplit("/", 1)[1]
    pg_cluster.psql(f'GRANT TEMPORARY ON DATABASE "{database}" TO layla')
    with psycopg.connect(url("layla"), autocommit=True) as conn:
        omar = conn.execute("SELECT id FROM annotators WHERE name = 'omar'").fetchone()[0]
        conn.execute("CREATE TEMP TABLE hashiya_curators (role_name TEXT)")
        conn.execute("INSERT INTO hashiya_curators VALUES (current_user)")
        conn.execute("CREATE TEMP TABLE annotators (id TEXT, name TEXT)")
        conn.execute("INSERT INTO annotators VALUES (%s, current_user)", (omar,))
        assert conn.execute("SELECT label FROM public.spans").fetchall() == [("PERS",)]  # still only hers


def test_what_everyone_sees_is_written_by_the_curator_and_an_annotators_runs_are_their_own(team) -> None:
    doc, url = team
    insert = (
        'INSERT INTO suggestions (id, document_id, source, for_annotator, start, "end", label, score, created_at) '
        "VALUES ('s1', %s, 'crf', '', 0, 3, 'PERS', 0.9, 'now')"
    )
    with (
        psycopg.connect(url("layla"), autocommit=True) as conn,
        pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"),
    ):
        conn.execute(insert, (doc,))
    with psycopg.connect(url("nadia"), autocommit=True) as conn:
        conn.execute(insert, (doc,))
    with psycopg.connect(url("omar"), autocommit=True) as conn:
        assert conn.execute("SELECT id FROM suggestions").fetchall() == [("s1",)]  # shared: everyone reads it
        assert conn.execute("DELETE FROM suggestions").rowcount == 0  # but cannot wipe it
    kremlin = (TEXT.index("روسيا"), TEXT.index("روسيا") + 5)
    with Project.open(url("layla")) as project:  # pre-annotation in layla's window
        project.store_predictions("gazetteer", [Prediction(doc, (Suggestion(*kremlin, "GPE", 0.9, "gazetteer"),))],
                                  lift_for="layla")  # fmt: skip
        assert [(s.sources, s.label) for s in project.suggestions(doc, "layla")] == [
            (("crf",), "PERS"),  # the curator's, for everyone
            (("gazetteer",), "GPE"),  # her own run
        ]
    with Project.open(url("omar")) as project:  # layla's run is hers alone
        assert [(s.sources, s.label) for s in project.suggestions(doc, "omar")] == [(("crf",), "PERS")]


def test_an_annotator_cannot_plant_ops_on_other_layers_in_their_own_log(team) -> None:
    """Undo and redo replay a log's ops, perhaps as the owner (whom no policy holds): a login may
    log only actions that touch its own layer, so ``hashiya undo --annotator layla`` run by the lead
    can never be made to delete omar's work or write gold."""
    doc, url = team
    with psycopg.connect(url("layla"), autocommit=True) as conn:
        me, omar = (
            conn.execute("SELECT id FROM annotators WHERE name = %s", (n,)).fetchone()[0] for n in ("layla", "omar")
        )
        mine, theirs = (
            json.dumps([{"op": "insert_span", "row": {"id": "x", "document_id": doc, "annotator_id": who}}])
            for who in (me, omar)
        )
        log = (
            "INSERT INTO actions (id, annotator_id, document_id, kind, ops, state, created_at) "
            "VALUES (%s, %s, %s, 'add_span', %s, 'done', 'now')"
        )
        conn.execute(log, ("a1", me, doc, mine))  # her own layer: fine
        for ops in (theirs, json.dumps([{"op": "import", "documents": [doc]}])):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
                conn.execute(log, ("a2", me, doc, ops))
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute("UPDATE actions SET ops = %s WHERE id = 'a1'", (theirs,))


def test_each_annotator_dismisses_findings_for_themselves(team) -> None:
    """Dismissals are in the dismisser's layer: omar can dismiss what layla dismissed (he never
    learns she did), and the curator sees both."""
    _doc, url = team
    found = Finding(CheckKind.VARIATION, "k\x1fبوتين", 0.5, "«بوتين»: PERS ×1, ORG ×1", "choose one", ())
    with Project.open(url("layla")) as project:
        assert not project.dismiss_finding("layla", found).empty
    with Project.open(url("omar")) as project:
        assert project.dismissals.keys() == set()
        assert not project.dismiss_finding("omar", found).empty
        assert project.dismissals.keys() == {found.key}
    with Project.open(url("nadia")) as project:
        assert sorted(d.annotator for d in project.dismissals.all()) == ["layla", "omar"]
