"""Handing out work: ``hashiya distribute`` writes one project file per annotator.

Each file holds the annotator's share and the overlap sample every annotator gets (the split is
:mod:`annotator.team.distribute_plan`), the project's schema and its settings (the boundary
convention, label mappings), and the overlap sample's content hashes under
:data:`~annotator.policies.OVERLAP_KEY`. The lead's project records the sample too (added to any
earlier run's), since ``merge`` brings annotations back but not settings: ``hashiya agreement P
--documents overlap`` then compares the annotators on that sample alone.

Blind annotation: a file carries no other annotator's work (gold included), no suggestions and no
trained models (a project-memory model learnt from someone's spans would leak them); only the
annotator's own earlier work on a document comes along (spans, relations, status), so handing out
again never makes anyone start over. That work is added in the file's import log, never in the
annotator's, so their Ctrl+Z cannot take the documents away.

Documents someone already marked done in the lead's project are not handed out again. A file that
exists is refused unless ``force``. Every file is written under a temporary name in a staging
folder inside the output folder and renamed only when all are complete: a failure leaves no
half-written project. ``progress`` is called before each file and once more when all are staged,
before any is put in place; a callback that raises there (the window's Cancel) stops the run with
nothing written.

:func:`plan_distribution` decides the split without writing anything (and reads no document text),
so the window can preview a run while the lead edits it; :func:`distribute` runs the same plan.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from annotator.errors import HashiyaError
from annotator.model import GOLD, DocStatus, Document, IncomingDocument, NewRelation, NewSpan
from annotator.policies import OVERLAP_KEY, overlap_sample
from annotator.store import Project
from annotator.store.queries import WorkRow
from annotator.team.distribute_plan import Candidate, Split, length_bands, plan_split, source_of

SUFFIX = ".hashiya"
ASSIGNMENT_KEY = "assignment"  # settings entry of an annotator's file: whose file it is, from which run
STRATA = ("source", "length")
_UNSAFE_NAME = re.compile(r"[/\\:\x00]|^\.|^\s|\s$")
Progress = Callable[[int, int, str], None]  # (documents written, documents in all files, file being written)


class NothingToHandOut(HashiyaError):
    """Every document is marked done already: a run would write nothing (the window says so in its own words)."""


def usable_as_file_name(name: str) -> bool:
    """Whether ``name`` can name an annotator's file (no separators, no leading dot or blank)."""
    return not _UNSAFE_NAME.search(name)


@dataclass(frozen=True)
class DistributeOptions:
    """What a lead asks for: who, how much overlap, at most how many documents each, which seed."""

    annotators: tuple[str, ...]
    overlap: float = 0.2
    per_annotator: int | None = None
    seed: int = 0
    stratify: str = "source"  # or "length"
    force: bool = False


@dataclass(frozen=True)
class AnnotatorFile:
    """One written file: whose, where, how many documents (of which in the overlap) and how many
    carry the annotator's own earlier work."""

    annotator: str
    path: Path
    documents: int
    overlap: int
    own_work: int


@dataclass(frozen=True)
class DistributionReport:
    """A finished run: the files, the split (content hashes) and what was not handed out."""

    files: tuple[AnnotatorFile, ...]
    split: Split
    skipped_done: int  # documents someone had already marked done
    seed: int

    def summary_lines(self) -> list[str]:
        """What the lead reads: one line per file, then the overlap, what was skipped or held back."""
        lines = [
            f"{f.path}: {f.documents} document(s) for {f.annotator} ({f.overlap} in the overlap"
            + (f", {f.own_work} with their earlier work" if f.own_work else "")
            + ")"
            for f in self.files
        ]
        lines.append(f"overlap sample: {len(self.split.overlap)} document(s) given to everyone (seed {self.seed})")
        if self.skipped_done:
            lines.append(f"skipped {self.skipped_done} document(s) already marked done")
        if self.split.held_back:
            lines.append(f"held back {len(self.split.held_back)} document(s) for a later run (--per-annotator)")
        return lines


