"""Deciding a suggestion the annotator already decided replaces the earlier decision, and one undo
brings that earlier decision back (not a pending suggestion the annotator had already dealt with)."""

from __future__ import annotations

from annotator.recommenders.base import Prediction, Suggestion


def suggest_first(project, doc, text, word: str, label: str):
    """Store one suggestion of ``label`` on the first ``word`` and return it as alice sees it."""
    start = text.find(word)
    project.store_predictions("crf", [Prediction(doc, (Suggestion(start, start + len(word), label, 0.8, "crf"),))])
    [suggestion] = project.suggestions(doc, "alice")
    return suggestion


def test_accepting_a_rejected_suggestion_then_undoing_leaves_it_rejected(seeded) -> None:
    project, doc, text = seeded
    suggestion = suggest_first(project, doc, text, "الكرملين", "ORG")
    project.reject_suggestion(suggestion.id, "alice")
    project.accept_suggestion(suggestion.id, "alice")  # she changes her mind
    assert project.decisions(doc, "alice") == {suggestion.key: "accepted"}
    assert [(s.start, s.end, s.label) for s in project.spans(doc, "alice")] == [suggestion.key]
    project.undo("alice")
    assert project.decisions(doc, "alice") == {suggestion.key: "rejected"}
    assert project.spans(doc, "alice") == []
    assert project.suggestions(doc, "alice") == [], "still rejected: it must not come back as pending"


def test_relabelling_an_accepted_suggestion_then_undoing_leaves_it_accepted(seeded) -> None:
    project, doc, text = seeded
    suggestion = suggest_first(project, doc, text, "الكرملين", "ORG")
    project.accept_suggestion(suggestion.id, "alice")
    project.accept_as(suggestion.id, "alice", "FAC")
    assert project.decisions(doc, "alice") == {suggestion.key: "rejected"}
    assert sorted(s.label for s in project.spans(doc, "alice")) == ["FAC", "ORG"]
    project.undo("alice")
    assert project.decisions(doc, "alice") == {suggestion.key: "accepted"}
    assert [s.label for s in project.spans(doc, "alice")] == ["ORG"]
