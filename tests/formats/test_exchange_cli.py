"""``hashiya import`` of annotation formats and ``hashiya export``, as a user types them."""

from __future__ import annotations

import json

import pytest

from annotator.cli import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def conll_project(tmp_path, capsys):
    project = tmp_path / "p.db"
    source = tmp_path / "news.conll"
    source.write_text("زار B-PERS\nبوتين I-PERS\nموسكو B-GPE\n\nالناتو B-ORG\nقال I-ORG\nنعم O\n", encoding="utf-8")
    assert run(capsys, "init", str(project))[0] == 0
    code, out, err = run(capsys, "import", str(project), str(source), "--annotator", "mona")
    assert code == 0, err
    assert "1 document(s) added" in out and "3 span(s)" in out and "tagging scheme IOB2 (detected)" in out
    return project, source


def test_export_conll_prints_what_it_wrote(conll_project, tmp_path, capsys):
    project, _ = conll_project
    out_file = tmp_path / "out.conll"
    code, out, _ = run(capsys, "export", str(project), "--format", "conll", "--out", str(out_file), "--scheme", "bioes")
    assert code == 0
    assert out.splitlines()[:2] == [
        f"exported 1 document(s) of mona as conll to {out_file}",
        "3 span(s), 6 token(s) in 2 sentence(s)",
    ]
    assert out_file.read_text(encoding="utf-8") == (
        "زار\tB-PERS\nبوتين\tE-PERS\nموسكو\tS-GPE\n\nالناتو\tB-ORG\nقال\tE-ORG\nنعم\tO\n\n"
    )


def test_export_every_format_from_the_command_line(conll_project, tmp_path, capsys):
    project, _ = conll_project
    for fmt, target in (
        ("jsonl", "o.jsonl"),
        ("brat", "brat"),
        ("hf", "hf"),
        ("doccano", "d.jsonl"),
        ("label-studio", "ls.json"),
        ("prodigy", "p.jsonl"),
    ):
        code, out, err = run(capsys, "export", str(project), "--format", fmt, "--out", str(tmp_path / target))
        assert code == 0, err
        assert "3 span(s)" in out
    line = json.loads((tmp_path / "o.jsonl").read_text(encoding="utf-8"))
    assert line["text"] == "زار بوتين موسكو\nالناتو قال نعم"
    assert (tmp_path / "brat" / "news.ann").is_file() and (tmp_path / "hf" / "labels.json").is_file()


def test_reimporting_an_export_attaches_to_the_same_document(conll_project, tmp_path, capsys):
    project, _ = conll_project
    out_file = tmp_path / "o.jsonl"
    run(capsys, "export", str(project), "--format", "jsonl", "--out", str(out_file))
    code, out, _ = run(capsys, "import", str(project), str(out_file), "--annotator", "omar", "--status", "in-progress")
    assert code == 0
    assert "0 document(s) added, 0 already present, 1 with annotations attached; 3 span(s)" in out
    code, out, _ = run(capsys, "stats", str(project), "--json")
    stats = json.loads(out)
    assert stats["documents"] == 1 and stats["spans"]["omar"] == {"GPE": 1, "ORG": 1, "PERS": 1}
    assert stats["status"]["omar"] == {"in_progress": 1}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--annotator", "nobody"], "no annotator called 'nobody' in this project (annotators: mona)"),
        (["--gold"], "this project has no gold layer yet"),
        (["--annotator", "mona", "--gold"], "not allowed with argument"),
        (["--scheme", "iobes"], "invalid choice: 'iobes'"),
    ],
)
def test_export_mistakes_are_one_line_errors(conll_project, tmp_path, capsys, args, message):
    project, _ = conll_project
    code, out, err = run(capsys, "export", str(project), "--format", "conll", "--out", str(tmp_path / "x"), *args)
    assert code == 1 and out == ""
    assert message in err and err.count("\n") == 1
    assert not (tmp_path / "x").exists()


def test_import_of_a_bad_annotation_file_names_the_line_and_changes_nothing(tmp_path, capsys):
    project = tmp_path / "p.db"
    run(capsys, "init", str(project))
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "نص", "label": [[0, 2, "GPE"]]}\n{"text": "نص", "label": [[0, 9, "GPE"]]}\n')
    code, _, err = run(capsys, "import", str(project), str(bad), "--format", "doccano", "--annotator", "a")
    assert code == 1 and "bad.jsonl:2: entity [0, 9) is not inside the text" in err
    code, out, _ = run(capsys, "stats", str(project), "--json")
    assert json.loads(out)["documents"] == 0


def test_documents_without_entities_in_an_annotated_file_are_done_too(tmp_path, capsys):
    project = tmp_path / "p.db"
    source = tmp_path / "two.conll"
    source.write_text("-DOCSTART- O\n\nزار B-PERS\n\n-DOCSTART- O\n\nلا O\nشيء O\n", encoding="utf-8")
    run(capsys, "init", str(project))
    assert run(capsys, "import", str(project), str(source), "--annotator", "mona")[0] == 0
    out = tmp_path / "o.conll"
    code, printed, _ = run(capsys, "export", str(project), "--format", "conll", "--out", str(out), "--docstart")
    assert code == 0 and printed.startswith("exported 2 document(s)")
    assert out.read_text(encoding="utf-8") == source.read_text(encoding="utf-8").replace(" ", "\t") + "\n"
