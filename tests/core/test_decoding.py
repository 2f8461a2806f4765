"""Import-time decoding: the exact steps of the offset contract, and clear refusals."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.decoding import MAX_FILE_BYTES, decode_bytes, read_text_file
from annotator.errors import InputError

ARABIC = "قال الرئيس فلاديمير بوتين إن موسكو"


def test_plain_utf8_is_stored_unchanged_and_reported():
    decoded = decode_bytes(ARABIC.encode(), "a.txt")
    assert decoded.text == ARABIC
    assert decoded.notes == ("decoded as UTF-8",)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + ARABIC.encode("utf-8"), "UTF-8 with BOM"),
        (codecs.BOM_UTF16_LE + ARABIC.encode("utf-16-le"), "UTF-16 LE (BOM)"),
        (codecs.BOM_UTF16_BE + ARABIC.encode("utf-16-be"), "UTF-16 BE (BOM)"),
    ],
)
def test_bom_decides_encoding_and_is_removed(data, encoding):
    decoded = decode_bytes(data, "a.txt")
    assert decoded.text == ARABIC
    assert decoded.encoding == encoding
    assert "leading BOM removed" in decoded.notes


def test_windows_1256_is_detected_and_reported():
    decoded = decode_bytes(ARABIC.encode("cp1256"), "a.txt")
    assert decoded.text == ARABIC
    assert decoded.encoding == "Windows-1256"
    assert any("Windows-1256 detected" in note for note in decoded.notes)


def test_explicit_encoding_overrides_detection():
    decoded = decode_bytes("سلام".encode("cp1256"), "a.txt", encoding="cp1256")
    assert decoded.text == "سلام"


def test_crlf_and_lone_cr_become_lf_and_are_counted():
    decoded = decode_bytes("سطر١\r\nسطر٢\rسطر٣\r\n".encode(), "a.txt")
    assert decoded.text == "سطر١\nسطر٢\nسطر٣\n"
    assert "2 CRLF line endings changed to LF" in decoded.notes
    assert "1 lone CR line ending changed to LF" in decoded.notes


def test_nothing_else_changes():
    text = "بُوتِين ـــ موسكو\u200f \u200eCNN\u200c 👨\u200d👩\u200d👧 ١٧٥٠٠  \n\n  "
    assert decode_bytes(text.encode(), "a.txt").text == text


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r\ufeff"), min_size=1))
def test_any_utf8_text_without_cr_round_trips(text):
    if not text.strip() or sum(1 for c in text if ord(c) < 32 and c not in "\t\n\x0c") > max(8, len(text) // 100):
        return  # empty and binary-looking texts are refused, tested below
    assert decode_bytes(text.encode(), "a.txt").text == text


def test_invalid_utf8_names_file_line_and_byte():
    data = "سطر أول\nسطر ثان".encode() + b"\xff\xfe oops"
    with pytest.raises(InputError) as info:
        decode_bytes(data, "bad.txt")
    message = str(info.value)
    assert message.startswith("bad.txt:2: not valid UTF-8 (byte 0xff")
    assert "--encoding" in message


def test_damaged_utf8_is_not_misread_as_windows_1256():
    data = ARABIC.encode()[:-1] + b" " + ARABIC.encode()
    with pytest.raises(InputError, match="not valid UTF-8"):
        decode_bytes(data, "cut.txt")


def test_nul_bytes_are_refused_with_line():
    with pytest.raises(InputError, match=r"^n.txt:2: contains NUL bytes"):
        decode_bytes(b"line one\nline\x00two", "n.txt")


def test_nul_inside_utf16_text_is_refused():
    data = codecs.BOM_UTF16_LE + "a\nb\x00c".encode("utf-16-le")
    with pytest.raises(InputError, match=r"^n.txt:2: contains a NUL character"):
        decode_bytes(data, "n.txt")


def test_utf16_without_bom_is_explained():
    with pytest.raises(InputError, match="UTF-16 without a byte-order mark"):
        decode_bytes(ARABIC.encode("utf-16-le"), "w.txt")


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "a PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "a PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00", "a ZIP archive"),
        (b"SQLite format 3\x00" + bytes(84), "an SQLite database"),
    ],
)
def test_binary_files_are_named(data, what):
    with pytest.raises(InputError, match=what):
        decode_bytes(data, "x.txt")


def test_control_character_soup_is_binary():
    with pytest.raises(InputError, match="looks like a binary file"):
        decode_bytes(bytes(range(1, 32)) * 20, "x.txt")


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n"])
def test_empty_files_are_refused(data):
    with pytest.raises(InputError, match=r"empty|only whitespace"):
        decode_bytes(data, "e.txt")


def test_unknown_encoding_is_reported():
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        decode_bytes(b"abc", "a.txt", encoding="klingon")


def test_file_over_50_mb_is_refused_before_reading(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(InputError, match=r"big.txt: file is 50.0 MB; the limit is 50 MB"):
        read_text_file(big)


def test_missing_file_is_reported(tmp_path):
    with pytest.raises(InputError, match="cannot read file"):
        read_text_file(tmp_path / "nope.txt")


def test_latin_text_with_nul_is_not_mistaken_for_utf16():
    with pytest.raises(InputError, match="contains NUL bytes"):
        decode_bytes(b"some text here\x00and more ok", "n.txt")


def test_a_run_of_leading_boms_is_removed_and_counted():
    decoded = decode_bytes(codecs.BOM_UTF8 * 3 + "نص".encode(), "a.txt")
    assert decoded.text == "نص"
    assert "3 leading BOMs removed" in decoded.notes
    with pytest.raises(InputError, match="text is empty"):
        decode_bytes(codecs.BOM_UTF8 * 3, "b.txt")


def test_a_bom_inside_the_text_stays():
    assert decode_bytes("نص\ufeffآخر".encode(), "a.txt").text == "نص\ufeffآخر"
