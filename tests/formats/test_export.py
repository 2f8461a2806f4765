"""Exports as users run them: CoNLL columns and splits, JSONL fields, brat files, Hugging Face
loaded by ``datasets``, the layer and status filters, and safe file names."""

from __future__ import annotations

import json
import tempfile
import unicodedata
from pathlib import Path

import pytest
from conll_files import conll_rows
from hypothesis import given
from hypothesis import strategies as st
from seqeval.scheme import BILOU, IOB1, IOB2, IOBES, Entities

from annotator.errors import HashiyaError
from annotator.exporting import ExportOptions, export_project
from annotator.exporting.files import MAX_STEM_BYTES, inside, safe_stem
from annotator.importing import import_paths
from annotator.model import DocStatus, IncomingDocument, NewRelation, NewSpan

TEXT = "قال الكرملين إن وموسكو ترفض.\nزار بوتين 👨‍👩‍👧 كييفَ اليوم"


def span(text: str, piece: str, label: str, key: str | None = None, nth: int = 0) -> NewSpan:
    start = -1
    for _ in range(nth + 1):
        start = text.index(piece, start + 1)
    return NewSpan(start, start + len(piece), label, key=key)


def add(project, text=TEXT, spans=(), relations=(), name="doc", annotator="mona"):
    outcomes, _ = project.add_documents(
        [IncomingDocument(name, text, name, spans=spans, relations=relations)], annotator
    )
    return outcomes[0].document_id


def test_conll_splits_a_clitic_token_so_the_span_is_exact(project, tmp_path):
    add(project, spans=(span(TEXT, "موسكو", "GPE"), span(TEXT, "الكرملين", "ORG"), span(TEXT, "بوتين", "PERS")))
    out = tmp_path / "out.conll"
    result = export_project(project, "conll", out, ExportOptions())
    rows = conll_rows(out)
    assert rows[0] == [
        ["قال", "O"],
        ["الكرملين", "B-ORG"],
        ["إن", "O"],
        ["و", "O"],
        ["موسكو", "B-GPE"],
        ["ترفض", "O"],
        [".", "O"],
    ]
    assert rows[1] == [["زار", "O"], ["بوتين", "B-PERS"], ["👨‍👩‍👧", "O"], ["كييفَ", "O"], ["اليوم", "O"]]
    assert (result.split_tokens, result.spans, result.tokens, result.sentences) == (1, 3, 12, 2)
    assert "1 token(s) split at a span boundary inside them" in result.summary_lines()


def test_nested_spans_get_one_column_per_level_or_are_dropped_with_flat(project, tmp_path):
    text = "مجلس الأمن ضد الأسد اليوم"
    add(
        project,
        text,
        (span(text, "مجلس الأمن ضد الأسد", "ORG"), span(text, "الأسد", "PERS"), span(text, "الأمن", "MISC")),
    )
    out = tmp_path / "n.conll"
    result = export_project(project, "conll", out, ExportOptions(scheme="bioes"))
    assert conll_rows(out)[0] == [
        ["مجلس", "B-ORG", "O"],
        ["الأمن", "I-ORG", "S-MISC"],
        ["ضد", "I-ORG", "O"],
        ["الأسد", "E-ORG", "S-PERS"],
        ["اليوم", "O", "O"],
    ]
    assert result.levels == 2
    flat = export_project(project, "conll", tmp_path / "f.conll", ExportOptions(flat=True))
    assert [row[1:] for row in conll_rows(tmp_path / "f.conll")[0]] == [
        ["B-ORG"],
        ["I-ORG"],
        ["I-ORG"],
        ["I-ORG"],
        ["O"],
    ]
    assert flat.dropped_nested == 2 and flat.spans == 1
    assert any("2 nested or overlapping span(s) dropped" in line for line in flat.summary_lines())


def test_span_across_a_sentence_end_joins_the_sentences(project, tmp_path):
    text = "زار بوتين موسكو. وبعدها كييف.\nثم عاد."
    add(project, text, (span(text, "موسكو. وبعدها", "EVENT"),))
    result = export_project(project, "conll", tmp_path / "j.conll", ExportOptions())
    assert [len(s) for s in conll_rows(tmp_path / "j.conll")] == [7, 3]  # not [4, 3, 3]
    assert result.joined_sentences == 1


