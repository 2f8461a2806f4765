"""The model-disagreement findings of a layer, kept until the model or the layer's annotation changes.

Why a cache: the check trains one stack per fold and reads the whole layer with the base model
(tens of seconds on ANERcorp's 189 articles), and the window asks again every time the queue is
opened. Same model and same annotation give the same findings, so they are computed once.

Why it is keyed by content, not by time: the key (:func:`fingerprint`) hashes everything the
findings depend on: the base model's bytes, the label map, the boundary convention, the folds and
threshold, and the layer's content (each document's id, name and text, every span's id, offsets and
label). Any edit (or a retrained model) gives another key, so a stale entry is never read; nothing
has to invalidate it.

Why it lives in the user's cache folder (``~/.cache/Hashiya/consistency/`` on Linux, from
platformdirs) and not in the project file: the findings are derived data, rebuilt from the project
and the model at will; writing them into the project would be a write through the store's one
logged write path for something that is not annotation (and would grow every shared project file).
The folder survives a restart, so re-opening the queue on an unchanged project is instant. Only
the :data:`KEEP` most recent entries are kept. A process also keeps what it computed in memory.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from platformdirs import user_cache_path

from annotator.consistency.findings import CheckKind, Finding, Fix, FixAction, Occurrence

CACHE_VERSION = 1  # bump when the check's logic changes: old entries are then never read
KEEP = 32
_MEMORY: dict[str, list[Finding]] = {}


def default_cache_dir() -> Path:
    return user_cache_path("Hashiya", appauthor=False) / "consistency"


def fingerprint(parts: Iterable[Any]) -> str:
    """A sha256 over JSON-able parts (bytes are hashed first): the cache key."""
    digest = hashlib.sha256(f"disagreement v{CACHE_VERSION}".encode())
    for part in parts:
        if isinstance(part, bytes):
            digest.update(hashlib.sha256(part).digest())
        else:
            digest.update(json.dumps(part, ensure_ascii=False, sort_keys=True, default=str).encode())
        digest.update(b"\x1e")
    return digest.hexdigest()


def finding_from_json(data: dict[str, Any]) -> Finding:
    """The inverse of :meth:`Finding.as_json`."""
    occurrences = []
    for o in data["occurrences"]:
        fix = o.get("fix")
        occurrences.append(
            Occurrence(
                **{k: v for k, v in o.items() if k != "fix"},
                fix=None if fix is None else Fix(**{**fix, "action": FixAction(fix["action"])}),
            )
        )
    return Finding(
        CheckKind(data["kind"]),
        data["subject"],
        float(data["score"]),
        data["summary"],
        data["proposal"],
        tuple(occurrences),
        dict(data.get("detail") or {}),
    )


class DisagreementCache:
    """Findings by fingerprint, in memory and (``folder`` not None) in one JSON file each."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def get(self, key: str) -> list[Finding] | None:
        found = _MEMORY.get(key)
        if found is not None or self.folder is None:
            return None if found is None else list(found)
        path = self.folder / f"{key}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            findings = [finding_from_json(item) for item in data]
        except (OSError, ValueError, KeyError, TypeError):
            return None  # absent or unreadable: computed again
        _MEMORY[key] = findings
        os.utime(path)  # recently used: kept by the pruning below
        return list(findings)

    def put(self, key: str, findings: list[Finding]) -> None:
        _MEMORY[key] = list(findings)
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump([f.as_json() for f in findings], out, ensure_ascii=False)
            os.replace(temp, self.folder / f"{key}.json")  # a reader never sees half a file
            entries = sorted(self.folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
            for old in entries[KEEP:]:
                old.unlink(missing_ok=True)
        except OSError:
            pass  # a read-only or full disk costs only the next run's time


def forget_memory() -> None:
    """Drop what this process computed (tests: a second run must come from the folder)."""
    _MEMORY.clear()
