"""Importing files into a project: read everything first, then store it in one transaction.

If any input is bad, the import stops with a message naming the file and line and the
project is left exactly as it was (unless ``skip_bad``: then bad files are listed and the
rest imported).

What was imported is then pre-annotated (issue 13: pre-highlighting is on by default), by
whoever imported: ``hashiya import`` calls :func:`suggest_imported` itself, the window runs the
same recommenders (:func:`recommenders_after_import`) in its background worker. The project's
recommender settings turn it off (:data:`SUGGEST_AFTER_IMPORT`); camel-tools (torch, seconds to
load) joins only when its model is installed *and* the project asks for it
(:data:`CAMEL_AFTER_IMPORT`), so an import stays quick.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.errors import HashiyaError, InputError
from annotator.model import DocStatus, ImportOutcome, IncomingDocument
from annotator.schema import LabelSchema, RelationType
from annotator.store import NO_CHANGE, Change, Project
from annotator.store.documents import SAME_TEXT
from annotator.wording import Quoted, Say, english, quote

if TYPE_CHECKING:
    from annotator.formats import ReaderSpec, ReadOptions
    from annotator.recommenders.registry import RecommenderSettings
    from annotator.recommenders.runner import RunReport

Progress = Callable[[int, int, str], None]  # (done, total, current file)
SUGGEST_AFTER_IMPORT = "suggest_after_import"  # project recommender setting: on unless stored as false
CAMEL_AFTER_IMPORT = "camel_after_import"  # project recommender setting: camel-tools too, when installed


@dataclass
class ImportReport:
    outcomes: list[ImportOutcome] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # file-level notes: repairs, skipped lines
    failed: list[InputError] = field(default_factory=list)  # only with skip_bad
    labels_added: list[str] = field(default_factory=list)
    relation_types_added: list[str] = field(default_factory=list)
    change: Change = NO_CHANGE  # what the import stored, for views to refresh

    def count(self, result: str) -> int:
        return sum(1 for o in self.outcomes if o.result == result)

    @property
    def spans_added(self) -> int:
        return sum(o.spans_added for o in self.outcomes)

    @property
    def relations_added(self) -> int:
        return sum(o.relations_added for o in self.outcomes)

    def summary_lines(self, say: Say | None = None) -> list[str]:
        """What a user reads after an import: counts, then each non-trivial note once.

        ``say`` words our own sentences (:mod:`annotator.wording`: English by default, the window's
        language in the import dialog); the file readers' notes are quoted as they are.
        """
        say = say or english
        return [self._counts(say), *self._schema_lines(say), *self._note_lines(say)]

    def _counts(self, say: Say) -> str:
        line = say("{n} document(s) added", self.count("added")) + say(", ")
        line += say("{n} already present", self.count("duplicate"))
        if self.count("attached"):
            line += say(", ") + say("{n} with annotations attached", self.count("attached"))
        if self.spans_added:
            line += say("; ") + say("{n} span(s)", self.spans_added) + say(", ")
            line += say("{n} relation(s)", self.relations_added)
        return line

    def _schema_lines(self, say: Say) -> list[str]:
        lines = []
        if self.labels_added:
            lines.append(say("labels added to the schema: {labels}", labels=", ".join(self.labels_added)))
        if self.relation_types_added:
            types = ", ".join(self.relation_types_added)
            lines.append(say("relation types added to the schema: {types}", types=types))
        return lines

    def _note_lines(self, say: Say) -> list[str]:
        """Each note once, with how many documents it concerns; a document already present names its file."""
        notes = Counter(
            (o.source if o.result != "added" else "", note)
            for o in self.outcomes
            for note in o.notes
            if not note.startswith("decoded as UTF-8")
        )
        lines = []
        for (source, note), n in notes.items():
            if note == SAME_TEXT:  # the store's note, not a reader's: worded like the rest
                line = say("{source}: same text already in the project", source=source)
            else:
                line = quote(say, f"{source}: {note}" if source else note)
            lines.append(line + (say(" ({n} documents)", n) if n > 1 else ""))
        lines.extend(quote(say, note) for note in self.notes)
        lines.extend(say("skipped {error}", error=Quoted(str(error))) for error in self.failed)
        return lines


def expand_inputs(paths: Iterable[str | PathLike[str]], format_name: str) -> list[tuple[Path, ReaderSpec, str]]:
    """Each input file with its reader and document-name prefix; folders are walked in sorted order."""
    # the readers are imported when a file is read: the window imports this module for its settings
    # (suggests_after_import) and opens no file at start-up
    from annotator.formats import READERS, reader_for

    if format_name != "auto" and format_name not in READERS:
        raise HashiyaError(f"unknown format {format_name!r} (choose from auto, {', '.join(READERS)})")
    found: list[tuple[Path, ReaderSpec, str]] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError(path, "no such file or folder")
        if path.is_dir():
            spec = READERS.get(format_name)
            if spec is not None and spec.folders:
                found.append((path, spec, path.name))
                continue
            files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            matched = [(f, reader_for(f, format_name)) for f in files]
            matched = [(f, s) for f, s in matched if s is not None and f.suffix.lower() in s.extensions]
            if not matched:
                raise InputError(path, f"folder has no files to import as {format_name}")
            found.extend((f, s, f.relative_to(path).with_suffix("").as_posix()) for f, s in matched)
        else:
            spec = reader_for(path, format_name)
            if spec is None:
                known = ", ".join(sorted({e for s in READERS.values() for e in s.extensions}))
                raise InputError(path, f"unknown file type {path.suffix!r}: give --format (known: {known})")
            found.append((path, spec, path.stem))
    return found


def read_inputs(
    paths: Sequence[str | PathLike[str]],
    format_name: str = "auto",
    options: ReadOptions | None = None,
    *,
    skip_bad: bool = False,
    progress: Progress | None = None,
) -> tuple[list[IncomingDocument], ImportReport]:
    """Read every input; the first bad one raises :class:`InputError` unless ``skip_bad``."""
    from annotator.formats import ReadOptions

    options = options or ReadOptions()
    report = ImportReport()
    documents: list[IncomingDocument] = []
    inputs = expand_inputs(paths, format_name)
    for done, (path, spec, name) in enumerate(inputs):
        if progress:
            progress(done, len(inputs), str(path))
        try:
            result = spec.load()(path, options, name)
        except InputError as error:
            if not skip_bad:
                raise
            report.failed.append(error)
            continue
        documents.extend(result.documents)
        report.notes.extend(result.notes)
    if progress:
        progress(len(inputs), len(inputs), "")
    return documents, report


def import_paths(
    project: Project,
    paths: Sequence[str | PathLike[str]],
    format_name: str = "auto",
    *,
    options: ReadOptions | None = None,
    annotator: str | None = None,
    status: DocStatus | None = None,
    add_labels: bool = False,
    skip_bad: bool = False,
    progress: Progress | None = None,
    logged_by: str | None = None,
) -> ImportReport:
    """Read ``paths`` and store them in ``project`` in one transaction; see the module docstring.

    The import is one action in the log of ``logged_by`` (who imported: the window's annotator),
    else of ``annotator``, else of the project's import log: that log's undo takes it back.
    """
    documents, report = read_inputs(paths, format_name, options, skip_bad=skip_bad, progress=progress)
    if not documents:
        raise HashiyaError("nothing to import: every input was skipped")
    schema = project.schema
    used = dict.fromkeys(span.label for doc in documents for span in doc.spans)
    unknown = [label for label in used if schema.label(label) is None]
    if unknown and not add_labels:
        raise HashiyaError(
            f"labels not in the project's schema: {', '.join(unknown)} "
            "(add them with --add-labels, or map them in the schema first)"
        )
    new_schema = schema.with_labels(unknown) if unknown else None
    missing_relations = sorted({r.label for d in documents for r in d.relations if schema.relation(r.label) is None})
    if missing_relations and not add_labels:
        raise HashiyaError(
            f"relation types not in the project's schema: {', '.join(missing_relations)} (add them with --add-labels)"
        )
    if missing_relations:  # added allowing any labels at both ends: the data decides, the schema can narrow later
        base = new_schema or schema
        any_label = frozenset(base.label_names)
        extra = tuple(RelationType(name, any_label, any_label) for name in missing_relations)
        new_schema = LabelSchema(base.name, base.labels, base.relations + extra)
    if new_schema is not None:  # names from files must make a valid schema (no spaces, ...): say which
        LabelSchema.from_dict(new_schema.to_dict(), "labels from the imported files")
    if any(doc.spans for doc in documents) and annotator is None:
        raise HashiyaError("these files carry annotations: give --annotator NAME to import them as")
    if status is not None:  # the user's --status wins over a status a file carries (Hashiya JSONL)
        documents = [replace(doc, status=None) if doc.status else doc for doc in documents]
    elif any(doc.spans for doc in documents):  # an annotated file's documents are all done,
        status = DocStatus.DONE  # those without entities too (all O is an annotation)
    outcomes, report.change = project.add_documents(
        documents, annotator, status, schema=new_schema, logged_by=logged_by
    )
    report.outcomes = outcomes
    report.labels_added = unknown
    report.relation_types_added = missing_relations
    return report


# -- suggestions after an import ----------------------------------------------------------------


def suggests_after_import(project: Project) -> bool:
    """Whether imported documents are pre-annotated: the project's setting, on by default."""
    stored = project.recommender_settings()
    return not isinstance(stored, dict) or stored.get(SUGGEST_AFTER_IMPORT, True) is not False


def set_suggests_after_import(project: Project, on: bool) -> None:
    """Turn pre-annotation after imports on or off for everyone who imports into this project."""
    stored = project.recommender_settings()
    project.set_recommender_settings({**(stored if isinstance(stored, dict) else {}), SUGGEST_AFTER_IMPORT: on})


def recommenders_after_import(project: Project, settings: RecommenderSettings) -> list[str]:
    """What runs after an import: ``default`` (what ``hashiya preannotate`` runs), without
    camel-tools unless the project asks for it, since loading torch would take longer than the import."""
    from annotator.recommenders.registry import expand

    names = expand(["default"], settings)
    stored = project.recommender_settings()
    if "camel" not in names or (isinstance(stored, dict) and stored.get(CAMEL_AFTER_IMPORT) is True):
        return ["default"]
    return [name for name in names if name != "camel"]


def suggest_imported(
    project: Project,
    document_ids: Sequence[str],
    *,
    annotator: str | None = None,
    settings: RecommenderSettings | None = None,
) -> RunReport:
    """Pre-annotate ``document_ids`` on this thread and store the suggestions (one
    ``store_predictions`` per chunk and recommender), for ``annotator`` (None: everyone)."""
    from annotator.recommenders.registry import RecommenderSettings, build
    from annotator.recommenders.runner import run_recommenders

    settings = settings or RecommenderSettings.of_project(project)
    recommenders = build(recommenders_after_import(project, settings), project, settings, annotator)
    return run_recommenders(project, recommenders, document_ids, lift_for=annotator)
