"""``hashiya evaluate`` as a report: the label mapping, both boundaries, confusion, frequent errors,
and each member of a combination next to the combination (issue 13). Every expected number here
is counted by hand from the spans written in the test."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.cli import main
from annotator.errors import HashiyaError
from annotator.model import IncomingDocument
from annotator.recommenders.base import DocumentInput, Prediction, Recommender, Suggestion
from annotator.recommenders.conll_evaluation import run_and_score, scored_spans
from annotator.recommenders.evaluation_report import confusion_dict, error_rows, evaluate_predictions
from annotator.recommenders.gold_mapping import GoldMapping
from annotator.store import Project

SCHEMA = ["PERS", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "DATE", "MISC"]
FOUR_CLASS = {"PER", "LOC", "ORG", "MIS1"}  # raw, as an AQMAR-style file writes them


def at(text: str, word: str, label: str, nth: int = 0) -> tuple[int, int, str]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return (start, start + len(word), label)


def test_default_mapping_follows_the_schema_and_the_gold_labels():
    mapping = GoldMapping.build(SCHEMA, FOUR_CLASS)
    assert mapping.targets == {
        "PERS": "PERS",
        "ORG": "ORG",
        "GPE": "LOC",
        "LOC": "LOC",
        "FAC": "LOC",
        "NORP": None,
        "EVENT": None,
        "DATE": None,
        "MISC": "MISC",
    }
    assert mapping.gold_renames == {"MIS1": "MISC", "PER": "PERS"}
    assert mapping.unmapped == ["NORP", "EVENT", "DATE"]
    assert mapping.describe() == (
        "label mapping (predicted → gold): PERS→PERS, ORG→ORG, GPE→LOC, LOC→LOC, FAC→LOC, MISC→MISC; "
        "gold MIS1→MISC, PER→PERS; unmapped (counted apart, not false alarms): NORP, EVENT, DATE"
    )
    # a gold with GPE and no LOC: places go the other way
    other = GoldMapping.build(SCHEMA, {"PERS", "GPE"})
    assert (other.map("LOC"), other.map("FAC"), other.map("GPE"), other.map("ORG")) == ("GPE", "GPE", "GPE", None)


def test_map_gold_overrides_win_and_are_checked():
    mapping = GoldMapping.build(SCHEMA, FOUR_CLASS, "NORP=MISC,FAC=,EV*=MISC")
    assert mapping.map("NORP") == "MISC" and mapping.map("EVENT") == "MISC"
    assert mapping.map("FAC") is None and mapping.map("GPE") == "LOC"  # the rest keeps its default
    assert mapping.overrides == {"NORP": "MISC", "FAC": "", "EV*": "MISC"}
    assert mapping.notes() == []
    odd = GoldMapping.build(SCHEMA, FOUR_CLASS, "DATE=TIME")
    assert odd.map("DATE") == "TIME" and "TIME, which this gold file never uses" in odd.notes()[0]
    with pytest.raises(HashiyaError, match="matches none of the project's labels"):
        GoldMapping.build(SCHEMA, FOUR_CLASS, "PERSON=PERS")
    with pytest.raises(HashiyaError, match="--map-gold"):
        GoldMapping.build(SCHEMA, FOUR_CLASS, "NORP")


# Three documents, gold in gold labels, predictions in the project's labels.
ONE = "قال بوتين في وموسكو إن الروس زاروا الكرملين"
TWO = "التقى بوتين قادة الكرملين"
THREE = "الكرملين يرد"


def hand_made() -> list[tuple[str, list, list]]:
    return [
        (
            ONE,
            [at(ONE, "بوتين", "PERS"), at(ONE, "وموسكو", "LOC"), at(ONE, "الكرملين", "ORG")],
            [at(ONE, "بوتين", "PERS"), at(ONE, "موسكو", "GPE"), at(ONE, "الروس", "NORP"), at(ONE, "الكرملين", "GPE")],
        ),
        (
            TWO,
            [at(TWO, "بوتين", "PERS"), at(TWO, "الكرملين", "ORG")],
            [at(TWO, "بوتين", "ORG"), at(TWO, "قادة", "MISC")],
        ),
        (THREE, [at(THREE, "الكرملين", "ORG")], []),
    ]


def evaluate_hand_made():
    mapping = GoldMapping.build(SCHEMA, FOUR_CLASS)
    documents = [
        (text, gold, scored_spans([Suggestion(s, e, label, 1.0, "x") for s, e, label in predicted], mapping))
        for text, gold, predicted in hand_made()
    ]
    return evaluate_predictions("hand", documents)


def test_scores_at_both_boundaries_leave_unmapped_predictions_out():
    evaluation = evaluate_hand_made()
    assert dict(evaluation.unmapped) == {"NORP": 1}  # الروس: not a false alarm
    exact = evaluation.exact.scores
    assert (exact.micro.tp, exact.micro.fp, exact.micro.fn) == (1, 4, 5)
    loc = exact.per_label["LOC"]
    assert (loc.tp, loc.fp, loc.fn) == (0, 2, 1)  # موسكو is not وموسكو; الكرملين is no place
    assert "NORP" not in exact.per_label and "unmapped:NORP" not in exact.per_label
    tokens = evaluation.tokens.scores
    assert (tokens.micro.tp, tokens.micro.fp, tokens.micro.fn) == (2, 3, 4)  # موسكو widened to وموسكو
    assert (tokens.per_label["LOC"].tp, tokens.per_label["LOC"].fp) == (1, 1)


def test_confusion_looks_at_the_same_boundaries():
    evaluation = evaluate_hand_made()
    assert confusion_dict(evaluation.exact.confusion) == {
        "LOC": {"nothing": 1},
        "ORG": {"LOC": 1, "nothing": 2},
        "PERS": {"ORG": 1, "PERS": 1},
        "spurious": {"LOC": 1, "MISC": 1, "unmapped:NORP": 1},
    }
    assert confusion_dict(evaluation.tokens.confusion)["LOC"] == {"LOC": 1}
    assert confusion_dict(evaluation.tokens.confusion)["spurious"] == {"MISC": 1, "unmapped:NORP": 1}


def test_most_frequent_misses_and_false_alarms_are_grouped_by_text():
    evaluation = evaluate_hand_made()
    assert error_rows(evaluation.exact.misses) == [
        {"text": "الكرملين", "gold": "ORG", "predicted": None, "count": 2},
        {"text": "الكرملين", "gold": "ORG", "predicted": "LOC", "count": 1},
        {"text": "بوتين", "gold": "PERS", "predicted": "ORG", "count": 1},
        {"text": "وموسكو", "gold": "LOC", "predicted": None, "count": 1},
    ]
    assert error_rows(evaluation.exact.false_alarms) == [
        {"text": "الكرملين", "gold": "ORG", "predicted": "LOC", "count": 1},
        {"text": "بوتين", "gold": "PERS", "predicted": "ORG", "count": 1},
        {"text": "قادة", "gold": None, "predicted": "MISC", "count": 1},
        {"text": "موسكو", "gold": None, "predicted": "LOC", "count": 1},
    ]
    assert len(error_rows(evaluation.exact.misses, top=2)) == 2


class Fixed(Recommender):
    """Suggests the words it was given, wherever they occur, and counts its calls."""

    def __init__(self, name: str, words: list[tuple[str, str, float]]) -> None:
        self.name = name
        self.words = words
        self.seen: list[str] = []

    def predict(self, document: DocumentInput) -> Prediction:
        self.seen.append(document.id)
        found = [
            Suggestion(s, e, label, score, self.name)
            for word, label, score in self.words
            for s, e, label in [at(document.text, word, label)]
        ]
        return Prediction(document.id, tuple(found))


def test_members_alone_and_the_combination_come_from_one_run():
    first = Fixed("first", [("بوتين", "PERS", 0.9), ("الكرملين", "GPE", 0.6)])
    second = Fixed("second", [("الكرملين", "ORG", 0.8), ("الروس", "NORP", 0.5)])
    gold = [at(ONE, "بوتين", "PERS"), at(ONE, "وموسكو", "LOC"), at(ONE, "الكرملين", "ORG")]
    with Project.memory() as scratch:
        (outcome,), _ = scratch.add_documents([IncomingDocument("one", ONE, "test")])
        mapping = GoldMapping.build(scratch.schema.label_names, FOUR_CLASS)
        combination, members = run_and_score(scratch, [first, second], [(outcome.document_id, gold)], mapping, "both")
    assert first.seen == [outcome.document_id] and second.seen == [outcome.document_id]  # each ran once
    rows = {e.name: e.exact.scores.micro for e in [*members, combination]}
    assert [e.name for e in members] == ["first", "second"]
    assert (rows["first"].tp, rows["first"].fp, rows["first"].fn) == (1, 1, 2)  # الكرملين as a place
    assert (rows["second"].tp, rows["second"].fp, rows["second"].fn) == (1, 0, 2)
    assert dict(members[1].unmapped) == {"NORP": 1} and not members[0].unmapped
    # together: الكرملين ORG (0.8) wins over GPE (0.6) where they overlap
    assert (rows["both"].tp, rows["both"].fp, rows["both"].fn) == (2, 0, 1)
    assert combination.row()["exact"]["micro"]["f1"] == pytest.approx(0.8)
    assert set(combination.row()) == {"name", "exact", "tokens", "unmapped"}


def test_one_recommender_has_no_member_rows():
    only = Fixed("only", [("بوتين", "PERS", 0.9)])
    with Project.memory() as scratch:
        (outcome,), _ = scratch.add_documents([IncomingDocument("one", ONE, "test")])
        mapping = GoldMapping.build(scratch.schema.label_names, FOUR_CLASS)
        combination, members = run_and_score(scratch, [only], [(outcome.document_id, [])], mapping, "only")
    assert members == [] and combination.exact.scores.micro.fp == 1


# -- the command ----------------------------------------------------------------------------------

GOLD = """-DOCSTART- O

