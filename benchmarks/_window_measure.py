"""Open, tag and scroll in the real window beside the same steps on Qt's floor, run by run.

What is inside each timer (``time.perf_counter``) and what is outside it:

- **open** (first paint): inside: ``MainWindow.open_document`` (store reads, text set, marks,
  arcs, entity and relation lists, status) and one synchronous repaint of the view's viewport.
  Outside: opening the small document before it (so each run really opens the big one).
- **open, layout done**: the same timer, kept running while events are processed until Qt has
  laid out the last block and the scroll range stopped growing (``wait_layout_done``). Every
  pending paint of the window (lists, status bar) is in it too.
- **floor open**: inside: building the bare document, attaching it, one repaint; for layout done
  the same wait. Outside: creating and sizing the bare ``QTextEdit``.
- **tag**: inside: the key press and release sent to the view (controller → session → store,
  committed to the file on disk → change bus → marks, lists, status), then ``processEvents()``:
  every pending event, including the posted repaints of the view, the entity list and the status
  bar. Outside: scrolling to the word and selecting it. A paint counter on the view's viewport
  checks that each timed tag did repaint.
- **floor repaint**: inside: one synchronous repaint of the floor's viewport, scrolled to the same
  place as the view. **scroll**: inside: one page down and a synchronous repaint, on each.
"""

from __future__ import annotations

import cProfile
import io
import pstats
import time
from dataclasses import dataclass, field

from _view_setup import BenchDocument, check_same_layout, floor_open, make_floor, median, wait_layout_done


@dataclass
class WindowFigures:
    open_first: list[float] = field(default_factory=list)
    open_done: list[float] = field(default_factory=list)
    floor_first: list[float] = field(default_factory=list)
    floor_done: list[float] = field(default_factory=list)
    tag: list[float] = field(default_factory=list)
    floor_repaint: list[float] = field(default_factory=list)
    scroll: list[float] = field(default_factory=list)
    floor_scroll: list[float] = field(default_factory=list)
    store: list[float] = field(default_factory=list)
    spans: int = 0
    scroll_range: int = 0


class PaintCounter:
    """Counts paint events of a widget (an event filter), to prove a timed step repainted."""

    def __init__(self, widget) -> None:
        from PySide6.QtCore import QEvent, QObject

        class Filter(QObject):
            count = 0

            def eventFilter(self, obj, event) -> bool:
                if event.type() == QEvent.Type.Paint:
                    Filter.count += 1
                return False

        self.filter = Filter()
        widget.installEventFilter(self.filter)

    @property
    def count(self) -> int:
        return type(self.filter).count


def measure_window(doc: BenchDocument, *, runs: int = 7, tags: int = 15, profile: bool = False) -> WindowFigures:
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from annotator.store import Project
    from ui.app import application, build_window
    from ui.settings import Settings

    app = application()
    project = Project.open(doc.path)
    window = build_window(project, "bench", Settings())
    window.resize(1280, 820)
    window.show()
    app.processEvents()
    view = window.view
    floor = make_floor(view)
    app.processEvents()
    small = window.session.neighbour(-1) or window.session.document_id
    if small == doc.big:
        small = window.session.neighbour(1)
    out = WindowFigures()
    for _ in range(runs):  # interleaved: a burst of load elsewhere hits both sides alike
        first, done = floor_open(app, floor, doc.text)
        out.floor_first.append(first)
        out.floor_done.append(done)
        window.open_document(small)
        app.processEvents()
        started = time.perf_counter()
        window.open_document(doc.big)
        view.viewport().repaint()
        out.open_first.append(time.perf_counter() - started)
        wait_layout_done(app, view)
        out.open_done.append(time.perf_counter() - started)
    check_same_layout(view, floor)
    out.spans, out.scroll_range = len(view.spans), view.verticalScrollBar().maximum()
    if profile:
        _profile("open (open_document + first paint + layout done)", lambda: _open(app, window, small, doc.big))

    bar, floor_bar = view.verticalScrollBar(), floor.verticalScrollBar()
    for _ in range(20):
        floor_bar.setValue(bar.value())
        app.processEvents()
        began = time.perf_counter()
        bar.setValue(bar.value() + view.viewport().height())
        view.viewport().repaint()
        out.scroll.append(time.perf_counter() - began)
        began = time.perf_counter()
        floor_bar.setValue(floor_bar.value() + floor.viewport().height())
        floor.viewport().repaint()
        out.floor_scroll.append(time.perf_counter() - began)

    tokens = project.token_offsets(doc.big)
    free = [t for t in tokens if doc.text[t[0]].isalpha() and not view.spans.overlapping(t[0], t[1])]
    free = free[len(free) // 7 :: max(1, len(free) // (3 * tags))]  # spread through the text
    paints = PaintCounter(view.viewport())

    def press() -> None:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(view, QKeyEvent(kind, Qt.Key.Key_1, Qt.KeyboardModifier.NoModifier, "1"))
        app.processEvents()

    for start, end in free[:tags]:
        view.scroll_to(start, end)
        view.select_range(start, end)
        app.processEvents()
        before = paints.count
        began = time.perf_counter()
        press()
        out.tag.append(time.perf_counter() - began)
        assert paints.count > before, "the tag action repainted the view"
        floor_bar.setValue(bar.value())
        app.processEvents()
        began = time.perf_counter()
        floor.viewport().repaint()
        out.floor_repaint.append(time.perf_counter() - began)
    assert len(project.spans(doc.big, "bench")) == out.spans + len(out.tag), "every tag action was stored"
    if profile:
        start, end = free[tags]
        view.scroll_to(start, end)
        view.select_range(start, end)
        app.processEvents()
        _profile("tag (key press → stored → every pending event processed)", press)
    for start, end in free[tags + 1 : tags + 11]:  # the store's share: Project.add_span alone
        began = time.perf_counter()
        project.add_span(doc.big, "bench", start, end, "ORG")
        out.store.append(time.perf_counter() - began)
    window.close()
    floor.close()
    project.close()
    return out


def _open(app, window, small: str, big: str) -> None:
    window.open_document(small)
    app.processEvents()
    window.open_document(big)
    window.view.viewport().repaint()
    wait_layout_done(app, window.view)


def _profile(what: str, step) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    step()
    profiler.disable()
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("cumulative").print_stats(25)
    print(f"## profile: {what}")
    print("\n".join(line for line in stream.getvalue().splitlines() if line.strip()))


def print_figures(prefix: str, figures: WindowFigures) -> dict[str, float]:
    """Print every ratio beside its absolute figures; returns the ratios by name."""
    pairs = {
        "open_vs_floor_ratio": (figures.open_first, figures.floor_first, "<= 3"),
        "open_layout_done_vs_floor_ratio": (figures.open_done, figures.floor_done, "<= 1.5"),
        "tag_vs_floor_repaint_ratio": (figures.tag, figures.floor_repaint, "<= 3"),
        "scroll_vs_floor_ratio": (figures.scroll, figures.floor_scroll, "<= 1.5"),
    }
    ratios = {}
    for name, (ours, floor, goal) in pairs.items():
        a, b = median(ours), median(floor)
        ratios[name] = a / b
        print(f"{prefix}{name}: {a / b:.2f} x  ({a * 1000:.1f} ms / floor {b * 1000:.1f} ms; goal {goal})")
    return ratios
