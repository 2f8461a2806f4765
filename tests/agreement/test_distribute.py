"""``hashiya distribute``: one file per annotator, an overlap every file holds, blind, atomic, re-runnable."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.conventions import SETTINGS_KEY
from annotator.errors import HashiyaError
from annotator.model import GOLD, IMPORT_LOG, DocStatus, IncomingDocument
from annotator.policies import OVERLAP_KEY, overlap_sample
from annotator.schema import default_schema
from annotator.store import Project
from annotator.team import distribute as distributing
from annotator.team.distribute import ASSIGNMENT_KEY, DistributeOptions, distribute

TEAM = ("layla", "omar", "sara")
WORDS = "ذهب أحمد إلى القاهرة ثم زار محمد في دمشق"


def corpus(count: int = 30) -> list[IncomingDocument]:
    """``count`` articles from two sources (two in three from aljazeera), of varied lengths."""
    return [
        IncomingDocument(f"{'aljazeera' if i % 3 else 'bbc'}-{i:03d}.txt", f"{WORDS} {i}. " * (1 + i % 5), "seed")
        for i in range(count)
    ]


@pytest.fixture
def lead(tmp_path) -> Path:
    path = tmp_path / "news.hashiya"
    with Project.create(path) as project:
        project.add_documents(corpus())
        project.set_recommender_settings({SETTINGS_KEY: {"proclitics": "in", "titles": "out"}})
    return path


def run(lead: Path, out: Path, **given) -> distributing.DistributionReport:
    with Project.open(lead) as project:
        return distribute(project, out, DistributeOptions(TEAM, **given))


def hashes(path: Path) -> list[str]:
    with Project.open(path) as project:
        return [d.sha256 for d in project.documents()]


def test_each_document_goes_once_outside_the_overlap_which_every_file_holds(lead, tmp_path):
    report = run(lead, tmp_path / "out")
    files = {name: hashes(tmp_path / "out" / f"{name}.hashiya") for name in TEAM}
    overlap = set(report.split.overlap)
    assert len(overlap) == 6  # 20% of 30
    assert all(overlap <= set(docs) for docs in files.values())
    outside = Counter(h for docs in files.values() for h in docs if h not in overlap)
    assert set(outside.values()) == {1} and len(outside) + len(overlap) == 30
    shares = [len(docs) - len(overlap) for docs in files.values()]
    assert max(shares) - min(shares) <= 1
    with Project.open(tmp_path / "out" / "layla.hashiya") as file:
        assert overlap_sample(file) == overlap  # recorded by content hash in every file
        settings = file.recommender_settings()
        assert settings[SETTINGS_KEY] == {"proclitics": "in", "titles": "out"}  # the project's settings came along
        assert settings[ASSIGNMENT_KEY]["annotator"] == "layla"
        assert file.schema == default_schema()
        assert [a.name for a in file.annotators() if a.name != IMPORT_LOG] == ["layla"]
    with Project.open(lead) as project:
        assert overlap_sample(project) == overlap  # the lead's project knows the sample too


def test_same_seed_same_split_other_seed_other_split(lead, tmp_path):
    first = run(lead, tmp_path / "a", seed=7).split
    again = run(lead, tmp_path / "b", seed=7).split
    other = run(lead, tmp_path / "c", seed=8).split
    assert first == again
    assert first != other
    assert hashes(tmp_path / "a" / "omar.hashiya") == hashes(tmp_path / "b" / "omar.hashiya")


def test_the_overlap_is_stratified_over_sources_and_lengths(lead, tmp_path):
    with Project.open(lead) as project:
        source = {d.sha256: d.name.split("-")[0] for d in project.documents()}
        length = {d.sha256: d.length for d in project.documents()}
    for seed in range(5):
        split = run(lead, tmp_path / f"s{seed}", seed=seed).split
        assert Counter(source[h] for h in split.overlap) == {"aljazeera": 4, "bbc": 2}  # 20 and 10 of 30
        by_length = run(lead, tmp_path / f"l{seed}", seed=seed, stratify="length").split
        lengths = sorted(length.values())
        short, long_ = lengths[9], lengths[20]  # the shortest and the longest third
        assert any(length[h] <= short for h in by_length.overlap)
        assert any(length[h] >= long_ for h in by_length.overlap)


def test_per_annotator_caps_every_file_and_holds_the_rest_back(lead, tmp_path):
    report = run(lead, tmp_path / "out", per_annotator=5)
    for name in TEAM:
        assert len(hashes(tmp_path / "out" / f"{name}.hashiya")) <= 5
    handed = set(report.split.overlap) | {h for share in report.split.shares.values() for h in share}
    assert len(handed) + len(report.split.held_back) == 30 and report.split.held_back
    with Project.open(lead) as project:
        order = [d.sha256 for d in project.documents()]
    assert set(order[: len(handed)]) == handed  # the first documents go out, the later wait
    assert "held back" in report.summary_lines()[-1]


def test_a_rerun_skips_what_someone_marked_done(lead, tmp_path):
    with Project.open(lead) as project:
        ids = [d.id for d in project.documents()]
        project.set_status(ids[0], "omar", DocStatus.DONE)
        project.set_status(ids[1], GOLD, DocStatus.DONE)
        project.set_status(ids[2], "layla", DocStatus.IN_PROGRESS)  # not done: handed out again
        done = {project.document_info(i).sha256 for i in ids[:2]}
    report = run(lead, tmp_path / "out")
    assert report.skipped_done == 2
    assert "skipped 2 document(s) already marked done" in report.summary_lines()
    every = {h for name in TEAM for h in hashes(tmp_path / "out" / f"{name}.hashiya")}
    assert len(every) == 28 and not every & done


def test_files_are_blind_but_bring_the_annotators_own_work(lead, tmp_path):
    with Project.open(lead) as project:
        for doc in [d.id for d in project.documents()]:
            for name, label in (("layla", "PERS"), ("omar", "ORG"), (GOLD, "NORP")):
                project.add_span(doc, name, 0, 3, label)
            second = project.add_span(doc, "layla", 4, 8, "PERS").spans_added[0]
            project.add_relation(project.spans(doc, "layla")[0].id, second.id, "met_with")
            project.set_status(doc, "sara", DocStatus.IN_PROGRESS)  # a status and no span
    run(lead, tmp_path / "out")
    with Project.open(tmp_path / "out" / "layla.hashiya") as file:
        assert not {a.name for a in file.annotators()} & {"omar", "sara", GOLD}
        docs = [d.id for d in file.documents()]
        assert {s.label for d in docs for s in file.spans(d)} == {"PERS"}  # hers, nobody else's
        assert all(len(file.spans(d, "layla")) == 2 and len(file.relations(d, "layla")) == 1 for d in docs)
        assert {file.status(d, "layla") for d in docs} == {DocStatus.IN_PROGRESS}
        assert not file.can_undo("layla")  # the documents are in the import log: her Ctrl+Z keeps them
        assert not file.suggestions(docs[0])
    with Project.open(tmp_path / "out" / "sara.hashiya") as file:
        docs = [d.id for d in file.documents()]
        assert not [s for d in docs for s in file.spans(d)]
        assert {file.status(d, "sara") for d in docs} == {DocStatus.IN_PROGRESS}


def test_existing_files_are_refused_unless_forced(lead, tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "omar.hashiya").write_text("not a project")
    args = ["distribute", str(lead), "--annotators", ",".join(TEAM), "--overlap", "0.2", "--out", str(out)]
    assert main(args) == 1
    error = capsys.readouterr().err.strip()
    assert error == f"hashiya: error: {out / 'omar.hashiya'}: already exists (use --force to replace it)"
    assert sorted(p.name for p in out.iterdir()) == ["omar.hashiya"]  # nothing written
    assert main([*args, "--force"]) == 0
    assert sorted(p.name for p in out.iterdir()) == [f"{name}.hashiya" for name in TEAM]
    assert len(hashes(out / "omar.hashiya")) in (14, 15)


def test_a_failure_leaves_no_half_written_file(lead, tmp_path, monkeypatch):
    real = Project.add_documents
    calls = []

    def failing(self, incoming, *args, **kwargs):  # the third file fails while being filled
        calls.append(self.path)
        if len(calls) == 3:
            raise HashiyaError("disk full")
        return real(self, incoming, *args, **kwargs)

    monkeypatch.setattr(Project, "add_documents", failing)
    with pytest.raises(HashiyaError, match="disk full"):
        run(lead, tmp_path / "out")
    assert list((tmp_path / "out").iterdir()) == []  # no file, no staging folder
    with Project.open(lead) as project:
        assert OVERLAP_KEY not in project.recommender_settings()


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"annotators": ("layla", "layla")}, "annotator named twice: layla"),
        ({"annotators": ("gold",)}, "'gold' is the curated layer"),
        ({"annotators": ("../x",)}, "usable as file names"),
        ({"overlap": 1.0}, "--overlap must be a fraction"),
        ({"per_annotator": 0}, "--per-annotator must be at least 1"),
    ],
)
def test_bad_requests_are_one_line_errors(lead, tmp_path, given, message):
    options = DistributeOptions(**{"annotators": TEAM, **given})
    with Project.open(lead) as project, pytest.raises(HashiyaError, match=message):
        distribute(project, tmp_path / "out", options)
    assert not (tmp_path / "out").exists()


def test_nothing_left_to_hand_out_is_said(lead, tmp_path):
    with Project.open(lead) as project:
        for d in project.documents():
            project.set_status(d.id, "omar", DocStatus.DONE)
    with Project.open(lead) as project, pytest.raises(HashiyaError, match="nothing to hand out"):
        distribute(project, tmp_path / "out", DistributeOptions(TEAM))
