"""Hypothesis strategies shared by the format tests: documents as users annotate them.

Texts mix Arabic with diacritics, tatweel, clitics («وموسكو»), emoji (ZWJ sequences, flags),
bidi marks, Latin, digits and line breaks; spans start and end anywhere (inside tokens, across
lines, nested, overlapping); relations join random spans.
"""

from __future__ import annotations

from hypothesis import strategies as st

from annotator.model import IncomingDocument, NewRelation, NewSpan

PIECES = [
    "موسكو",
    "وموسكو",
    "بوتين",
    "الكرملين",
    "مُحَمَّد",
    "كييفَ",
    "عـــاجل",
    "لا",
    "👨\u200d👩\u200d👧",
    "🇵🇸",
    "CNN",
    "3.5",
    "،",
    ".",
    "؟",
    "«",
    "»",
    "\u200f",
    " ",
    " ",
    " ",
    "  ",
    "\n",
    "\n\n",
]
LABELS = ["PERS", "ORG", "GPE", "LOC", "MISC"]
RELATIONS = ["met_with", "part_of", "leader_of"]


@st.composite
def documents(draw):
    count = draw(st.integers(1, 3))
    out = []
    for i in range(count):
        body = draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=20).map("".join))
        text = f"{body}\nرقم {i}" if body.strip() else f"رقم {i}"
        spans = []
        for k in range(draw(st.integers(0, 6))):
            start = draw(st.integers(0, len(text) - 1))
            end = draw(st.integers(start + 1, min(len(text), start + 14)))
            spans.append(NewSpan(start, end, draw(st.sampled_from(LABELS)), key=f"s{k}"))
        unique = list({(s.start, s.end, s.label): s for s in spans}.values())
        relations = []
        if len(unique) >= 2:
            for _ in range(draw(st.integers(0, 3))):
                head, tail = draw(st.permutations(unique))[:2]
                relations.append(NewRelation(head.key, tail.key, draw(st.sampled_from(RELATIONS))))
        relations = list({(r.head, r.tail, r.label): r for r in relations}.values())
        out.append(IncomingDocument(f"d{i}", text, f"gen:{i}", spans=tuple(unique), relations=tuple(relations)))
    return out
