"""The command line as a user runs it: exit codes, one-line errors, the acceptance scenario."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from camel_tools.tokenizers.word import simple_word_tokenize

from annotator.cli import main

ROOT = Path(__file__).resolve().parents[2]


def hashiya(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed console script in a fresh process (no window)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    exe = Path(sys.executable).with_name("hashiya")
    return subprocess.run([str(exe), *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=120)


def test_init_import_stats_acceptance(tmp_path, seed_text):
    project = tmp_path / "P.db"
    assert hashiya("init", str(project)).returncode == 0
    imported = hashiya("import", str(project), str(ROOT / "seeds"))
    assert imported.returncode == 0, imported.stderr
    assert "1 document(s) added" in imported.stdout
    stats = hashiya("stats", str(project), "--json")
    assert stats.returncode == 0
    data = json.loads(stats.stdout)
    assert data["documents"] == 1
    assert data["tokens"] == len(simple_word_tokenize(seed_text)) == 483


def test_invalid_utf8_exits_1_with_one_line_and_stats_unchanged(tmp_path, capsys):
    project = str(tmp_path / "P.db")
    assert main(["init", project]) == 0
    assert main(["import", project, str(ROOT / "seeds")]) == 0
    main(["stats", project, "--json"])
    capsys.readouterr()
    bad = tmp_path / "bad.txt"
    bad.write_bytes("خبر".encode() + b"\xc3\x28 \xff")
    assert main(["import", project, str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad.txt:1: not valid UTF-8" in err and "Traceback" not in err
    main(["stats", project, "--json"])
    assert json.loads(capsys.readouterr().out)["documents"] == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["stats", "{tmp}/missing.db"], "no such project file"),
        (["init", "{tmp}/no/such/folder/p.db"], "folder does not exist"),
        (["init", "{tmp}/p.db", "--schema", "{tmp}/missing.toml"], "cannot read schema file"),
        (["import", "{tmp}/p.db", "x.txt", "--format", "pdf"], "invalid choice"),
        (["bogus"], "invalid choice"),
    ],
)
def test_user_errors_are_one_line(tmp_path, capsys, args, message):
    assert main([a.format(tmp=tmp_path) for a in args]) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_not_a_project_is_refused_without_writing(tmp_path, capsys):
    path = tmp_path / "notes.db"
    path.write_bytes(b"just some notes, not a database" * 10)
    assert main(["stats", str(path)]) == 1
    assert "not a Hashiya project" in capsys.readouterr().err
    assert path.read_bytes() == b"just some notes, not a database" * 10


def test_docs_lists_documents(tmp_path, capsys):
    project = str(tmp_path / "P.db")
    main(["init", project])
    main(["import", project, str(ROOT / "seeds")])
    capsys.readouterr()
    assert main(["docs", project, "--json"]) == 0
    (doc,) = json.loads(capsys.readouterr().out)
    assert (doc["name"], doc["characters"], doc["tokens"]) == ("000_b72378a2988bda73", 2641, 483)


def test_open_without_a_window_prints_the_sample_projects_stats(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("annotator.cli.window.default_project", lambda: _sample(tmp_path))
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "documents  1" in out and "tokens     483" in out


def _sample(tmp_path):
    from annotator.sample import ensure_sample_project

    return ensure_sample_project(tmp_path / "sample.hashiya")


def test_command_table_names_the_module_that_registers_each_command() -> None:
    """``hashiya CMD`` imports only ``COMMANDS[CMD]``: the table must say where every command lives."""
    import argparse
    from importlib import import_module

    from annotator import cli

    registered: dict[str, str] = {}
    for name in cli.command_modules():
        sub = argparse.ArgumentParser().add_subparsers()
        import_module(f"annotator.cli.{name}").register(sub)
        registered.update(dict.fromkeys(sub.choices, name))
    assert registered == cli.COMMANDS


def test_open_imports_only_its_own_command_module() -> None:
    """A cold ``hashiya open`` must not load the exporters, merge or the recommenders' registry."""
    import subprocess
    import sys

    code = (
        "import sys; from annotator.cli import build_parser; build_parser('open'); "
        "print(','.join(sorted(m for m in sys.modules if m.startswith('annotator.cli.'))))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "annotator.cli.window"
