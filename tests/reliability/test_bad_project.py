"""Bad project files: a clear message from the API and the CLI, no crash, and nothing written.

Each case builds a broken file. ``Project.open`` raises :class:`ProjectError` with one line
naming the file; ``hashiya stats`` prints that one line and exits 1; the file (and anything
beside it: -wal, -shm) is byte-for-byte what it was.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from projectfiles import describe_change, make_project, snapshot

from annotator.cli import main as cli_main
from annotator.errors import ProjectError
from annotator.model import IncomingDocument
from annotator.store import Project
from annotator.store.migrations import CURRENT_VERSION


def _project(path: Path, seed: str) -> Path:
    make_project(path, seed)
    with Project.open(path) as project:  # enough pages that damage can miss the header
        project.add_documents([IncomingDocument(f"d{i}", f"{seed}\n{i}", f"d{i}.txt") for i in range(12)])
    return path


def truncated_half(path: Path, seed: str) -> None:
    data = _project(path, seed).read_bytes()
    path.write_bytes(data[: len(data) // 2])


def truncated_inside_header(path: Path, seed: str) -> None:
    path.write_bytes(_project(path, seed).read_bytes()[:60])


def truncated_with_stale_log(path: Path, seed: str) -> None:
    """Truncated, with a -wal beside it that does not hold the lost pages (a crash image, then damage)."""
    source = path.with_name("source.hashiya")
    _project(source, seed)
    project = Project.open(source)
    project.add_span(project.documents()[0].id, "a", 0, 3, "GPE")  # a small, valid log
    shutil.copyfile(source, path)
    shutil.copyfile(f"{source}-wal", f"{path}-wal")
    project.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def empty_file(path: Path, seed: str) -> None:
    path.write_bytes(b"")


def text_file(path: Path, seed: str) -> None:
    path.write_text("documents:\n  - " + seed[:200], encoding="utf-8")


def png_file(path: Path, seed: str) -> None:
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)


def corrupt_header(path: Path, seed: str) -> None:
    data = bytearray(_project(path, seed).read_bytes())
    data[16:18] = (3).to_bytes(2, "big")  # page size 3: not a power of two
    path.write_bytes(bytes(data))


def foreign_sqlite(path: Path, seed: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.execute("INSERT INTO invoices (total) VALUES (12.5)")
    conn.commit()
    conn.close()


def empty_sqlite(path: Path, seed: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("DROP TABLE t")
    conn.commit()
    conn.close()


def newer_version(path: Path, seed: str) -> None:
    _project(path, seed)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {CURRENT_VERSION + 1}")
    conn.commit()
    conn.close()


def folder(path: Path, seed: str) -> None:
    path.mkdir()


def missing(path: Path, seed: str) -> None:
    pass


def damaged_pages(path: Path, seed: str) -> None:
    """Header and schema intact, the documents table's root page overwritten (a bad disk, a bad copy)."""
    _project(path, seed)
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'documents'").fetchone()[0]
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    data[(root - 1) * page : root * page] = b"\xab" * page
    path.write_bytes(bytes(data))


Builder = Callable[[Path, str], None]
CASES: list[tuple[str, Builder, str]] = [
    ("truncated", truncated_half, r"truncated"),
    ("truncated-inside-header", truncated_inside_header, r"damaged|not an SQLite|truncated"),
    ("truncated-with-stale-wal", truncated_with_stale_log, r"damaged|truncated"),
    ("empty-file", empty_file, r"not an SQLite database"),
    ("text-file", text_file, r"not an SQLite database"),
    ("png-file", png_file, r"not an SQLite database"),
    ("corrupt-header", corrupt_header, r"damaged|unreadable"),
    ("sqlite-not-hashiya", foreign_sqlite, r"not a Hashiya project"),
    ("empty-sqlite", empty_sqlite, r"not a Hashiya project"),
    ("newer-version", newer_version, rf"newer Hashiya.*{CURRENT_VERSION + 1}"),
    ("folder", folder, r"cannot read|directory"),
    ("missing", missing, r"no such project file"),
]
PARAMS = [pytest.param(builder, pattern, id=name) for name, builder, pattern in CASES]


@pytest.fixture
def bad_file(tmp_path) -> Path:
    return tmp_path / "project.hashiya"


@pytest.mark.parametrize(("build", "pattern"), PARAMS)
def test_api_refuses_with_a_clear_message_and_writes_nothing(bad_file, seed_text, build, pattern):
    build(bad_file, seed_text)
    before = snapshot(bad_file)
    with pytest.raises(ProjectError, match=pattern) as raised:
        Project.open(bad_file)
    message = str(raised.value)
    assert str(bad_file) in message and "\n" not in message
    assert snapshot(bad_file) == before, describe_change(before, snapshot(bad_file))


@pytest.mark.parametrize(("build", "pattern"), PARAMS)
def test_cli_prints_one_line_and_exits_1(bad_file, seed_text, capsys, build, pattern):
    build(bad_file, seed_text)
    before = snapshot(bad_file)
    assert cli_main(["stats", str(bad_file)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("hashiya: error: ") and str(bad_file) in err, err
    assert snapshot(bad_file) == before, describe_change(before, snapshot(bad_file))


@pytest.mark.parametrize("build", [truncated_half, text_file, newer_version], ids=lambda b: b.__name__)
def test_console_script_shows_no_traceback(bad_file, seed_text, build):
    build(bad_file, seed_text)
    before = snapshot(bad_file)
    script = Path(sys.executable).with_name("hashiya")
    command = (
        [str(script)] if script.exists() else [sys.executable, "-c", "import sys, ui.entry; sys.exit(ui.entry.main())"]
    )
    result = subprocess.run([*command, "stats", str(bad_file)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    assert snapshot(bad_file) == before


def test_damaged_pages_give_a_clear_message_not_a_traceback(bad_file, seed_text, capsys):
    """Damage past the header is found by the first read that touches it (checking every page on
    open would cost time in proportion to the project), so the API raises sqlite3.DatabaseError
    there; the CLI must still print one line and exit 1."""
    damaged_pages(bad_file, seed_text)
    before = snapshot(bad_file)
    assert cli_main(["stats", str(bad_file)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "damaged" in err, err
    assert snapshot(bad_file) == before
