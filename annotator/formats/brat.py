"""brat standoff: ``NAME.txt`` and ``NAME.ann`` side by side; give a folder (read recursively) or
one of the two files. Documents are named by their path in the folder, without the extension.

- ``T`` lines are spans (brat counts code points of the ``.txt`` as stored, so a CRLF file's
  offsets are moved onto the stored text). A discontinuous span (``0 5;9 12``) becomes one span
  from its first to its last character, counted; the span text given is checked (mismatches
  counted, offsets kept).
- ``R`` lines are relations between two ``T`` spans (the first argument is the head).
- Events, attributes, normalisations, notes and equivalences are not imported: counted.
- A ``.txt`` without an ``.ann`` is imported as a document without annotations.

Writing (export): ``NAME.txt`` (the stored text) and ``NAME.ann`` per document, plus
``annotation.conf`` and ``visual.conf`` from the project's schema. ``T`` lines carry spans
(code-point offsets, as brat counts them); a span that crosses a line break is written as
fragments split at the line breaks, as brat itself does. ``R`` lines carry relations (``Arg1`` is
the head). File names are safe forms of document names (:mod:`annotator.exporting.files`):
nothing is ever written outside the chosen folder.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path

from annotator.decoding import decode_bytes, read_file_bytes
from annotator.errors import InputError
from annotator.exporting import ExportOptions, ExportResult, Progress
from annotator.exporting.files import NameAllocator, atomic_write, inside, prepare_folder
from annotator.exporting.source import ExportDocument
from annotator.exporting.writing import numbered, report_done
from annotator.formats import ReadOptions, ReadResult
from annotator.formats.offsets import TextMap
from annotator.model import IncomingDocument, NewRelation, NewSpan
from annotator.schema import LabelSchema
from annotator.store import Project

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


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` split at line breaks into non-empty pieces (brat spans cannot hold one)."""
    pieces = []
    position = start
    for line in text[start:end].split("\n"):
        if line:
            pieces.append((position, position + len(line)))
        position += len(line) + 1
    return pieces


def ann_text(doc: ExportDocument) -> tuple[str, int, int, int]:
    """The ``.ann`` content; how many spans and relations it holds, and how many spans cover only
    line breaks (brat cannot hold them). Spans brat would show the same way (same label and
    fragments: e.g. one ending in a line break) are written once, in the order of their fragments."""
    text = doc.text
    fragments_of: dict[str, tuple[tuple[tuple[int, int], ...], str]] = {}  # store span id -> (fragments, label)
    empty = 0
    for _, span_id, start, end, label in doc.spans:
        pieces = tuple(fragments(text, start, end))
        if pieces:
            fragments_of[span_id] = (pieces, label)
        else:
            empty += 1
    entries = sorted(set(fragments_of.values()), key=lambda e: (e[0][0][0], -e[0][-1][1], e[1], e[0]))
    tid = {entry: f"T{number}" for number, entry in enumerate(entries, start=1)}
    lines = [
        f"{tid[(pieces, label)]}\t{label} {';'.join(f'{a} {b}' for a, b in pieces)}\t"
        + " ".join(text[a:b] for a, b in pieces)
        for pieces, label in entries
    ]
    tid_of = {span_id: tid[entry] for span_id, entry in fragments_of.items()}
    written = sorted(
        {
            (tid_of[h], tid_of[t], label)
            for _, _, h, t, label in doc.relations
            if h in tid_of and t in tid_of and tid_of[h] != tid_of[t]  # merged spans: no self-links
        },
        key=lambda r: (int(r[0][1:]), int(r[1][1:]), r[2]),
    )
    lines += [f"R{n}\t{label} Arg1:{head} Arg2:{tail}" for n, (head, tail, label) in enumerate(written, start=1)]
    return "".join(line + "\n" for line in lines), len(entries), len(written), empty


def annotation_conf(schema: LabelSchema, extra_labels: Sequence[str]) -> str:
    """brat's ``annotation.conf``: entities, relations with their allowed arguments, any overlap."""
    labels = [*schema.label_names, *(x for x in extra_labels if x not in schema.label_names)]
    lines = ["[entities]", *labels, "", "[relations]"]
    for relation in schema.relations:
        heads = "|".join(sorted(relation.heads)) or "<ENTITY>"
        tails = "|".join(sorted(relation.tails)) or "<ENTITY>"
        symmetric = "" if relation.directed else ", <REL-TYPE>:symmetric"
        lines.append(f"{relation.name}\tArg1:{heads}, Arg2:{tails}{symmetric}")
    lines += ["<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>", "", "[events]", "", "[attributes]", ""]
    return "\n".join(lines)


def visual_conf(schema: LabelSchema) -> str:
    lines = ["[labels]", *(label.name for label in schema.labels), *(r.name for r in schema.relations), ""]
    lines += ["[drawing]", *(f"{label.name}\tbgColor:{label.colour}" for label in schema.labels), ""]
    return "\n".join(lines)


def write_brat(
    project: Project,
    documents: Sequence[ExportDocument],
    out: Path,
    options: ExportOptions,
    result: ExportResult,
    progress: Progress | None,
) -> None:
    prepare_folder(out)
    names = NameAllocator()
    used_labels: set[str] = set()
    for _, doc in numbered(documents, progress, every=50):
        stem = names.allocate(doc.name)
        if stem != doc.name:
            result.renamed.append((doc.name, stem))
        content, spans, relations, empty = ann_text(doc)
        atomic_write(inside(out, f"{stem}.txt"), doc.text)
        atomic_write(inside(out, f"{stem}.ann"), content)
        result.files += [out / f"{stem}.txt", out / f"{stem}.ann"]
        result.spans += spans
        result.relations += relations
        result.dropped_uncovered += empty
        used_labels.update(span[4] for span in doc.spans)
    schema = project.schema
    atomic_write(inside(out, "annotation.conf"), annotation_conf(schema, sorted(used_labels)))
    atomic_write(inside(out, "visual.conf"), visual_conf(schema))
    result.files += [out / "annotation.conf", out / "visual.conf"]
    report_done(progress, len(documents))
