"""The sample project that ``hashiya`` (no arguments) opens: built once from ``seeds/``, pre-annotated.

Its article is pre-annotated while it is built (offline recommenders, for everyone: a fraction of a
second), so a new user's first window already shows suggested entities instead of a bare text.
"""

from __future__ import annotations

import os
from contextlib import suppress
from pathlib import Path

from annotator.errors import HashiyaError
from annotator.importing import import_paths, suggest_imported
from annotator.paths import sample_project_path, seeds_dir
from annotator.store import Project


def ensure_sample_project(path: Path | None = None) -> Path:
    """Create the sample project (first run) and return its path.

    It is built under a temporary name and renamed into place, so an interrupted first run
    never leaves a half-built project behind (nor one whose suggestions are missing). A recommender
    that fails (a missing model file) leaves it without suggestions rather than without a project.
    """
    path = path or sample_project_path()
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    with Project.create(partial) as project:
        report = import_paths(project, [seeds_dir()])
        with suppress(HashiyaError):  # a broken model must not keep the window from opening: Pre-annotate says why
            suggest_imported(project, report.change.documents_added)
    os.replace(partial, path)
    return path
