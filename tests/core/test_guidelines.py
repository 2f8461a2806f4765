"""Guidelines in the schema: loaded from TOML/JSON (old schemas unchanged), versioned in the project,
shown as safe HTML, with real examples from the corpus that respect blind annotation."""

from __future__ import annotations

import json
import tomllib

import pytest

from annotator.cli import main
from annotator.errors import SchemaError
from annotator.guidelines import (
    direction,
    guideline_html,
    is_lead,
    label_examples,
    markdown_html,
    render_page,
    set_guideline,
    set_leads,
)
from annotator.model import GOLD, DocStatus, IncomingDocument
from annotator.schema import Guideline, LabelSchema, default_schema
from annotator.store import Project

pytestmark = pytest.mark.both_backends  # tests taking a project run on SQLite and on a PostgreSQL server

OLD = {"name": "old", "labels": [{"name": "PER", "colour": "#112233", "description": "Person"}], "relations": []}
FIRST = "قال الرئيس فلاديمير بوتين إن موسكو ترحب."
SECOND = "التقى ماكرون وبوتين في باريس، ثم زار بكين."
THIRD = "وصل ماكرون إلى برلين."

MARKDOWN = """Intro line.

## Include

- the whole name: «بوتين»
- *titles* out

## Exclude

Pronouns.

## Hard cases

**Dynasties** are NORP.
"""


