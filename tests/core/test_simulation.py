"""The simulated annotator (``hashiya simulate``): one rule table, priced actions, and gold at the end."""

from __future__ import annotations

import json

import pytest

from annotator.cli import main
from annotator.model import IncomingDocument
from annotator.predictions import Prediction, Suggestion
from annotator.recommenders.gold_mapping import GoldMapping
from annotator.simulation import ANNOTATOR, COSTS, Action, Judge, boundary_rule, decide, replay_document
from annotator.store import Project

PUTIN, LAVROV = (6, 11, "PERS"), (12, 19, "PERS")  # gold «ولافروف» keeps the proclitic
MOSCOW, CAIRO = (23, 28, "LOC"), (39, 46, "LOC")
TEXT = "التقى بوتين ولافروف في موسكو مع وفد من القاهرة"
GOLD = [PUTIN, LAVROV, MOSCOW, CAIRO]


@pytest.mark.parametrize(
    ("suggestion", "open_entities", "expected"),
    [
        ((6, 11, "PERS"), [PUTIN, MOSCOW], (Action.ACCEPT, PUTIN)),
        ((6, 11, "LOC"), [PUTIN], (Action.RELABEL, PUTIN)),
        ((6, 11, "unmapped:NORP"), [PUTIN], (Action.RELABEL, PUTIN)),
        ((13, 19, "PERS"), [LAVROV], (Action.FIX_BOUNDARY, LAVROV)),
        ((13, 19, "ORG"), [LAVROV], (Action.FIX_BOUNDARY, LAVROV)),
        ((32, 35, "MISC"), [PUTIN, MOSCOW], (Action.REJECT, None)),
        ((6, 11, "PERS"), [MOSCOW], (Action.REJECT, None)),  # Putin is tagged already: a second one goes
        ((6, 11, "unmapped:NORP"), [], (Action.REJECT, None)),
        ((10, 25, "PERS"), [PUTIN, MOSCOW], (Action.FIX_BOUNDARY, PUTIN)),  # the first entity it overlaps
    ],
)
def test_the_careful_annotators_rule(suggestion, open_entities, expected) -> None:
    assert decide(suggestion, open_entities) == expected


def test_cost_table_is_the_issues() -> None:
    assert COSTS == {
        Action.ACCEPT: 1,
        Action.REJECT: 1,
        Action.RELABEL: 1,
        Action.ACCEPT_ALL: 2,
        Action.FIX_BOUNDARY: 2,
        Action.TAG_MISSED: 2,
        Action.MOVE: 1,
    }


def _replay(suggestions: list[tuple[int, int, str, float]], boundaries: str, threshold: float = 0.5):
    """Replay one document with these suggestions; the tally and the annotator's spans as judged."""
    with Project.memory() as project:
        (outcome,), _ = project.add_documents([IncomingDocument("d", TEXT, "d.txt")])
        doc = outcome.document_id
        project.ensure_annotator(ANNOTATOR)
        project.store_predictions(
            "test",
            [Prediction(doc, tuple(Suggestion(s, e, label, score, "test") for s, e, label, score in suggestions))],
        )
        labels = project.schema.label_names
        mapping = GoldMapping.build(labels, ["PERS", "LOC", "ORG", "MISC"])
        judge = Judge(
            mapping, {"PERS": "PERS", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}, boundary_rule(TEXT, boundaries)
        )
        tally = replay_document(project, doc, list(GOLD), judge, threshold)
        spans = sorted(judge.key(s.start, s.end, s.label) for s in project.spans(doc, ANNOTATOR))
        assert not project.suggestions(doc, ANNOTATOR)  # every suggestion was decided
    return tally, spans, sorted(judge.same(g) for g in GOLD)


OFFERED = [(6, 11, "PERS", 0.9), (13, 19, "PERS", 0.9), (23, 28, "ORG", 0.4), (32, 35, "MISC", 0.3)]


