"""brat standoff: ``NAME.txt`` (the stored text) and ``NAME.ann`` per document, plus
``annotation.conf`` and ``visual.conf`` from the project's schema.

``T`` lines carry spans (code-point offsets, as brat counts them); a span that crosses a line
break is written as fragments split at the line breaks, as brat itself does. ``R`` lines carry
relations (``Arg1`` is the head). File names are safe forms of document names
(:mod:`annotator.exporting.files`): nothing is ever written outside the chosen folder.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from annotator.exporting import ExportOptions, ExportResult, Progress
from annotator.exporting.files import NameAllocator, atomic_write, inside, prepare_folder
from annotator.exporting.source import ExportDocument
from annotator.exporting.writing import numbered, report_done
from annotator.schema import LabelSchema
from annotator.store import Project


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