def at(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


@pytest.fixture
def project(new_project):
    with new_project() as project:
        project.add_documents(
            [
                IncomingDocument("a", FIRST, "a.txt"),
                IncomingDocument("b", SECOND, "b.txt"),
                IncomingDocument("c", THIRD, "c.txt"),
            ]
        )
        yield project


def doc_ids(project: Project) -> dict[str, str]:
    return {d.name: d.id for d in project.documents()}


def test_an_old_schema_loads_and_is_stored_exactly_as_before() -> None:
    schema = LabelSchema.from_dict(OLD)
    assert schema.label("PER").guideline.empty and schema.label("PER").guideline_ar.empty
    assert schema.to_dict() == OLD  # no guideline keys appear in a schema that has none


def test_default_schema_has_english_and_arabic_guidelines_for_the_main_labels() -> None:
    schema = default_schema()
    for name in ("PERS", "ORG", "GPE", "LOC"):
        label = schema.label(name)
        assert label.guideline.definition and label.guideline.include and label.guideline.exclude
        assert label.guideline.hard_cases
        assert direction(label.guideline_ar.definition) == "rtl"
        assert label.guideline_in("ar") == label.guideline_ar and label.guideline_in("en") == label.guideline
    assert LabelSchema.from_dict(json.loads(json.dumps(schema.to_dict()))) == schema


def test_guideline_as_one_markdown_string_or_a_table_and_errors_name_the_entry() -> None:
    text = f'name = "x"\n[[labels]]\nname = "P"\ncolour = "#112233"\nguideline = """{MARKDOWN}"""\n'
    label = LabelSchema.from_dict(tomllib.loads(text)).label("P")
    assert label.guideline.definition == "Intro line."
    assert label.guideline.include == "- the whole name: «بوتين»\n- *titles* out"
    assert label.guideline.hard_cases == "**Dynasties** are NORP."
    bad = {"labels": [{"name": "P", "colour": "#112233", "guideline": {"definiton": "typo"}}]}
    with pytest.raises(SchemaError, match=r"labels\[0\] \(P\): guideline: unknown key\(s\) 'definiton'"):
        LabelSchema.from_dict(bad)
    with pytest.raises(SchemaError, match="guideline_ar must be a table"):
        LabelSchema.from_dict({"labels": [{"name": "P", "colour": "#112233", "guideline_ar": 3}]})


def test_markdown_round_trip_and_summary() -> None:
    guideline = Guideline.from_markdown(MARKDOWN)
    assert Guideline.from_markdown(guideline.to_markdown()) == guideline
    assert [heading for heading, _ in guideline.sections()] == ["Definition", "Include", "Exclude", "Hard cases"]
    assert Guideline(definition="First paragraph\ngoes on.\n\nSecond.").summary() == "First paragraph goes on."


def test_html_is_safe_and_keeps_the_markdown_subset() -> None:
    html = markdown_html('<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror="y">')
    assert "<script" not in html and "<img" not in html and "&lt;script&gt;" in html
    assert "<a" not in html  # links stay text
    html = markdown_html("- **bold** and *it* and `code`\n- second\n\nشرح بالعربية")
    assert '<ul dir="ltr"><li dir="ltr"><b>bold</b> and <i>it</i> and <code>code</code></li>' in html
    assert '<p dir="rtl">شرح بالعربية</p>' in html
    page = guideline_html(Guideline.from_markdown(MARKDOWN))
    assert page.index("<h3") < page.index("Include") < page.index("<ul")


def test_a_guideline_edit_is_a_new_schema_version_kept_in_the_file(tmp_path) -> None:
    path = tmp_path / "p.hashiya"
    with Project.create(path) as project:
        before = project.schema_version
        change = set_guideline(project, "met_with", Guideline(definition="Two people *met*."))
        assert change.schema_changed and project.schema_version == before + 1
        set_guideline(project, "PERS", Guideline(definition="شخص مسمّى."), "ar")
        with pytest.raises(SchemaError, match="no label or relation type named 'NOPE'"):
            set_guideline(project, "NOPE", Guideline(definition="x"))
    with Project.open(path) as project:
        assert project.schema_version == before + 2
        assert project.schema.relation("met_with").guideline.definition == "Two people *met*."
        assert project.schema.label("PERS").guideline_ar.definition == "شخص مسمّى."
        assert project.schema.label("PERS").guideline == default_schema().label("PERS").guideline  # kept


def test_examples_come_from_gold_of_curated_documents_first(project) -> None:
    doc = doc_ids(project)
    project.add_span(doc["a"], "layla", *at(FIRST, "بوتين"), "PERS")
    project.set_status(doc["a"], "layla", DocStatus.DONE)
    project.add_span(doc["b"], "omar", *at(SECOND, "ماكرون"), "PERS")
    project.set_status(doc["b"], "omar", DocStatus.DONE)
    project.add_span(doc["c"], "omar", *at(THIRD, "ماكرون"), "PERS")  # not done: never an example
    lead_view = label_examples(project, "PERS")
    assert lead_view.source == "done"
    assert [(line.text, line.annotator) for line in lead_view.lines] == [("بوتين", "layla"), ("ماكرون", "omar")]
    first = lead_view.lines[0]
    assert (first.left, first.right) == ("قال الرئيس فلاديمير", "إن موسكو ترحب.")
    # blind: an annotator sees their own done documents only
    assert [line.text for line in label_examples(project, "PERS", viewer="omar").lines] == ["ماكرون"]
    assert label_examples(project, "PERS", viewer="sara").lines == ()
    # gold counts once the document is curated (gold marked it done), for everyone
    project.add_span(doc["b"], GOLD, *at(SECOND, "بوتين"), "PERS")
    assert label_examples(project, "PERS").source == "done"
    project.set_status(doc["b"], GOLD, DocStatus.DONE)
    for viewer in (None, "omar", "sara"):
        examples = label_examples(project, "PERS", viewer=viewer)
        assert examples.source == GOLD and [line.text for line in examples.lines] == ["بوتين"]


def test_one_example_per_distinct_text_and_at_most_the_limit(project) -> None:
    doc = doc_ids(project)
    project.add_span(doc["a"], "layla", *at(FIRST, "بوتين"), "PERS")
    project.add_span(doc["b"], "layla", *at(SECOND, "بوتين"), "PERS")
    project.add_span(doc["b"], "layla", *at(SECOND, "ماكرون"), "PERS")
    for name in ("a", "b"):
        project.set_status(doc[name], "layla", DocStatus.DONE)
    assert [line.text for line in label_examples(project, "PERS").lines] == ["بوتين", "ماكرون"]
    assert len(label_examples(project, "PERS", limit=1).lines) == 1


def test_leads_are_gold_and_the_named_annotators(project) -> None:
    assert is_lead(project, GOLD) and not is_lead(project, "layla")
    set_leads(project, ["layla ", ""])
    assert is_lead(project, "layla") and not is_lead(project, "omar")


def test_the_printed_page_escapes_text_and_shows_examples_right_to_left(project) -> None:
    doc = doc_ids(project)
    project.add_span(doc["a"], "layla", *at(FIRST, "بوتين"), "PERS")
    project.set_status(doc["a"], "layla", DocStatus.DONE)
    set_guideline(project, "ORG", Guideline(definition="Not <b>bold</b> & safe"))
    page = render_page(project, title="Guidelines <1>")
    assert "<title>Guidelines &lt;1&gt;</title>" in page and "Not &lt;b&gt;bold&lt;/b&gt; &amp; safe" in page
    assert '<table class="kwic" dir="rtl" lang="ar">' in page and ">بوتين</td>" in page
    assert page.count('<section class="guideline"') == len(project.schema.labels) + len(project.schema.relations)
    assert "No guideline yet." in page  # FAC has none in the default schema
    arabic = render_page(project, title="إرشادات", language="ar")
    assert ">التعريف</h3>" in arabic and "لا إرشادات بعد." in arabic
    assert '<html lang="ar" dir="rtl">' in arabic and '<li dir="rtl">الاسم كاملًا' in (arabic.replace("&quot;", '"'))


def test_cli_sets_exports_and_shows_guidelines(tmp_path, capsys) -> None:
    path = tmp_path / "p.hashiya"
    assert main(["init", str(path)]) == 0
    source = tmp_path / "org.md"
    source.write_text(MARKDOWN, encoding="utf-8")
    assert main(["guidelines", str(path), "--set", "FAC", str(source)]) == 0
    assert main(["guidelines", str(path), "--label", "FAC"]) == 0
    out = capsys.readouterr().out
    assert "FAC: guideline set (schema version 2)" in out and "## Hard cases\n\n**Dynasties** are NORP." in out
    out_html = tmp_path / "g.html"
    assert main(["guidelines", str(path), "--html", str(out_html), "--lang", "ar"]) == 0
    assert "<b>Dynasties</b> are NORP." in out_html.read_text(encoding="utf-8")  # no Arabic FAC guideline: English
    assert main(["guidelines", str(path), "--leads", "layla,omar"]) == 0
    assert "leads: gold, layla, omar" in capsys.readouterr().out
    assert main(["guidelines", str(path), "--set", "NOPE", str(source)]) == 1
    assert main(["guidelines", str(path), "--set", "ORG", str(tmp_path / "missing.md")]) == 1
    assert main(["guidelines", str(path)]) == 0
    listing = capsys.readouterr().out
    assert "PERS\tA named individual" in listing and "NORP\t(no guideline yet)" in listing


def test_exports_and_distributed_files_keep_working_with_guidelines(tmp_path) -> None:
    path = tmp_path / "p.hashiya"
    with Project.create(path) as project:
        project.add_documents([IncomingDocument("a", FIRST, "a.txt"), IncomingDocument("b", SECOND, "b.txt")])
        set_guideline(project, "PERS", Guideline(definition="A *named* person."))
        document = doc_ids(project)["a"]
        project.add_span(document, "layla", *at(FIRST, "بوتين"), "PERS")
        project.set_status(document, "layla", DocStatus.DONE)
    assert main(["export", str(path), "--format", "brat", "--out", str(tmp_path / "brat")]) == 0
    assert "PERS" in (tmp_path / "brat" / "annotation.conf").read_text(encoding="utf-8")
    assert main(["export", str(path), "--format", "jsonl", "--out", str(tmp_path / "out.jsonl")]) == 0
    assert "بوتين" in (tmp_path / "out.jsonl").read_text(encoding="utf-8")
    out = tmp_path / "round1"
    assert main(["distribute", str(path), "--annotators", "omar,sara", "--overlap", "0.5", "--out", str(out)]) == 0
    with Project.open(out / "omar.hashiya") as file:
        assert file.schema.label("PERS").guideline.definition == "A *named* person."
