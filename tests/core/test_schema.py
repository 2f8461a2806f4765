"""The default schema, relation endpoint rules, and exact messages for invalid schema files."""

from __future__ import annotations

import json

import pytest

from annotator.errors import SchemaError
from annotator.schema import LabelSchema, default_schema, load_schema


def test_default_schema_labels_hotkeys_and_colours():
    schema = default_schema()
    assert schema.label_names == ["PERS", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "DATE", "MISC"]
    assert [schema.label(n).hotkey for n in schema.label_names] == [str(i) for i in range(1, 10)]
    assert len({label.colour for label in schema.labels}) == 9
    assert schema.label_for_hotkey("3").name == "GPE"


@pytest.mark.parametrize(
    ("head", "tail", "allowed"),
    [
        ("PERS", "ORG", {"leader_of", "member_of", "attacked"} - {"attacked"}),
        ("PERS", "GPE", {"leader_of", "attacked"}),
        ("PERS", "PERS", {"met_with"}),
        ("FAC", "GPE", {"located_in"}),
        ("GPE", "LOC", {"attacked", "part_of"}),
        ("GPE", "PERS", set()),
        ("DATE", "DATE", set()),
        ("ORG", "PERS", set()),
    ],
)
def test_relation_types_offered_for_a_pair(head, tail, allowed):
    assert {r.name for r in default_schema().relation_types_for(head, tail)} == allowed


def test_undirected_relation_allowed_both_ways():
    met = default_schema().relation("met_with")
    assert not met.directed and met.allows("PERS", "PERS")


def test_schema_round_trips_through_dict():
    schema = default_schema()
    assert LabelSchema.from_dict(schema.to_dict()) == schema


def write(tmp_path, data, suffix=".json"):
    path = tmp_path / f"s{suffix}"
    path.write_text(json.dumps(data) if suffix == ".json" else data, encoding="utf-8")
    return path


GOOD = {"labels": [{"name": "PERS", "colour": "#112233", "hotkey": "1"}, {"name": "ORG", "color": "#445566"}]}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"labels": []}, "labels: must be a non-empty list"),
        ({"labels": [{"name": "A B", "colour": "#000000"}]}, "labels[0]: name 'A B' must be"),
        ({"labels": [{"name": "A", "colour": "red"}]}, "labels[0] (A): colour 'red' must look like #RRGGBB"),
        (
            {
                "labels": [
                    {"name": "A", "colour": "#000000", "hotkey": "1"},
                    {"name": "B", "colour": "#000000", "hotkey": 1},
                ]
            },
            "labels[1] (B): hotkey '1' is already used by A",
        ),
        ({"labels": [{"name": "A", "colour": "#000000", "hotkey": "r"}]}, "hotkey 'r' is reserved"),
        ({"labels": [{"name": "A", "colour": "#000000"}, {"name": "A", "colour": "#000000"}]}, "duplicate label name"),
        ({"labels": [{"name": "A", "colour": "#000000", "shortcut": "x"}]}, "unknown key(s) 'shortcut'"),
        (
            {"relations": [{"name": "r", "head": ["PERS"], "tail": ["NOPE"]}]},
            "relations[0] (r): tail names unknown label(s): NOPE",
        ),
        (
            {"relations": [{"name": "r", "head": "PERS", "tail": "*", "directed": "yes"}]},
            "directed must be true or false",
        ),
    ],
)
def test_invalid_schemas_name_the_exact_problem(tmp_path, change, message):
    with pytest.raises(SchemaError) as info:
        load_schema(write(tmp_path, {**GOOD, **change}))
    assert message in str(info.value)
    assert str(tmp_path) in str(info.value)


def test_toml_schema_and_its_syntax_errors(tmp_path):
    ok = write(tmp_path, 'name = "mini"\n[[labels]]\nname = "PER"\ncolour = "#ABCDEF"\nhotkey = "q"\n', ".toml")
    schema = load_schema(ok)
    assert schema.name == "mini" and schema.label("PER").hotkey == "q"
    broken = write(tmp_path, "[[labels]\nname = 1\n", ".toml")
    with pytest.raises(SchemaError, match="invalid TOML"):
        load_schema(broken)


def test_invalid_json_gives_the_line(tmp_path):
    path = tmp_path / "s.json"
    path.write_text('{\n"labels": [\n}', encoding="utf-8")
    with pytest.raises(SchemaError, match=r"s.json:3: invalid JSON"):
        load_schema(path)


def test_with_labels_adds_missing_labels_once():
    schema = default_schema().with_labels(["PERS", "MIS1", "MIS1"])
    assert schema.label_names[-1] == "MIS1" and len(schema.labels) == 10