@pytest.mark.parametrize(
    ("scheme", "seqeval_scheme"), [("iob2", IOB2), ("iob1", IOB1), ("bioes", IOBES), ("bilou", BILOU)]
)
def test_seqeval_reads_our_tags_and_finds_exactly_our_spans(project, tmp_path, scheme, seqeval_scheme):
    text = "قال الكرملين إن بوتين بوتين زار وموسكو وكييف.\nثم 👨‍👩‍👧 مُحَمَّد"
    spans = (
        span(text, "الكرملين", "ORG"),
        span(text, "بوتين", "PERS"),
        span(text, "بوتين", "PERS", nth=1),  # adjacent, same type: IOB1 needs B- here
        span(text, "موسكو", "GPE"),  # inside a token: split off «و»
        span(text, "كييف", "GPE"),
        span(text, "مُحَمَّد", "PERS"),
        span(text, "قال الكرملين", "EVENT"),  # nested: a second column
    )
    add(project, text, spans)
    out = tmp_path / f"{scheme}.conll"
    export_project(project, "conll", out, ExportOptions(scheme=scheme, docstart=True))
    sentences = [s for s in conll_rows(out) if s[0][0] != "-DOCSTART-"]
    found = []
    for column in (1, 2):
        for sentence in sentences:
            tags = [row[column] for row in sentence]
            for entity in Entities([tags], scheme=seqeval_scheme).entities[0]:  # strict mode: valid tags only
                words = " ".join(row[0] for row in sentence[entity.start : entity.end])
                found.append((words, entity.tag))
    assert sorted(found) == sorted(
        [
            ("الكرملين", "ORG"),
            ("بوتين", "PERS"),
            ("بوتين", "PERS"),
            ("موسكو", "GPE"),
            ("كييف", "GPE"),
            ("مُحَمَّد", "PERS"),
            ("قال الكرملين", "EVENT"),
        ]
    )


def test_jsonl_carries_the_documented_fields_unescaped(project, tmp_path):
    spans = (span(TEXT, "بوتين", "PERS", "a"), span(TEXT, "موسكو", "GPE", "b"))
    add(project, spans=spans, relations=(NewRelation("a", "b", "leader_of"),))
    out = tmp_path / "o.jsonl"
    export_project(project, "jsonl", out, ExportOptions())
    raw = out.read_text(encoding="utf-8")
    assert "بوتين" in raw and "\\u" not in raw
    (line,) = [json.loads(x) for x in raw.splitlines()]
    assert list(line) == ["id", "name", "text", "annotator", "status", "meta", "tokens", "spans", "relations"]
    assert (line["name"], line["text"], line["annotator"], line["status"]) == ("doc", TEXT, "mona", "done")
    assert all(TEXT[t["start"] : t["end"]].strip() for t in line["tokens"])
    assert line["spans"] == [
        {"id": "T1", "start": 17, "end": 22, "label": "GPE", "text": "موسكو"},
        {"id": "T2", "start": 33, "end": 38, "label": "PERS", "text": "بوتين"},
    ]
    assert line["relations"] == [{"id": "R1", "head": "T2", "tail": "T1", "label": "leader_of"}]


def test_brat_files_and_configuration(project, tmp_path):
    text = "زار بوتين\nموسكو اليوم"
    spans = (
        span(text, "بوتين", "PERS", "p"),
        span(text, "بوتين\nموسكو", "EVENT", "e"),
        span(text, "موسكو", "GPE", "g"),
    )
    add(project, text, spans, (NewRelation("p", "g", "leader_of"),), name="خبر/أول")
    result = export_project(project, "brat", tmp_path / "brat", ExportOptions())
    folder = tmp_path / "brat"
    assert sorted(p.name for p in folder.iterdir()) == ["annotation.conf", "visual.conf", "خبر_أول.ann", "خبر_أول.txt"]
    assert (folder / "خبر_أول.txt").read_text(encoding="utf-8") == text
    assert (folder / "خبر_أول.ann").read_text(encoding="utf-8").splitlines() == [
        "T1\tEVENT 4 9;10 15\tبوتين موسكو",  # across a line break: fragments, as brat writes them
        "T2\tPERS 4 9\tبوتين",
        "T3\tGPE 10 15\tموسكو",
        "R1\tleader_of Arg1:T2 Arg2:T3",
    ]
    conf = (folder / "annotation.conf").read_text(encoding="utf-8")
    assert "[entities]\nPERS\n" in conf and "leader_of\tArg1:PERS, Arg2:GPE|ORG" in conf
    assert "met_with\tArg1:PERS, Arg2:PERS, <REL-TYPE>:symmetric" in conf
    assert result.renamed == [("خبر/أول", "خبر_أول")]


HOSTILE_NAMES = [
    "../../escape",
    "/etc/passwd",
    "a/../../b",
    "..",
    ".",
    "CON",
    "nul.txt",
    'x<>:"|?*y',
    "a\nb",
    "A",
    "a",
    "\u202eevil\u202c.txt",  # right-to-left override: the name would display reordered
    "ش" * 200,  # 400 bytes in UTF-8
]


