"""What the window benchmarks share: the documents, Qt's own floor, and waiting for a complete layout.

The *floor* is a bare ``QTextEdit`` set up as ``ui/document/view.py``'s view is (the same text,
font and size, default text option and direction, line heights, document margins, read-only,
no horizontal scroll bar, the same viewport size), with no marks, arcs, lists or store. Its
figures are measured in the same process as the window's, interleaved run by run, so a ratio
of the two says what Hashiya adds on top of Qt on whatever machine and load it ran.
``check_same_layout`` asserts the floor lays the text out exactly as the view does (same scroll
range): a floor that differs in line height or wrapping would make every ratio meaningless.
"""

from __future__ import annotations

import math
import random
import re
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from _common import ROOT

SEED = ROOT / "seeds" / "000_b72378a2988bda73.txt"
LABELS = ["PERS", "ORG", "GPE", "LOC"]
LAYOUT_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class BenchDocument:
    """One project with a small document and the big one the benchmark opens."""

    path: Path
    big: str  # document id
    text: str
    spans: int
    what: str


def article_text(target_bytes: int) -> str:
    seed = SEED.read_text(encoding="utf-8")
    copies = target_bytes // len(seed.encode("utf-8")) + 1
    return "\n\n".join([seed] * copies)


def short_token_text(tokens: int, per_line: int = 40, seed: int = 3) -> str:
    """``tokens`` short Arabic words (1–3 letters), ``per_line`` to a paragraph (≈1 MB for 170,000)."""
    rng = random.Random(seed)
    letters = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
    words = ["".join(rng.choice(letters) for _ in range(rng.choice((1, 2, 2, 3, 3, 3)))) for _ in range(tokens)]
    lines = [" ".join(words[i : i + per_line]) for i in range(0, tokens, per_line)]
    return "\n".join(lines)


def build(folder: Path, name: str, text: str, spans: int, *, nested: bool = False) -> BenchDocument:
    """A project holding ``text`` with ``spans`` spans by annotator ``bench`` (flat or nested three deep)."""
    from annotator.model import IncomingDocument, NewSpan
    from annotator.store import Project

    path = folder / f"{name}.hashiya"
    with Project.create(path) as project:
        outcomes, _ = project.add_documents(
            [IncomingDocument("small", "خبر قصير عن موسكو.", "small.txt"), IncomingDocument(name, text, f"{name}.txt")]
        )
        big = outcomes[1].document_id
        tokens = [t for t in project.token_offsets(big) if text[t[0]].isalpha()]
        if nested:  # outer over 4 tokens, middle over 2 of them, inner over 1: three levels per group
            groups = spans // 3 + 1
            step = max(5, len(tokens) // groups)
            new = []
            for g, i in enumerate(range(0, len(tokens) - 4, step)):
                new += [
                    NewSpan(tokens[i][0], tokens[i + 3][1], LABELS[g % 4]),
                    NewSpan(tokens[i + 1][0], tokens[i + 2][1], LABELS[(g + 1) % 4]),
                    NewSpan(tokens[i + 1][0], tokens[i + 1][1], LABELS[(g + 2) % 4]),
                ]
            new = new[:spans]
        else:
            step = max(1, len(tokens) // spans)
            new = [NewSpan(s, e, LABELS[i % 4]) for i, (s, e) in enumerate(tokens[::step][:spans])]
        project.add_spans(big, "bench", new)
        what = f"{len(text)} characters ({len(text.encode('utf-8'))} bytes UTF-8), {len(tokens)} word tokens"
    return BenchDocument(path, big, text, len(new), what)


# -- Qt's floor --------------------------------------------------------------------------------


def make_floor(view):
    """A bare ``QTextEdit`` shown at the view's viewport size, with the view's font (no document yet)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTextEdit

    floor = QTextEdit()
    floor.setReadOnly(True)
    floor.setUndoRedoEnabled(False)
    floor.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    floor.setFont(view.font())
    floor.show()
    extra = floor.size() - floor.viewport().size()  # frame and scroll bar
    floor.resize(view.viewport().size() + extra)
    return floor


def floor_document(floor, text: str):
    """The view's document set-up, written with Qt calls only (``ui/document/text_document.py``
    does the same; ``check_same_layout`` proves the two agree)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFontMetricsF, QTextBlockFormat, QTextCursor, QTextDocument, QTextOption

    from ui.document.text_document import DOCUMENT_MARGIN, LINE_HEIGHT_PERCENT

    font = floor.font()
    document = QTextDocument(floor)
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    document.setDefaultTextOption(option)
    document.setDefaultFont(font)
    document.setDocumentMargin(DOCUMENT_MARGIN)
    frame_format = document.rootFrame().frameFormat()
    line_height = math.ceil(QFontMetricsF(font).height())
    frame_format.setTopMargin(DOCUMENT_MARGIN + math.ceil(line_height * (LINE_HEIGHT_PERCENT - 100) / 100))
    document.rootFrame().setFrameFormat(frame_format)
    document.setUndoRedoEnabled(False)
    block_format = QTextBlockFormat()
    block_format.setLineHeight(LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    block_format.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    block_format.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
    cursor = QTextCursor(document)
    cursor.setBlockFormat(block_format)
    cursor.insertText(text)
    empty = [m.start() for m in re.finditer(r"(?m)^$", text)]  # blank lines get single height, as in the view
    if empty and len(empty) <= 20_000:
        compact = QTextBlockFormat(block_format)
        compact.setLineHeight(100, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        for offset in empty:  # text without astral characters: code points are UTF-16 positions
            cursor.setPosition(offset)
            cursor.setBlockFormat(compact)
    return document


def floor_open(app, floor, text: str) -> tuple[float, float]:
    """Timed: build and attach the document, first paint; then (same timer) until the layout is complete.

    The document's parent is the edit, so ``setDocument`` deletes the previous one (as in the view)."""
    started = time.perf_counter()
    floor.setDocument(floor_document(floor, text))
    floor.viewport().repaint()
    first = time.perf_counter() - started
    wait_layout_done(app, floor)
    done = time.perf_counter() - started
    return first, done


def wait_layout_done(app, edit) -> None:
    """Process events until Qt has laid out the whole document and the scroll range is final.

    QTextEdit lays a long document out in slices from a timer; the last block gets lines only
    when the slices reach it (asking for its geometry would force the layout, so we only look at
    its line count). One more round of events lets the scroll bar take the final size.
    """
    document, bar = edit.document(), edit.verticalScrollBar()
    deadline = time.perf_counter() + LAYOUT_TIMEOUT_S
    while time.perf_counter() < deadline:
        app.processEvents()
        if document.lastBlock().layout().lineCount() > 0:
            before = bar.maximum()
            app.processEvents()
            if bar.maximum() == before:
                return
    raise SystemExit(f"the layout did not finish within {LAYOUT_TIMEOUT_S:.0f} s")


def check_same_layout(view, floor) -> None:
    if view.verticalScrollBar().maximum() != floor.verticalScrollBar().maximum():
        raise SystemExit(
            f"the floor is not set up as the view: scroll range {floor.verticalScrollBar().maximum()} "
            f"against the view's {view.verticalScrollBar().maximum()}"
        )


def median(values: list[float]) -> float:
    return statistics.median(values)


def ratio(name: str, value: float, floor: float, goal: str) -> None:
    """Print a ratio figure with both absolutes beside it (``name: 1.23 x  (a / b; goal ...)``)."""
    print(f"{name}: {value / floor:.2f} x  ({value * 1000:.1f} ms / floor {floor * 1000:.1f} ms; goal {goal})")
