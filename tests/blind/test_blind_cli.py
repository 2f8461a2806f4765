"""``hashiya preannotate`` and ``train`` work for one annotator: what they learn and print is theirs."""

from __future__ import annotations

import json

import pytest

from annotator.cli import main
from annotator.model import DocStatus
from annotator.store import Project

DOC1 = "التقى الرئيس حسني مبارك وفدا من مصر وإسرائيل في القاهرة ."
DOC2 = "أعلن حسني مبارك في القاهرة أن العلاقات بين مصر وإسرائيل مستقرة ."
WORK = {"alice": [("حسني مبارك", "PERS"), ("وإسرائيل", "GPE")], "bob": [("مبارك", "PERS")]}


@pytest.fixture
def path(tmp_path, monkeypatch):
    """Two articles; alice and bob each finished the first one (their own layers)."""
    monkeypatch.setenv("CAMELTOOLS_DATA", str(tmp_path / "no_camel_data"))
    path = tmp_path / "p.hashiya"
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "1.txt").write_text(DOC1, encoding="utf-8")
    (folder / "2.txt").write_text(DOC2, encoding="utf-8")
    assert main(["init", str(path)]) == 0 and main(["import", str(path), str(folder), "--no-suggest"]) == 0
    with Project.open(path) as project:
        first = project.documents()[0].id
        for who, spans in WORK.items():
            for text, label in spans:
                start = DOC1.index(text)
                project.add_span(first, who, start, start + len(text), label)
            project.set_status(first, who, DocStatus.DONE)
    return path


def printed(capsys, *argv: str) -> set[tuple[str, str]]:
    capsys.readouterr()
    assert main(["preannotate", *argv, "--recommender", "strings", "--json"]) == 0
    return {(row["text"], row["label"]) for row in json.loads(capsys.readouterr().out)}


def test_preannotate_for_bob_learns_and_prints_nothing_of_alices(path, capsys):
    assert printed(capsys, str(path), "--annotator", "bob") == {("مبارك", "PERS")}
    assert printed(capsys, str(path), "--annotator", "alice") >= set(WORK["alice"])
    with Project.open(path) as project:  # what bob's window lists now, before he runs anything again
        for info in project.documents():
            text = project.document(info.id).text
            his = project.suggestions(info.id, "bob", include_decided=True)
            listed = {(text[s.start : s.end], s.label) for s in his}
            assert not listed & set(WORK["alice"]), info.name
    assert printed(capsys, str(path), "--annotator", "bob") == {("مبارك", "PERS")}  # alice's run did not reach him
    assert printed(capsys, str(path)) == set()  # two annotators, none named: everyone, who has no curated gold


def test_an_unknown_annotator_is_a_clear_error(path, capsys):
    assert main(["preannotate", str(path), "--annotator", "bbo"]) == 1
    err = capsys.readouterr().err
    assert "no annotator called 'bbo'" in err and "alice, bob" in err


def test_train_keeps_the_model_for_the_annotator_it_learnt_from(path, capsys):
    capsys.readouterr()
    assert main(["train", str(path), "--annotator", "bob", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["labels"] == ["PERS"]
    with Project.open(path) as project:
        assert project.load_model("crf@bob")[1]["trained_for"] == "bob"
        assert project.load_model("crf@alice") is None and project.load_model("crf") is None
    assert main(["train", str(path)]) == 1  # for everyone there is no curated gold to learn from
    assert "curated" in capsys.readouterr().err


def test_export_preannotate_and_train_pick_the_same_default_annotator(tmp_path, monkeypatch, capsys):
    """One annotator plus the curator's gold: every command works on that annotator by default."""
    monkeypatch.setenv("CAMELTOOLS_DATA", str(tmp_path / "no_camel_data"))
    path = tmp_path / "one.hashiya"
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "1.txt").write_text(DOC1, encoding="utf-8")
    assert main(["init", str(path)]) == 0 and main(["import", str(path), str(folder)]) == 0
    with Project.open(path) as project:
        first = project.documents()[0].id
        start = DOC1.index("مبارك")
        project.add_span(first, "bob", start, start + len("مبارك"), "PERS")
        project.set_status(first, "bob", DocStatus.DONE)
        project.ensure_annotator("gold")  # the curator has opened the project: gold is not a second annotator
    out = tmp_path / "default.jsonl"
    capsys.readouterr()
    assert main(["export", str(path), "--format", "jsonl", "--out", str(out)]) == 0, capsys.readouterr().err
    assert {json.loads(line)["annotator"] for line in out.read_text(encoding="utf-8").splitlines()} == {"bob"}
    assert main(["preannotate", str(path), "--recommender", "strings"]) == 0
    assert "for bob" in capsys.readouterr().out