روسيا B-LOC
و O
موسكو B-LOC
مع O
بوتين B-PER
. O

-DOCSTART- O

وموسكو B-LOC
بعيدة O
عن O
الكرملين B-ORG
. O
"""

KEYS = {
    "recommender",
    "recommenders",
    "gold",
    "boundaries",
    "label_mapping",
    "micro",
    "per_label",
    "documents",
    "scores",
    "unmapped",
    "confusion",
    "misses",
    "false_alarms",
    "members",
    "combination",
    "notes",
}


def test_evaluate_json_carries_the_whole_report(tmp_path, capsys):
    gold = tmp_path / "gold.conll"
    gold.write_text(GOLD, encoding="utf-8")
    assert main(["evaluate", "--recommender", "gazetteer", "--conll", str(gold), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == KEYS
    mapping = result["label_mapping"]
    assert set(mapping) == {"predicted", "gold", "gold_labels", "unmapped", "overrides", "text"}
    assert mapping["predicted"]["GPE"] == "LOC" and mapping["predicted"]["NORP"] is None
    assert mapping["gold"] == {"PER": "PERS"} and mapping["gold_labels"] == ["LOC", "ORG", "PERS"]
    assert result["documents"] == 2 and result["micro"] == result["scores"]["exact"]["micro"]
    assert result["scores"]["exact"]["micro"]["correct"] == 3  # روسيا, موسكو, الكرملين
    assert result["scores"]["tokens"]["micro"]["correct"] == 4  # and موسكو inside «وموسكو»
    assert result["confusion"]["LOC"] == {"LOC": 2, "nothing": 1}
    assert result["confusion"]["spurious"] == {"LOC": 1}
    assert result["misses"][0] == {"text": "بوتين", "gold": "PERS", "predicted": None, "count": 1}
    assert result["false_alarms"] == [{"text": "موسكو", "gold": None, "predicted": "LOC", "count": 1}]
    assert result["members"] == [] and result["combination"]["name"] == "gazetteer"
    assert result["combination"]["tokens"] == result["scores"]["tokens"]

    argv = ["evaluate", "--recommender", "gazetteer", "--conll", str(gold), "--boundaries", "tokens"]
    assert main([*argv, "--map-gold", "GPE="]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == (
        "label mapping (predicted → gold): PERS→PERS, ORG→ORG, LOC→LOC, FAC→LOC; gold PER→PERS; "
        "unmapped (counted apart, not false alarms): GPE, NORP, EVENT, DATE, MISC"
    )
    assert "token-boundary spans (both sides widened to whole whitespace tokens) (headline):" in lines
    assert "unmapped predictions (not scored, not false alarms): GPE 3" in lines
    assert main([*argv, "--map-gold", "PERSON=PERS"]) == 1
    assert "matches none of the project's labels" in capsys.readouterr().err


# -- exact matches are token matches ----------------------------------------------------------------

WORDS = st.lists(st.text(alphabet="بتثجحو", min_size=1, max_size=4), min_size=1, max_size=8)
LABELS = st.sampled_from(["PERS", "LOC", "ORG", "unmapped:NORP"])


@st.composite
def documents(draw):
    """A text of words, gold on whole words (as a CoNLL file gives it, never overlapping), and
    predictions anywhere: any offsets, overlapping or not, any label."""
    words = draw(WORDS)
    text = " ".join(words)
    starts = [sum(len(w) + 1 for w in words[:i]) for i in range(len(words))]
    gold, i = [], 0
    while i < len(words):
        length = draw(st.integers(0, 2))
        if length and i + length <= len(words):
            gold.append(
                (
                    starts[i],
                    starts[i + length - 1] + len(words[i + length - 1]),
                    draw(LABELS.filter(lambda x: ":" not in x)),
                )
            )
            i += length
        else:
            i += 1
    bounds = st.tuples(st.integers(0, len(text) - 1), st.integers(1, len(text))).filter(lambda b: b[0] < b[1])
    predicted = [(s, e, label) for (s, e), label in draw(st.lists(st.tuples(bounds, LABELS), max_size=8))]
    predicted += [g for g in gold if draw(st.booleans())]  # some exact hits
    return text, gold, predicted


@settings(max_examples=300, deadline=None)
@given(st.lists(documents(), min_size=1, max_size=3))
def test_exact_matches_never_outnumber_token_matches(docs):
    evaluation = evaluate_predictions("any", docs)
    exact, tokens = evaluation.exact.scores, evaluation.tokens.scores
    assert exact.micro.tp <= tokens.micro.tp
    for label, counts in exact.per_label.items():
        assert counts.tp <= tokens.per_label[label].tp
    assert exact.micro.tp + exact.micro.fn == tokens.micro.tp + tokens.micro.fn  # the same gold


MEMBERS_GOLD = """-DOCSTART- O

