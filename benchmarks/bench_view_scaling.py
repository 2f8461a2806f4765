"""Does the window's speed keep its ratio to Qt's floor as the document grows? (offscreen)

Three documents, each measured as ``bench_view.py`` measures the 1 MB article (the window beside
a bare ``QTextEdit`` set up as the view, interleaved; what is inside each timer is written at the
top of ``_window_measure.py``):
  - the 1 MB article with 20,000 spans (the reference);
  - a 5 MB article with 100,000 spans;
  - a 1 MB document of 170,000 short tokens with 20,000 nested spans (three levels).
For each larger document it prints its own ratios to the floor (prefixed ``big5mb_`` and
``nested_``) and how they compare with the 1 MB article's:
  scaling_<doc>_<figure>: <its ratio> / <the 1 MB article's ratio>     goal ≤ 1.5
Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_view_scaling.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _view_setup import article_text, build, median, short_token_text  # noqa: E402
from _window_measure import measure_window, print_figures  # noqa: E402

COMPARED = ("open_vs_floor_ratio", "open_layout_done_vs_floor_ratio", "tag_vs_floor_repaint_ratio")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["HASHIYA_SETTINGS"] = str(folder / "bench.ini")
        documents = {
            "base1mb": build(folder, "base", article_text(1_000_000), 20_000),
            "big5mb": build(folder, "big5mb", article_text(5_000_000), 100_000),
            "nested": build(folder, "nested", short_token_text(170_000), 20_000, nested=True),
        }
        ratios = {}
        for prefix, doc in documents.items():
            figures = measure_window(doc, runs=5, tags=11)
            print(f"# {prefix}: {doc.what}, {figures.spans} spans, scroll range {figures.scroll_range} px")
            ratios[prefix] = print_figures(f"{prefix}_", figures)
            print(f"{prefix}_open_s: {median(figures.open_first):.3f} s")
            print(f"{prefix}_open_layout_done_s: {median(figures.open_done):.3f} s")
            print(f"{prefix}_tag_action_ms: {median(figures.tag) * 1000:.1f} ms")
        for prefix in ("big5mb", "nested"):
            for name in COMPARED:
                theirs, base = ratios[prefix][name], ratios["base1mb"][name]
                print(
                    f"scaling_{prefix}_{name.removesuffix('_ratio')}: {theirs / base:.2f} x  "
                    f"({theirs:.2f} x / 1 MB article {base:.2f} x; goal <= 1.5)"
                )


if __name__ == "__main__":
    main()
