"""Plain-text articles: one document per ``.txt`` file."""

from __future__ import annotations

from pathlib import Path

from annotator.decoding import read_text_file
from annotator.formats import ReadOptions, ReadResult
from annotator.model import IncomingDocument


def read_txt(path: Path, options: ReadOptions, name: str) -> ReadResult:
    decoded = read_text_file(path, options.encoding)
    document = IncomingDocument(name=name, text=decoded.text, source=str(path), notes=decoded.notes)
    return ReadResult([document])
