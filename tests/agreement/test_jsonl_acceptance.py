"""Acceptance through the JSONL annotation importer: identical work gives 1.0 everywhere, one
differing span gives the figures computed by hand in test_report.py."""

from __future__ import annotations

import json

import pytest

from annotator.importing import import_paths
from annotator.team.agreement.report import build_report
from tests.agreement.conftest import AHMAD, CAIRO, DAMASCUS, MUHAMMAD, TEXT

SPANS = [(*AHMAD, "PERS"), (*CAIRO, "GPE"), (*MUHAMMAD, "PERS"), (*DAMASCUS, "GPE")]


def write(path, spans, relations=()):
    line = {
        "id": "doc1",
        "name": "doc1",
        "text": TEXT,
        "spans": [
            {"id": f"T{i}", "start": s, "end": e, "label": label, "text": TEXT[s:e]}
            for i, (s, e, label) in enumerate(spans, start=1)
        ],
        "relations": [
            {"id": f"R{i}", "head": f"T{h}", "tail": f"T{t}", "label": label}
            for i, (h, t, label) in enumerate(relations, start=1)
        ],
    }
    path.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def imported(project, tmp_path, name, spans, relations=()):
    import_paths(project, [write(tmp_path / f"{name}.jsonl", spans, relations)], "jsonl", annotator=name)
    (doc,) = project.documents()
    stored = sorted((s.start, s.end, s.label) for s in project.spans(doc.id, name))
    assert stored == sorted(spans), "the JSONL importer reads every span as written"


def test_identical_jsonl_work_gives_one_everywhere(project, tmp_path):
    imported(project, tmp_path, "amal", SPANS, [(1, 3, "met_with")])
    imported(project, tmp_path, "badr", SPANS, [(1, 3, "met_with")])
    data = build_report(project).data
    (pair,) = data["pairs"]
    figures = [
        pair["span_f1"]["exact"],
        pair["span_f1"]["untyped"],
        pair["span_f1"]["overlap"],
        pair["token_kappa"],
        pair["token_kappa_entities"],
        pair["relation_f1"]["strict"],
        pair["relation_f1"]["unlabelled"],
        data["fleiss_kappa"],
        data["krippendorff_alpha"],
        data["unitizing_alpha"]["overall"],
        *data["unitizing_alpha"]["per_label"].values(),
        *(row["exact"] for row in pair["span_f1"]["per_label"].values()),
    ]
    assert figures == pytest.approx([1.0] * len(figures))


def test_one_differing_jsonl_span_matches_the_hand_computation(project, tmp_path):
    imported(project, tmp_path, "amal", SPANS)
    imported(project, tmp_path, "badr", [*SPANS[:3], (*DAMASCUS, "LOC")])
    data = build_report(project).data
    (pair,) = data["pairs"]
    assert pair["span_f1"]["exact"] == pytest.approx(0.75)
    assert pair["token_kappa"] == pytest.approx(41 / 50)
    assert pair["token_kappa_entities"] == pytest.approx(0.6)
    assert data["fleiss_kappa"] == pytest.approx(9 / 11)
    assert data["krippendorff_alpha"] == pytest.approx(82 / 99)
