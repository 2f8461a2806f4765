"""The sample project that ``hashiya`` (no arguments) opens: built once from ``seeds/``."""

from __future__ import annotations

import os
from pathlib import Path

from annotator.importing import import_paths
from annotator.paths import sample_project_path, seeds_dir
from annotator.store import Project


def ensure_sample_project(path: Path | None = None) -> Path:
    """Create the sample project (first run) and return its path.

    It is built under a temporary name and renamed into place, so an interrupted first run
    never leaves a half-built project behind.
    """
    path = path or sample_project_path()
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    with Project.create(partial) as project:
        import_paths(project, [seeds_dir()])
    os.replace(partial, path)
    return path
