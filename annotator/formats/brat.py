"""brat standoff: ``NAME.txt`` and ``NAME.ann`` side by side; give a folder (read recursively) or
one of the two files. Documents are named by their path in the folder, without the extension.

- ``T`` lines are spans (brat counts code points of the ``.txt`` as stored, so a CRLF file's
  offsets are moved onto the stored text). A discontinuous span (``0 5;9 12``) becomes one span
  from its first to its last character, counted; the span text given is checked (mismatches
  counted, offsets kept).
- ``R`` lines are relations between two ``T`` spans (the first argument is the head).
- Events, attributes, normalisations, notes and equivalences are not imported: counted.
- A ``.txt`` without an ``.ann`` is imported as a document without annotations.
"""

from __future__ import annotations

from collections import Counter
from itertools import pairwise
from pathlib import Path

from annotator.decoding import decode_bytes, read_file_bytes
from annotator.errors import InputError
from annotator.formats import ReadOptions, ReadResult
from annotator.formats.offsets import TextMap
from annotator.model import IncomingDocument, NewRelation, NewSpan

SKIPPED_KINDS = {"E": "events", "A": "attributes", "M": "attributes", "N": "normalisations", "#": "notes"}


def _read(path: Path, options: ReadOptions) -> tuple[str, bool]:
    """The file's text as brat counts it (UTF-8, BOM and CR kept); ``False`` when it had to be
    decoded otherwise (then line ends are already normalised)."""
    data = read_file_bytes(path)
    if not options.encoding:
        try:
            return data.decode("utf-8"), True
        except UnicodeDecodeError:
            pass
    return decode_bytes(data, path, options.encoding).text, False


def _pairs(path: Path, name: str) -> list[tuple[str, Path, Path | None]]:
    """``(document name, .txt, .ann or None)`` for a folder or for one of a pair's files."""
    if path.is_dir():
        texts = {p.with_suffix(""): p for p in path.rglob("*.txt") if not p.name.startswith(".")}
        anns = {p.with_suffix(""): p for p in path.rglob("*.ann") if not p.name.startswith(".")}
        missing = sorted(set(anns) - set(texts))
        if missing:
            raise InputError(anns[missing[0]], "no .txt file with the same name beside this .ann file")
        return [(stem.relative_to(path).as_posix(), texts[stem], anns.get(stem)) for stem in sorted(texts)]
    txt, ann = path.with_suffix(".txt"), path.with_suffix(".ann")
    if not txt.is_file():
        raise InputError(path, f"no {txt.name} beside it: brat keeps the text in a .txt file of the same name")
    return [(name, txt, ann if ann.is_file() else None)]


def _offsets(part: str, ann: Path, number: int) -> list[tuple[int, int]]:
    pieces = []
    for fragment in part.split(";"):
        bounds = fragment.split()
        if len(bounds) != 2 or not all(b.isdigit() for b in bounds):
            raise InputError(ann, f"span offsets must be 'START END' pairs, got {fragment.strip()!r:.40}", number)
        pieces.append((int(bounds[0]), int(bounds[1])))
    return pieces


def parse_ann(
    ann: Path, content: str, raw: str, mapped: TextMap, counts: Counter[str]
) -> tuple[list[NewSpan], list[NewRelation]]:
    spans: list[NewSpan] = []
    relations: list[tuple[int, str, str, str]] = []
    keys: set[str] = set()
    for number, line in enumerate(content.split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        ident, _, rest = line.partition("\t")
        kind = ident[:1]
        if kind in SKIPPED_KINDS or kind == "*":
            counts[f"{SKIPPED_KINDS.get(kind, 'equivalences')} not imported"] += 1
            continue
        if kind == "T":
            head, _, given = rest.partition("\t")
            label, _, offsets = head.strip().partition(" ")
            if not label or not offsets:
                raise InputError(ann, f"a T line needs 'LABEL START END', got {head!r:.40}", number)
            pieces = _offsets(offsets, ann, number)
            start, end = min(a for a, _ in pieces), max(b for _, b in pieces)
            if not 0 <= start < end <= len(raw) or any(a > b for a, b in pieces):
                raise InputError(ann, f"span [{start}, {end}) is not inside the text (0..{len(raw)})", number)
            if len(pieces) > 1:
                joined_by_lines = all(raw[b:a].isspace() for (_, b), (a, _) in pairwise(pieces))
                if not joined_by_lines:
                    counts["discontinuous spans read from their first to their last character"] += 1
            expected = " ".join(raw[a:b] for a, b in pieces)
            if given and given != expected:
                counts["span texts that differ from the text at their offsets (offsets kept)"] += 1
            if ident in keys:
                raise InputError(ann, f"span id {ident} is defined twice", number)
            span = NewSpan(mapped(start), mapped(end), label, key=ident)
            if span.start < span.end:
                spans.append(span)
                keys.add(ident)
        elif kind == "R":
            fields = rest.split()
            args = [f.split(":", 1)[1] for f in fields[1:] if ":" in f]
            if len(fields) < 3 or len(args) < 2:
                raise InputError(ann, "an R line needs 'TYPE Arg1:T1 Arg2:T2'", number)
            relations.append((number, fields[0], args[0], args[1]))
        else:
            raise InputError(ann, f"unknown annotation line {ident!r:.20} (brat has T, R, E, A, M, N, #, *)", number)
    out = []
    for number, label, head, tail in relations:
        if not (head.startswith("T") and tail.startswith("T")):
            counts["relations between events not imported"] += 1
            continue
        missing = next((k for k in (head, tail) if k not in keys), None)
        if missing is not None:
            raise InputError(ann, f"relation points at {missing}, which the file does not define", number)
        out.append(NewRelation(head, tail, label))
    return spans, out


def read_brat(path: Path, options: ReadOptions, name: str) -> ReadResult:
    counts: Counter[str] = Counter()
    documents = []
    for doc_name, txt, ann in _pairs(path, name):
        raw, exact = _read(txt, options)
        mapped = TextMap.of(raw, txt)
        if not exact:
            counts["texts not in UTF-8 (offsets assume brat read them the same way)"] += 1
        spans: list[NewSpan] = []
        relations: list[NewRelation] = []
        if ann is not None:
            content, _ = _read(ann, options)
            spans, relations = parse_ann(ann, content, raw, mapped, counts)
        documents.append(
            IncomingDocument(
                doc_name,
                mapped.text,
                str(txt),
                notes=tuple(mapped.notes),
                spans=tuple(spans),
                relations=tuple(relations),
            )
        )
    if not documents:
        raise InputError(path, "no brat .txt/.ann files here")
    return ReadResult(documents, [f"{path}: {n} × {kind}" for kind, n in counts.items()])
