"""A short article crowded with marks, for the tests of where arcs, tags and outlines go: a relation on
the first line, one from the first line to a later paragraph, nested and overlapping suggestions
(two on the very same letters), three spans nested inside each other, and a name starting with
«أ» (whose hamza a thick border used to hide). Plus the measuring helpers those tests share."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF

from annotator.model import IncomingDocument
from annotator.recommenders.base import Prediction, Suggestion
from annotator.store import Project

FIRST = "قال الرئيس فلاديمير بوتين إن روسيا لن تتراجع، وإن ألمانيا تراقب"
SECOND = (
    "وفي برلين اجتمع وزراء خارجية الاتحاد الأوروبي لبحث العقوبات على موسكو، بينما أعلن البنك المركزي "
    "الأوروبي في فرانكفورت عن خطة جديدة لدعم أوكرانيا خلال الأشهر المقبلة، وقالت مصادر دبلوماسية إن "
    "المفاوضات ستستمر في جنيف الأسبوع القادم."
)
THIRD = "وأكد متحدث باسم الكرملين أن روسيا لن تقبل بأي شروط مسبقة من حلف شمال الأطلسي."
TEXT = f"{FIRST}\n\n{SECOND}\n\n{THIRD}"

SPANS = [  # (word, occurrence, label)
    ("فلاديمير بوتين", 0, "PERS"),
    ("روسيا", 0, "GPE"),
    ("ألمانيا", 0, "GPE"),
    ("الكرملين", 0, "ORG"),
    ("حلف شمال الأطلسي", 0, "ORG"),
    ("شمال الأطلسي", 0, "LOC"),
    ("الأطلسي", 0, "LOC"),
]
SUGGESTIONS = [  # (word, occurrence, label, score)
    ("الاتحاد الأوروبي", 0, "ORG", 0.8),
    ("الأوروبي", 0, "GPE", 0.5),  # inside the ORG one
    ("خارجية الاتحاد", 0, "MISC", 0.3),  # overlapping it
    ("البنك المركزي الأوروبي", 0, "ORG", 0.9),
    ("المركزي الأوروبي", 0, "NORP", 0.4),
    ("فرانكفورت", 0, "GPE", 0.9),
    ("فرانكفورت", 0, "LOC", 0.6),  # the very same letters, another label
    ("برلين", 0, "GPE", 0.9),
]
RELATIONS = [("فلاديمير بوتين", "روسيا", "leader_of"), ("فلاديمير بوتين", "الكرملين", "leader_of")]


def find(word: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


def build(path: Path, annotator: str) -> dict[str, str]:
    """The article with its spans, relations and suggestions; returns ``word → span id``."""
    with Project.create(path) as project:
        (outcome,), _ = project.add_documents([IncomingDocument("crowded", TEXT, "crowded.txt")])
        doc = outcome.document_id
        ids = {}
        for word, occurrence, label in SPANS:
            ids[word] = project.add_span(doc, annotator, *find(word, occurrence), label).spans_added[0].id
        for head, tail, label in RELATIONS:
            project.add_relation(ids[head], ids[tail], label)
        found = tuple(Suggestion(*find(w, n), label, score, "crf") for w, n, label, score in SUGGESTIONS)
        project.store_predictions("crf", [Prediction(doc, found)])
    return ids


def line_inks(view) -> list[QRectF]:
    """The ink of every laid-out text line on screen (tall letters, hamzas and descenders included)."""
    inks = []
    for block in view.text_geometry.visible_blocks():
        layout = block.layout()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            start = view.offsets.from_utf16(block.position() + line.textStart())
            end = view.offsets.from_utf16(block.position() + line.textStart() + line.textLength())
            ink = QRectF()
            for _box, piece in view.text_geometry.pieces(start, end):
                ink = piece if ink.isEmpty() else ink.united(piece)
            if not ink.isEmpty():
                inks.append(ink)
    return inks


def samples(path, count: int = 600) -> list[QPointF]:
    return [path.pointAtPercent(i / count) for i in range(count + 1)]
