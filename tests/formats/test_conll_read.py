"""Reading CoNLL: exact offsets in the rebuilt text, nesting columns, documents, repairs, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.errors import HashiyaError, InputError
from annotator.formats import ReadOptions
from annotator.formats.conll import load_conll, read_conll
from annotator.importing import import_paths
from annotator.tagging import INSIDE_STARTS, STRAY_REMOVED


def write(tmp_path: Path, body: str, name: str = "in.conll") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def spans_of(doc):
    return [(doc.text[s.start : s.end], s.label) for s in doc.spans]


def test_text_is_rebuilt_with_spaces_and_lines_and_offsets_are_exact(tmp_path):
    path = write(tmp_path, "زار B-PERS\nبوتين I-PERS\nموسكو B-GPE\n.\tO\n\nقال O\n👨‍👩‍👧 B-MISC\n")
    result = read_conll(path, ReadOptions(), "in")
    (doc,) = result.documents
    assert doc.text == "زار بوتين موسكو .\nقال 👨‍👩‍👧"
    assert spans_of(doc) == [("زار بوتين", "PERS"), ("موسكو", "GPE"), ("👨‍👩‍👧", "MISC")]
    assert doc.meta == {"tokens": "whitespace"}
    assert doc.name == "in"
    assert any("IOB2 (detected)" in note for note in result.notes)


def test_nested_columns_each_decode_separately(tmp_path):
    body = "مجلس B-ORG\nالأمن I-ORG\nضد I-ORG\nالأسد I-ORG B-PERS\nوتدخلت O\n"
    (doc,) = read_conll(write(tmp_path, body), ReadOptions(), "n").documents
    assert spans_of(doc) == [("مجلس الأمن ضد الأسد", "ORG"), ("الأسد", "PERS")]


def test_docstart_splits_documents_and_names_them(tmp_path):
    body = "-DOCSTART- O\n\nأ B-LOC\n\n-DOCSTART- -X- -X- O\nب O\nج B-PER\n"
    docs = read_conll(write(tmp_path, body, "two.conll"), ReadOptions(), "two").documents
    assert [(d.name, d.text, spans_of(d)) for d in docs] == [
        ("two:1", "أ", [("أ", "LOC")]),
        ("two:2", "ب ج", [("ج", "PER")]),
    ]
    assert docs[1].source.endswith("two.conll:5")


def test_given_scheme_and_detected_bioes(tmp_path):
    body = "a S-PER\nb B-LOC\nc E-LOC\n"
    detected = load_conll(write(tmp_path, body), ReadOptions(), "x")
    assert detected.scheme == "bioes" and not detected.scheme_given
    assert spans_of(detected.documents[0]) == [("a", "PER"), ("b c", "LOC")]
    iob1 = load_conll(write(tmp_path, "a I-PER\nb B-PER\nc O\n"), ReadOptions(scheme="iob1"), "x")
    assert spans_of(iob1.documents[0]) == [("a", "PER"), ("b", "PER")]
    assert iob1.repair_counts() == {}


def test_repairs_are_counted_with_lines(tmp_path):
    body = "a O\nb I-PER\n\nc B-MIS1`\nd I-MIS1\ne IO\nf ???\ng\n"
    loaded = load_conll(write(tmp_path, body), ReadOptions(), "x")
    assert spans_of(loaded.documents[0]) == [("b", "PER"), ("c d", "MIS1")]
    assert loaded.repair_counts() == {
        INSIDE_STARTS: 1,
        STRAY_REMOVED: 2,
        "tag without an entity type read as O": 1,
        "unreadable tag read as O": 1,
        "token line without a tag read as O": 1,
    }
    notes = "\n".join(loaded.notes(Path("x")))
    assert "1 × I- tag starting an entity (read as its first token) (line 2)" in notes
    assert "1 × unreadable tag read as O (line 7 '???')" in notes


def test_tab_separated_token_with_space_is_refused_with_line(tmp_path):
    path = write(tmp_path, "a\tO\nNew York\tB-LOC\n")
    with pytest.raises(InputError, match=r"in\.conll:2: token 'New York' contains a space"):
        read_conll(path, ReadOptions(), "x")


def test_empty_file_is_refused(tmp_path):
    with pytest.raises(InputError, match=r"empty|whitespace"):
        read_conll(write(tmp_path, "\n\n"), ReadOptions(), "x")
    with pytest.raises(InputError, match="no tokens"):
        read_conll(write(tmp_path, "-DOCSTART- O\n\n"), ReadOptions(), "x")


def test_import_needs_add_labels_for_unknown_types(project, tmp_path):
    path = write(tmp_path, "أ B-MIS-1\n")
    with pytest.raises(HashiyaError, match="MIS-1"):
        import_paths(project, [path], "conll", annotator="ann")
    report = import_paths(project, [path], "conll", annotator="ann", add_labels=True)
    assert report.labels_added == ["MIS-1"]
    assert report.spans_added == 1


def test_aqmar_imports_with_counted_repairs(project, shared_data):
    path = shared_data / "aqmar" / "AQMAR_Arabic_NER_corpus-1.0.txt"
    report = import_paths(project, [path], "conll", annotator="aqmar", add_labels=True)
    assert report.count("added") == 1
    assert report.spans_added == 5922  # 5,854 B- tags + 68 entities started by I-
    summary = "\n".join(report.summary_lines())
    assert "68 × I- tag starting an entity" in summary
    assert "1 × stray characters removed from tags (line 70348)" in summary
    assert "1 × repeated '-' after a tag prefix (line 19867)" in summary
    assert {"MIS1", "MIS-1", "ENGLISH"} <= set(report.labels_added)


def test_wojood_keeps_every_nested_entity(project, shared_data):
    paths = [shared_data / "wojood_sample" / f"{part}.txt" for part in ("train", "val", "test")]
    report = import_paths(project, paths, "conll", annotator="wojood", add_labels=True)
    b_tags = sum(
        tag.startswith("B-")
        for path in paths
        for line in path.read_text(encoding="utf-8").splitlines()
        for tag in line.split()[1:]
    )
    assert report.spans_added == b_tags + 1  # one sentence starts with I-FAC (train.txt:12377)
    nested = [
        (a, b)
        for spans in project.spans_by_document("wojood").values()
        for a in spans
        for b in spans
        if a is not b and a.start <= b.start and b.end <= a.end
    ]
    assert len(nested) > 900


def test_a_given_sentence_text_is_used_and_documents_named(tmp_path):
    body = (
        "# newdoc id = خبر-1\n"
        "# sent_id = 1\n"
        "# text = قال بوتين في موسكو.\n"
        "قال O\nبوتين B-PERS\nفي O\nموسكو B-GPE\n. O\n\n"
        "# text = وكييف\n"
        "و O\nكييف B-GPE\n\n"
        "# newdoc\n"
        "نص B-MISC\nآخر O\n"
    )
    first, second = read_conll(write(tmp_path, body), ReadOptions(), "x").documents
    assert first.name == "خبر-1" and first.text == "قال بوتين في موسكو.\nوكييف"
    assert spans_of(first) == [("بوتين", "PERS"), ("موسكو", "GPE"), ("كييف", "GPE")]
    assert first.meta == {}  # the text's words are not the file's tokens: exports use the project's
    assert (second.name, second.text, second.meta) == ("x:2", "نص آخر", {"tokens": "whitespace"})
    assert spans_of(second) == [("نص", "MISC")]


def test_a_sentence_text_that_lacks_a_token_is_refused_with_its_line(tmp_path):
    path = write(tmp_path, "# text = قال بوتين\nقال O\nترامب B-PERS\n")
    with pytest.raises(
        InputError, match=r"in\.conll:1: token 'ترامب' is not next in the sentence's '# text' \(line 3\)"
    ):
        read_conll(path, ReadOptions(), "x")


def test_a_hash_token_is_still_a_token(tmp_path):
    (doc,) = read_conll(write(tmp_path, "# O\nوسم B-MISC\n"), ReadOptions(), "x").documents
    assert doc.text == "# وسم" and spans_of(doc) == [("وسم", "MISC")]