def test_brat_never_writes_outside_the_chosen_folder(project, tmp_path):
    for i, name in enumerate(HOSTILE_NAMES):
        add(project, f"نص رقم {i}", (NewSpan(0, 2, "MISC"),), name=name)
    folder = tmp_path / "inner" / "brat"
    result = export_project(project, "brat", folder, ExportOptions())
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert all(p.startswith("inner/brat/") and p.count("/") == 2 for p in written)
    stems = {Path(p).stem for p in written if p.endswith(".ann")}
    assert len(stems) == len(HOSTILE_NAMES)  # every document has its own files ("A" and "a" too)
    assert len({s.casefold() for s in stems}) == len(stems)
    assert not any(s.split(".")[0].upper() in {"CON", "NUL"} for s in stems)
    assert all(not s.startswith(".") and "/" not in s and "\\" not in s and "\u202e" not in s for s in stems)
    assert all(len(p.encode()) < 255 for p in written)
    assert len(result.files) == 2 * len(HOSTILE_NAMES) + 2


def test_hugging_face_export_loads_with_datasets(project, tmp_path, monkeypatch):
    add(project, spans=(span(TEXT, "موسكو", "GPE"), span(TEXT, "بوتين", "PERS"), span(TEXT, "قال الكرملين", "EVENT")))
    add(project, "نص ثان عن كييف", (span("نص ثان عن كييف", "كييف", "GPE"),), name="second")
    out = tmp_path / "hf"
    result = export_project(project, "hf", out, ExportOptions(scheme="bioes"))
    names = json.loads((out / "labels.json").read_text(encoding="utf-8"))
    assert names[:5] == ["O", "B-PERS", "I-PERS", "E-PERS", "S-PERS"]
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "cache"))
    import datasets  # a test dependency (pyproject's test extra): missing, this fails rather than skips

    dataset = datasets.load_dataset(
        "json", data_files=str(out / "data.jsonl"), split="train", cache_dir=str(tmp_path / "cache")
    )
    assert dataset.column_names == ["id", "tokens", "ner_tags"]
    assert dataset["id"] == ["doc:0", "doc:1", "second:0"]
    first = dataset[0]
    assert [names[i] for i in first["ner_tags"]] == ["B-EVENT", "E-EVENT", "O", "O", "S-GPE", "O", "O"]
    assert first["tokens"][3:5] == ["و", "موسكو"]
    assert result.dropped_nested == 0 and result.spans == 4


