"""Helpers a benchmark script may use: printing figures, measuring memory, generating projects.

Figures are printed as ``name: value unit`` (what ``run_all.py`` parses); a line starting with
``# `` is a note that the report shows beside the script's figures (e.g. "partial: ...").
Scripts stay runnable on their own: ``python benchmarks/bench_x.py``.
"""

from __future__ import annotations

import os
import platform
import random
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SEED_ARTICLE = ROOT / "seeds" / "000_b72378a2988bda73.txt"
PEOPLE = ["فلاديمير بوتين", "دونالد ترامب", "فولوديمير زيلينسكي", "إيمانويل ماكرون", "بوتين", "ترامب"]
PLACES = ["موسكو", "كييف", "أوكرانيا", "روسيا", "واشنطن", "خاركيف", "دونيتسك", "أنقرة"]
ORGS = ["الناتو", "الكرملين", "الأمم المتحدة"]


def emit(name: str, value: float, unit: str, digits: int = 2) -> None:
    print(f"{name}: {value:.{digits}f} {unit}", flush=True)


def note(text: str) -> None:
    print(f"# {text}", flush=True)


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (10^6 bytes).

    On Linux ``VmHWM`` from ``/proc/self/status``: it starts afresh in a new program, whereas
    ``ru_maxrss`` survives ``exec``, so a child started by ``subprocess`` would report at least
    its parent's peak. Elsewhere ``ru_maxrss`` (only meaningful in a process that was not exec'd
    from a bigger one).
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024 / 1e6
    except OSError:
        pass
    import resource  # Unix only

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1e6 if sys.platform == "darwin" else peak * 1024 / 1e6  # bytes on macOS, KiB on Linux


def current_rss_mb() -> float | None:
    """Resident memory now, in MB (Linux; None elsewhere)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024 / 1e6
    except OSError:
        return None
    return None


def varied_articles(count: int, seed: int = 7) -> Iterator[tuple[str, str]]:
    """``count`` distinct articles ``(name, text)``: the sample article's paragraphs, resampled and
    with names and places swapped, each ending with its own reference number."""
    paragraphs = SEED_ARTICLE.read_text(encoding="utf-8").split("\n\n")
    rng = random.Random(seed)
    for i in range(count):
        chosen = rng.sample(paragraphs, k=rng.randint(max(1, len(paragraphs) // 2), len(paragraphs)))
        text = "\n\n".join(chosen).replace("بوتين", rng.choice(PEOPLE)).replace("موسكو", rng.choice(PLACES))
        yield f"article-{i:05d}", f"{text}\n\nالرقم المرجعي {i}"


_MENTIONS = [
    (re.compile(re.escape(n)), label)
    for names, label in ((PEOPLE, "PERS"), (PLACES, "GPE"), (ORGS, "ORG"))
    for n in names
]


def mentions(text: str) -> list[tuple[int, int, str]]:
    """Every known name in ``text``, longest first and without overlaps, as ``(start, end, label)``."""
    found = sorted(
        ((m.start(), m.end(), label) for pattern, label in _MENTIONS for m in pattern.finditer(text)),
        key=lambda c: c[0] - c[1],
    )
    taken: list[tuple[int, int]] = []
    out = []
    for start, end, label in found:
        if all(end <= a or start >= b for a, b in taken):
            taken.append((start, end))
            out.append((start, end, label))
    return sorted(out)


def build_project(path: Path, count: int, annotator: str = "bench", batch: int = 1000) -> dict:
    """A project of ``count`` varied articles, every known name tagged by ``annotator``; returns stats."""
    from annotator.model import IncomingDocument, NewSpan
    from annotator.store import Project

    with Project.create(path) as project:
        documents = []
        for name, text in varied_articles(count):
            spans = tuple(NewSpan(s, e, label) for s, e, label in mentions(text))
            documents.append(IncomingDocument(name, text, f"bench:{name}", spans=spans))
            if len(documents) == batch:
                project.add_documents(documents, annotator)
                documents = []
        if documents:
            project.add_documents(documents, annotator)
        return project.stats()


def offscreen() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


# -- the machine a report was made on ---------------------------------------------------------

PACKAGES = ("hashiya", "PySide6-Essentials", "camel-tools", "torch", "transformers", "sqlite-utils", "numpy")


def machine_info() -> dict[str, str]:
    """CPU model, cores, RAM, OS, Python and key package versions, for the benchmark report."""
    info = {
        "CPU": _cpu_model(),
        "Cores": f"{os.cpu_count()} logical",
        "RAM": _ram(),
        "OS": platform.platform(),
        "Python": f"{platform.python_implementation()} {platform.python_version()}",
        "SQLite": sqlite3.sqlite_version,
    }
    if hasattr(os, "getloadavg"):
        info["Load average at start"] = " / ".join(f"{x:.2f}" for x in os.getloadavg()) + " (1 / 5 / 15 min)"
    for name in PACKAGES:
        try:
            info[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            info[name] = "not installed"
    commit = _run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
    if commit:
        dirty = _run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"])
        info["Commit"] = commit + (" (with uncommitted changes)" if dirty else "")
    return info


def _run(command: list[str]) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=10, check=False).stdout.strip()
    except OSError:
        return ""


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith(("model name", "hardware", "cpu model")):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    if sys.platform == "darwin":
        return _run(["sysctl", "-n", "machdep.cpu.brand_string"]) or platform.processor()
    return platform.processor() or platform.machine()


def _ram() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 2**20:.1f} GiB"
    except OSError:
        pass
    if sys.platform == "darwin":
        size = _run(["sysctl", "-n", "hw.memsize"])
        return f"{int(size) / 2**30:.1f} GiB" if size.isdigit() else "unknown"
    try:
        return f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.1f} GiB"
    except (ValueError, OSError, AttributeError):
        return "unknown"
