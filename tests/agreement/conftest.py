"""Helpers to build small multi-annotator projects through the store's import path."""

from __future__ import annotations

import pytest

from annotator.model import DocStatus, IncomingDocument, NewRelation, NewSpan

# Tokens: ذهب[0,3) أحمد[4,8) إلى[9,12) القاهرة[13,20) ثم[21,23) زار[24,27) محمد[28,32) في[33,35) دمشق[36,40)
TEXT = "ذهب أحمد إلى القاهرة ثم زار محمد في دمشق"
AHMAD, CAIRO, MUHAMMAD, DAMASCUS = (4, 8), (13, 20), (28, 32), (36, 40)
SECOND = "وقال الكرملين إن بوتين سيزور الصين الشهر المقبل"  # الكرملين[5,13) بوتين[17,22) الصين[29,34)


def annotate(project, name, text, spans, relations=(), status=DocStatus.DONE, doc_name="doc"):
    """Store ``name``'s spans ``(start, end, label)`` and relations ``(head index, tail index, type)``."""
    new_spans = tuple(NewSpan(s, e, label, key=f"T{i}") for i, (s, e, label) in enumerate(spans))
    new_relations = tuple(NewRelation(f"T{h}", f"T{t}", label) for h, t, label in relations)
    outcomes, _ = project.add_documents(
        [IncomingDocument(doc_name, text, f"{doc_name}.jsonl", spans=new_spans, relations=new_relations)],
        name,
        status,
    )
    document_id = outcomes[0].document_id
    project.set_status(document_id, name, status)  # an import without spans into a known text sets none
    return document_id


@pytest.fixture
def two_identical(project):
    spans = [(*AHMAD, "PERS"), (*CAIRO, "GPE"), (*MUHAMMAD, "PERS"), (*DAMASCUS, "GPE")]
    for name in ("amal", "badr"):
        annotate(project, name, TEXT, spans, [(0, 2, "met_with")])
        annotate(project, name, SECOND, [(5, 13, "ORG"), (17, 22, "PERS"), (29, 34, "GPE")], [(1, 0, "member_of")],
                 doc_name="second")  # fmt: skip
    return project
