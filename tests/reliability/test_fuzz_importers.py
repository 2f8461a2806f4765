"""Fuzzing every importer with hypothesis, on a fixed example budget.

- Every reader registered in ``annotator.formats.READERS`` (txt, jsonl, conll, ... as they land)
  gets arbitrary bytes, text built from the format's own pieces, and byte-level mutations of a
  valid sample: the import either stores documents whose offsets slice the text exactly, or
  raises an error a user can act on (:class:`HashiyaError`; an :class:`InputError` names the
  file). Nothing else may escape, and a failed import stores nothing.
- txt and jsonl also get the exact offset contract: the stored text is the input text with
  only the documented changes (line ends, one leading BOM).
"""

from __future__ import annotations

import codecs
import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st
from projectfiles import assert_offsets_slice_exactly

from annotator.errors import HashiyaError, InputError
from annotator.formats import READERS, ReadOptions
from annotator.importing import import_paths
from annotator.store import Project

EXAMPLES = int(os.environ.get("HASHIYA_FUZZ_EXAMPLES", "60"))  # fixed in CI; raise it for a deeper local run
BUDGET = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PIECES = [  # what the formats are made of, and what breaks them
    *"ابتثجحخدذرسشصضطظعغفقكلمنهويءآأإةى",
    *"abcXYZ0123456789٠١٢٣",
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\x00",
    "\ufeff",
    "\u200f",
    "\u202e",
    "\u2066",
    "\u2069",
    "\u200d",
    "\u200c",
    "\u064e",
    "\u0651",
    "\u0640",
    "\U0001f468\u200d\U0001f469\u200d\U0001f467",
    "\U0001f1f5",
    "{",
    "}",
    "[",
    "]",
    '"',
    ":",
    ",",
    "\\",
    "\\u",
    "\\ud800",
    "null",
    "true",
    "1e999",
    '{"text": "',
    '"}',
    "B-PERS",
    "I-PERS",
    "B-LOC",
    "I-ORG",
    "E-GPE",
    "S-MISC",
    "O",
    "-DOCSTART-",
    "B-",
    "I-",
    "B-PERS|I-ORG",
    "T1",
    "R1",
    "E1",
    "A1",
    "Arg1:T1",
    "Arg2:T2",
    "PERS 0 5",
    "PERS 3 2",
    "PERS 0 99999",
    "#1",
]
_ARTICLE = "قال فلاديمير بوتين في موسكو 👨‍👩‍👧 ثم غادر."
_SAMPLE_TEXTS = {
    "txt": "قال الرئيس في كييف إن روسيا...\r\nوردّ الكرملين 👨‍👩‍👧.\n",
    "jsonl": '{"text": "مرحبا", "id": 1}\n{"text": "b", "meta": {"k": [1]}}\n',
    "conll": "-DOCSTART- O\n\nبوتين\tB-PERS\nفي\tO\nموسكو\tB-LOC\n\nالناتو B-ORG\n",
    "doccano": '{"text": "قال بوتين في موسكو", "entities": [{"id": 1, "label": "PERS", "start_offset": 4, '
    '"end_offset": 9}, {"id": 2, "label": "GPE", "start_offset": 13, "end_offset": 18}], '
    '"relations": [{"id": 1, "from_id": 1, "to_id": 2, "type": "leader_of"}]}\n',
    "label-studio": '[{"id": 1, "data": {"text": "قال بوتين"}, "annotations": [{"result": [{"id": "a", '
    '"type": "labels", "from_name": "label", "to_name": "text", "value": {"start": 4, "end": 9, '
    '"text": "بوتين", "labels": ["PERS"]}}]}]}]',
    "prodigy": '{"text": "قال بوتين", "spans": [{"start": 4, "end": 9, "label": "PERS"}]}\n',
    "hf": '{"id": "doc:1", "tokens": ["قال", "بوتين"], "ner_tags": ["O", "B-PERS"]}\n',
    "brat": "T1\tPERS 4 18\tفلاديمير بوتين\nT2\tGPE 22 27\tموسكو\nR1\tleader_of Arg1:T1 Arg2:T2\n",
}
SAMPLES = {name: text.encode("utf-8") for name, text in _SAMPLE_TEXTS.items()}
FOLDER_FILES = {  # folder readers: the fuzzed bytes go to the first file, the others are fixed
    "brat": {"doc.ann": None, "doc.txt": _ARTICLE.encode("utf-8")},
    "hf": {"data.jsonl": None},
}


def _fragments() -> st.SearchStrategy[bytes]:
    text = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
    encoding = st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16", "cp1256"])
    return st.tuples(text, encoding).map(lambda te: te[0].encode(te[1], errors="replace"))


def _mutations(sample: bytes) -> st.SearchStrategy[bytes]:
    edit = st.tuples(st.integers(0, len(sample)), st.integers(0, 4), st.binary(max_size=4))

    def apply(edits: list[tuple[int, int, bytes]]) -> bytes:
        data = sample
        for at, cut, insert in edits:
            data = data[:at] + insert + data[at + cut :]
        return data

    return st.lists(edit, min_size=1, max_size=6).map(apply)


def _inputs(format_name: str) -> st.SearchStrategy[bytes]:
    options = [st.binary(max_size=300), _fragments()]
    if format_name in SAMPLES:
        options.append(_mutations(SAMPLES[format_name]))
    return st.one_of(options)


def _write(folder: Path, format_name: str, data: bytes) -> Path:
    spec = READERS[format_name]
    if spec.folders:  # a reader that takes a whole folder
        root = folder / "input"
        root.mkdir()
        layout = FOLDER_FILES.get(format_name, {f"doc{spec.extensions[0]}": None})
        for name, fixed in layout.items():
            (root / name).write_bytes(data if fixed is None else fixed)
        return root
    path = folder / f"input{spec.extensions[0]}"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("format_name", sorted(READERS))
