"""Reading other tools' files as they really come: doccano's two forms, Label Studio's quirks
(UTF-16 offsets, shifted Arabic spans, relation directions, several annotators), Prodigy's
answers and token relations, brat's CRLF texts and discontinuous spans, Hugging Face tags."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.errors import HashiyaError, InputError
from annotator.formats import ReadOptions
from annotator.formats.brat import read_brat
from annotator.formats.doccano import read_doccano
from annotator.formats.hf import read_hf
from annotator.formats.jsonl import read_jsonl
from annotator.formats.labelstudio import read_label_studio
from annotator.formats.prodigy import read_prodigy
from annotator.importing import import_paths

EMOJI = "👨\u200d👩\u200d👧"  # 5 code points, 8 UTF-16 units
TEXT = f"زار {EMOJI} بوتين موسكو"


def utf16(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


def spans_of(doc):
    return [(doc.text[s.start : s.end], s.label) for s in doc.spans]


def relations_of(doc):
    by_key = {s.key: doc.text[s.start : s.end] for s in doc.spans}
    return [(by_key[r.head], by_key[r.tail], r.label) for r in doc.relations]


def jsonl(path: Path, *records) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_doccano_entities_relations_and_label_form(tmp_path):
    s, e = TEXT.index("بوتين"), TEXT.index("موسكو")
    path = jsonl(
        tmp_path / "d.jsonl",
        {
            "id": 4,
            "text": TEXT,
            "entities": [
                {"id": 10, "label": "PERS", "start_offset": s, "end_offset": s + 5},
                {"id": 11, "label": "GPE", "start_offset": e, "end_offset": e + 5},
            ],
            "relations": [{"id": 1, "from_id": 10, "to_id": 11, "type": "leader_of"}],
        },
        {"data": "نص قديم عن كييف", "label": [[11, 15, "GPE"]]},
    )
    first, second = read_doccano(path, ReadOptions(), "d").documents
    assert (first.name, spans_of(first), relations_of(first)) == (
        "4",
        [("بوتين", "PERS"), ("موسكو", "GPE")],
        [("بوتين", "موسكو", "leader_of")],
    )
    assert (second.name, spans_of(second)) == ("d:2", [("كييف", "GPE")])


def test_doccano_utf16_offsets_are_converted_and_counted(tmp_path):
    s = TEXT.index("موسكو")
    path = jsonl(
        tmp_path / "d.jsonl",
        {"text": TEXT, "label": [[utf16(TEXT, s), utf16(TEXT, s + 5), "GPE"]]},
    )
    result = read_doccano(path, ReadOptions(), "d")
    assert spans_of(result.documents[0]) == [("موسكو", "GPE")]
    assert result.notes == [f"{path}: 1 × offsets counted in UTF-16 units converted to code points"]


def test_doccano_errors_name_the_line(tmp_path):
    path = jsonl(tmp_path / "d.jsonl", {"text": "نص"}, {"text": "نص", "label": [[0, 9, "X"]]})
    with pytest.raises(InputError, match=r"d\.jsonl:2: entity \[0, 9\) is not inside the text"):
        read_doccano(path, ReadOptions(), "d")


def ls_region(rid, start, end, text, label):
    return {
        "id": rid,
        "from_name": "label",
        "to_name": "text",
        "type": "labels",
        "value": {"start": start, "end": end, "text": text, "labels": [label]},
    }


def test_label_studio_regions_relations_and_quirks(tmp_path):
    s, e = TEXT.index("بوتين"), TEXT.index("موسكو")
    tasks = [
        {
            "id": 7,
            "data": {"text": TEXT},
            "annotations": [
                {"was_cancelled": True, "result": []},
                {
                    "result": [
                        ls_region("a", utf16(TEXT, s), utf16(TEXT, s + 5), "بوتين", "PERS"),  # UTF-16 units
                        ls_region("b", e + 1, e + 6, "موسكو", "GPE"),  # one character off
                        {
                            "type": "relation",
                            "from_id": "b",
                            "to_id": "a",
                            "direction": "left",
                            "labels": ["leader_of"],
                        },
                        {"type": "relation", "from_id": "a", "to_id": "b", "direction": "right", "labels": []},
                        {"type": "choices", "value": {"choices": ["news"]}},
                    ]
                },
                {"result": [ls_region("c", 0, 3, "زار", "MISC")]},
            ],
            "predictions": [{"result": []}],
        },
        {"data": {"content": "نص بلا تسميات"}, "annotations": []},
    ]
    path = tmp_path / "ls.json"
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    result = read_label_studio(path, ReadOptions(), "ls")
    first, second = result.documents
    assert spans_of(first) == [("بوتين", "PERS"), ("موسكو", "GPE")]
    assert relations_of(first) == [("بوتين", "موسكو", "leader_of")]  # "left" is reversed
    assert (first.name, first.external_id, second.text, second.spans) == ("ls:7", "7", "نص بلا تسميات", ())
    notes = "\n".join(result.notes)
    for expected in (
        "1 × offsets counted in UTF-16 units converted to code points",
        "1 × offsets moved a few characters to where the given span text is",
        "1 × relations without a label not imported",
        "1 × results without text offsets not imported",
        "1 × further annotations of a task not imported",
        "1 × predictions not imported",
    ):
        assert expected in notes


def test_label_studio_region_found_nowhere_is_reported(tmp_path):
    path = tmp_path / "ls.json"
    tasks = [{"data": {"text": TEXT}, "annotations": [{"result": [ls_region("a", 0, 3, "كييف", "GPE")]}]}]
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputError, match=r"ls\.json: task 1: region \[0, 3\) 'كييف' is not in the text"):
        read_label_studio(path, ReadOptions(), "ls")


@pytest.mark.parametrize("kind", ["region", "relation"])
def test_label_studio_labels_that_are_not_a_list_are_reported(tmp_path, kind):
    path = tmp_path / "ls.json"
    region = ls_region("a", 0, 3, TEXT[0:3], "GPE")
    results = [region]
    if kind == "region":
        region["value"]["labels"] = 3
    else:
        results.append({"type": "relation", "from_id": "a", "to_id": "a", "labels": "leader_of"})
    tasks = [{"data": {"text": TEXT}, "annotations": [{"result": results}]}]
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputError, match=r"ls\.json: task 1: 'labels' must be a list, got (int|str)"):
        read_label_studio(path, ReadOptions(), "ls")


def test_prodigy_answers_spans_and_relations_by_token(tmp_path):
    s, e = TEXT.index("بوتين"), TEXT.index("موسكو")
    path = jsonl(
        tmp_path / "p.jsonl",
        {
            "text": TEXT,
            "spans": [
                {"start": s, "end": s + 5, "label": "PERS", "token_start": 2, "token_end": 2},
                {"start": e, "end": e + 5, "label": "GPE", "token_start": 3, "token_end": 3},
            ],
            "relations": [{"head": 2, "child": 3, "label": "leader_of"}],
            "answer": "accept",
            "meta": {"source": "wire"},
        },
        {"text": "مرفوض", "spans": [], "answer": "reject"},
        {"text": "متروك", "answer": "ignore"},
    )
    result = read_prodigy(path, ReadOptions(), "p")
    (doc,) = result.documents
    assert spans_of(doc) == [("بوتين", "PERS"), ("موسكو", "GPE")]
    assert relations_of(doc) == [("بوتين", "موسكو", "leader_of")]
    assert doc.meta == {"source": "wire"}
    assert sorted(result.notes) == [
        f"{path}: 1 task(s) answered 'ignore' not imported",
        f"{path}: 1 task(s) answered 'reject' not imported",
    ]


def test_brat_crlf_text_discontinuous_spans_and_skipped_lines(tmp_path):
    raw = "سطر أول\r\nزار بوتين\r\nموسكو"
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "news.txt").write_bytes(raw.encode("utf-8"))
    p, m = raw.index("بوتين"), raw.index("موسكو")
    (tmp_path / "b" / "news.ann").write_text(
        f"T1\tPERS {p} {p + 5}\tبوتين\n"
        f"T2\tGPE {m} {m + 5}\tموسكو\n"
        f"T3\tEVENT 0 3;{p} {p + 5}\tسطر بوتين\n"
        "R1\tleader_of Arg1:T1 Arg2:T2\n"
        "E1\tMeet:T1\n"
        "A1\tNegated T1\n"
        "#1\tAnnotatorNotes T1\tملاحظة\n",
        encoding="utf-8",
    )
    result = read_brat(tmp_path / "b", ReadOptions(), "b")
    (doc,) = result.documents
    assert doc.text == "سطر أول\nزار بوتين\nموسكو"
    assert spans_of(doc) == [("بوتين", "PERS"), ("موسكو", "GPE"), ("سطر أول\nزار بوتين", "EVENT")]
    assert relations_of(doc) == [("بوتين", "موسكو", "leader_of")]
    assert doc.name == "news"
    notes = "\n".join(result.notes)
    assert "1 × discontinuous spans read from their first to their last character" in notes
    assert "1 × events not imported" in notes and "1 × attributes not imported" in notes


def test_brat_errors_name_the_file_and_line(tmp_path):
    (tmp_path / "x.txt").write_text("نص قصير", encoding="utf-8")
    (tmp_path / "x.ann").write_text("T1\tPERS 0 2\tنص\nT2\tPERS 0 99\tنص\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"x\.ann:2: span \[0, 99\) is not inside the text"):
        read_brat(tmp_path / "x.ann", ReadOptions(), "x")
    (tmp_path / "y.ann").write_text("T1\tPERS 0 2\tنص\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"no y\.txt beside it"):
        read_brat(tmp_path / "y.ann", ReadOptions(), "y")


def test_hugging_face_with_label_file_or_tag_strings(tmp_path):
    folder = tmp_path / "hf"
    folder.mkdir()
    (folder / "labels.json").write_text(json.dumps(["O", "B-PERS", "I-PERS", "B-GPE", "I-GPE"]), encoding="utf-8")
    jsonl(
        folder / "data.jsonl",
        {"id": "خبر:0", "tokens": ["زار", "فلاديمير", "بوتين"], "ner_tags": [0, 1, 2]},
        {"id": "خبر:1", "tokens": ["موسكو", "."], "ner_tags": [3, 0]},
        {"id": "آخر:0", "tokens": ["كييف"], "ner_tags": ["B-GPE"]},
    )
    first, second = read_hf(folder, ReadOptions(), "hf").documents
    assert (first.name, first.text, spans_of(first)) == (
        "خبر",
        "زار فلاديمير بوتين\nموسكو .",
        [("فلاديمير بوتين", "PERS"), ("موسكو", "GPE")],
    )
    assert (second.name, spans_of(second)) == ("آخر", [("كييف", "GPE")])
    jsonl(folder / "data.jsonl", {"id": "x:0", "tokens": ["أ"], "ner_tags": [9]})
    with pytest.raises(InputError, match=r"data\.jsonl:1: tag 9 is not a tag name or an index"):
        read_hf(folder, ReadOptions(), "hf")


def test_jsonl_own_format_checks_offsets_and_ids(tmp_path):
    good = {
        "text": TEXT,
        "status": "in-progress",
        "spans": [{"id": "T1", "start": 0, "end": 3, "label": "MISC", "text": "زار"}],
        "relations": [],
    }
    (doc,) = read_jsonl(jsonl(tmp_path / "a.jsonl", good), ReadOptions(), "a").documents
    assert (spans_of(doc), doc.status.value) == ([("زار", "MISC")], "in_progress")
    bad_text = {**good, "spans": [{"id": "T1", "start": 0, "end": 3, "label": "MISC", "text": "كييف"}]}
    with pytest.raises(InputError, match=r"a\.jsonl:1: spans\[0\]: the text at \[0, 3\) is not 'كييف'"):
        read_jsonl(jsonl(tmp_path / "a.jsonl", bad_text), ReadOptions(), "a")
    bad_relation = {**good, "relations": [{"head": "T1", "tail": "T9", "label": "met_with"}]}
    with pytest.raises(InputError, match="points at span 'T9'"):
        read_jsonl(jsonl(tmp_path / "a.jsonl", bad_relation), ReadOptions(), "a")
    with pytest.raises(InputError, match="looks like doccano JSON: import it with --format doccano"):
        read_jsonl(jsonl(tmp_path / "a.jsonl", {"text": "نص", "entities": []}), ReadOptions(), "a")


def test_unknown_relation_types_are_added_on_request_only(project, tmp_path):
    record = {
        "text": TEXT,
        "entities": [
            {"id": 1, "label": "PERS", "start_offset": TEXT.index("بوتين"), "end_offset": TEXT.index("بوتين") + 5},
            {"id": 2, "label": "GPE", "start_offset": TEXT.index("موسكو"), "end_offset": TEXT.index("موسكو") + 5},
        ],
        "relations": [{"id": 1, "from_id": 2, "to_id": 1, "type": "hosted"}],
    }
    path = jsonl(tmp_path / "d.jsonl", record)
    with pytest.raises(HashiyaError, match=r"relation types not in the project's schema: hosted \(add them"):
        import_paths(project, [path], "doccano", annotator="ann")
    report = import_paths(project, [path], "doccano", annotator="ann", add_labels=True)
    assert report.relation_types_added == ["hosted"] and report.relations_added == 1
    assert "relation types added to the schema: hosted" in report.summary_lines()
    assert project.schema.relation("hosted").allows("GPE", "PERS")


def test_labels_that_cannot_be_schema_names_are_refused_clearly(project, tmp_path):
    path = jsonl(tmp_path / "d.jsonl", {"text": "نص", "label": [[0, 2, "named entity"]]})
    with pytest.raises(HashiyaError, match=r"named entity.*must be 1–40 characters without spaces"):
        import_paths(project, [path], "doccano", annotator="ann", add_labels=True)
    assert project.document_count() == 0