def test_one_by_one_at_token_boundaries() -> None:
    tally, spans, gold = _replay(OFFERED, "tokens")
    assert spans == gold  # the annotator ends with the gold, as compared
    assert dict(tally.actions) == {Action.ACCEPT: 2, Action.RELABEL: 1, Action.REJECT: 1, Action.TAG_MISSED: 1}
    assert tally.cost == 2 + 1 + 1 + 2 and tally.per_entity == 6 / 4
    assert (tally.suggestions, tally.right, tally.found) == (4, 2, 2)


def test_a_proclitic_left_out_is_a_boundary_fix_at_exact_boundaries() -> None:
    tally, spans, gold = _replay(OFFERED, "exact")
    assert spans == gold
    assert dict(tally.actions) == {
        Action.ACCEPT: 1,
        Action.FIX_BOUNDARY: 1,
        Action.RELABEL: 1,
        Action.REJECT: 1,
        Action.TAG_MISSED: 1,
    }
    assert tally.cost == 1 + 2 + 1 + 1 + 2


def test_accept_all_when_three_would_be_right_then_correct_the_rest() -> None:
    offered = [*OFFERED, (39, 46, "GPE", 0.8)]  # GPE maps onto the gold's LOC: right
    tally, spans, gold = _replay(offered, "tokens", threshold=0.3)
    assert spans == gold
    # accept all (2) takes all five; Moscow is relabelled (1), the delegation deleted (1); nothing is missed
    assert dict(tally.actions) == {Action.ACCEPT_ALL: 1, Action.RELABEL: 1, Action.REJECT: 1}
    assert tally.cost == 4 and tally.per_entity == 1.0


def test_cli_reports_actions_per_entity_and_blocks(tmp_path, capsys) -> None:
    gold = tmp_path / "gold.conll"
    words = [("زار", "O"), ("بوتين", "B-PERS"), ("موسكو", "B-LOC"), (".", "O")]
    blocks = ["-DOCSTART- O\n\n" + "\n".join(f"{w} {t}" for w, t in words) + "\n\n" for _ in range(3)]
    gold.write_text("".join(blocks), encoding="utf-8")
    assert main(["simulate", "--conll", str(gold), "--recommender", "gazetteer", "--block", "2", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["documents"] == 3 and report["entities"] == 6
    assert [b["documents"] for b in report["blocks"]] == [[0, 2], [2, 3]]
    assert report["hand_cost_per_entity"] == 2.0
    assert report["cost"] == sum(COSTS[Action(a)] * n for a, n in report["actions"].items())
    assert report["actions_per_entity"] == pytest.approx(report["cost"] / 6, abs=1e-4)
    assert 0 < report["actions_per_entity"] < 2  # the gazetteer knows Putin or Moscow: cheaper than by hand


def test_gold_classes_no_schema_label_maps_onto_are_left_out_and_said(tmp_path, capsys) -> None:
    gold = tmp_path / "gold.conll"
    rows = [("دفع", "O"), ("بوتين", "B-PERS"), ("مئة", "B-CURR"), ("دولار", "I-CURR"), (".", "O")]
    gold.write_text("-DOCSTART- O\n\n" + "\n".join(f"{w} {t}" for w, t in rows) + "\n", encoding="utf-8")
    assert main(["simulate", "--conll", str(gold), "--recommender", "gazetteer", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["entities"] == 1 and report["untaggable_entities"] == {"CURR": 1}


def test_learning_waits_until_the_annotator_has_tagged_something(tmp_path, capsys) -> None:
    gold = tmp_path / "gold.conll"
    empty = "-DOCSTART- O\n\nقال O\nالمتحدث O\n. O\n\n"
    tagged = "-DOCSTART- O\n\nزار O\nبوتين B-PERS\nموسكو B-LOC\n. O\n\n"
    gold.write_text(empty + tagged + tagged, encoding="utf-8")
    args = ["simulate", "--conll", str(gold), "--recommender", "gazetteer", "--learn-every", "1", "--json"]
    assert main(args) == 0
    report = json.loads(capsys.readouterr().out)
    assert [event["after_documents"] for event in report["learning"]] == [2]  # not after the empty first one
