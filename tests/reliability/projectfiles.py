"""Project files on disk for the reliability suites: building them, and proving they did not change."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from annotator.model import IncomingDocument
from annotator.store import Project

# What holds a project's data: the file, its write-ahead log, a rollback journal. (-shm is SQLite's
# shared-memory index of the log, rebuilt from it at any time: opening may create it.)
SIDE_FILES = ("-wal", "-journal")
EXTRA_TEXTS = (
    "قال الرئيس فلاديمير بوتين في موسكو 👨‍👩‍👧 إن روسيا لن تتراجع.\nوردّت أوكرانيا من كييف.",
    "التقى وزير الخارجية بنظيره في الدوحة يوم 29 نوفمبر، وناقشا قمة ألاسكا مع الناتو.",
)


def make_project(path: Path, seed_text: str) -> Path:
    """Create ``path`` with three documents and close it (so no -wal/-shm is left beside it)."""
    with Project.create(path) as project:
        documents = [IncomingDocument("seed", seed_text, "seed.txt")]
        documents += [IncomingDocument(f"extra-{i}", text, f"extra-{i}.txt") for i, text in enumerate(EXTRA_TEXTS)]
        project.add_documents(documents)
    return path


def snapshot(path: Path) -> dict[str, bytes]:
    """The bytes of the project file and of any -wal/-journal beside it."""
    files = [path, *(path.with_name(path.name + suffix) for suffix in SIDE_FILES)]
    return {f.name: f.read_bytes() if f.is_file() else b"<not a file>" for f in files if f.exists()}


def describe_change(before: dict[str, bytes], after: dict[str, bytes]) -> str:
    lines = []
    for name in sorted(set(before) | set(after)):
        a, b = before.get(name), after.get(name)
        if a is None or b is None:
            lines.append(f"{name}: {'created' if a is None else 'deleted'}")
        elif a != b:
            first = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
            lines.append(f"{name}: {len(a)} -> {len(b)} bytes, first difference at byte {first}")
    return "; ".join(lines) or "unchanged"


def table_counts(path: Path) -> dict[str, int]:
    """Row counts of a project's tables, read without the store (read-only)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {name: conn.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in names}
    finally:
        conn.close()


def assert_offsets_slice_exactly(text: str, offsets: list[tuple[int, int]]) -> None:
    """Tokens are ordered, disjoint, non-empty slices that together hold every non-space character."""
    previous = 0
    for start, end in offsets:
        assert previous <= start < end <= len(text), (start, end, len(text))
        assert text[previous:start].strip() == "", f"characters between tokens were dropped: {text[previous:start]!r}"
        assert not any(c.isspace() for c in text[start:end]), f"token holds whitespace: {text[start:end]!r}"
        previous = end
    assert text[previous:].strip() == ""
    assert "".join(text[s:e] for s, e in offsets) == "".join(text.split())
