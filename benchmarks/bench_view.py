"""Benchmark the annotation window (offscreen) against Qt's own floor, measured in the same run.

The floor is a bare ``QTextEdit`` set up as the document view (``_view_setup.py``); each window
step is timed beside the same step on the floor, interleaved run by run, and every ratio is
printed beside its two absolute figures. What is inside and outside each timer is written at the
top of ``_window_measure.py``. Medians of 7 opens, 15 tags and 20 page-downs.

Prints (ratios first, then the absolute figures as information about the machine):
  open_vs_floor_ratio:             open of the 1 MB, 20,000-span article to its first paint / the
                                   floor's first paint                                     goal ≤ 3
  open_layout_done_vs_floor_ratio: the same open until the layout is complete and the scroll range
                                   final / the floor's complete layout                     goal ≤ 1.5
  tag_vs_floor_repaint_ratio:      key press → stored on disk → every pending event processed /
                                   one repaint of the floor's viewport                     goal ≤ 3
  scroll_vs_floor_ratio:           one page down, repainted / the same on the floor        goal ≤ 1.5
  cold_start_vs_bare_qt_ratio:     ``hashiya open`` to window shown / ``python -c`` importing PySide6
                                   and showing an empty QMainWindow (medians of 5; bytecode
                                   cached for both, as after an install)                   goal ≤ 2.5
  open_1mb_20k_spans_s, open_layout_done_s, tag_action_ms, scroll_page_repaint_ms, cold_start_window_s
  and the floor's figures (floor_*): absolute, informative.
Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_view.py [--profile]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _view_setup import article_text, build, median  # noqa: E402
from _window_measure import measure_window, print_figures  # noqa: E402

TARGET_BYTES = 1_000_000
SPANS = 20_000
BARE_QT = (
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication([])\n"
    "window = QMainWindow()\n"
    "window.show()\n"
    "app.processEvents()\n"
    "print('window shown', flush=True)\n"
)


def build_project(folder: Path) -> tuple[Path, str, str]:
    """The 1 MB, 20,000-span article's project as ``(path, document id, text)`` (``bench_suggestion_keys.py``)."""
    doc = build(folder, "big", article_text(TARGET_BYTES), SPANS)
    return doc.path, doc.big, doc.text


def _time_until_shown(command: list[str], env: dict[str, str]) -> float:
    """Inside the timer: process start until it prints "window shown" (after its first paint)."""
    started = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    shown = time.perf_counter() - started
    proc.wait(timeout=60)
    if "window shown" not in line:
        raise SystemExit(f"{command[0]} did not show a window: {line!r} (exit {proc.returncode})")
    return shown


def bench_cold_start(folder: Path) -> tuple[float, float]:
    """``hashiya open sample`` and the bare-Qt floor, interleaved, medians of 5."""
    from annotator.sample import ensure_sample_project

    sample = ensure_sample_project(folder / "sample.hashiya")
    settings = folder / "cold.ini"
    settings.write_text("[annotator]\nname=bench\n", encoding="utf-8")
    env = {**os.environ, "HASHIYA_SETTINGS": str(settings), "HASHIYA_EXIT_WHEN_SHOWN": "1"}
    # Bytecode as an installed Hashiya has it (pip compiles every module at install): without this,
    # PYTHONDONTWRITEBYTECODE (set on these machines) made every start compile ~130 modules from
    # source (0.17 s) that no user's start compiles. The caches go to a temporary prefix, written by
    # one untimed start of each command, outside every timer.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    script = ROOT / ".venv" / "bin" / "hashiya"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "ui.entry"]
    _time_until_shown([sys.executable, "-c", BARE_QT], env)
    _time_until_shown([*command, "open", str(sample)], env)
    ours, bare = [], []
    for _ in range(5):
        bare.append(_time_until_shown([sys.executable, "-c", BARE_QT], env))
        ours.append(_time_until_shown([*command, "open", str(sample)], env))
    return median(ours), median(bare)


def main() -> None:
    profile = "--profile" in sys.argv
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["HASHIYA_SETTINGS"] = str(folder / "bench.ini")
        doc = build(folder, "big", article_text(TARGET_BYTES), SPANS)
        figures = measure_window(doc, profile=profile)
        print(f"# document: {doc.what}, {figures.spans} spans, scroll range {figures.scroll_range} px")
        print_figures("", figures)
        cold, bare = bench_cold_start(folder)
        print(f"cold_start_vs_bare_qt_ratio: {cold / bare:.2f} x  ({cold:.2f} s / bare Qt {bare:.2f} s; goal <= 2.5)")
        print(f"open_1mb_20k_spans_s: {median(figures.open_first):.3f} s")
        print(f"open_layout_done_s: {median(figures.open_done):.3f} s")
        print(f"tag_action_ms: {median(figures.tag) * 1000:.1f} ms")
        print(f"tag_action_store_share_ms: {median(figures.store) * 1000:.1f} ms")
        print(f"scroll_page_repaint_ms: {median(figures.scroll) * 1000:.1f} ms")
        print(f"cold_start_window_s: {cold:.2f} s")
        print(f"floor_first_paint_s: {median(figures.floor_first):.3f} s")
        print(f"floor_layout_done_s: {median(figures.floor_done):.3f} s")
        print(f"floor_repaint_ms: {median(figures.floor_repaint) * 1000:.1f} ms")
        print(f"floor_scroll_page_ms: {median(figures.floor_scroll) * 1000:.1f} ms")
        print(f"cold_start_bare_qt_s: {bare:.2f} s")


if __name__ == "__main__":
    main()
