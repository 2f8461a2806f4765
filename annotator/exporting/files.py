"""Writing export files safely: names that stay inside the chosen folder, and no half-written files.

A document name comes from users and imported files (``../../etc/passwd``, ``a/b``, ``CON``,
``نص: «1»?``). :func:`safe_stem` turns it into one file-name component that is valid on Linux,
macOS and Windows; :class:`NameAllocator` keeps names unique (ignoring case, as macOS and
Windows do) and :func:`inside` refuses any path that would leave the folder anyway.
"""

from __future__ import annotations

import os
import re
import secrets
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from annotator.errors import HashiyaError

_RESERVED_CHARS = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_WINDOWS_DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"COM{i}" for i in range(10)}
    | {f"LPT{i}" for i in range(10)}
    | {f"COM{c}" for c in "¹²³"}
    | {f"LPT{c}" for c in "¹²³"}
)
_UNSAFE_CATEGORIES = ("Cc", "Cs", "Zl", "Zp")  # controls, lone surrogates, line and paragraph separators
# bidi embeddings, overrides and isolates reorder how a name is shown ("RLO spoofing"); LRM/RLM may stay
_BIDI_CONTROLS = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
_EDGES = re.compile(r"^[\s.]+|[\s.]+$")  # no leading dots (hidden, "..") nor trailing dots or spaces
MAX_STEM_BYTES = 150  # UTF-8 bytes: with "-2", ".ann" and a temporary file's affixes, under 255


def safe_stem(name: str, fallback: str = "document") -> str:
    """One safe file-name component for a document name (idempotent: safe names stay as they are)."""
    stem = unicodedata.normalize("NFC", name)
    stem = _RESERVED_CHARS.sub("_", stem)
    stem = "".join("_" if ch in _BIDI_CONTROLS or unicodedata.category(ch) in _UNSAFE_CATEGORIES else ch for ch in stem)
    stem = _EDGES.sub("", stem)
    if len(stem.encode("utf-8")) > MAX_STEM_BYTES:  # cut at a character boundary
        stem = _EDGES.sub("", stem.encode("utf-8")[:MAX_STEM_BYTES].decode("utf-8", "ignore"))
    if not stem:
        stem = fallback
    if stem.split(".")[0].upper().rstrip() in _WINDOWS_DEVICES:
        stem = f"_{stem}"
    return stem


class NameAllocator:
    """Unique safe stems: the second ``a`` becomes ``a-2`` (case-insensitively unique)."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def allocate(self, name: str) -> str:
        stem = safe_stem(name)
        candidate, n = stem, 1
        while candidate.casefold() in self._taken:
            n += 1
            candidate = f"{stem}-{n}"
        self._taken.add(candidate.casefold())
        return candidate


def inside(folder: Path, file_name: str) -> Path:
    """``folder / file_name``, refusing anything that would resolve outside ``folder``."""
    root = folder.resolve()
    target = (root / file_name).resolve()
    if target.parent != root:
        raise HashiyaError(f"refusing to write {file_name!r} outside {folder}")
    return target


@contextmanager
def atomic_file(path: Path) -> Iterator[TextIO]:
    """A text file handle whose content replaces ``path`` only when the block ends without error."""
    with _atomic(path, binary=False) as handle:
        yield handle


@contextmanager
def atomic_binary_file(path: Path) -> Iterator[BinaryIO]:
    """As :func:`atomic_file`, for content already encoded (exports assembled as UTF-8 bytes)."""
    with _atomic(path, binary=True) as handle:
        yield handle


@contextmanager
def _atomic(path: Path, *, binary: bool) -> Iterator[Any]:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = _create_temporary(path.parent)
    except OSError as exc:
        raise HashiyaError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
        os.replace(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise HashiyaError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _create_temporary(folder: Path) -> tuple[int, str]:
    """A new file beside the target, created with mode 0o666 so the user's umask applies (as for
    any file they save). ``tempfile.mkstemp`` would make it readable by its owner only."""
    for _ in range(100):
        name = os.path.join(folder, f".tmp-{secrets.token_hex(6)}.part")  # short: long names still fit
        try:
            return os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666), name
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name in {folder}")


def atomic_write(path: Path, data: str) -> None:
    """Write ``data`` as UTF-8 to ``path`` through a temporary file, so readers never see half a file."""
    with atomic_file(path) as handle:
        handle.write(data)


def prepare_file(out: Path) -> Path:
    """Check that ``out`` can be an export file (not a folder; its folder exists or can be made)."""
    if out.is_dir():
        raise HashiyaError(f"{out} is a folder: give a file name for this format")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise HashiyaError(f"cannot create folder {out.parent}: {exc.strerror or exc}") from None
    return out


def prepare_folder(out: Path) -> Path:
    if out.exists() and not out.is_dir():
        raise HashiyaError(f"{out} is a file: this format writes a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise HashiyaError(f"cannot create folder {out}: {exc.strerror or exc}") from None
    return out