@dataclass(frozen=True)
class DistributionPlan:
    """A run decided but not written: whom it names, the split, what it skips and which documents
    (ids, in project order) it hands out. The window previews this while the lead edits the run."""

    annotators: tuple[str, ...]
    split: Split
    skipped_done: int
    document_ids: tuple[str, ...]

    def file_size(self, annotator: str) -> int:
        """How many documents ``annotator``'s file holds (the overlap included)."""
        return len(self.split.documents_of(annotator))

    @property
    def total(self) -> int:
        """Documents written over all files (an overlap document counts once per file)."""
        return sum(self.file_size(name) for name in self.annotators)


def target_of(out_dir: str | Path, annotator: str) -> Path:
    """Where ``annotator``'s file goes in ``out_dir``."""
    return Path(out_dir) / f"{annotator}{SUFFIX}"


def existing_targets(out_dir: str | Path, annotators: Iterable[str]) -> list[Path]:
    """The files a run into ``out_dir`` would replace (refused unless ``force``)."""
    return [path for path in (target_of(out_dir, name) for name in annotators) if path.exists()]


def plan_distribution(project: Project, options: DistributeOptions) -> DistributionPlan:
    """Check ``options`` and split the documents nobody marked done; nothing is written. One query
    (names, lengths, metadata), so it is cheap enough to follow every edit of the window's form."""
    names = _check(options)
    done = {doc for (doc, _who), status in project.statuses().items() if status == DocStatus.DONE}
    rows = [row for row in project.reads.work_rows(None, pending=False) if row.summary.info.id not in done]
    if not rows:
        raise NothingToHandOut(f"{project.path}: nothing to hand out ({len(done)} document(s), all marked done)")
    split = plan_split(
        _candidates(rows, options.stratify), names, options.overlap,
        per_annotator=options.per_annotator, seed=options.seed,
    )  # fmt: skip
    handed = set(split.overlap).union(*split.shares.values())
    ids = tuple(row.summary.info.id for row in rows if row.summary.info.sha256 in handed)
    return DistributionPlan(tuple(names), split, len(done), ids)


def distribute(
    project: Project, out_dir: str | Path, options: DistributeOptions, progress: Progress | None = None
) -> DistributionReport:
    """Write one project file per annotator into ``out_dir`` (see the module docstring)."""
    planned = plan_distribution(project, options)
    names, split = list(planned.annotators), planned.split
    out = Path(out_dir)
    targets = {name: target_of(out, name) for name in names}
    _check_targets(out, targets.values(), options.force)
    by_hash = {d.sha256: d for d in map(project.document, planned.document_ids)}
    report = progress or (lambda done, total, name: None)
    try:
        out.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".distribute-", dir=out))
    except OSError as error:
        raise HashiyaError(f"{out}: cannot write there ({error.strerror or error})") from error
    try:
        staged, written = [], 0
        for name in names:
            report(written, planned.total, targets[name].name)
            staged.append(_write_file(project, staging, name, split, by_hash, options.seed))
            written += staged[-1].documents
        report(written, planned.total, "")  # the last moment to stop: nothing is in place yet
        files = tuple(_move_in(file, targets[file.annotator]) for file in staged)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if split.overlap:
        sample = sorted(overlap_sample(project) | set(split.overlap))
        project.set_recommender_settings({**project.recommender_settings(), OVERLAP_KEY: sample})
    return DistributionReport(files, split, planned.skipped_done, options.seed)


def _check(options: DistributeOptions) -> list[str]:
    """The annotators' names, checked: each one a file name, no duplicates, not the gold layer."""
    names = [n.strip() for n in options.annotators if n.strip()]
    if not names:
        raise HashiyaError("name the annotators to distribute to (--annotators layla,omar,sara)")
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise HashiyaError(f"annotator named twice: {', '.join(twice)}")
    if GOLD in names:
        raise HashiyaError(f"{GOLD!r} is the curated layer, not an annotator to hand documents to")
    bad = [n for n in names if not usable_as_file_name(n)]
    if bad:
        raise HashiyaError(f"annotator names must be usable as file names: {', '.join(map(repr, bad))}")
    if not 0 <= options.overlap < 1:
        raise HashiyaError(f"--overlap must be a fraction from 0 up to (not including) 1, not {options.overlap}")
    if options.per_annotator is not None and options.per_annotator < 1:
        raise HashiyaError(f"--per-annotator must be at least 1, not {options.per_annotator}")
    if options.stratify not in STRATA:
        raise HashiyaError(f"unknown stratification {options.stratify!r} (choose from {', '.join(STRATA)})")
    return names


