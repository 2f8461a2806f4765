"""``hashiya preannotate``, ``evaluate`` and ``train`` as users run them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.model import DocStatus
from annotator.store import Project

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def sample(tmp_path, monkeypatch):
    monkeypatch.setenv("CAMELTOOLS_DATA", str(tmp_path / "no_camel_data"))  # no camel model here
    path = tmp_path / "sample.hashiya"
    assert main(["init", str(path)]) == 0
    assert main(["import", str(path), str(ROOT / "seeds"), "--no-suggest"]) == 0  # these tests run preannotate
    return path


def test_preannotate_suggests_places_and_people_of_the_sample_with_exact_offsets(sample, capsys):
    capsys.readouterr()
    assert main(["preannotate", str(sample), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    with Project.open(sample) as project:
        (doc,) = project.documents()
        text = project.document(doc.id).text
    for row in rows:
        assert set(row) >= {"document", "start", "end", "label", "text", "source", "score"}
        assert text[row["start"] : row["end"]] == row["text"]
        assert row["document"] == doc.name and 0 <= row["score"] <= 1
    labels = {}
    for row in rows:
        labels.setdefault(row["text"], set()).add(row["label"])
    for place in ("أوكرانيا", "موسكو", "روسيا", "كييف"):
        assert "GPE" in labels[place], place
    people = {text for text, found in labels.items() if "PERS" in found}
    assert {"فلاديمير بوتين", "دونالد ترامب"} <= people
    assert {row["source"] for row in rows} <= {"gazetteer", "crf"}  # strings: nothing tagged yet


def test_preannotate_prints_a_summary_and_stores_the_suggestions(sample, capsys):
    capsys.readouterr()
    assert main(["preannotate", str(sample), "--recommender", "gazetteer"]) == 0
    out = capsys.readouterr().out
    assert "pre-annotated 1 document(s)" in out and "gazetteer:" in out and "crf:" not in out
    with Project.open(sample) as project:
        (doc,) = project.documents()
        assert {s.sources for s in project.suggestions(doc.id)} == {("gazetteer",)}


def test_camel_without_its_model_is_a_clear_error(sample, capsys):
    assert main(["preannotate", str(sample), "--recommender", "camel"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("hashiya: error: camel-tools NER is not available") and "camel_data -i ner-arabert" in err
    assert len(err.strip().splitlines()) == 1


def test_label_mapping_option(sample, capsys):
    capsys.readouterr()
    assert main(["preannotate", str(sample), "--recommender", "crf", "--map", "crf:PERS=", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and "PERS" not in {row["label"] for row in rows}
    assert main(["preannotate", str(sample), "--map", "nonsense"]) == 1


GOLD = """روسيا B-LOC
و O
موسكو B-LOC
مع O
بوتين B-PER
. O

وموسكو B-LOC
بعيدة O
عن O
الكرملين B-ORG
. O
"""


def test_evaluate_prints_precision_recall_f1_per_label(tmp_path, capsys):
    gold = tmp_path / "gold.conll"
    gold.write_text(GOLD, encoding="utf-8")
    assert main(["evaluate", "--recommender", "gazetteer", "--conll", str(gold), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    # gazetteer: روسيا, موسكو (GPE → LOC: the gold has no GPE), موسكو inside «وموسكو», الكرملين
    assert result["per_label"]["LOC"] == {
        "precision": 0.6667,
        "recall": 0.6667,
        "f1": 0.6667,
        "gold": 3,
        "predicted": 3,
        "correct": 2,
    }
    assert result["per_label"]["ORG"]["f1"] == 1.0 and result["per_label"]["PERS"]["recall"] == 0.0
    assert result["micro"]["correct"] == 3 and result["micro"]["gold"] == 5

    assert main(["evaluate", "--recommender", "gazetteer", "--conll", str(gold), "--boundaries", "tokens"]) == 0
    out = capsys.readouterr().out
    assert "LOC       1.000  1.000  1.000      3      3" in out


def test_evaluate_strings_needs_a_project(tmp_path, capsys):
    gold = tmp_path / "gold.conll"
    gold.write_text(GOLD, encoding="utf-8")
    assert main(["evaluate", "--recommender", "strings", "--conll", str(gold)]) == 1
    assert "--project" in capsys.readouterr().err


def test_train_learns_from_done_documents_and_reports_cross_validation(tmp_path, capsys):
    path = tmp_path / "p.hashiya"
    main(["init", str(path)])
    texts = [f"قال الرئيس {p} في {g} اليوم ." for p, g in (("سمير حداد", "طرطوس"), ("ليلى منصور", "صفاقس"))] * 2
    folder = tmp_path / "docs"
    folder.mkdir()
    for i, text in enumerate(texts):
        (folder / f"{i}.txt").write_text(text + f" {i}", encoding="utf-8")
    main(["import", str(path), str(folder)])
    with Project.open(path) as project:
        for info in project.documents():
            text = project.document(info.id).text
            for name, label in (("سمير حداد", "PERS"), ("ليلى منصور", "PERS"), ("طرطوس", "GPE"), ("صفاقس", "GPE")):
                if name in text:
                    start = text.index(name)
                    project.add_span(info.id, "alice", start, start + len(name), label)
            project.set_status(info.id, "alice", DocStatus.DONE)
    capsys.readouterr()
    assert main(["train", str(path), "--folds", "2", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["documents"] == 4 and summary["labels"] == ["GPE", "PERS"]
    assert set(summary["cross_validation"]["per_label"]) == {"GPE", "PERS"}
    with Project.open(path) as project:
        stored = project.load_model("crf@alice")  # the only annotator's: blind, it suggests to alice alone
        assert stored is not None and stored[1]["trained_on"] == "project" and stored[1]["trained_for"] == "alice"
        assert project.load_model("crf") is None  # nothing was trained for everyone (no curated gold)
