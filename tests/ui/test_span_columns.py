"""Spans as columns (issue 14): one query, no object per span, and the same answers as before.

The view's marks and the entity list keep :class:`SpanColumns` and follow the store's changes; a
long document shows its first screen's spans first and all of them from the event loop; the
status bar takes the document's status from the changes instead of reading it on every key.
"""

from __future__ import annotations

import random

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.model import IncomingDocument, NewSpan
from annotator.store import Project
from annotator.store.view_queries import SpanColumns, span_columns
from ui.document.marks import Mark, MarkIndex, MarkStyle
from ui.window import FIRST_SCREEN_CHARS, LONG_DOCUMENT_CHARS

from .conftest import ANNOTATOR


def _naive(items: dict[str, tuple[int, int, str]]) -> list[tuple[str, int, int, str]]:
    return sorted(((k, s, e, label) for k, (s, e, label) in items.items()), key=lambda r: (r[1], -r[2], r[0]))


def test_columns_stay_in_text_order_through_inserts_and_removals() -> None:
    rng = random.Random(4)
    columns, items = SpanColumns(), {}
    for step in range(600):
        if items and rng.random() < 0.35:
            key = rng.choice(sorted(items))
            del items[key]
            assert columns.remove(key) >= 0
        else:
            key = f"s{rng.randrange(300):03d}"  # re-inserting an id moves it
            start = rng.randrange(200)
            items[key] = (start, start + rng.randrange(1, 12), rng.choice("ABC"))
            columns.insert(key, *items[key])
        expected = _naive(items)
        assert list(zip(columns.ids, columns.starts, columns.ends, columns.labels, strict=True)) == expected
        probe = rng.randrange(210)
        found = {columns.ids[i] for i in columns.overlapping(probe, probe + 5) if columns.ends[i] > probe}
        assert found == {k for k, s, e, _ in expected if s < probe + 5 and e > probe}, step
    assert all(columns.position(k) == i for i, k in enumerate(columns.ids))
    assert columns.position("absent") == -1 and columns.remove("absent") == -1


def test_a_layer_from_columns_answers_as_a_layer_from_marks() -> None:
    rng = random.Random(9)
    spans = []
    for i in range(400):
        start = rng.randrange(3000)
        spans.append((f"k{i:03d}", start, start + rng.randrange(1, 40), rng.choice(["PERS", "ORG", "GONE"])))
    colours = {"PERS": "#112233", "ORG": "#445566"}
    ordered = sorted(spans, key=lambda r: (r[1], -r[2], r[0]))
    columns = SpanColumns(*(list(column) for column in zip(*ordered, strict=True)))
    lazy = MarkIndex.from_columns(columns, colours, MarkStyle.SOLID)
    eager = MarkIndex(Mark(k, s, e, colours.get(label, "#8C8C8C"), MarkStyle.SOLID, label) for k, s, e, label in spans)
    assert lazy.all() == eager.all() and len(lazy) == len(eager) == 400
    for a in range(0, 3100, 37):
        assert lazy.with_levels(a, a + 90) == eager.with_levels(a, a + 90)
        assert lazy.at(a) == eager.at(a)
        assert lazy.next_after(a) == eager.next_after(a)
        assert lazy.next_after(a, backwards=True) == eager.next_after(a, backwards=True)
    for layer in (lazy, eager):
        layer.add(Mark("new", 5, 2000, "#000000", MarkStyle.SOLID, "ORG"))
        assert layer.remove("k007") is not None and layer.remove("k007") is None
        assert layer.get("new").end == 2000 and "k007" not in layer
    assert lazy.all() == eager.all()
    assert lazy.overlapping(1990, 1995) == eager.overlapping(1990, 1995)


