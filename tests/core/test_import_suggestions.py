"""Pre-highlighting on by default (issue 13): ``hashiya import`` and the sample project pre-annotate
what they add; ``--no-suggest`` and the project's setting turn it off; camel-tools stays out."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.importing import (
    CAMEL_AFTER_IMPORT,
    recommenders_after_import,
    set_suggests_after_import,
    suggests_after_import,
)
from annotator.recommenders.registry import RecommenderSettings
from annotator.sample import ensure_sample_project
from annotator.store import Project

ROOT = Path(__file__).resolve().parents[2]
NEWS = {"moscow": "زار الرئيس فلاديمير بوتين موسكو ثم سافر إلى القاهرة.", "kyiv": "وصل الوفد الروسي إلى كييف أمس."}


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("CAMELTOOLS_DATA", str(tmp_path / "no_camel_data"))  # no camel model here
    path = tmp_path / "P.db"
    assert main(["init", str(path)]) == 0
    return path


@pytest.fixture
def articles(tmp_path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in NEWS.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def suggested(path: Path) -> dict[str, set[tuple[str, str]]]:
    """Each document's pending suggestions as (text, label), by document name."""
    with Project.open(path) as project:
        out = {}
        for info in project.documents():
            text = project.document(info.id).text
            out[info.name] = {(s.text_in(text), s.label) for s in project.suggestions(info.id)}
        return out


def fake_camel_model(folder: Path) -> Path:
    """Files that make camel-tools' NER model count as installed (never loaded here)."""
    folder.mkdir(parents=True)
    (folder / "config.json").write_text(json.dumps({"id2label": {"0": "O", "1": "B-PERS"}}), encoding="utf-8")
    (folder / "vocab.txt").write_text("[PAD]\n", encoding="utf-8")
    (folder / "model.safetensors").write_bytes(b"")
    return folder


def test_import_pre_annotates_what_it_added_and_says_so_in_one_line(project, articles, capsys):
    capsys.readouterr()
    assert main(["import", str(project), str(articles)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "2 document(s) added, 0 already present"
    (line,) = [row for row in out if row.startswith("suggested ")]
    assert line.startswith("suggested entities in 2 document(s): gazetteer ") and "crf " in line
    assert "camel" not in line
    listed = line.split(": ", 1)[1].split(" (")[0]  # "gazetteer 3, strings 0, crf 4"
    counts = {name: int(n) for name, n in (part.rsplit(" ", 1) for part in listed.split(", ")) if int(n)}
    with Project.open(project) as p:  # what the line counts is what was stored, per recommender
        stored = Counter(source for info in p.documents() for s in p.suggestions(info.id) for source in s.sources)
    assert counts == dict(stored)
    found = suggested(project)
    assert ("موسكو", "GPE") in found["moscow"] and ("القاهرة", "GPE") in found["moscow"]
    assert ("كييف", "GPE") in found["kyiv"]


def test_no_suggest_imports_without_suggestions(project, articles, capsys):
    assert main(["import", str(project), str(articles), "--no-suggest"]) == 0
    assert "suggested" not in capsys.readouterr().out
    assert suggested(project) == {"moscow": set(), "kyiv": set()}


def test_only_the_documents_an_import_added_are_pre_annotated(project, articles, tmp_path):
    assert main(["import", str(project), str(articles), "--no-suggest"]) == 0
    later = tmp_path / "later.txt"
    later.write_text("عاد الوفد من بيروت.", encoding="utf-8")
    assert main(["import", str(project), str(later)]) == 0
    found = suggested(project)
    assert found["moscow"] == found["kyiv"] == set()
    assert ("بيروت", "GPE") in found["later"]


def test_the_projects_setting_turns_it_off_and_no_suggest_wins_over_it(project, articles, tmp_path, capsys):
    with Project.open(project) as p:
        assert suggests_after_import(p)
        p.set_recommender_settings({"label_maps": {"camel": {"LOC": "LOC"}}})
        set_suggests_after_import(p, False)
        assert not suggests_after_import(p)
        assert p.recommender_settings()["label_maps"] == {"camel": {"LOC": "LOC"}}, "other settings are kept"
    capsys.readouterr()
    assert main(["import", str(project), str(articles)]) == 0
    assert "suggested" not in capsys.readouterr().out
    assert suggested(project) == {"moscow": set(), "kyiv": set()}

    with Project.open(project) as p:
        set_suggests_after_import(p, True)
    later = tmp_path / "later.txt"
    later.write_text("عاد الوفد من بيروت.", encoding="utf-8")
    assert main(["import", str(project), str(later), "--no-suggest"]) == 0
    assert suggested(project)["later"] == set()


def test_camel_joins_the_import_only_when_the_project_asks(project, tmp_path):
    model = fake_camel_model(tmp_path / "camel-model")
    settings = RecommenderSettings(camel_model_dir=str(model))
    with Project.open(project) as p:
        assert recommenders_after_import(p, RecommenderSettings()) == ["default"]  # not installed: default is offline
        assert "camel" not in recommenders_after_import(p, settings)
        assert {"gazetteer", "crf"} <= set(recommenders_after_import(p, settings))
        p.set_recommender_settings({CAMEL_AFTER_IMPORT: True})
        assert recommenders_after_import(p, settings) == ["default"]


def test_the_sample_project_opens_with_pending_suggestions(tmp_path):
    path = ensure_sample_project(tmp_path / "sample.hashiya")
    with Project.open(path) as project:
        (info,) = project.documents()
        text = project.document(info.id).text
        pending = project.suggestions(info.id, "someone new")  # a first-time annotator sees them
        assert len(pending) > 20
        shown = {(s.text_in(text), s.label) for s in pending}
    assert {("موسكو", "GPE"), ("فلاديمير بوتين", "PERS")} <= shown
