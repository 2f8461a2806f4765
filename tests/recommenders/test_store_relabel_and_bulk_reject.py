"""Relabelling a suggestion as it is accepted, and rejecting every identical suggestion at once,
in the store: each is one action of the annotator's log (one undo reverses it), and only what is
identical (same text, same label) and visible to that annotator is touched."""

from __future__ import annotations

from annotator.model import IncomingDocument, Origin
from annotator.recommenders.base import Prediction, Suggestion

SECOND = "زار الوفد موسكو ثم عاد إلى موسكو، وقالت روسيا إن موسكو ترحب."


def occurrences(text: str, word: str) -> list[tuple[int, int]]:
    found, start = [], text.find(word)
    while start >= 0:
        found.append((start, start + len(word)))
        start = text.find(word, start + 1)
    return found


def suggest(project, doc, items, source="crf") -> None:
    """Store ``items`` = [(start, end, label)] as one run of ``source``."""
    found = tuple(Suggestion(s, e, label, 0.8, source) for s, e, label in items)
    project.store_predictions(source, [Prediction(doc, found)])


def pending(project, doc, text, who="alice") -> list[tuple[str, str, int]]:
    return [(s.text_in(text), s.label, s.start) for s in project.suggestions(doc, who)]


def test_accept_as_gives_the_span_the_new_label_and_one_undo_restores_the_suggestion(seeded) -> None:
    project, doc, text = seeded
    start, end = occurrences(text, "الكرملين")[0]
    suggest(project, doc, [(start, end, "ORG")])
    [suggestion] = project.suggestions(doc, "alice")
    project.accept_as(suggestion.id, "alice", "FAC")
    [span] = project.spans(doc, "alice")
    assert (span.start, span.end, span.label, span.origin) == (start, end, "FAC", Origin.SUGGESTION)
    assert project.suggestions(doc, "alice") == []
    assert project.decisions(doc, "alice") == {(start, end, "ORG"): "rejected"}  # ORG was the wrong label
    project.remove_span(span.id)
    assert project.suggestions(doc, "alice") == [], "the decided suggestion stays decided"
    project.undo("alice")  # the deletion
    project.undo("alice")  # the relabelled acceptance, in one step
    assert project.spans(doc, "alice") == []
    assert [s.key for s in project.suggestions(doc, "alice")] == [(start, end, "ORG")]


def test_reject_identical_in_the_document_takes_same_text_and_label_only(seeded) -> None:
    project, doc, text = seeded
    russia = occurrences(text, "روسيا")
    assert len(russia) >= 3
    moscow = occurrences(text, "موسكو")[0]
    items = [(s, e, "GPE") for s, e in russia] + [(*russia[0], "LOC"), (*moscow, "GPE")]
    suggest(project, doc, items)
    first = next(s for s in project.suggestions(doc, "alice") if s.key == (*russia[1], "GPE"))
    project.reject_identical(first.id, "alice")
    left = pending(project, doc, text)
    assert ("روسيا", "GPE") not in [(t, label) for t, label, _ in left]
    assert sorted((t, label) for t, label, _ in left) == [("روسيا", "LOC"), ("موسكو", "GPE")]
    project.undo("alice")  # one action
    assert len(pending(project, doc, text)) == len(items)


def test_reject_identical_in_the_project_reaches_every_document_and_is_one_action(seeded) -> None:
    project, doc, text = seeded
    (outcome,), _ = project.add_documents([IncomingDocument("second", SECOND, "second.txt")])
    other = outcome.document_id
    suggest(project, doc, [(s, e, "GPE") for s, e in occurrences(text, "موسكو")])
    suggest(
        project,
        other,
        [(s, e, "GPE") for s, e in occurrences(SECOND, "موسكو")] + [(*occurrences(SECOND, "روسيا")[0], "GPE")],
    )
    before = len(project.suggestions(doc, "alice")) + len(project.suggestions(other, "alice"))
    chosen = project.suggestions(doc, "alice")[0]
    only_here = project.identical_suggestions(chosen.id, "alice")
    everywhere = project.identical_suggestions(chosen.id, "alice", project_wide=True)
    assert {s.document_id for s in only_here} == {doc}
    assert len(everywhere) == len(only_here) + 3
    project.reject_identical(chosen.id, "alice", project_wide=True)
    assert project.suggestions(doc, "alice") == []
    assert pending(project, other, SECOND) == [("روسيا", "GPE", SECOND.index("روسيا"))]
    assert pending(project, doc, text, "bob") != [], "another annotator still has to decide them"
    project.undo("alice")
    assert len(project.suggestions(doc, "alice")) + len(project.suggestions(other, "alice")) == before
