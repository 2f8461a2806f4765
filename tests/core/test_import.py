"""Importing articles: txt files, folders, JSONL; duplicates; bad input leaves the project as it was."""

from __future__ import annotations

import codecs
import json

import pytest

from annotator.errors import HashiyaError, InputError
from annotator.formats import ReadOptions
from annotator.importing import import_paths
from annotator.model import IncomingDocument
from annotator.store import Project
from annotator.tokens import token_offsets

pytestmark = pytest.mark.both_backends  # tests taking a project run on SQLite and on a PostgreSQL server


def state(project):
    """Everything a user could see in the project, for before/after comparisons."""
    return (
        [(d.id, d.name, d.length) for d in project.documents()],
        project.stats(),
        project.schema_version,
    )


def test_txt_file_import_keeps_offsets_exact(project, tmp_path):
    path = tmp_path / "خبر.txt"
    path.write_bytes(codecs.BOM_UTF8 + "سطر أول\r\nقال بوتين 👨\u200d👩\u200d👧 لموسكو".encode())
    report = import_paths(project, [path])
    (outcome,) = report.outcomes
    text = project.document(outcome.document_id).text
    assert text == "سطر أول\nقال بوتين 👨\u200d👩\u200d👧 لموسكو"
    assert outcome.name == "خبر" and outcome.result == "added"
    assert {"leading BOM removed", "1 CRLF line ending changed to LF"} <= set(outcome.notes)
    assert project.token_offsets(outcome.document_id) == token_offsets(text)
    assert any("CRLF" in line for line in report.summary_lines())


