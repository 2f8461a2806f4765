"""Hostile input: each generated file imports with exact offsets, or fails clearly and changes nothing.

The cases are the table in ``hostile_cases.py``. For a failing case the API raises
:class:`~annotator.errors.InputError` naming the file (and line), the CLI prints one line and
exits 1, and the project file (and any -wal) is byte-for-byte what it was. For a case that
imports, the stored text is exactly the expected text and every token offset slices it exactly.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hostile_cases import CASES, Case, Fails, Ok
from projectfiles import assert_offsets_slice_exactly, describe_change, snapshot

from annotator.cli import main as cli_main
from annotator.errors import InputError
from annotator.formats import READERS, ReadOptions
from annotator.importing import import_paths
from annotator.model import IncomingDocument
from annotator.store import Project


def _params(kind: type) -> list:
    out = []
    for case in CASES:
        if not isinstance(case.expect, kind):
            continue
        marks = []  # a case never skips: its format must have a reader (test_every_case_has_a_reader)
        if case.xfail:
            marks.append(pytest.mark.xfail(strict=True, reason=case.xfail))
        out.append(pytest.param(case, id=case.id, marks=marks))
    return out


def test_every_case_has_a_reader() -> None:
    assert sorted({case.format for case in CASES} - set(READERS)) == []


@pytest.fixture(scope="module")
def template(tmp_path_factory, seed_text) -> Path:
    """A project holding one document, copied for each case."""
    path = tmp_path_factory.mktemp("template") / "project.hashiya"
    with Project.create(path) as project:
        project.add_documents([IncomingDocument("seed", seed_text, "seed.txt")])
    return path


@pytest.fixture
def workspace(template, tmp_path) -> tuple[Path, Path]:
    db = tmp_path / "project.hashiya"
    shutil.copyfile(template, db)
    inputs = tmp_path / "in"
    inputs.mkdir()
    return db, inputs


def _import(db: Path, source: Path, case: Case):
    with Project.open(db) as project:
        return import_paths(
            project,
            [source],
            case.format,
            options=ReadOptions(**case.options),
            annotator=case.annotator,
            add_labels=case.add_labels,
        )


def _cli_argv(db: Path, source: Path, case: Case) -> list[str]:
    argv = ["import", str(db), str(source), "--format", case.format]
    if "encoding" in case.options:
        argv += ["--encoding", case.options["encoding"]]
    if "scheme" in case.options:
        argv += ["--scheme", case.options["scheme"]]
    if case.annotator:
        argv += ["--annotator", case.annotator]
    return argv + (["--add-labels"] if case.add_labels else [])


@pytest.mark.parametrize("case", _params(Fails))
def test_bad_input_fails_clearly_and_changes_nothing(case: Case, workspace, capsys):
    db, inputs = workspace
    source = case.write(inputs)
    expect: Fails = case.expect
    named = inputs / expect.file if expect.file else source
    before = snapshot(db)

    with pytest.raises(InputError) as raised:
        _import(db, source, case)
    error = raised.value
    assert Path(error.path) == named, f"the message names {error.path}, not the bad file"
    assert re.search(expect.message, error.reason), f"unclear message: {error.reason!r}"
    if expect.line is not ...:
        assert error.line == expect.line, f"{error} — expected line {expect.line}"
    where = f"{named}:{error.line}" if error.line is not None else str(named)
    assert str(error).startswith(where)
    assert snapshot(db) == before, describe_change(before, snapshot(db))

    assert cli_main(_cli_argv(db, source, case)) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"hashiya: error: {where}: "), err
    assert snapshot(db) == before, describe_change(before, snapshot(db))


@pytest.mark.parametrize("case", _params(Ok))
def test_good_input_imports_with_exact_offsets(case: Case, workspace):
    db, inputs = workspace
    source = case.write(inputs)
    expect: Ok = case.expect
    report = _import(db, source, case)
    assert report.count("added") == len(expect.texts)
    notes = [note for outcome in report.outcomes for note in outcome.notes] + report.notes
    for wanted in expect.notes:
        assert any(wanted in note for note in notes), f"no import note mentions {wanted!r}: {notes}"

    with Project.open(db) as project:
        documents = project.documents()[1:]  # after the template's document
        assert [project.document(d.id).text for d in documents] == list(expect.texts)
        if expect.names:
            assert [d.name for d in documents] == list(expect.names)
        if expect.spans:
            found = [
                (project.document(d.id).text[s.start : s.end], s.label)
                for d in documents
                for s in project.spans(d.id, case.annotator)
            ]
            assert sorted(found) == sorted(expect.spans)
        if expect.relations:
            found = []
            for d in documents:
                text = project.document(d.id).text
                by_id = {s.id: text[s.start : s.end] for s in project.spans(d.id, case.annotator)}
                found += [
                    (by_id[r.head_id], by_id[r.tail_id], r.label) for r in project.relations(d.id, case.annotator)
                ]
            assert sorted(found) == sorted(expect.relations)
        for info in documents:
            text = project.document(info.id).text
            assert info.length == len(text)
            assert_offsets_slice_exactly(text, project.token_offsets(info.id))
            sentences = project.sentences(info.id)
            assert sentences[0].token_start == 0 and sentences[-1].token_end == len(project.token_offsets(info.id))
            start, end = project.token_offsets(info.id)[-1]
            change = project.add_span(info.id, "tester", start, end, "MISC")
            assert change.spans_added[0].text_in(project.document(info.id).text) == text[start:end]
