"""The shipped news CRF: its corpora and folds, its version-2 features, the model file itself."""

from __future__ import annotations

import time

from annotator.model import IncomingDocument
from annotator.paths import resource_path
from annotator.recommenders import crf as crf_module
from annotator.recommenders.base import DocumentInput
from annotator.recommenders.crf import CrfModel, CrfRecommender, default_model, default_model_path
from annotator.recommenders.crf_features import FEATURES_VERSION, document_context, sentence_features
from annotator.recommenders.crf_training import Example
from annotator.recommenders.gazetteer import builtin_gazetteer
from annotator.recommenders.labels import NEWS_LABELS, LabelMap
from annotator.recommenders.name_lists import Lexicons, learn_common_words, shipped_lexicons
from annotator.recommenders.news_corpus import (
    ANERCORP_ATTRIBUTION,
    NEWS_TAGS,
    aqmar_news_label,
    contiguous_folds,
    load_anercorp,
    load_wojood,
    outermost,
)
from annotator.recommenders.news_training import featurized, prepare, sentence_words, train
from annotator.recommenders.registry import RecommenderSettings, build
from annotator.recommenders.runner import run_recommenders
from annotator.schema import default_schema


def test_folds_are_contiguous_disjoint_blocks_covering_every_article():
    folds = contiguous_folds(189)
    assert [(f.start, f.stop) for f in folds] == [(0, 37), (37, 75), (75, 113), (113, 151), (151, 189)]
    seen = [i for fold in folds for i in fold]
    assert seen == list(range(189))  # contiguous, in order, each article once


def test_anercorp_is_read_as_its_189_articles(shared_data):
    articles = load_anercorp(shared_data / "anercorp_camel" / "train_docs.conll")
    assert len(articles) == 189
    labels = {label for a in articles for _s, _e, label in a.spans}
    assert labels == set(NEWS_TAGS)
    first = articles[0]
    assert first.document.text.startswith("فرانكفورت")
    assert ("فرانكفورت", "LOC") in {(first.document.text[s:e], label) for s, e, label in first.spans}
    assert sum(len(a.document.tokens) for a in articles) > 120_000