قال O
الرئيس O
سمير B-PER
حداد I-PER
في O
طرطوس B-LOC
و O
موسكو B-LOC
. O

-DOCSTART- O

زارت O
ليلى B-PER
منصور I-PER
الكرملين B-ORG
في O
صفاقس B-LOC
. O
"""


def test_default_reports_each_member_as_if_it_had_run_alone(tmp_path, capsys, monkeypatch):
    """The curator's project: strings learns the names, the CRF is trained on them; each member's row
    in ``default``'s report equals what evaluating that member alone gives."""
    monkeypatch.setenv("CAMELTOOLS_DATA", str(tmp_path / "no_camel_data"))
    path = tmp_path / "p.hashiya"
    assert main(["init", str(path)]) == 0
    texts = [
        f"قال الرئيس {p} في {g} اليوم . {i}"
        for i, (p, g) in enumerate([("سمير حداد", "طرطوس"), ("ليلى منصور", "صفاقس")] * 2)
    ]
    with Project.open(path) as project:
        outcomes, _ = project.add_documents([IncomingDocument(f"d{i}", text, "test") for i, text in enumerate(texts)])
        for outcome, text in zip(outcomes, texts, strict=True):
            for name, label in (("سمير حداد", "PERS"), ("ليلى منصور", "PERS"), ("طرطوس", "GPE"), ("صفاقس", "GPE")):
                if name in text:
                    start = text.index(name)
                    project.add_span(outcome.document_id, "gold", start, start + len(name), label)
            project.set_status(outcome.document_id, "gold", "done")
    assert main(["train", str(path), "--annotator", "gold", "--folds", "2"]) == 0
    gold = tmp_path / "gold.conll"
    gold.write_text(MEMBERS_GOLD, encoding="utf-8")
    capsys.readouterr()

    def evaluate(name: str) -> dict:
        assert main(["evaluate", "--recommender", name, "--conll", str(gold), "--project", str(path), "--json"]) == 0
        return json.loads(capsys.readouterr().out)

    combined = evaluate("default")
    assert [m["name"] for m in combined["members"]] == ["gazetteer", "strings", "crf"]
    assert (
        combined["combination"]["name"] == "default" and combined["combination"]["exact"]["micro"] == combined["micro"]
    )
    for member in combined["members"]:
        alone = evaluate(member["name"])
        assert alone["members"] == []
        assert member == {**alone["combination"], "name": member["name"]}
    assert main(["evaluate", "--recommender", "default", "--conll", str(gold), "--project", str(path)]) == 0
    out = capsys.readouterr().out
    assert "members alone and combined:" in out and out.count("\ngazetteer ") == 1