def test_layer_and_status_selection(project, tmp_path):
    first = add(project, spans=(span(TEXT, "بوتين", "PERS"),))
    add(project, "نص آخر", (NewSpan(0, 2, "MISC"),), name="other", annotator="omar")
    with pytest.raises(HashiyaError, match=r"--annotator NAME or --gold \(annotators: mona, omar\)"):
        export_project(project, "jsonl", tmp_path / "x.jsonl", ExportOptions())
    with pytest.raises(HashiyaError, match="no gold layer"):
        export_project(project, "jsonl", tmp_path / "x.jsonl", ExportOptions(gold=True))
    project.set_status(first, "mona", DocStatus.IN_PROGRESS)
    done = export_project(project, "jsonl", tmp_path / "d.jsonl", ExportOptions(annotator="mona"))
    assert (done.documents, done.skipped_documents) == (0, 2)
    everything = export_project(project, "jsonl", tmp_path / "a.jsonl", ExportOptions(annotator="mona", status="all"))
    lines = [json.loads(x) for x in (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()]
    assert everything.documents == 2 and [(x["name"], x["status"], len(x["spans"])) for x in lines] == [
        ("doc", "in_progress", 1),
        ("other", "new", 0),
    ]
    one = export_project(project, "jsonl", tmp_path / "o.jsonl", ExportOptions("omar", documents=["other"]))
    assert one.documents == 1
    add(project, "نص الذهب", (NewSpan(0, 2, "MISC"),), name="gold-doc", annotator="gold")
    gold = export_project(project, "conll", tmp_path / "g.conll", ExportOptions(gold=True))
    assert gold.annotator == "gold" and conll_rows(tmp_path / "g.conll")[0][0] == ["نص", "B-MISC"]


def test_out_must_suit_the_format(project, tmp_path):
    add(project, spans=(span(TEXT, "بوتين", "PERS"),))
    with pytest.raises(HashiyaError, match="is a folder"):
        export_project(project, "conll", tmp_path, ExportOptions())
    (tmp_path / "file").write_text("x")
    with pytest.raises(HashiyaError, match="is a file"):
        export_project(project, "brat", tmp_path / "file", ExportOptions())
    with pytest.raises(HashiyaError, match="unknown tagging scheme"):
        export_project(project, "conll", tmp_path / "a.conll", ExportOptions(scheme="iobes"))


def test_progress_reports_every_document_total(project, tmp_path):
    for i in range(3):
        add(project, f"نص {i} هنا", (NewSpan(0, 2, "MISC"),), name=f"d{i}")
    calls = []
    export_project(project, "brat", tmp_path / "b", ExportOptions(), progress=lambda *a: calls.append(a))
    assert calls[0] == (0, 3, "d0") and calls[-1] == (3, 3, "")


def test_aqmar_export_gives_back_its_tokens_and_repaired_tags(project, shared_data, tmp_path):
    source = shared_data / "aqmar" / "AQMAR_Arabic_NER_corpus-1.0.txt"
    import_paths(project, [source], "conll", annotator="aqmar", add_labels=True)
    out = tmp_path / "aqmar.conll"
    export_project(project, "conll", out, ExportOptions())
    original = [line.split() for line in source.read_text(encoding="utf-8").splitlines()]
    exported = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    while original and not original[-1]:
        original.pop()
    while exported and exported[-1] == [""]:
        exported.pop()
    assert len(exported) == len(original)
    assert [row[0] for row in exported] == [row[0] if row else "" for row in original]
    assert [row[1] if len(row) > 1 else "" for row in exported] == repaired_by_the_documented_rules(original)


def repaired_by_the_documented_rules(rows: list[list[str]]) -> list[str]:
    """docs/formats.md "Tag repairs", written out independently for AQMAR's tags."""
    out, previous = [], "O"
    for row in rows:
        if not row:
            out.append("")
            previous = "O"
            continue
        tag = row[1].replace("`", "").replace("I--", "I-")
        if tag in ("IO", "OO"):
            tag = "O"
        if tag.startswith("I-") and previous[2:] != tag[2:]:
            tag = "B-" + tag[2:]  # an I- that starts an entity
        out.append(tag)
        previous = tag
    return out


def test_wojood_export_keeps_every_nested_entity_as_columns(project, shared_data, tmp_path):
    paths = [shared_data / "wojood_sample" / f"{part}.txt" for part in ("train", "val", "test")]
    import_paths(project, paths, "conll", annotator="wojood", add_labels=True)
    out = tmp_path / "wojood.conll"
    result = export_project(project, "conll", out, ExportOptions(docstart=True))
    assert result.levels == 4 and result.spans == 4223
    by_name = {p.stem: p for p in paths}
    exported_docs = out.read_text(encoding="utf-8").split("-DOCSTART-\tO\tO\tO\tO\n\n")[1:]
    for part, body in zip(("train", "val", "test"), exported_docs, strict=True):
        original = by_name[part].read_text(encoding="utf-8").split("\n")
        original_rows = [line.split() for line in original if line.strip()]
        exported_rows = [line.split("\t") for line in body.split("\n") if line]
        assert [r[0] for r in exported_rows] == [r[0] for r in original_rows]  # «$#$» paragraph marks too
        assert entities(exported_rows) == entities(original_rows)


def entities(rows: list[list[str]]) -> set[tuple[int, int, str]]:
    """Every entity of every column (token index range and type), read independently."""
    found = set()
    width = max(len(r) for r in rows)
    for column in range(1, width):
        start, label = None, None
        for i, row in enumerate([*rows, ["", "O"]]):
            tag = row[column] if column < len(row) else "O"
            if start is not None and not (tag.startswith("I-") and tag[2:] == label):
                found.add((start, i, label))
                start = None
            if tag.startswith("B-") or (tag.startswith("I-") and start is None):
                start, label = i, tag[2:]
    return found


def test_failed_export_leaves_the_previous_file_and_no_partial_one(project, tmp_path, monkeypatch):
    add(project, spans=(span(TEXT, "بوتين", "PERS"),))
    (tmp_path / "old.conll").write_text("previous export\n", encoding="utf-8")

    def disk_full(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("annotator.exporting.files.os.replace", disk_full)
    with pytest.raises(HashiyaError, match=r"cannot write .*old\.conll: No space left on device"):
        export_project(project, "conll", tmp_path / "old.conll", ExportOptions())
    assert (tmp_path / "old.conll").read_text(encoding="utf-8") == "previous export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["old.conll"]


@given(st.text(max_size=200))
def test_any_document_name_becomes_one_safe_file_name(name):
    stem = safe_stem(name)
    assert stem and stem not in (".", "..") and not stem.startswith(".")
    assert not any(ch in '/\\<>:"|?*' or unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp") for ch in stem)
    assert stem == stem.strip() and not stem.endswith(".") and len(stem.encode()) <= MAX_STEM_BYTES
    assert stem.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL", "COM1", "LPT1"}
    assert safe_stem(stem) == stem  # brat import → export keeps the names
    root = Path(tempfile.gettempdir())
    assert inside(root, f"{stem}.ann").parent == root.resolve()
