"""Schema drift: span labels the schema no longer has, relations it no longer allows."""

from __future__ import annotations

from dataclasses import replace

import pytest

from annotator.consistency.drift import successor
from annotator.consistency.findings import CheckKind, FixAction
from annotator.consistency.run import run_checks
from annotator.schema import LabelSchema, RelationType, SpanLabel, default_schema

DRIFT = [CheckKind.DRIFT]
TEXTS = {"a": "قال بوتين إن موسكو لن تتراجع.", "b": "وصل بوتين إلى القاهرة."}


def schema_with(labels: list[str], relations: tuple[RelationType, ...] = ()) -> LabelSchema:
    return LabelSchema("test", tuple(SpanLabel(name, "#123456") for name in labels), relations)


@pytest.mark.parametrize(
    ("old", "new", "action", "target"),
    [
        pytest.param("PER", ["PERS", "GPE"], FixAction.RELABEL, "PERS", id="a-spelling"),
        pytest.param("Pers", ["PERS", "GPE"], FixAction.RELABEL, "PERS", id="another-case"),
        pytest.param("MISC", ["MIS", "GPE"], FixAction.RELABEL, "MIS", id="aqmar-misc"),
        pytest.param("HUMAN", ["PERS", "GPE"], FixAction.REMOVE, None, id="no-successor"),
    ],
)
def test_a_removed_span_label_is_relabelled_to_its_successor_or_removed(corpus_builder, old, new, action, target):
    corpus = corpus_builder(TEXTS, schema_with([old, "GPE"]))
    corpus.tag("a", "alice", "بوتين", old)
    corpus.tag("b", "alice", "بوتين", old)
    corpus.tag("a", "alice", "موسكو", "GPE")
    # Another tool (or an older Hashiya) stored a schema without the label: set_schema would refuse.
    corpus.project.schemas.insert(schema_with(new))
    [finding] = run_checks(corpus.project, "alice", DRIFT)
    assert finding.subject == f"alice|label|{old}"
    assert [(o.text, f.action, f.label) for o, f in finding.fixes] == [("بوتين", action, target)] * 2


def test_successor_is_only_an_obvious_one():
    schema = schema_with(["PER", "PERS"])
    assert successor("PERSON", schema) is None  # two candidates: not obvious
    assert successor("pers", schema) == "PERS"


def test_a_relation_the_schema_no_longer_allows_is_proposed_for_removal(corpus_builder):
    corpus = corpus_builder(TEXTS)
    putin = corpus.tag("a", "alice", "بوتين", "PERS")
    moscow = corpus.tag("a", "alice", "موسكو", "GPE")
    relation = corpus.relate(putin, moscow, "leader_of")
    assert run_checks(corpus.project, "alice", DRIFT) == []
    schema = default_schema()
    narrowed = tuple(replace(r, tails=frozenset({"ORG"})) if r.name == "leader_of" else r for r in schema.relations)
    corpus.project.set_schema(LabelSchema(schema.name, schema.labels, narrowed))
    [finding] = run_checks(corpus.project, "alice", DRIFT)
    assert finding.subject == "alice|relation|leader_of|PERS|GPE"
    assert finding.detail["relation_ids"] == [relation]
    [occurrence] = finding.occurrences
    assert (occurrence.text, occurrence.span_id) == ("بوتين", putin)  # the relation's head
    assert [(f.action, f.relation_id) for _o, f in finding.fixes] == [(FixAction.REMOVE_RELATION, relation)]
    corpus.project.apply_fixes("alice", finding.fixes)  # the relation goes, its spans stay
    assert run_checks(corpus.project, "alice", DRIFT) == []
    assert corpus.project.relations(corpus.ids["a"]) == []
    assert {s.id for s in corpus.project.spans(corpus.ids["a"])} == {putin, moscow}
