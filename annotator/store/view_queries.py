"""Lean read-only queries for the window: what it needs to paint a document, nothing more.

``Project.spans`` builds full :class:`~annotator.model.Span` objects (attributes decoded from
JSON); a 20,000-span article needs only ids, offsets and labels to be drawn and listed.
"""

from __future__ import annotations

from typing import NamedTuple

from annotator.store.project import Project


class SpanRef(NamedTuple):
    """The fields of a span that views show; a :class:`~annotator.model.Span` has the same names."""

    id: str
    document_id: str
    annotator_id: str
    start: int
    end: int
    label: str

    def text_in(self, text: str) -> str:
        return text[self.start : self.end]


def span_refs(project: Project, document_id: str, annotator: object) -> list[SpanRef]:
    """One annotator's spans of a document, by start then longest first (as ``Project.spans``)."""
    annotator_id = project.roster.id_of(annotator)
    cursor = project.database.conn.cursor()
    cursor.row_factory = None  # plain tuples: no sqlite3.Row per span
    rows = cursor.execute(
        'SELECT id, document_id, annotator_id, start, "end", label FROM spans '
        'WHERE document_id = ? AND annotator_id = ? ORDER BY start, "end" DESC, label',
        (document_id, annotator_id),
    )
    return list(map(SpanRef._make, rows))
