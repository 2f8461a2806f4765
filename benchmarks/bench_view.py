"""Benchmark the annotation window (offscreen): opening a huge article, one tag action, cold start.

Prints:
  open_1mb_20k_spans_s: seconds to open a ≈1 MB article with 20,000 spans (store read, text set,
                        marks indexed, lists filled, first paint)           goal ≤ 0.3
  tag_action_ms:        hotkey → span stored (SQLite, on disk) → lists updated → repainted   goal ≤ 16
  cold_start_window_s:  process start → window shown, sample project          goal ≤ 1.5
  tag_action_store_share_ms: Project.add_span alone in the same document (informative)
  scroll_page_repaint_ms: one page down and repainted, in that article (informative)
  open_1mb_20k_spans_cpu_s: the open's CPU time (informative: on a shared machine wall time waits for CPU)
Medians of several runs. Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_view.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_BYTES = 1_000_000
SPANS = 20_000


def build_project(folder: Path) -> tuple[Path, str, str]:
    from annotator.model import IncomingDocument, NewSpan
    from annotator.store import Project

    seed = (ROOT / "seeds" / "000_b72378a2988bda73.txt").read_text(encoding="utf-8")
    copies = TARGET_BYTES // len(seed.encode("utf-8")) + 1
    text = "\n\n".join([seed] * copies)
    path = folder / "big.hashiya"
    with Project.create(path) as project:
        outcomes, _ = project.add_documents(
            [IncomingDocument("small", "خبر قصير عن موسكو.", "small.txt"), IncomingDocument("big", text, "big.txt")]
        )
        big = outcomes[1].document_id
        tokens = [t for t in project.token_offsets(big) if text[t[0]].isalpha()]
        step = max(1, len(tokens) // SPANS)
        labels = ["PERS", "ORG", "GPE", "LOC"]
        spans = [NewSpan(s, e, labels[i % 4]) for i, (s, e) in enumerate(tokens[::step][:SPANS])]
        project.add_spans(big, "bench", spans)
    return path, big, text


def bench_open_and_tag(path: Path, big: str, text: str) -> tuple[float, float, int]:
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from annotator.store import Project
    from ui.app import application, build_window
    from ui.settings import Settings

    app = application()
    project = Project.open(path)
    window = build_window(project, "bench", Settings())
    window.resize(1280, 820)
    window.show()
    app.processEvents()
    small = window.session.neighbour(-1) or window.session.document_id
    opens, cpu = [], []
    for _ in range(3):
        window.open_document(small)
        app.processEvents()
        started, started_cpu = time.perf_counter(), time.process_time()
        window.open_document(big)
        window.view.viewport().repaint()
        opens.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    print(f"open_1mb_20k_spans_cpu_s: {statistics.median(cpu):.3f} s")  # the same, CPU time of this process
    count = len(window.view.spans)
    view = window.view
    scrolls = []  # one page down, repainted: spans, levels, tags and arcs of the new screen
    bar = view.verticalScrollBar()
    for _ in range(20):
        began = time.perf_counter()
        bar.setValue(bar.value() + view.viewport().height())
        view.viewport().repaint()
        scrolls.append((time.perf_counter() - began) * 1000)
    tokens = project.token_offsets(big)
    free = [t for t in tokens if text[t[0]].isalpha() and not view.spans.overlapping(t[0], t[1])]
    times = []
    for start, end in free[:25]:
        view.scroll_to(start, end)
        view.select_range(start, end)
        app.processEvents()
        began = time.perf_counter()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(view, QKeyEvent(kind, Qt.Key.Key_1, Qt.KeyboardModifier.NoModifier, "1"))
        view.viewport().repaint()
        times.append((time.perf_counter() - began) * 1000)
    assert len(project.spans(big, "bench")) == count + len(times), "every tag action was stored"
    store_times = []  # the store's share: Project.add_span alone, same document
    for start, end in free[25:35]:
        began = time.perf_counter()
        project.add_span(big, "bench", start, end, "ORG")
        store_times.append((time.perf_counter() - began) * 1000)
    window.close()
    project.close()
    return statistics.median(opens), statistics.median(times), count, statistics.median(store_times), scrolls


def bench_cold_start(folder: Path) -> float:
    from annotator.sample import ensure_sample_project

    sample = ensure_sample_project(folder / "sample.hashiya")
    settings = folder / "cold.ini"
    settings.write_text("[annotator]\nname=bench\n", encoding="utf-8")
    env = {**os.environ, "HASHIYA_SETTINGS": str(settings), "HASHIYA_EXIT_WHEN_SHOWN": "1"}
    script = ROOT / ".venv" / "bin" / "hashiya"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "ui.entry"]
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        proc = subprocess.Popen([*command, "open", str(sample)], env=env, stdout=subprocess.PIPE, text=True, cwd=ROOT)
        assert proc.stdout is not None
        line = proc.stdout.readline()
        shown = time.perf_counter()
        proc.wait(timeout=60)
        if "window shown" not in line:
            raise SystemExit(f"the window did not start: {line!r} (exit {proc.returncode})")
        runs.append(shown - started)
    return statistics.median(runs)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["HASHIYA_SETTINGS"] = str(folder / "bench.ini")
        path, big, text = build_project(folder)
        open_s, tag_ms, count, store_ms, scrolls = bench_open_and_tag(path, big, text)
        print(f"# document: {len(text)} characters ({len(text.encode('utf-8'))} bytes UTF-8), {count} spans")
        print(f"open_1mb_20k_spans_s: {open_s:.3f} s")
        print(f"tag_action_ms: {tag_ms:.1f} ms")
        print(f"tag_action_store_share_ms: {store_ms:.1f} ms")
        print(f"scroll_page_repaint_ms: {statistics.median(scrolls):.1f} ms")
        print(f"cold_start_window_s: {bench_cold_start(folder):.2f} s")


if __name__ == "__main__":
    main()