def test_folder_import_walks_sorted_and_names_by_relative_path(project, tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("نص ثان", encoding="utf-8")
    (tmp_path / "one.txt").write_text("نص أول", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("ignored", encoding="utf-8")
    import_paths(project, [tmp_path])
    assert [d.name for d in project.documents()] == ["b/two", "one"]


def test_windows_1256_file_and_explicit_encoding(project, tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("زار بوتين موسكو".encode("cp1256"))
    report = import_paths(project, [path])
    assert project.document(report.outcomes[0].document_id).text == "زار بوتين موسكو"
    latin = tmp_path / "latin.txt"
    latin.write_bytes("café".encode("latin-1"))
    import_paths(project, [latin], options=ReadOptions(encoding="latin-1"))
    assert project.document(project.documents()[1].id).text == "café"


def test_same_text_is_reported_not_duplicated(project, tmp_path):
    (tmp_path / "a.txt").write_text("نص واحد", encoding="utf-8")
    (tmp_path / "copy.txt").write_text("نص واحد", encoding="utf-8")
    report = import_paths(project, [tmp_path])
    assert [o.result for o in report.outcomes] == ["added", "duplicate"]
    assert report.outcomes[0].document_id == report.outcomes[1].document_id
    assert project.document_count() == 1
    assert "1 document(s) added, 1 already present" in report.summary_lines()[0]
    again = import_paths(project, [tmp_path / "a.txt"])
    assert again.count("duplicate") == 1 and project.document_count() == 1


def test_jsonl_articles(project, tmp_path):
    path = tmp_path / "articles.jsonl"
    lines = [
        {"text": "الخبر الأول", "id": 17, "name": "first", "meta": {"source": "wire"}},
        {"text": "الخبر الثاني\r\nسطر"},
        {"text": "الخبر الثالث", "id": "x-3"},
    ]
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n\n", encoding="utf-8")
    import_paths(project, [path])
    docs = project.documents()
    assert [d.name for d in docs] == ["first", "articles:2", "x-3"]
    first = project.document(docs[0].id)
    assert (first.external_id, first.meta) == ("17", {"source": "wire"})
    assert project.document(docs[1].id).text == "الخبر الثاني\nسطر"


BAD_JSONL = [
    ('{"text": "ok"}\n{"text": "cut', "articles.jsonl:2: not valid JSON"),
    ('{"text": "ok"}\n[1, 2]', "articles.jsonl:2: each line must be a JSON object, not list"),
    ('{"text": 5}', "articles.jsonl:1: 'text' must be a string, got int"),
    ('{"text": "ok", "meta": []}', "articles.jsonl:1: 'meta' must be an object, got list"),
    ('{"text": "ok", "id": true}', "articles.jsonl:1: 'id' must be a string or an integer, got bool"),
    ('{"text": "a\\u0000b"}', "articles.jsonl:1: contains a NUL character"),
    ('{"text": "   "}', "articles.jsonl:1: text is empty"),
    ('{"name": "no text"}', "articles.jsonl:1: 'text' must be a string, got NoneType"),
]


@pytest.mark.parametrize(("content", "message"), BAD_JSONL)
def test_malformed_jsonl_names_file_and_line_and_changes_nothing(project, tmp_path, content, message):
    (tmp_path / "good.txt").write_text("نص سليم", encoding="utf-8")
    import_paths(project, [tmp_path / "good.txt"])
    before = state(project)
    path = tmp_path / "articles.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        import_paths(project, [tmp_path / "good.txt", path])
    assert message in str(info.value)
    assert state(project) == before


BAD_FILES = {
    "invalid-utf8.txt": ("نص".encode() + b"\xff\xfe" * 3, "invalid-utf8.txt:1: not valid UTF-8"),
    "nul.txt": (b"abc\n\x00def", "nul.txt:2: contains NUL bytes"),
    "empty.txt": (b"", "empty.txt: file is empty"),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00", "binary.txt: this is a PNG image"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_in_a_batch_imports_nothing(project, tmp_path, name):
    data, message = BAD_FILES[name]
    (tmp_path / "a-good.txt").write_text("نص سليم", encoding="utf-8")
    (tmp_path / name).write_bytes(data)
    with pytest.raises(InputError) as info:
        import_paths(project, [tmp_path])
    assert message in str(info.value)
    assert project.document_count() == 0


def test_skip_bad_imports_the_rest_and_lists_the_bad(project, tmp_path):
    (tmp_path / "a.txt").write_text("نص سليم", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\xff\xfe\xfd")
    report = import_paths(project, [tmp_path], skip_bad=True)
    assert project.document_count() == 1
    assert len(report.failed) == 1 and "b.txt" in str(report.failed[0])
    assert any(line.startswith("skipped ") for line in report.summary_lines())


def test_oversized_file_is_refused(project, tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024 + 1)
    with pytest.raises(InputError, match="limit is 50 MB"):
        import_paths(project, [big])


def test_unknown_extension_and_missing_path(project, tmp_path):
    (tmp_path / "a.docx").write_bytes(b"x")
    with pytest.raises(InputError, match=r"unknown file type '\.docx'"):
        import_paths(project, [tmp_path / "a.docx"])
    with pytest.raises(InputError, match="no such file or folder"):
        import_paths(project, [tmp_path / "missing.txt"])
    with pytest.raises(HashiyaError, match="unknown format"):
        import_paths(project, [tmp_path], "pdf")


def test_aqmar_as_plain_text_imports(tmp_path, shared_data):
    """AQMAR's tokens joined by spaces, one document per 100 sentences."""
    sentences, current = [], []
    for line in (shared_data / "aqmar" / "AQMAR_Arabic_NER_corpus-1.0.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            current.append(line.split()[0])
        elif current:
            sentences.append(" ".join(current))
            current = []
    if current:
        sentences.append(" ".join(current))
    folder = tmp_path / "aqmar"
    folder.mkdir()
    for i in range(0, len(sentences), 100):
        (folder / f"aqmar-{i // 100:03d}.txt").write_text("\n".join(sentences[i : i + 100]), encoding="utf-8")
    with Project.create(tmp_path / "aqmar.db") as project:
        report = import_paths(project, [folder])
        stats = project.stats()
    assert report.count("added") == len(list(folder.iterdir())) == 27
    assert stats["sentences"] >= len(sentences)
    assert stats["tokens"] >= 73_853


def test_annotations_attached_to_an_open_document_reach_its_views(project, tmp_path):
    """A view showing a document must learn of spans an import attaches to it."""
    text = "زار بوتين موسكو"
    doc = project.add_documents([IncomingDocument("d", text, "d")])[0][0].document_id
    seen = []
    project.subscribe(seen.append)
    path = tmp_path / "ours.jsonl"
    line = {"text": text, "spans": [{"id": "a", "start": 4, "end": 9, "label": "PERS"}], "relations": []}
    path.write_text(json.dumps(line, ensure_ascii=False), encoding="utf-8")
    report = import_paths(project, [path], "jsonl", annotator="alice")
    (change,) = seen
    assert change is report.change and change.document_ids == {doc}
    assert [(s.start, s.end, s.label) for s in change.spans_added] == [(4, 9, "PERS")]
    assert [(s.document_id, s.status.value) for s in change.statuses] == [(doc, "done")]
    assert change.spans_added[0].id == project.spans(doc, "alice")[0].id
