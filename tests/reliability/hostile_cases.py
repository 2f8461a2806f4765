"""The hostile input corpus, as a table: each case writes its files, and says what must happen.

Every file is generated here (nothing binary is committed). A case either imports with exact
text (:class:`Ok`: the stored text the test expects, computed from the source string, not by
the decoder under test) or fails (:class:`Fails`: a message naming the file and line). The suite
in ``test_hostile_input.py`` also checks offsets and that a failed import leaves the project
file byte-for-byte unchanged. Every case's format must have a reader (``annotator.formats.READERS``):
a case never skips.
"""

from __future__ import annotations

import codecs
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from annotator.decoding import MAX_FILE_BYTES

ARABIC = "قال الرئيس الأوكراني في كييف إن روسيا أطلقت 17500 صاروخ.\nوردّ الكرملين من موسكو."
BIDI = (  # LRM, RLM, LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI, ALM around Arabic, Latin and digits
    "\u200eالنص\u200f «CNN\u202a: خبر\u202c» \u202bمرحبا\u202c \u202dabc\u202c \u202edef\u202c "
    "\u2066إيران\u2069 \u2067123\u2069 \u2068x\u2069 \u061cعلامة"
)
EMOJI = (  # ZWJ family, flag, ZWJ flag with VS16, skin tone, keycap, mathematical bold (non-BMP), faces
    "عائلة \U0001f468\u200d\U0001f469\u200d\U0001f467 في غزة \U0001f1f5\U0001f1f8 "
    "و\U0001f3f3\ufe0f\u200d\U0001f308 و\U0001f44d\U0001f3fd و1\ufe0f\u20e3 \U0001d400\U0001d401 "
    "\U0001f600\U0001f600\nنهاية"
)
COMBINING = (  # harakat, shadda, superscript alef, tatweel, decomposed Latin (must not be composed)
    "\u0645\u064f\u062d\u064e\u0645\u0651\u064e\u062f\u064c \u0627\u0644\u0644\u0651\u0670\u0647\u0650 "
    "\u0640\u0640\u0640 \u0643\u062a\u0640\u0640\u0627\u0628 e\u0301te\u0301 A\u030a"
)
JOINERS = (  # ZWNJ and ZWJ inside words
    "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 \u0627\u0644\u200d\u0643\u062a\u0627\u0628 "
    "\u0644\u0627\u200c\u0625\u0644\u0647"
)
SEPARATORS = "سطر\u2028سطر آخر\u2029فقرة\u0085نهاية\u00a0و\u3000"


@dataclass(frozen=True)
class Ok:
    texts: tuple[str, ...]  # the stored text of each document, in import order
    notes: tuple[str, ...] = ()  # each must appear in some import note
    names: tuple[str, ...] = ()  # the documents' names, when the case is about names
    spans: tuple[tuple[str, str], ...] = ()  # (covered text, label) of every imported span, any order
    relations: tuple[tuple[str, str, str], ...] = ()  # (head text, tail text, label) of every relation


@dataclass(frozen=True)
class Fails:
    message: str  # a regular expression the reason must match
    line: int | type(Ellipsis) | None = None  # ... : any line (or none)
    file: str | None = None  # the file the message must name, relative to the input folder (default: the input)


@dataclass(frozen=True)
class Case:
    id: str
    format: str  # a reader name in annotator.formats.READERS
    write: Callable[[Path], Path]  # creates the input under the given folder, returns what to import
    expect: Ok | Fails
    options: dict = field(default_factory=dict)  # ReadOptions fields (encoding, scheme)
    annotator: str | None = None
    add_labels: bool = False
    xfail: str | None = None  # a known bug: the reason names it and the fix


