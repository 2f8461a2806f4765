"""A team round: distribute → each annotator works in their file → merge → agreement on the overlap alone."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.model import DocStatus
from annotator.policies import DocumentPolicy
from annotator.sessions.curation import Curation
from annotator.store import Project
from annotator.team.agreement.report import build_report
from tests.agreement.conftest import annotate
from tests.agreement.test_distribute import TEAM, corpus

# the entities of every corpus text (it starts with the sentence of tests.agreement.conftest.TEXT)
ENTITIES = [(4, 8, "PERS"), (13, 20, "GPE"), (28, 32, "PERS"), (36, 40, "GPE")]
ERROR_RATES = {"layla": 0.0, "omar": 0.2, "sara": 0.4}


def work(project: Project, name: str) -> None:
    """A scripted annotator: each entity is missed or mislabelled with the annotator's error rate
    (seeded per annotator), and every document is marked done."""
    rng = random.Random(name)
    for doc in project.documents():
        for start, end, label in ENTITIES:
            roll = rng.random()
            if roll < ERROR_RATES[name] / 2:
                continue  # missed
            project.add_span(doc.id, name, start, end, "LOC" if roll < ERROR_RATES[name] else label)
        project.set_status(doc.id, name, DocStatus.DONE)


@pytest.fixture
def merged(tmp_path) -> tuple[Path, list[str]]:
    """The lead's project after one round; returns it and the overlap sample's hashes."""
    lead = tmp_path / "news.hashiya"
    with Project.create(lead) as project:
        project.add_documents(corpus())
    out = tmp_path / "out"
    assert main(["distribute", str(lead), "--annotators", ",".join(TEAM), "--overlap", "0.2", "--out", str(out)]) == 0
    files = [out / f"{name}.hashiya" for name in TEAM]
    for name, path in zip(TEAM, files, strict=True):
        with Project.open(path) as file:
            work(file, name)
            overlap = file.recommender_settings()["overlap_sample"]
    assert main(["merge", str(lead), *map(str, files)]) == 0
    return lead, overlap


def test_merge_brings_every_annotators_work_back(merged, tmp_path, capsys):
    lead, overlap = merged
    with Project.open(lead) as project:
        name_of = {a.id: a.name for a in project.annotators()}
        who = {d.sha256: {name_of[a] for (doc, a) in project.statuses() if doc == d.id} for d in project.documents()}
        assert all(len(names) == 1 for sha, names in who.items() if sha not in overlap)  # everyone else once
        assert all(names == set(TEAM) for sha, names in who.items() if sha in overlap)
        for sha in overlap:
            doc = project.document_by_sha256(sha).id
            assert all(project.spans(doc, name) for name in TEAM)  # spans of all three on the overlap
    capsys.readouterr()
    assert main(["merge", str(lead), *(str(tmp_path / "out" / f"{n}.hashiya") for n in TEAM)]) == 0
    assert "0 span(s), 0 relation(s) added" in capsys.readouterr().out  # merging again changes nothing


def test_agreement_on_the_overlap_matches_a_direct_computation(merged, tmp_path, capsys):
    lead, overlap = merged
    with Project.open(lead) as project:  # layla also finishes one of omar's documents: two views outside the sample
        omars = next(d.id for d in project.documents() if d.sha256 not in overlap and project.spans(d.id, "omar"))
        project.add_span(omars, "layla", 0, 3, "PERS")  # a label in use: the report lists those
        project.set_status(omars, "layla", DocStatus.DONE)
    capsys.readouterr()
    assert main(["agreement", str(lead), "--documents", "overlap", "--json"]) == 0
    via_cli = json.loads(capsys.readouterr().out)
    direct = tmp_path / "overlap-only.hashiya"  # only the overlap documents, with everyone's spans, all done
    with Project.open(lead) as project, Project.create(direct) as only:
        for sha in overlap:
            doc = project.document(project.document_by_sha256(sha).id)
            for name in TEAM:
                spans = [(s.start, s.end, s.label) for s in project.spans(doc.id, name)]
                annotate(only, name, doc.text, spans, doc_name=doc.name)
        expected = build_report(only, list(TEAM)).data
        everything = build_report(project, list(TEAM), DocumentPolicy.DONE).data
    assert via_cli["documents"] == len(overlap) == 6
    assert via_cli["document_policy"] == "overlap"
    for key in ("pairs", "fleiss_kappa", "krippendorff_alpha", "unitizing_alpha", "per_label", "confusion"):
        assert via_cli[key] == expected[key], key
    assert everything["documents"] == 7 and everything["pairs"] != expected["pairs"]  # done: omar's one counts too
    assert main(["agreement", str(lead), "--documents", "overlap"]) == 0  # the text summary names the policy
    assert "6 compared (the overlap sample, marked done)" in capsys.readouterr().out


def test_overlap_needs_a_recorded_sample(tmp_path, capsys):
    lead = tmp_path / "plain.hashiya"
    with Project.create(lead) as project:
        project.add_documents(corpus(3))
    assert main(["agreement", str(lead), "--documents", "overlap"]) == 1
    assert "no overlap sample is recorded" in capsys.readouterr().err


def test_export_refuses_the_overlap_policy_in_one_line(merged, tmp_path, capsys):
    lead, _ = merged
    capsys.readouterr()
    args = ["export", str(lead), "--format", "jsonl", "--annotator", "layla", "--documents", "overlap"]
    assert main([*args, "--out", str(tmp_path / "layla.jsonl")]) == 1
    assert (
        capsys.readouterr().err.strip().startswith("hashiya: error: the overlap policy is for agreement and curation")
    )


def test_curation_by_the_overlap_policy_shows_everyone_on_the_sample_only(merged):
    lead, overlap = merged
    with Project.open(lead) as project:
        inside = project.document_by_sha256(overlap[0]).id
        outside = next(d.id for d in project.documents() if d.sha256 not in overlap)
        assert [a.name for a in Curation(project, inside, status=DocumentPolicy.OVERLAP).sources] == sorted(TEAM)
        assert Curation(project, outside, status=DocumentPolicy.OVERLAP).sources == []