def test_wojood_keeps_the_outermost_mapped_span_of_each_nest(tmp_path):
    lines = [
        "مجلس B-ORG",
        "الأمن I-ORG",
        "ضد I-ORG",
        "الأسد I-ORG B-PERS",
        "$#$ O",
        "",
        "سكرتير B-OCC",
        "اللجنة I-OCC B-ORG",
        "العربية I-OCC I-ORG",
        "في I-OCC",
        "نابلس I-OCC B-GPE",
        "يوم B-DATE",
        "الأحد I-DATE",
        "",
    ]
    (tmp_path / "train.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (example,) = load_wojood(tmp_path, ["train.txt"])
    text = example.document.text
    assert "$#$" not in text
    found = [(text[s:e], label) for s, e, label in example.spans]
    assert found == [("مجلس الأمن ضد الأسد", "ORG"), ("اللجنة العربية", "ORG"), ("نابلس", "LOC")]
    assert outermost([(0, 10, "ORG"), (6, 10, "PERS"), (12, 15, "LOC")]) == [(0, 10, "ORG"), (12, 15, "LOC")]


def test_aqmar_labels_join_the_news_tag_set():
    assert [aqmar_news_label(x) for x in ("PER", "LOC", "ORG", "MIS0", "MIS3", "O")] == [
        "PERS",
        "LOC",
        "ORG",
        "MISC",
        "MISC",
        None,
    ]


def test_clitics_on_a_name_still_find_it_in_the_name_lists():
    lexicons = Lexicons(wikidata=frozenset({"ويتكوف"}), given=frozenset({"ستيف"}), common=frozenset({"مفاوضات"}))
    feats = sentence_features(["وستيف", "ويتكوف", "وبالمفاوضات"], ["O"] * 3, lexicons=lexicons)
    assert "pro=و" in feats[0] and "rname=given" in feats[0] and "name=given" not in feats[0]
    assert "1:rname=given" not in feats[0] and "1:name=wd" in feats[0]
    assert "name=wd" in feats[1] and "-1:rname=given" in feats[1]
    assert "pro=وبال" in feats[2] and "rcommon" in feats[2] and "common" not in feats[2]
    assert "rs2=ات" in feats[2]
    assert "-2:w=وستيف" in feats[2] and "-1:bg=ويتكوف|وبالمفاوضات" in feats[2]


def test_version_one_features_are_unchanged_for_older_models():
    feats = sentence_features(["وقال", "الرئيس"], ["O", "O"], version=1)
    assert not any(f.startswith(("pro=", "name=", "rname=", "-3:", "1:bg=")) for f in feats[0])
    assert "r=قال" in feats[0] and "1:w=الرئيس" in feats[0]


def test_common_words_are_frequent_and_never_inside_an_entity():
    text = "قال بوتين . قال بوتين . قال ترامب . قال الوزير"
    doc = DocumentInput.from_text(text)
    spans = [(m, m + 5, "PERS") for m in (4, 16)] + [(28, 33, "PERS")]
    common = learn_common_words([(text, doc.tokens, spans)], min_count=3)
    assert common == frozenset({"قال"})  # بوتين: an entity; الوزير: seen once; "." is not a word


def test_the_shipped_lists_hold_names_and_common_words():
    lexicons = shipped_lexicons()
    assert len(lexicons.wikidata) > 40_000 and "احمد" in lexicons.given | lexicons.wikidata
    assert len(lexicons.common) > 1_000 and "قال" in lexicons.common
    assert not lexicons.common & {"بوتين", "موسكو"}


def test_the_shipped_model_is_small_loads_fast_is_attributed_and_tags_news(seed_text):
    assert default_model_path().name == "news-crf.crfsuite"
    assert default_model_path().stat().st_size < 25_000_000
    began = time.perf_counter()
    model = default_model()
    recommender = CrfRecommender(model, default_schema().label_names, LabelMap.of(NEWS_LABELS), builtin_gazetteer())
    assert time.perf_counter() - began < 5  # the goal is 1 s (bench_news_model.py); generous on a busy CI
    assert model.features_version == FEATURES_VERSION == 3 and model.info["licence"] == "CC BY-SA 4.0"
    assert ANERCORP_ATTRIBUTION in model.info["attribution"]
    assert set(model.labels) == {f"{p}-{t}" for t in NEWS_TAGS for p in "BI"} | {"O"}
    found = {
        (s.text_in(seed_text), s.label) for s in recommender.predict(DocumentInput.from_text(seed_text)).suggestions
    }
    assert ("فلاديمير بوتين", "PERS") in found and ("أوكرانيا", "GPE") in found
    licence = default_model_path().parent / "LICENSE-NEWS-CRF-CC-BY-SA-4.0.txt"
    text = licence.read_text(encoding="utf-8")
    assert ANERCORP_ATTRIBUTION in text and "Attribution-ShareAlike 4.0 International" in text


def test_the_crf_recommender_falls_back_to_the_news_model(project):
    (outcome,), _ = project.add_documents([IncomingDocument("n", "وصل الرئيس فلاديمير بوتين إلى موسكو أمس .", "n.txt")])
    (crf,) = build(["crf"], project, RecommenderSettings())
    assert crf.model.info["script"] == "scripts/train_news_model.py"
    run_recommenders(project, [crf], [outcome.document_id])
    text = project.document(outcome.document_id).text
    found = {(s.text_in(text), s.label) for s in project.suggestions(outcome.document_id, None, include_decided=True)}
    assert ("فلاديمير بوتين", "PERS") in found and ("موسكو", "GPE") in found


def test_an_older_version_one_model_still_tags():
    old = CrfModel.read(resource_path("models", "aqmar-crf.crfsuite"))
    assert old.features_version == 1
    recommender = CrfRecommender(old, ["PER", "LOC", "ORG"], gazetteer=builtin_gazetteer())
    text = "وصل الرئيس فلاديمير بوتين إلى موسكو أمس ."
    labels = {s.label for s in recommender.predict(DocumentInput.from_text(text)).suggestions}
    assert labels <= {"PER", "LOC", "ORG"} and labels


SURNAME_ARTICLE = [
    ["قال", "المبعوث", "ستيف", "ويتكوف", "إن", "المفاوضات", "مستمرة", "."],
    ["وأضاف", "ويتكوف", "أن", "الاتفاق", "قريب", "."],
]


def _doc_features(feats: list[str]) -> list[str]:
    return [f for f in feats if f.startswith("doc:")]


def test_a_surname_seen_after_a_first_name_keeps_it_when_it_stands_alone():
    lexicons = Lexicons(given=frozenset({"ستيف"}), family=frozenset({"ويتكوف"}))
    context = document_context(SURNAME_ARTICLE, lexicons)
    alone = sentence_features(SURNAME_ARTICLE[1], ["O"] * 6, version=3, lexicons=lexicons, context=context)
    assert "doc:after_first" in alone[1] and "doc:near_name" in alone[1]  # from «ستيف ويتكوف» in sentence 1
    assert "doc:no_al" in alone[1] and "doc:n=2" in alone[1]
    assert _doc_features(alone[3]) == []  # «الاتفاق»: once, so nothing from elsewhere
    assert "-1:doc:after_first" in alone[2]  # the word after the name learns from it too
    first = sentence_features(SURNAME_ARTICLE[0], ["O"] * 8, version=3, lexicons=lexicons, context=context)
    assert "doc:after_said" in first[3]  # «وأضاف ويتكوف» in sentence 2, the clitic stripped
    assert "doc:after_first" not in first[3]  # its own context is not "elsewhere"
    # without the document, the sentence alone says nothing about the other occurrence
    own = sentence_features(SURNAME_ARTICLE[1], ["O"] * 6, version=3, lexicons=lexicons)
    assert _doc_features(own[1]) == []


def test_versions_one_and_two_ignore_the_document_context():
    context = document_context(SURNAME_ARTICLE)
    for version in (1, 2):
        with_context = sentence_features(SURNAME_ARTICLE[1], None, version=version, context=context)
        assert with_context == sentence_features(SURNAME_ARTICLE[1], None, version=version)
        assert not any(_doc_features(f) for f in with_context)


def test_a_version_three_model_tags_with_the_context_it_was_trained_with(monkeypatch):
    lexicons = Lexicons(given=frozenset({"ستيف"}))
    text = " ".join(" ".join(s) for s in SURNAME_ARTICLE)
    first = text.index("ستيف ويتكوف")
    second = text.index("ويتكوف", first + 10)
    spans = ((first, first + len("ستيف ويتكوف"), "PERS"), (second, second + len("ويتكوف"), "PERS"))
    (document,) = prepare([Example(DocumentInput.from_text(text), spans)], None)

    def featurize(words, gaz, context):
        return sentence_features(words, gaz, version=3, lexicons=lexicons, context=context)

    def context_of(doc):
        return document_context(sentence_words(doc), lexicons)

    trained = featurized(document, featurize, context_of)
    # a two-argument featurize (the calibration script's) reads the same document through document_scope
    assert featurized(document, lambda w, g: sentence_features(w, g, version=3, lexicons=lexicons)) == trained
    data = train([document], featurize, {"max_iterations": 20}, context_of)
    model = CrfModel(data, {"features_version": 3, "labels": ["B-PERS", "I-PERS", "O"], "gazetteer": False})
    recommender = CrfRecommender(model, ["PERS"], lexicons=lexicons)
    doc_input = DocumentInput.from_text(text)
    assert recommender.context(doc_input) == context_of(document)
    tagged: list[list[list[str]]] = []

    def spy(*args, **kwargs):
        tagged.append(sentence_features(*args, **kwargs))
        return tagged[-1]

    monkeypatch.setattr(crf_module, "sentence_features", spy)
    found = {(s.text_in(text), s.label) for s in recommender.predict(doc_input).suggestions}
    assert tagged == trained  # the tagger saw exactly the features the trainer saw
    assert "doc:after_first" in trained[-1][1]
    assert ("ويتكوف", "PERS") in found
