"""Blind annotation held by the server (issue 17): roles and row-level security, through plain SQL
and through Hashiya. The owner (the test cluster's superuser here) sets the project up; layla and
omar annotate; nadia curates."""

from __future__ import annotations

import psycopg
import pytest

from annotator.cli import main
from annotator.errors import ProjectError
from annotator.model import GOLD, DocStatus, IncomingDocument
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
                "INSERT INTO spans (id, document_id, annotator_id, start, \"end\", label, origin, created_at) "
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
