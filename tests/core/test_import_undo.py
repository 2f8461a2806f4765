"""An import is one action in the importer's log: `hashiya undo` takes it back, unless someone annotated it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.cli import main
from annotator.errors import HashiyaError
from annotator.importing import import_paths
from annotator.model import IMPORT_LOG, DocStatus, IncomingDocument, NewSpan
from annotator.store import Project

pytestmark = pytest.mark.both_backends  # tests taking a project run on SQLite and on a PostgreSQL server

ROOT_SEED = Path(__file__).resolve().parents[2] / "seeds"
ARTICLES = {
    "a.txt": "زار بوتين موسكو أمس.",
    "b.txt": "وصل الوفد إلى القاهرة.",
    "c.txt": "قال المتحدث إن الاجتماع انتهى.",
}


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    path = tmp_path / "P.db"
    assert main(["init", str(path)]) == 0
    return path


def _snapshot(path: Path) -> tuple:
    """What a user can see of a project: documents (id, name, text), spans, statuses, annotators."""
    with Project.open(path) as project:
        docs = tuple((d.id, d.name, project.document(d.id).text) for d in project.documents())
        spans = tuple(sorted((s.id, s.document_id, s.start, s.end, s.label) for d in docs for s in project.spans(d[0])))
        people = tuple(a.name for a in project.annotators())
        statuses = tuple((d[0], a, project.status(d[0], a).value) for d in docs for a in people)
        return docs, spans, statuses, people


def test_cli_import_then_undo_leaves_the_project_as_before(project_file, articles, capsys) -> None:
    assert main(["import", str(project_file), str(ROOT_SEED)]) == 0
    before = _snapshot(project_file)
    assert main(["import", str(project_file), str(articles)]) == 0
    imported = _snapshot(project_file)
    assert len(imported[0]) == len(before[0]) + 3
    capsys.readouterr()

    assert main(["undo", str(project_file)]) == 0
    assert "undone: import (3 documents)" in capsys.readouterr().out
    assert _snapshot(project_file) == before  # the seed stays: only the last import went

    assert main(["redo", str(project_file)]) == 0
    assert "redone: import (3 documents)" in capsys.readouterr().out
    assert _snapshot(project_file) == imported  # same ids, names and texts

    assert main(["undo", str(project_file)]) == 0
    assert main(["undo", str(project_file)]) == 0  # the seed import too
    assert _snapshot(project_file)[0] == ()
    assert main(["undo", str(project_file)]) == 0
    assert "nothing to undo in the import log" in capsys.readouterr().out


def test_import_log_is_not_an_annotator(project_file, articles) -> None:
    assert main(["import", str(project_file), str(articles)]) == 0
    with Project.open(project_file) as project:
        assert project.annotators() == []
        assert project.stats()["spans"] == {}


def test_undo_after_someone_annotated_is_refused_and_removes_nothing(project_file, articles, capsys) -> None:
    assert main(["import", str(project_file), str(articles)]) == 0
    with Project.open(project_file) as project:
        doc = next(d for d in project.documents() if d.name == "b")
        project.add_span(doc.id, "layla", 10, 17, "GPE")
    imported = _snapshot(project_file)
    capsys.readouterr()

    assert main(["undo", str(project_file)]) == 1
    error = capsys.readouterr().err.strip()
    assert error == "hashiya: error: cannot undo the import of 3 documents: layla has annotated «b» since"
    assert _snapshot(project_file) == imported


def test_annotated_import_is_undone_in_the_annotators_log(project_file, tmp_path, capsys) -> None:
    conll = tmp_path / "news.conll"
    conll.write_text("زار\tO\nبوتين\tB-PERS\nموسكو\tB-GPE\n", encoding="utf-8")
    before = _snapshot(project_file)
    assert main(["import", str(project_file), str(conll), "--annotator", "mona"]) == 0
    assert main(["undo", str(project_file)]) == 0  # not in the plain import log
    assert "nothing to undo" in capsys.readouterr().out
    assert main(["undo", str(project_file), "--annotator", "mona"]) == 0
    assert "undone: import (1 document)" in capsys.readouterr().out
    after = _snapshot(project_file)
    assert after[:3] == before[:3] and after[3] == ("mona",)  # mona stays known, with nothing


def test_attached_annotations_are_removed_and_status_restored(new_project) -> None:
    """Same text imported again with annotations: undo removes only what that import attached."""
    project = new_project()
    text = ARTICLES["a.txt"]
    doc = project.add_documents([IncomingDocument("a", text, "a.txt")])[0][0].document_id
    project.add_span(doc, "mona", 4, 9, "PERS")
    attached = IncomingDocument("a", text, "a2.jsonl", spans=(NewSpan(10, 15, "GPE"),))
    project.add_documents([attached], "mona", DocStatus.DONE)
    assert project.status(doc, "mona") == DocStatus.DONE

    change = project.undo("mona")
    assert change.documents_removed == () and [s.label for s in change.spans_removed] == ["GPE"]
    assert [s.label for s in project.spans(doc, "mona")] == ["PERS"]
    assert project.status(doc, "mona") == DocStatus.IN_PROGRESS
    project.redo("mona")
    assert sorted(s.label for s in project.spans(doc, "mona")) == ["GPE", "PERS"]
    assert project.status(doc, "mona") == DocStatus.DONE


def test_a_status_set_by_someone_else_also_blocks_the_undo(project_file, articles) -> None:
    with Project.open(project_file) as project:
        import_paths(project, [articles])
        doc = project.documents()[0]
        project.set_status(doc.id, "omar", DocStatus.DONE)
        with pytest.raises(HashiyaError, match="omar has annotated «a» since"):
            project.undo("(import)")
        assert len(project.documents()) == 3


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(["import", "undo", "redo"]), max_size=8))
def test_import_undo_redo_sequences_restore_each_state(steps: list[str]) -> None:
    """Whatever the sequence, an undo returns to the state before that step and a redo to the one after."""
    project = Project.memory()
    history: list[tuple] = [()]  # the states reached by imports, in order
    position = 0
    batch = 0
    for step in steps:
        if step == "import":
            batch += 1
            docs = [IncomingDocument(f"n{batch}-{i}", f"خبر رقم {batch} {i}.", f"{batch}-{i}.txt") for i in range(2)]
            project.add_documents(docs)
            position += 1
            history[position:] = [_state(project)]
        elif step == "undo" and not project.undo("(import)").empty:
            position -= 1
        elif step == "redo" and not project.redo("(import)").empty:
            position += 1
        assert _state(project) == history[position]


def _state(project: Project) -> tuple:
    return tuple((d.id, d.name, project.document(d.id).text) for d in project.documents())


def test_the_import_log_name_is_reserved(project):
    """A person called «(import)» would share the log of anonymous imports and could undo them."""
    with pytest.raises(HashiyaError, match="reserved"):
        project.ensure_annotator(IMPORT_LOG)
    assert IMPORT_LOG not in [a.name for a in project.annotators()]
