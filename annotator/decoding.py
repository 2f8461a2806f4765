"""From bytes on disk to the stored text, with every step reported.

The stored text is the file's text after exactly these steps (docs/formats.md):
decoding (UTF-8 with or without BOM, UTF-16 LE/BE with BOM, Windows-1256 by detection
or by the user's ``--encoding``), CRLF and lone CR to LF, removal of a leading BOM.
Nothing else changes. Input we cannot take faithfully (undecodable bytes, NUL, binary,
empty, too large) raises :class:`InputError` naming the file and line.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

from annotator.errors import InputError

MAX_FILE_BYTES = 50 * 1024 * 1024

_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or a .docx/.xlsx/.odt file)",
    b"SQLite format 3\x00": "an SQLite database",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "a program (ELF binary)",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office document",
}
# The BOM stays in the decoded text; normalize_text removes it (and reports it) for every path.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8", "UTF-8 with BOM"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE (BOM)"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE (BOM)"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


@dataclass(frozen=True, slots=True)
class Decoded:
    """A file's stored text and what was done to get it, in words a user reads."""

    text: str
    encoding: str
    notes: tuple[str, ...]


def line_of(data: bytes | str, index: int) -> int:
    """1-based line number of ``index`` in ``data`` (bytes or text)."""
    newline = b"\n" if isinstance(data, bytes) else "\n"
    return data.count(newline, 0, index) + 1  # type: ignore[arg-type]


def read_file_bytes(path: str | PathLike[str]) -> bytes:
    """An input file's bytes, refusing files over the size limit before reading them."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(path, f"file is {size / 2**20:.1f} MB; the limit is 50 MB per file")
        return path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read file: {exc.strerror or exc}") from None


def read_text_file(path: str | PathLike[str], encoding: str | None = None) -> Decoded:
    """Read and decode one article file, or raise :class:`InputError`."""
    return decode_bytes(read_file_bytes(path), path, encoding)


def decode_bytes(data: bytes, path: str | PathLike[str], encoding: str | None = None) -> Decoded:
    """Decode ``data`` (from ``path``, for messages) and normalise line ends."""
    if not data.strip():
        raise InputError(path, "file is empty" if not data else "file holds only whitespace")
    notes: list[str] = []
    if encoding:
        text, name = _decode_as(data, path, encoding), encoding
    else:
        text, name = _decode_detected(data, path, notes)
    notes[:0] = [f"decoded as {name}"]
    text, line_notes = normalize_text(text, path)
    return Decoded(text=text, encoding=name, notes=tuple(notes + line_notes))


def normalize_text(text: str, path: str | PathLike[str], line: int | None = None) -> tuple[str, list[str]]:
    """Apply the text steps of the offset contract to already-decoded text (JSONL values too).

    ``line`` is the line of the containing file (JSONL) for messages; without it, lines are
    counted inside ``text``.
    """
    notes: list[str] = []
    boms = len(text) - len(text.lstrip("\ufeff"))
    if boms:  # more than one comes from files concatenated with their BOMs
        text = text[boms:]
        notes.append("leading BOM removed" if boms == 1 else f"{boms} leading BOMs removed")
    nul = text.find("\x00")
    if nul >= 0:
        where = line if line is not None else line_of(text, nul)
        raise InputError(path, "contains a NUL character: binary data cannot be imported", where)
    controls = len(_CONTROL.findall(text))
    if controls > max(8, len(text) // 100):
        raise InputError(path, f"looks like a binary file ({controls} control characters)", line)
    crlf = text.count("\r\n")
    if crlf:
        text = text.replace("\r\n", "\n")
        notes.append(f"{crlf} CRLF line ending{'s' if crlf != 1 else ''} changed to LF")
    lone_cr = text.count("\r")
    if lone_cr:
        text = text.replace("\r", "\n")
        notes.append(f"{lone_cr} lone CR line ending{'s' if lone_cr != 1 else ''} changed to LF")
    if not text.strip():
        raise InputError(path, "text is empty", line)
    return text, notes


def _decode_as(data: bytes, path: str | PathLike[str], encoding: str) -> str:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InputError(path, f"unknown encoding {encoding!r}") from None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            path,
            f"byte 0x{data[exc.start]:02x} at offset {exc.start} is not valid {encoding}",
            line_of(data, exc.start),
        ) from None


def _decode_detected(data: bytes, path: str | PathLike[str], notes: list[str]) -> tuple[str, str]:
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return _decode_as(data, path, codec), name
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(path, f"this is {what}, not a text file")
    nul = data.find(b"\x00")
    if nul >= 0:
        codec = _bomless_utf16(data)
        if codec:
            raise InputError(
                path, f"looks like UTF-16 without a byte-order mark: save it as UTF-8, or give --encoding {codec}"
            )
        raise InputError(path, "contains NUL bytes: binary files cannot be imported", line_of(data, nul))
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as exc:
        error = exc
    if _is_windows_arabic(data):
        notes.append("Windows-1256 detected (no valid UTF-8); give --encoding to override")
        return data.decode("cp1256"), "Windows-1256"
    raise InputError(
        path,
        f"not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}); "
        "if the file uses another encoding, give it with --encoding (e.g. --encoding cp1256)",
        line_of(data, error.start),
    )


def _bomless_utf16(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when ``data`` reads as ordinary text in it, else None.

    Text in one or two scripts shares few high bytes (0x00 for ASCII, 0x06 for Arabic).
    """
    if len(data) % 2:
        return None
    for codec, high_bytes in (("utf-16-le", data[1:8192:2]), ("utf-16-be", data[0:8192:2])):
        top_two = sum(n for _, n in Counter(high_bytes).most_common(2))
        if top_two < 0.9 * len(high_bytes):
            continue
        try:
            text = data[:8192].decode(codec)
        except UnicodeDecodeError:
            continue
        readable = sum(1 for c in text if c.isprintable() or c in "\t\n\r")
        if readable >= 0.95 * len(text):
            return codec
    return None


def _is_windows_arabic(data: bytes) -> bool:
    """True when bytes that are not UTF-8 read as Arabic under Windows-1256.

    Damaged UTF-8 (mostly valid multi-byte sequences) is rejected, not re-read: a few
    bad bytes in a UTF-8 file must not turn the whole article into mojibake.
    """
    high = sum(1 for b in data if b >= 0x80)
    if high == 0:
        return False
    utf8_bytes = sum(len(m) for m in _UTF8_MULTIBYTE.findall(data))
    if utf8_bytes * 2 > high:
        return False
    text = data.decode("cp1256")
    if _CONTROL.search(text):
        return False
    non_ascii = [c for c in text if ord(c) >= 0x80]
    arabic = sum(1 for c in non_ascii if "\u0600" <= c <= "\u06ff")
    return arabic >= 0.7 * len(non_ascii)