@BUDGET
@given(draw=st.data())
def test_any_input_imports_exactly_or_fails_clearly(format_name, draw):
    data = draw.draw(_inputs(format_name), label="input bytes")
    with tempfile.TemporaryDirectory() as folder, Project.memory() as project:
        source = _write(Path(folder), format_name, data)
        error: HashiyaError | None = None
        try:
            import_paths(project, [source], format_name, annotator="fuzz", add_labels=True)
        except HashiyaError as caught:  # anything else escaping is a bug
            error = caught
        if error is not None:
            event(f"refused: {(getattr(error, 'reason', None) or str(error)).split('(')[0][:30]}")
            if isinstance(error, InputError):
                assert Path(error.path) == source or Path(error.path).parent == source, error
                assert error.line is None or error.line >= 1
            assert "\n" not in str(error)
            assert project.document_count() == 0
            return
        event(f"imported ({'with' if project.stats()['spans_total'] else 'no'} spans)")
        for info in project.documents():
            text = project.document(info.id).text
            assert text.strip() and "\x00" not in text and "\r" not in text
            if format_name in ("txt", "jsonl"):  # their contract removes a leading BOM (token formats keep tokens)
                assert not text.startswith("\ufeff")
            assert_offsets_slice_exactly(text, project.token_offsets(info.id))
            for span in project.spans(info.id):
                assert 0 <= span.start < span.end <= len(text)


# -- the exact contract for plain text and JSON lines -------------------------------------------

ARTICLE_CHARS = st.characters(
    exclude_categories=("Cs", "Cc"), include_characters="\t\n\r\x85\x9f\u2028\u2029\ufeff\u200f\u202e\u2067"
)
ARTICLE = st.text(ARTICLE_CHARS, min_size=1, max_size=80)
MAGIC_TEXT = ("%PDF", "GIF8")  # article text that starts like a PDF or GIF is refused as that file type


def contract(text: str, *, marked: bool) -> str:
    """docs/formats.md: the BOM is the encoding's (an unmarked leading U+FEFF is read as one), one
    leading U+FEFF is removed, CRLF and lone CR become LF. Nothing else changes."""
    if not marked and text.startswith("\ufeff"):
        text = text[1:]
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


ENCODINGS = {  # name -> (encode, writes a BOM)
    "utf-8": (lambda t: t.encode("utf-8"), False),
    "utf-8-sig": (lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), True),
    "utf-16-le": (lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), True),
    "utf-16-be": (lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), True),
}


@BUDGET
@given(text=ARTICLE, encoding=st.sampled_from(sorted(ENCODINGS)))
def test_txt_stores_exactly_the_contract_text(text, encoding):
    encode, marked = ENCODINGS[encoding]
    expected = contract(text, marked=marked)
    assume(expected.strip() and not (not marked and text.lstrip("\ufeff").startswith(MAGIC_TEXT)))
    with tempfile.TemporaryDirectory() as folder, Project.memory() as project:
        path = Path(folder) / "article.txt"
        path.write_bytes(encode(text))
        import_paths(project, [path])
        (info,) = project.documents()
        assert project.document(info.id).text == expected
        assert_offsets_slice_exactly(expected, project.token_offsets(info.id))


JSON_RECORD = st.fixed_dictionaries(
    {"text": st.text(st.characters(exclude_categories=("Cs",)), max_size=40)},
    optional={
        "id": st.one_of(st.integers(-(10**12), 10**12), st.text(max_size=8)),
        "name": st.text(max_size=8),
        "meta": st.dictionaries(st.text(max_size=5), st.one_of(st.integers(), st.text(max_size=5)), max_size=3),
    },
)


def _json_expectation(records: list[dict]) -> tuple[list[str], int | None]:
    """The texts the reader must return, or the line of the first record it must refuse."""
    texts = []
    for line, record in enumerate(records, start=1):
        text = record["text"][1:] if record["text"].startswith("\ufeff") else record["text"]
        controls = sum(1 for c in text if c < " " and c not in "\t\n\r\x0c")
        if "\x00" in text or controls > max(8, len(text) // 100):
            return [], line
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if not text.strip():
            return [], line
        texts.append(text)
    return texts, None


@BUDGET
@given(
    records=st.lists(JSON_RECORD, min_size=1, max_size=6),
    ascii_only=st.booleans(),
    newline=st.sampled_from(["\n", "\r\n"]),
    bom=st.booleans(),
)
def test_jsonl_reads_exactly_the_contract_texts_or_names_the_line(records, ascii_only, newline, bom):
    from annotator.formats.jsonl import read_jsonl

    body = "".join(json.dumps(r, ensure_ascii=ascii_only) + newline for r in records)
    texts, bad_line = _json_expectation(records)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "articles.jsonl"
        path.write_bytes((codecs.BOM_UTF8 if bom else b"") + body.encode("utf-8"))
        if bad_line is not None:
            with pytest.raises(InputError) as raised:
                read_jsonl(path, ReadOptions(), "articles")
            assert (Path(raised.value.path), raised.value.line) == (path, bad_line)
            return
        documents = read_jsonl(path, ReadOptions(), "articles").documents
    assert [d.text for d in documents] == texts
    for line, (record, document) in enumerate(zip(records, documents, strict=True), start=1):
        ident = record.get("id")
        assert document.name == (record.get("name") or (None if ident is None else str(ident)) or f"articles:{line}")
        assert document.source == f"{path}:{line}"
