"""Scoring, label mapping, model/convention harmonising, and the AQMAR article split."""

from __future__ import annotations

import pytest

from annotator.errors import HashiyaError
from annotator.recommenders.base import Prediction, Suggestion, best_non_overlapping
from annotator.recommenders.conll_evaluation import widen
from annotator.recommenders.gazetteer import builtin_gazetteer
from annotator.recommenders.harmonize import harmonize
from annotator.recommenders.labels import CAMEL_LABELS, LabelMap
from annotator.recommenders.registry import RecommenderSettings, expand
from annotator.recommenders.span_scores import Scores, gold_label, predicted_label

SCHEMA = ["PERS", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "DATE", "MISC"]


def test_exact_match_counts_per_label_and_micro():
    scores = Scores()
    scores.add([(0, 5, "PERS"), (10, 15, "LOC")], [(0, 5, "PERS"), (10, 14, "LOC"), (20, 25, "ORG")])
    scores.add([(3, 8, "LOC")], [(3, 8, "LOC")])
    assert scores.per_label["PERS"].f1 == 1.0
    loc = scores.per_label["LOC"]
    assert (loc.tp, loc.fp, loc.fn) == (1, 1, 1) and loc.precision == 0.5
    assert scores.per_label["ORG"].precision == 0.0
    micro = scores.micro
    assert (micro.tp, micro.fp, micro.fn) == (2, 2, 1)
    assert micro.f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    assert scores.to_dict()["documents"] == 2


@pytest.mark.parametrize(
    ("gold", "expected"), [("PER", "PERS"), ("PERS", "PERS"), ("MIS2", "MISC"), ("MIS", "MISC"), ("ORG", "ORG")]
)
def test_gold_labels_are_mapped(gold, expected):
    assert gold_label(gold) == expected


def test_gpe_becomes_loc_only_where_the_gold_has_no_gpe():
    assert predicted_label("GPE", {"PERS", "LOC"}) == "LOC"
    assert predicted_label("GPE", {"GPE", "LOC"}) == "GPE"


def test_label_maps_use_patterns_defaults_and_the_schema():
    camel = LabelMap.of(CAMEL_LABELS)
    assert camel.map("LOC", SCHEMA) == "GPE" and camel.map("PERS", SCHEMA) == "PERS"
    aqmar = LabelMap.parse("PER=PERS,MIS*=MISC,LOC=")
    assert aqmar.map("MIS3", SCHEMA) == "MISC" and aqmar.map("LOC", SCHEMA) is None
    assert aqmar.map("DATE", SCHEMA) == "DATE" and aqmar.map("WEIRD", SCHEMA) is None
    assert LabelMap.parse("LOC=LOC").then(camel).map("LOC", SCHEMA) == "LOC"  # user rules first
    with pytest.raises(HashiyaError):
        LabelMap.parse("LOC")


def test_model_spans_follow_the_projects_clitic_and_place_conventions():
    text = "بين قوات كييف وموسكو ووليد في أوروبا وواشنطن والأوروبيون"

    def span(word: str, label: str, source: str) -> Suggestion:
        start = text.index(word)
        return Suggestion(start, start + len(word), label, 0.9, source)

    crf = [
        span("وموسكو", "GPE", "crf"),
        span("ووليد", "PERS", "crf"),
        span("أوروبا", "GPE", "crf"),
        span("وواشنطن", "GPE", "crf"),
        span("والأوروبيون", "PERS", "crf"),
    ]
    out = harmonize(text, {"crf": Prediction("d", tuple(crf))}, builtin_gazetteer())
    assert [(s.text_in(text), s.label) for s in out["crf"].suggestions] == [
        ("موسكو", "GPE"),  # the gazetteer knows موسكو: the conjunction goes
        ("ووليد", "PERS"),  # وليد is unknown: nothing is cut
        ("أوروبا", "LOC"),  # a continent
        ("واشنطن", "GPE"),  # one و stripped, the name's own و kept
        ("الأوروبيون", "NORP"),  # a group of people, not a person
    ]


def test_a_model_person_does_not_run_on_into_a_known_place():
    """«التقى بوتين موسكو»: a CRF once tagged the name and the city as one person."""
    text = "التقى فلاديمير بوتين وموسكو ثم زار أحمد سعيد"
    crf = [
        Suggestion(text.index(name), text.index(name) + len(name), "PERS", 0.8, "crf")
        for name in ("فلاديمير بوتين وموسكو", "أحمد سعيد")  # سعيد is no place
    ]
    out = harmonize(text, {"crf": Prediction("d", tuple(crf))}, builtin_gazetteer())
    assert [(s.text_in(text), s.label) for s in out["crf"].suggestions] == [
        ("فلاديمير بوتين", "PERS"),
        ("موسكو", "GPE"),  # the place, its conjunction cut as for any model place
        ("أحمد سعيد", "PERS"),
    ]


def test_overlapping_predictions_keep_the_best_and_tokens_widen():
    candidates = [(0, 5, "GPE", 0.9), (0, 5, "PERS", 0.95), (3, 9, "ORG", 0.5), (10, 12, "LOC", 0.1)]
    chosen = best_non_overlapping(Suggestion(s, e, label, score, "x") for s, e, label, score in candidates)
    assert [(c.start, c.end, c.label) for c in chosen] == [(0, 5, "PERS"), (10, 12, "LOC")]
    assert widen("في وموسكو اليوم", [(4, 9, "LOC")]) == [(3, 9, "LOC")]


def test_default_means_offline_recommenders_plus_camel_when_installed(tmp_path):
    assert expand(["default"], RecommenderSettings(str(tmp_path / "none"))) == ["gazetteer", "strings", "crf"]
    model = tmp_path / "model"  # what the status check looks at (the files, not their contents)
    model.mkdir()
    (model / "config.json").write_text('{"id2label": {"0": "O", "1": "B-LOC"}}', encoding="utf-8")
    (model / "vocab.txt").write_text("[PAD]\n", encoding="utf-8")
    (model / "model.safetensors").write_bytes(b"")
    with_camel = expand(["default", "gazetteer"], RecommenderSettings(str(model)))
    assert with_camel == ["gazetteer", "strings", "crf", "camel"]
    with pytest.raises(HashiyaError, match="unknown recommender"):
        expand(["spacy"], RecommenderSettings())


def test_aqmar_is_split_by_article(shared_data):
    from annotator.recommenders.aqmar import ARTICLE_STARTS, HELDOUT, load_articles, split

    articles = load_articles(shared_data / "aqmar" / "AQMAR_Arabic_NER_corpus-1.0.txt")
    assert len(articles) == len(ARTICLE_STARTS) == 27
    for article, (_n, words, title) in zip(articles, ARTICLE_STARTS, strict=True):
        assert article.example.document.text.startswith(words) and article.title == title
        text = article.example.document.text
        assert all(0 <= s < e <= len(text) and text[s:e].strip() == text[s:e] for s, e, _l in article.example.spans)
    train, heldout = split(articles)
    assert len(heldout) == len(HELDOUT) == 5 and len(train) == 22
    tokens = [sum(len(e.document.tokens) for e in part) for part in (train, heldout)]
    assert 0.15 < tokens[1] / sum(tokens) < 0.25
    spans = sum(len(a.example.spans) for a in articles)
    assert spans > 5500  # AQMAR has 5,924 entities; none lost at article edges but MIS/other repairs