def test_the_store_reads_columns_in_the_order_the_views_keep(tmp_path) -> None:
    text = " ".join(["موسكو"] * 50)
    with Project.create(tmp_path / "c.hashiya") as project:
        [outcome], _ = project.add_documents([IncomingDocument("d", text, "d.txt")])
        doc = outcome.document_id
        project.add_spans(doc, ANNOTATOR, [NewSpan(0, 11, "ORG"), NewSpan(0, 5, "PERS"), NewSpan(6, 11, "GPE")])
        project.add_spans(doc, ANNOTATOR, [NewSpan(0, 11, "PERS"), NewSpan(12, 17, "LOC")])
        columns = span_columns(project, doc, ANNOTATOR)
        spans = project.spans(doc, ANNOTATOR)
        assert list(columns.ids) == [s.id for s in sorted(spans, key=lambda s: (s.start, -s.end, s.id))]
        assert span_columns(project, doc, ANNOTATOR, before=6).starts == [0, 0, 0]


def _long_project(path) -> tuple[str, list[tuple[int, int]]]:
    """A document longer than LONG_DOCUMENT_CHARS with a span every 600 characters."""
    text = ("خبر عن موسكو وكييف. " * 8 + "\n\n") * 900
    assert len(text) > LONG_DOCUMENT_CHARS
    with Project.create(path) as project:
        [outcome], _ = project.add_documents([IncomingDocument("long", text, "long.txt")])
        offsets = [t for t in project.token_offsets(outcome.document_id) if text[t[0]] == "م"][::7]
        project.add_spans(outcome.document_id, ANNOTATOR, [NewSpan(s, e, "GPE") for s, e in offsets])
    return text, offsets


def test_a_long_document_shows_its_first_screen_then_every_span(open_window, tmp_path) -> None:
    _, offsets = _long_project(tmp_path / "long.hashiya")
    with Project.open(tmp_path / "long.hashiya") as project:
        window = open_window(project)  # opening happened while the window was built
        document_id = window.session.document_id
        window.open_document(document_id)
        first = [m.start for m in window.view.spans.all()]
        assert first and max(first) < FIRST_SCREEN_CHARS < offsets[-1][0]
        assert window.entity_model.rowCount() == len(first)
        QApplication.processEvents()  # the rest comes from the event loop
        assert len(window.view.spans) == window.entity_model.rowCount() == len(offsets)
        assert window.status_counts.text().startswith(f"{len(offsets)} spans")


def test_a_span_tagged_before_the_rest_arrives_stays(open_window, tmp_path) -> None:
    text, offsets = _long_project(tmp_path / "long.hashiya")
    with Project.open(tmp_path / "long.hashiya") as project:
        window = open_window(project)
        window.open_document(window.session.document_id)
        start = text.index("كييف")
        window.view.select_range(start, start + 4)
        window.controller.apply_label("PERS")
        QApplication.processEvents()
        assert len(window.view.spans) == window.entity_model.rowCount() == len(offsets) + 1
        assert window.view.spans.get(window.session.selected_span).start == start


def test_a_key_press_reads_no_status_from_the_store(window, qtbot, seed_text) -> None:
    reads = []
    status = window.session.status

    def counted():
        reads.append(1)
        return status()

    window.session.status = counted
    start = seed_text.index("بوتين")
    window.view.select_range(start, start + 5)
    qtbot.keyClick(window.view, Qt.Key.Key_1)  # NEW → IN_PROGRESS travels in the change
    assert window.entity_model.rowCount() == 1
    assert reads == []
    assert "(in progress)" in window.status_position.text()
    window.step_document(1)
    assert len(reads) == 1  # another document: read once


def test_measured_pieces_follow_a_zoom_and_a_resize(window, seed_text) -> None:
    """Pieces are measured once per layout: after a zoom or a narrower window they are measured again."""
    from ui.document.geometry import TextGeometry

    view = window.view
    start = seed_text.index("بوتين")

    def fresh() -> list:
        geometry = TextGeometry(view)
        geometry.set_offsets(view.offsets)
        return geometry.rects(start, start + 5)

    first = view.text_geometry.rects(start, start + 5)
    assert first and first == fresh()
    view.set_point_size(view.font().pointSize() + 6)
    QApplication.processEvents()
    assert view.text_geometry.rects(start, start + 5) == fresh() != first
    window.resize(700, 820)
    QApplication.processEvents()
    assert view.text_geometry.rects(start, start + 5) == fresh()