def file(name: str, data: bytes | str) -> Callable[[Path], Path]:
    def write(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path

    return write


def files(folder_name: str, contents: dict[str, bytes | str]) -> Callable[[Path], Path]:
    def write(folder: Path) -> Path:
        root = folder / folder_name
        root.mkdir()
        for name, data in contents.items():
            (root / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return root

    return write


def sparse(name: str, head: bytes, size: int) -> Callable[[Path], Path]:
    """A file of ``size`` bytes: ``head`` then zeros, made sparse (instant, no disk used)."""

    def write(folder: Path) -> Path:
        path = folder / name
        with path.open("wb") as handle:
            handle.write(head)
            handle.truncate(size)
        return path

    return write


def jsonl(*lines: str | dict, newline: str = "\n") -> str:
    return "".join((json.dumps(x, ensure_ascii=False) if isinstance(x, dict) else x) + newline for x in lines)


def lf(text: str) -> str:
    """What the offset contract makes of line ends: CRLF and lone CR become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


_RANDOM = random.Random(1234).randbytes(4096)
_DAMAGED = ARABIC.encode().replace("كييف".encode(), "كييف".encode()[:1] + "كييف".encode()[2:])  # a byte lost
_LATIN1 = "Le café était très animé ce soir-là, à côté de l'hôtel.\n"
TEXT_CASES = [
    Case("utf8-plain", "txt", file("plain.txt", ARABIC), Ok((ARABIC,))),
    Case("utf8-bom", "txt", file("bom.txt", codecs.BOM_UTF8 + ARABIC.encode()), Ok((ARABIC,), ("BOM",))),
    Case("utf16-le-bom", "txt", file("le.txt", ARABIC.encode("utf-16")), Ok((ARABIC,), ("UTF-16 LE",))),
    Case(
        "utf16-be-bom",
        "txt",
        file("be.txt", codecs.BOM_UTF16_BE + ARABIC.encode("utf-16-be")),
        Ok((ARABIC,), ("UTF-16 BE",)),
    ),
    Case("utf16-le-crlf", "txt", file("le-crlf.txt", "أ\r\nب\r\n".encode("utf-16")), Ok(("أ\nب\n",), ("CRLF",))),
    Case(
        "utf16-no-bom-latin",
        "txt",
        file("nobom.txt", "Breaking news from Kyiv, 29 November.\n".encode("utf-16-le")),
        Fails("UTF-16 without a byte-order.*--encoding utf-16-le"),
    ),
    Case(
        "utf16-no-bom-arabic",
        "txt",
        file("nobom-ar.txt", ARABIC.encode("utf-16-le")),
        Fails("UTF-16 without a byte-order.*--encoding utf-16-le"),
    ),
    Case(
        "utf16-be-no-bom-arabic",
        "txt",
        file("nobom-ar-be.txt", ARABIC.encode("utf-16-be")),
        Fails("UTF-16 without a byte-order.*--encoding utf-16-be"),
    ),
    Case(
        "utf16-unpaired-surrogate",
        "txt",
        file("surrogate16.txt", codecs.BOM_UTF16_LE + "ab".encode("utf-16-le") + b"\x00\xd8" + "c".encode("utf-16-le")),
        Fails("not valid", 1),
    ),
    Case("windows-1256", "txt", file("cp1256.txt", ARABIC.encode("cp1256")), Ok((ARABIC,), ("Windows-1256",))),
    Case(
        "windows-1256-given",
        "txt",
        file("cp1256-given.txt", ARABIC.encode("cp1256")),
        Ok((ARABIC,), ("cp1256",)),
        options={"encoding": "cp1256"},
    ),
    Case(
        "windows-1256-read-as-utf8",
        "txt",
        file("cp1256-as-utf8.txt", ARABIC.encode("cp1256")),
        Fails("not valid utf-8", 1),
        options={"encoding": "utf-8"},
    ),
    Case(
        "unknown-encoding", "txt", file("enc.txt", ARABIC), Fails("unknown encoding"), options={"encoding": "klingon"}
    ),
    Case(
        "latin1-not-arabic",
        "txt",
        file("latin1.txt", _LATIN1.encode("cp1252")),
        Fails("not valid UTF-8.*--encoding", 1),
    ),
    Case(
        "invalid-utf8-line-3",
        "txt",
        file("invalid.txt", "سطر أول\nسطر ثان\n".encode() + b"bad \xff\xfe byte\n"),
        Fails("not valid UTF-8", 3),
    ),
    Case(
        "damaged-utf8-arabic",
        "txt",
        file("damaged.txt", _DAMAGED),
        Fails("not valid UTF-8", 1),
    ),
    Case("utf8-encoded-surrogate", "txt", file("cesu.txt", b"abc \xed\xa0\x80 def"), Fails("not valid UTF-8", 1)),
    Case("utf8-overlong", "txt", file("overlong.txt", b"abc \xc0\xaf def"), Fails("not valid UTF-8", 1)),
    Case("nul-line-2", "txt", file("nul.txt", "سطر\nنص\x00نص\n"), Fails("NUL", 2)),
    Case(
        "nul-in-utf16",
        "txt",
        file("nul16.txt", "سطر\nنص\x00نص".encode("utf-16")),
        Fails("NUL", 2),
    ),
    Case("crlf", "txt", file("crlf.txt", ARABIC.replace("\n", "\r\n") + "\r\n"), Ok((ARABIC + "\n",), ("CRLF",))),
    Case("lone-cr", "txt", file("cr.txt", "سطر\rسطر ثان\r"), Ok(("سطر\nسطر ثان\n",), ("lone CR",))),
    Case("mixed-line-ends", "txt", file("mixed.txt", "a\r\nb\rc\nd\r\r\ne"), Ok((lf("a\r\nb\rc\nd\r\r\ne"),))),
    Case("bidi-controls", "txt", file("bidi.txt", BIDI), Ok((BIDI,))),
    Case("emoji-zwj", "txt", file("emoji.txt", EMOJI), Ok((EMOJI,))),
    Case("combining-marks", "txt", file("marks.txt", COMBINING), Ok((COMBINING,))),
    Case("zwj-zwnj", "txt", file("joiners.txt", JOINERS), Ok((JOINERS,))),
    Case("unicode-separators", "txt", file("separators.txt", SEPARATORS), Ok((SEPARATORS,))),
    Case("few-control-chars", "txt", file("bell.txt", "تنبيه\x07 هنا\x1b"), Ok(("تنبيه\x07 هنا\x1b",))),
    Case("many-control-chars", "txt", file("controls.txt", "\x01\x02\x03\x04\x05\x06\x07\x08" * 20), Fails("binary")),
    Case("empty", "txt", file("empty.txt", b""), Fails("empty")),
    Case("whitespace-only", "txt", file("blank.txt", " \n\t\r\n  "), Fails("whitespace")),
    Case("bom-only", "txt", file("bomonly.txt", codecs.BOM_UTF8), Fails("empty")),
    Case("over-50mb", "txt", sparse("huge.txt", b"", MAX_FILE_BYTES + 1), Fails("limit is 50 MB")),
    Case(
        "exactly-50mb",  # at the limit the file is read (not refused for its size): its NULs are what fail
        "txt",
        sparse("limit.txt", ("سطر\n" * 500).encode(), MAX_FILE_BYTES),
        Fails("NUL", 501),
    ),
    Case("png", "txt", file("image.txt", b"\x89PNG\r\n\x1a\n" + _RANDOM[:200]), Fails("PNG image")),
    Case("pdf", "txt", file("doc.txt", b"%PDF-1.7\n" + _RANDOM[:200]), Fails("PDF")),
    Case("zip", "txt", file("archive.txt", b"PK\x03\x04" + _RANDOM[:200]), Fails("ZIP")),
    Case("sqlite", "txt", file("project.txt", b"SQLite format 3\x00" + bytes(200)), Fails("SQLite")),
    Case("random-binary", "txt", file("random.txt", _RANDOM), Fails(".", ...)),
    Case(
        "arabic-file-name",
        "txt",
        file("خبر عاجل (1).txt", ARABIC),
        Ok((ARABIC,), names=("خبر عاجل (1)",)),
    ),
    Case(
        "folder-with-one-bad-file",
        "txt",
        files("mixed", {"a-good.txt": ARABIC, "b-bad.txt": b"ok\n\xe9t\xe9\n", "c-good.txt": "نص آخر"}),
        Fails("not valid UTF-8", 2, file="mixed/b-bad.txt"),
    ),
]

JSONL_CASES = [
    Case(
        "jsonl-ok",
        "jsonl",
        file(
            "ok.jsonl", codecs.BOM_UTF8 + jsonl({"text": ARABIC}, "", {"text": EMOJI, "id": 7}, newline="\r\n").encode()
        ),
        Ok((ARABIC, EMOJI)),
    ),
    Case(
        "jsonl-utf16",
        "jsonl",
        file("utf16.jsonl", jsonl({"text": BIDI}, {"text": COMBINING}).encode("utf-16")),
        Ok((BIDI, COMBINING)),
    ),
    Case(
        "jsonl-escaped-line-ends",
        "jsonl",
        file("escapes.jsonl", jsonl({"text": "أ\r\nب\rج"})),
        Ok(("أ\nب\nج",), ("CRLF",)),
    ),
    Case(
        "jsonl-duplicate-text",
        "jsonl",
        file("dup.jsonl", jsonl({"text": ARABIC, "id": 1}, {"text": ARABIC, "id": 2})),
        Ok((ARABIC,)),
    ),
    Case(
        "jsonl-truncated",
        "jsonl",
        file("truncated.jsonl", jsonl({"text": "أ"}, {"text": "ب"}) + '{"text": "نص مقطو'),
        Fails("not valid JSON", 3),
    ),
    Case(
        "jsonl-truncated-escape",
        "jsonl",
        file("truncated-escape.jsonl", jsonl({"text": "أ"}) + '{"text": "\\u06'),
        Fails("not valid JSON", 2),
    ),
    Case("jsonl-text-number", "jsonl", file("t-num.jsonl", jsonl({"text": "أ"}, {"text": 5})), Fails("'text'", 2)),
    Case("jsonl-text-null", "jsonl", file("t-null.jsonl", jsonl({"text": None})), Fails("'text'", 1)),
    Case("jsonl-text-missing", "jsonl", file("t-missing.jsonl", jsonl({"body": "أ"})), Fails("'text'", 1)),
    Case("jsonl-text-list", "jsonl", file("t-list.jsonl", jsonl({"text": ["أ"]})), Fails("'text'", 1)),
    Case("jsonl-id-float", "jsonl", file("id-float.jsonl", jsonl({"text": "أ", "id": 1.5})), Fails("'id'", 1)),
    Case("jsonl-id-bool", "jsonl", file("id-bool.jsonl", jsonl({"text": "أ", "id": True})), Fails("'id'", 1)),
    Case("jsonl-id-object", "jsonl", file("id-obj.jsonl", jsonl({"text": "أ", "id": {}})), Fails("'id'", 1)),
    Case("jsonl-name-number", "jsonl", file("name.jsonl", jsonl({"text": "أ", "name": 3})), Fails("'name'", 1)),
    Case("jsonl-meta-list", "jsonl", file("meta.jsonl", jsonl({"text": "أ", "meta": [1]})), Fails("'meta'", 1)),
    Case("jsonl-line-array", "jsonl", file("array.jsonl", jsonl({"text": "أ"}, "[1, 2]")), Fails("JSON object", 2)),
    Case("jsonl-line-string", "jsonl", file("string.jsonl", jsonl('"أ"')), Fails("JSON object", 1)),
    Case("jsonl-empty-text", "jsonl", file("e-text.jsonl", jsonl({"text": "أ"}, "", {"text": ""})), Fails("empty", 3)),
    Case("jsonl-nul-text", "jsonl", file("nul.jsonl", jsonl({"text": "أ\u0000ب"})), Fails("NUL", 1)),
    Case(
        "jsonl-invalid-utf8",
        "jsonl",
        file("bad-utf8.jsonl", jsonl({"text": "أ"}, {"text": "ب"}).encode() + b'{"text": "\xff"}\n'),
        Fails("not valid UTF-8", 3),
    ),
    Case("jsonl-empty-file", "jsonl", file("empty.jsonl", b""), Fails("empty")),
    Case("jsonl-blank-lines", "jsonl", file("blank.jsonl", "\n\n  \n"), Fails("whitespace")),
    Case(
        "jsonl-one-bad-line-of-many",
        "jsonl",
        file("many.jsonl", jsonl(*[{"text": f"خبر رقم {i}"} for i in range(50)], {"text": 0}, {"text": "بعد"})),
        Fails("'text'", 51),
    ),
    Case(
        "jsonl-lone-surrogate-text",
        "jsonl",
        file("surrogate.jsonl", jsonl({"text": "أ"}) + '{"text": "abc \\ud800 def"}\n'),
        Fails("surrogate|not valid|Unicode", 2),
    ),
    Case(
        "jsonl-lone-surrogate-name",
        "jsonl",
        file("surrogate-name.jsonl", '{"text": "أ", "name": "\\udc00"}\n'),
        Fails("surrogate|not valid|Unicode", 1),
    ),
    Case(
        "jsonl-lone-surrogate-meta",
        "jsonl",
        file("surrogate-meta.jsonl", '{"text": "أ", "meta": {"k": "\\ud83d"}}\n'),
        Fails("surrogate|not valid|Unicode", 1),
    ),
    Case(
        "jsonl-deeply-nested",
        "jsonl",
        file("deep.jsonl", '{"text": "أ", "meta": {"a": ' + "[" * 100_000 + "]" * 100_000 + "}}\n"),
        Fails("JSON|nested|deep", 1),
    ),
    Case(
        "jsonl-huge-integer",
        "jsonl",
        file("bigint.jsonl", '{"text": "أ", "id": 1' + "0" * 5000 + "}\n"),
        Fails("JSON|number|digits|integer", 1),
    ),
    Case("jsonl-over-50mb", "jsonl", sparse("huge.jsonl", b"", MAX_FILE_BYTES + 1), Fails("limit is 50 MB")),
]

_CONLL = "-DOCSTART- O\n\nفلاديمير\tB-PERS\nبوتين\tI-PERS\nفي\tO\nموسكو\tB-GPE\n.\tO\n\nالناتو\tB-ORG\n"
_CONLL_TEXT = "فلاديمير بوتين في موسكو .\nالناتو"
_CONLL_SPANS = (("فلاديمير بوتين", "PERS"), ("موسكو", "GPE"), ("الناتو", "ORG"))
_FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"


def conll(name: str, data: str | bytes, expect: Ok | Fails, **kwargs) -> Case:
    return Case(f"conll-{name}", "conll", file(f"{name}.conll", data), expect, annotator="importer", **kwargs)


CONLL_CASES = [
    conll("ok", _CONLL, Ok((_CONLL_TEXT,), spans=_CONLL_SPANS)),
    conll(
        "crlf-bom",
        codecs.BOM_UTF8 + _CONLL.replace("\n", "\r\n").encode(),
        Ok((_CONLL_TEXT,), ("CRLF",), spans=_CONLL_SPANS),
    ),
    conll("windows-1256", _CONLL.encode("cp1256"), Ok((_CONLL_TEXT,), ("Windows-1256",), spans=_CONLL_SPANS)),
    conll("utf16", _CONLL.encode("utf-16"), Ok((_CONLL_TEXT,), spans=_CONLL_SPANS)),
    conll(
        "missing-tag-column",  # a token line without its tag: read as O, and said so
        "بوتين\tB-PERS\nقال\nإن\tO\n",
        Ok(("بوتين قال إن",), ("without a tag",), spans=(("بوتين", "PERS"),)),
    ),
    conll(
        "ragged-tag-columns",  # one line with a second (nested) column, the others with one
        "جامعة\tB-ORG\tO\nدمشق\tI-ORG\tB-GPE\nاليوم\tO\n",
        Ok(("جامعة دمشق اليوم",), spans=(("جامعة دمشق", "ORG"), ("دمشق", "GPE"))),
    ),
    conll(
        "emoji-and-marks",
        f"{_FAMILY}\tB-MISC\nمُحَمَّد\tB-PERS\n\u200fقال\tO\n",
        Ok((f"{_FAMILY} مُحَمَّد \u200fقال",), spans=((_FAMILY, "MISC"), ("مُحَمَّد", "PERS"))),
    ),
    conll("unreadable-tags", "بوتين\tB-\nقال\tX-Y-Z\n", Ok(("بوتين قال",), ("unreadable",))),
    conll("tab-without-token", "بوتين\tB-PERS\n\tO\n", Fails("token is missing", 2)),
    conll("space-inside-token", "بوتين\tB-PERS\nفي موسكو\tB-GPE\n", Fails("contains a space", 2)),
    conll("only-docstart", "-DOCSTART- O\n\n", Fails("no tokens")),
    conll("empty", b"", Fails("empty")),
    conll("invalid-utf8", "أ\tO\nب\tO\n".encode() + b"\xe9t\xe9\tO\n", Fails("not valid UTF-8", 3)),
    conll("nul", "أ\tO\nب\x00\tO\n", Fails("NUL", 2)),
]

_BRAT_TEXT = f"قال فلاديمير بوتين في موسكو {_FAMILY} ثم غادر.\n"


def _t(ident: str, label: str, text: str, word: str, raw: str | None = None) -> str:
    """A brat T line for ``word`` in ``text``; offsets count code points of ``raw`` (the file as brat reads it)."""
    raw = raw if raw is not None else text
    start = raw.index(word)
    return f"{ident}\t{label} {start} {start + len(word)}\t{word}\n"


_BRAT_ANN = (
    _t("T1", "PERS", _BRAT_TEXT, "فلاديمير بوتين")
    + _t("T2", "GPE", _BRAT_TEXT, "موسكو")
    + _t("T3", "EVENT", _BRAT_TEXT, "غادر")
    + "R1\tleader_of Arg1:T1 Arg2:T2\n"
)
_BRAT_CRLF = "سطر أول\r\nقال بوتين\r\nفي موسكو\r\n"


def brat(name: str, contents: dict[str, str | bytes], expect: Ok | Fails) -> Case:
    return Case(f"brat-{name}", "brat", files(name, contents), expect, annotator="importer")


BRAT_CASES = [
    brat(
        "ok",
        {"doc.txt": _BRAT_TEXT, "doc.ann": _BRAT_ANN},
        Ok(
            (_BRAT_TEXT,),
            spans=(("فلاديمير بوتين", "PERS"), ("موسكو", "GPE"), ("غادر", "EVENT")),
            relations=(("فلاديمير بوتين", "موسكو", "leader_of"),),
        ),
    ),
    brat(
        "crlf",  # brat counts the \r of each line end; the stored text has none
        {
            "doc.txt": _BRAT_CRLF,
            "doc.ann": _t("T1", "PERS", _BRAT_CRLF, "بوتين") + _t("T2", "GPE", _BRAT_CRLF, "موسكو"),
        },
        Ok((lf(_BRAT_CRLF),), ("CRLF",), spans=(("بوتين", "PERS"), ("موسكو", "GPE"))),
    ),
    brat(
        "offsets-out-of-range",
        {"doc.txt": _BRAT_TEXT, "doc.ann": _t("T1", "PERS", _BRAT_TEXT, "موسكو") + "T2\tGPE 20 9999\tx\n"},
        Fails("not inside the text", 2, file="offsets-out-of-range/doc.ann"),
    ),
    brat(
        "reversed-offsets",
        {"doc.txt": _BRAT_TEXT, "doc.ann": "T1\tGPE 9 4\tx\n"},
        Fails("not inside the text", 1, file="reversed-offsets/doc.ann"),
    ),
    brat(
        "relation-to-missing-span",
        {"doc.txt": _BRAT_TEXT, "doc.ann": _t("T1", "PERS", _BRAT_TEXT, "بوتين") + "R1\tleader_of Arg1:T1 Arg2:T7\n"},
        Fails("T7", 2, file="relation-to-missing-span/doc.ann"),
    ),
    brat(
        "ann-without-txt",
        {"doc.txt": _BRAT_TEXT, "doc.ann": _BRAT_ANN, "orphan.ann": "T1\tPERS 0 3\tقال\n"},
        Fails("no .txt", file="ann-without-txt/orphan.ann"),
    ),
    brat(
        "words-for-offsets",
        {"doc.txt": _BRAT_TEXT, "doc.ann": "T1\tPERS four nine\tبوتين\n"},
        Fails("START END", 1, file="words-for-offsets/doc.ann"),
    ),
    brat(
        "span-id-twice",
        {"doc.txt": _BRAT_TEXT, "doc.ann": _BRAT_ANN + _t("T1", "GPE", _BRAT_TEXT, "موسكو")},
        Fails("defined twice", 5, file="span-id-twice/doc.ann"),
    ),
    brat(
        "unknown-line",
        {"doc.txt": _BRAT_TEXT, "doc.ann": "X1\tsomething 0 3\n"},
        Fails("unknown annotation line", 1, file="unknown-line/doc.ann"),
    ),
    brat(
        "binary-txt",
        {"doc.txt": b"\x89PNG\r\n\x1a\n" + _RANDOM[:100], "doc.ann": ""},
        Fails("PNG", file="binary-txt/doc.txt"),
    ),
    brat("empty-folder", {}, Fails("no brat")),
]

CASES: list[Case] = TEXT_CASES + JSONL_CASES + CONLL_CASES + BRAT_CASES
