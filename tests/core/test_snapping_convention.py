"""Snapping follows the project's boundary convention (``annotator.conventions``); the default
convention snaps exactly as before, for every selection and policy."""

from __future__ import annotations

import pytest

from annotator.conventions import BoundaryConvention, Placement
from annotator.model import IncomingDocument
from annotator.sessions.annotating import Session
from annotator.snapping import Snap, snap_selection
from annotator.tokens import token_offsets

IN, OUT = Placement.IN, Placement.OUT
SENTENCE = "قال الرئيس بوتين إن قواته دخلت وموسكو، والرئيس بوتين كتابها"


def span_of(text: str, result: tuple[int, int] | None) -> str | None:
    return None if result is None else text[result[0] : result[1]]


def inside(word: str, front: int = 0, back: int = 0) -> tuple[int, int]:
    i = SENTENCE.index(word)
    return i + front, i + len(word) - back


@pytest.mark.parametrize("front", [1, 2, 3])
def test_proclitics_in_snaps_back_to_the_words_first_letter(front: int) -> None:
    tokens = token_offsets(SENTENCE)
    assert span_of(SENTENCE, snap_selection(SENTENCE, tokens, *inside("وموسكو", front))) == "موسكو"
    assert span_of(SENTENCE, snap_selection(SENTENCE, tokens, *inside("وموسكو", front), proclitics_in=True)) == (
        "وموسكو"
    )


def test_proclitics_in_still_leaves_a_pronoun_suffix_out() -> None:
    result = snap_selection(SENTENCE, token_offsets(SENTENCE), *inside("كتابها", 1, 2), proclitics_in=True)
    assert span_of(SENTENCE, result) == "كتاب"


def test_the_default_convention_snaps_every_selection_as_before() -> None:
    text = SENTENCE[:40]
    tokens = token_offsets(text)
    default = BoundaryConvention()
    for policy in Snap:
        for label in ("PERS", "GPE", None):
            for start in range(-1, len(text) + 1):
                for end in range(start, len(text) + 2):
                    assert default.snap(text, tokens, start, end, label, policy) == snap_selection(
                        text, tokens, start, end, policy
                    ), (policy, label, start, end)


# (convention, policy, label, selection, expected)
CASES = [
    (BoundaryConvention(OUT, IN), Snap.CLITIC, "PERS", inside("بوتين"), "الرئيس بوتين"),
    (BoundaryConvention(OUT, IN), Snap.CLITIC, "GPE", inside("بوتين"), "بوتين"),
    (BoundaryConvention(OUT, IN), Snap.CLITIC, "PERS", inside("والرئيس بوتين", 2), "الرئيس بوتين"),
    (BoundaryConvention(OUT, IN), Snap.TOKEN, "PERS", inside("والرئيس بوتين", 2), "والرئيس بوتين"),
    (BoundaryConvention(IN, IN), Snap.CLITIC, "PERS", inside("والرئيس بوتين", 2), "والرئيس بوتين"),
    (BoundaryConvention(OUT, IN), Snap.EXACT, "PERS", inside("بوتين"), "بوتين"),  # Alt: as selected
    (BoundaryConvention(IN, OUT), Snap.EXACT, "GPE", inside("وموسكو", 1), "موسكو"),
    (BoundaryConvention(OUT, OUT), Snap.CLITIC, "PERS", inside("الرئيس بوتين"), "الرئيس بوتين"),  # kept
    (BoundaryConvention(IN, OUT), Snap.CLITIC, "PERS", inside("الرئيس بوتين"), "الرئيس بوتين"),
]


@pytest.mark.parametrize(("convention", "policy", "label", "selection", "expected"), CASES)
def test_snapping_follows_the_convention(convention, policy, label, selection, expected) -> None:
    result = convention.snap(SENTENCE, token_offsets(SENTENCE), *selection, label, policy)
    assert span_of(SENTENCE, result) == expected


def test_a_session_tags_by_the_projects_convention_read_on_every_tag(project) -> None:
    (outcome,), _ = project.add_documents([IncomingDocument("a", SENTENCE, "a.txt")])
    session = Session.start(project, "layla")
    session.open_document(outcome.document_id)
    session.tag(*inside("وموسكو", 1), "GPE")
    project.set_recommender_settings(BoundaryConvention(IN, IN).to_settings(project.recommender_settings()))
    session.tag(*inside("وموسكو", 1), "LOC")
    session.tag(*inside("بوتين"), "PERS")
    assert sorted((SENTENCE[s.start : s.end], s.label) for s in session.spans()) == [
        ("الرئيس بوتين", "PERS"),
        ("موسكو", "GPE"),
        ("وموسكو", "LOC"),
    ]
