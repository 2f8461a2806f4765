"""Benchmark deciding suggestions by keyboard in a huge article: N (next) and Enter (accept).

The article is ``bench_view.py``'s (≈1 MB, 20,000 spans by the annotator); two recommenders suggest
5,000 more words (1,000 of them by both, merged), and 1,000 suggestions fall on words the annotator
already tagged (hidden as covered).

Prints:
  suggestion_next_ms:        N in the window: key → next suggestion current, scrolled, repainted   goal ≤ 16
  suggestion_accept_ms:      Enter in the window: key → span stored (SQLite, on disk) → suggestion
                             layer, lists and view updated → repainted                            goal ≤ 16
  suggestion_next_core_ms:   N through the Qt-free ``SuggestionCursor`` alone (informative)
  suggestion_accept_core_ms: Enter through the ``SuggestionCursor`` alone (informative)
  suggestion_listing_ms:     one ``project.suggestions(document, annotator)``: what the cursor reads when a
                             document opens or after a change it cannot follow in place (informative)
Medians of 25 presses. Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_suggestion_keys.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_view import build_project

SUGGESTED = 5_000
PRESSES = 25


def add_suggestions(path: Path, big: str, text: str) -> int:
    """Store two recommenders' runs on the big article; returns how many suggestions are pending."""
    from annotator.recommenders.base import Prediction, Suggestion
    from annotator.store import Project

    with Project.open(path) as project:
        tagged = {(s.start, s.end) for s in project.spans(big, "bench")}
        words = [t for t in project.token_offsets(big) if text[t[0]].isalpha()]
        free = [t for t in words if t not in tagged]
        covered = [t for t in words if t in tagged]
        step = max(1, len(free) // SUGGESTED)
        chosen = free[::step][:SUGGESTED]
        labels = ["PERS", "ORG", "GPE", "LOC"]
        gazetteer = [Suggestion(s, e, labels[i % 4], 0.9, "gazetteer") for i, (s, e) in enumerate(chosen[::2])]
        crf = [Suggestion(s, e, labels[i % 4], 0.6, "crf") for i, (s, e) in enumerate(chosen[1::2])]
        crf += [Suggestion(s.start, s.end, s.label, 0.7, "crf") for s in gazetteer[:1000]]  # both suggest these
        crf += [Suggestion(s, e, "ORG", 0.5, "crf") for s, e in covered[:: max(1, len(covered) // 1000)][:1000]]
        project.store_predictions("gazetteer", [Prediction(big, tuple(gazetteer))])
        project.store_predictions("crf", [Prediction(big, tuple(crf))])
        return len(project.suggestions(big, "bench"))


def press(app, view, key, text: str = "") -> float:
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    began = time.perf_counter()
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(view, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))
    view.viewport().repaint()
    return (time.perf_counter() - began) * 1000


def bench_window(path: Path, big: str) -> tuple[float, float, int]:
    from PySide6.QtCore import Qt

    from annotator.store import Project
    from ui.app import application, build_window
    from ui.settings import Settings

    app = application()
    project = Project.open(path)
    window = build_window(project, "bench", Settings())
    window.resize(1280, 820)
    window.show()
    window.open_document(big)
    app.processEvents()
    view = window.view
    view.scroll_to(len(window.session.text) // 3)
    app.processEvents()
    before = len(project.spans(big, "bench"))
    nexts = [press(app, view, Qt.Key.Key_N, "n") for _ in range(PRESSES)]
    accepts = []
    for _ in range(PRESSES):
        assert view.current_suggestion is not None, "Enter has a current suggestion to accept"
        accepts.append(press(app, view, Qt.Key.Key_Return, "\r"))
        app.processEvents()
    accepted = len(project.spans(big, "bench")) - before
    window.close()
    project.close()
    return statistics.median(nexts), statistics.median(accepts), accepted


def bench_core(path: Path, big: str, text: str) -> tuple[float, float, float]:
    from annotator.sessions.suggestions import SuggestionCursor
    from annotator.store import Project

    with Project.open(path) as project:
        listings = []
        for _ in range(5):
            began = time.perf_counter()
            project.suggestions(big, "bench")
            listings.append((time.perf_counter() - began) * 1000)
        cursor = SuggestionCursor(project, big, "bench")
        cursor.place(len(text) // 2)
        nexts, accepts = [], []
        for _ in range(PRESSES):
            began = time.perf_counter()
            cursor.next()
            nexts.append((time.perf_counter() - began) * 1000)
        for _ in range(PRESSES):
            began = time.perf_counter()
            change = cursor.accept()
            accepts.append((time.perf_counter() - began) * 1000)
            assert len(change.spans_added) == 1, "each Enter accepted one suggestion"
    return statistics.median(nexts), statistics.median(accepts), statistics.median(listings)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["HASHIYA_SETTINGS"] = str(folder / "bench.ini")
        path, big, text = build_project(folder)
        pending = add_suggestions(path, big, text)
        print(f"# document: {len(text)} characters, 20,000 spans, {pending} suggestions pending")
        core_next, core_accept, listing = bench_core(path, big, text)
        next_ms, accept_ms, accepted = bench_window(path, big)
        if accepted != PRESSES:
            print(f"# Enter accepted {accepted} suggestions in {PRESSES} presses")
        print(f"suggestion_next_ms: {next_ms:.1f} ms")
        print(f"suggestion_accept_ms: {accept_ms:.1f} ms")
        print(f"suggestion_next_core_ms: {core_next:.1f} ms")
        print(f"suggestion_accept_core_ms: {core_accept:.1f} ms")
        print(f"suggestion_listing_ms: {listing:.1f} ms")


if __name__ == "__main__":
    main()