def _check_targets(out: Path, targets: Iterable[Path], force: bool) -> None:
    """Refuse before writing anything: the output folder is a file, or a file exists without ``force``."""
    if out.exists() and not out.is_dir():
        raise HashiyaError(f"{out}: not a folder")
    for target in targets:
        if target.exists() and (not force or not target.is_file()):
            raise HashiyaError(f"{target}: already exists (use --force to replace it)")


def _candidates(rows: Sequence[WorkRow], stratify: str) -> list[Candidate]:
    infos = [row.summary.info for row in rows]
    if stratify == "length":
        bands = length_bands([info.length for info in infos])
        return [Candidate(info.sha256, band) for info, band in zip(infos, bands, strict=True)]
    return [Candidate(info.sha256, source_of(info.name, row.meta)) for info, row in zip(infos, rows, strict=True)]


def _write_file(
    project: Project, staging: Path, name: str, split: Split, by_hash: dict[str, Document], seed: int
) -> AnnotatorFile:
    """Write ``name``'s project file into ``staging``; returns it (its path still the staged one)."""
    path = staging / f"{name}{SUFFIX}"
    wanted = set(split.documents_of(name))
    documents = [d for d in by_hash.values() if d.sha256 in wanted]  # in project order
    own = _own_work(project, name, documents)
    settings = {
        **project.recommender_settings(),
        OVERLAP_KEY: sorted(split.overlap),
        ASSIGNMENT_KEY: {"annotator": name, "from": Path(project.path).name, "seed": seed},
    }
    with Project.create(path, project.schema) as file:
        file.set_recommender_settings(settings)
        file.add_documents([_incoming(d) for d in documents])
        file.ensure_annotator(name)
        if own:  # in the import log, not the annotator's: their undo must not take documents away
            file.add_documents([work for _, work in own], name, logged_by=file.roster.import_log_id())
        for document, work in own:  # a status without spans is not attached by an import
            here = file.document_by_sha256(document.sha256)
            if here is not None and work.status is not None and file.status(here.id, name) != work.status:
                file.set_status(here.id, name, work.status)
    return AnnotatorFile(name, path, len(documents), len(split.overlap), len(own))


def _incoming(document: Document) -> IncomingDocument:
    return IncomingDocument(document.name, document.text, document.name, dict(document.meta), document.external_id)


def _own_work(project: Project, name: str, documents: Sequence[Document]) -> list[tuple[Document, IncomingDocument]]:
    """The annotator's own earlier work on these documents (spans, relations, status), as an import
    attaches it: nobody else's ever comes along."""
    annotator = project.get_annotator(name)
    if annotator is None:
        return []
    out = []
    for document in documents:
        spans = project.spans(document.id, annotator.id)
        relations = project.relations(document.id, annotator.id)
        status = project.status(document.id, annotator.id)
        if not spans and not relations and status == DocStatus.NEW:
            continue
        new_spans = tuple(NewSpan(s.start, s.end, s.label, dict(s.attributes), key=s.id) for s in spans)
        new_relations = tuple(NewRelation(r.head_id, r.tail_id, r.label) for r in relations)
        out.append((document, replace(_incoming(document), spans=new_spans, relations=new_relations, status=status)))
    return out


def _move_in(file: AnnotatorFile, target: Path) -> AnnotatorFile:
    """Rename a complete staged file to its place (a replaced file's leftover journal goes first)."""
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    file.path.replace(target)
    return AnnotatorFile(file.annotator, target, file.documents, file.overlap, file.own_work)
