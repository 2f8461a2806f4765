"""Memory of the app with a 10,000-document project open in the window (offscreen).

Prints ``rss_10k_docs_mb`` (goal ≤ 300 MB): the peak resident memory (``VmHWM`` of
``/proc/self/status``, the child's own peak: ``ru_maxrss`` would carry the parent's over ``exec``)
of a fresh process that opens a generated project of 10,000 annotated articles and shows the
main window on it, after the window has settled (MB = 10^6 bytes). Building the project happens
in this process; the measurement in a child process, so generation does not count. A second
fresh child does the same on an empty project: ``rss_empty_project_window_mb``, and
``rss_10k_docs_over_empty_mb`` is the increase the 10,000 documents cost. For context it also
prints the memory of the interpreter with the app's modules imported (``rss_baseline_mb``).

If ``ui/`` has no window to build, the figure is the store side only (project open, document
list and first document loaded) and a ``# partial:`` note says so.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import build_project, current_rss_mb, emit, note, offscreen, peak_rss_mb

COUNT = 10_000
ANNOTATOR = "bench"
SETTLE_S = 1.5  # event-loop time after show(): lazy loading, first paint, document list filled


def measure(path: Path, prefix: str = "rss_10k_docs") -> None:
    """In the child: open ``path`` in the window (or the store side only) and print the figures."""
    offscreen()
    from annotator.store import Project

    try:
        from PySide6.QtWidgets import QApplication

        from ui.app import application, build_window
        from ui.settings import Settings
    except ImportError as error:
        window_error: str | None = f"the window cannot be built here ({error})"
    else:
        window_error = None
    emit("rss_baseline_mb", peak_rss_mb(), "MB", 1)

    with Project.open(path) as project:
        if window_error is None:
            try:
                app = application()
                started = time.perf_counter()
                settings = Settings()
                settings.language = "en"
                window = build_window(project, ANNOTATOR, settings)
                window.show()
                deadline = time.monotonic() + SETTLE_S
                while time.monotonic() < deadline:
                    QApplication.processEvents()
                    time.sleep(0.01)
                shown = window.isVisible()
            except Exception as error:  # the window's API is young: report rather than crash the suite
                window_error = f"building the window failed: {type(error).__name__}: {error}"
            else:
                if not shown:
                    window_error = "the window did not become visible"
                else:
                    note(f"window: {type(window).__name__} built and shown in {time.perf_counter() - started:.2f} s")
                app.processEvents()
        if window_error is not None:
            summaries = project.document_summaries(ANNOTATOR)
            if not summaries:
                return
            first = summaries[0].info.id
            project.document(first)
            project.spans(first, ANNOTATOR)
            project.tokens(first)
            note(f"partial: {window_error}; measured the store side only (document list + first document)")
        emit(f"{prefix}_mb", peak_rss_mb(), "MB", 1)
        now = current_rss_mb()
        if now is not None:
            emit(f"{prefix}_now_mb", now, "MB", 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--prefix", default="rss_10k_docs", help=argparse.SUPPRESS)
    parser.add_argument("--count", type=int, default=COUNT)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure, args.prefix)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "rss.hashiya"
        started = time.perf_counter()
        stats = build_project(path, args.count, ANNOTATOR)
        note(
            f"project: {stats['documents']} documents, {stats['spans_total']} spans, {stats['tokens']} tokens, "
            f"{path.stat().st_size / 1e6:.0f} MB file, built in {time.perf_counter() - started:.0f} s"
        )
        empty = Path(tmp) / "empty.hashiya"
        from annotator.store import Project

        Project.create(empty).close()
        figures: dict[str, float] = {}
        for project, prefix in ((empty, "rss_empty_project_window"), (path, "rss_10k_docs")):
            env = {**os.environ, "HASHIYA_SETTINGS": str(Path(tmp) / f"{prefix}.ini")}  # never the user's settings
            child = subprocess.run(
                [sys.executable, __file__, "--measure", str(project), "--prefix", prefix],
                capture_output=True,
                text=True,
                check=False,
                env=env,
            )
            sys.stdout.write(child.stdout if prefix == "rss_10k_docs" else _without_baseline(child.stdout))
            if child.returncode != 0:
                sys.stderr.write(child.stderr)
                return child.returncode
            figures.update(_figures(child.stdout))
        if {"rss_empty_project_window_mb", "rss_10k_docs_mb"} <= figures.keys():
            increase = figures["rss_10k_docs_mb"] - figures["rss_empty_project_window_mb"]
            emit("rss_10k_docs_over_empty_mb", increase, "MB", 1)
    return 0


def _figures(output: str) -> dict[str, float]:
    found = {}
    for line in output.splitlines():
        name, _, rest = line.partition(": ")
        if rest and not line.startswith("#"):
            found[name] = float(rest.split()[0])
    return found


def _without_baseline(output: str) -> str:
    """The empty project's child prints the same baseline again: keep the 10k child's only."""
    return "".join(line + "\n" for line in output.splitlines() if not line.startswith("rss_baseline_mb"))


if __name__ == "__main__":
    sys.exit(main())
