"""The boundary convention: proclitics and title words in or out, table-driven over the four
conventions (seqeval style: every example under every convention), stored in the project, set from
the command line, and followed by recommender runs."""

from __future__ import annotations

from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.cli import main
from annotator.conventions import BoundaryConvention, Placement, is_person, title_start
from annotator.errors import HashiyaError
from annotator.model import IncomingDocument
from annotator.recommenders.registry import RecommenderSettings, build
from annotator.recommenders.runner import run_recommenders
from annotator.snapping import proclitic_boundaries, snap_selection, suffix_boundaries
from annotator.store import Project
from annotator.tokens import token_offsets

pytestmark = pytest.mark.both_backends  # tests taking a project run on SQLite and on a PostgreSQL server

IN, OUT = Placement.IN, Placement.OUT
CONVENTIONS = {f"proclitics-{p}/titles-{t}": BoundaryConvention(p, t) for p, t in product((OUT, IN), repeat=2)}

SENTENCE = "قال الرئيس فلاديمير بوتين إن قواته دخلت وموسكو، والتقى والرئيس بوتين ثم د. محمد"
MARKED = "قال الرَّئيـــس فلاديمير بوتين ثم دخل وَموسكو ونقل لِلرئيس بوتين رسالة من السيّدة هيلاري كلينتون"


def at(text: str, word: str, front: int = 0, back: int = 0, nth: int = 0) -> tuple[int, int]:
    """``word``'s offsets in ``text`` (its ``nth`` occurrence), trimmed by ``front``/``back`` characters."""
    i = -1
    for _ in range(nth + 1):
        i = text.index(word, i + 1)
    return i + front, i + len(word) - back


# (id, text, label, selection, {convention: expected text}); one expected string means all four.
OO, OI, IO, II = CONVENTIONS
CASES = [
    ("moscow-inside", SENTENCE, "GPE", at(SENTENCE, "وموسكو", 1),
     {OO: "موسكو", OI: "موسكو", IO: "وموسكو", II: "وموسكو"}),
    ("moscow-whole", SENTENCE, "GPE", at(SENTENCE, "وموسكو"), "وموسكو"),
    ("moscow-fatha", MARKED, "GPE", at(MARKED, "وَموسكو", 2), {OO: "موسكو", OI: "موسكو", IO: "وَموسكو", II: "وَموسكو"}),
    ("name-after-title", SENTENCE, "PERS", at(SENTENCE, "فلاديمير بوتين"),
     {OO: "فلاديمير بوتين", IO: "فلاديمير بوتين", OI: "الرئيس فلاديمير بوتين", II: "الرئيس فلاديمير بوتين"}),
    ("title-and-name", SENTENCE, "PERS", at(SENTENCE, "الرئيس فلاديمير بوتين"),
     {OO: "فلاديمير بوتين", IO: "فلاديمير بوتين", OI: "الرئيس فلاديمير بوتين", II: "الرئيس فلاديمير بوتين"}),
    ("not-a-person", SENTENCE, "ORG", at(SENTENCE, "الرئيس فلاديمير"), "الرئيس فلاديمير"),
    ("name-after-wa-title", SENTENCE, "PERS", at(SENTENCE, "بوتين", nth=1),
     {OO: "بوتين", IO: "بوتين", OI: "الرئيس بوتين", II: "والرئيس بوتين"}),
    ("wa-title-and-name", SENTENCE, "PERS", at(SENTENCE, "والرئيس بوتين"),
     {OO: "بوتين", IO: "بوتين", OI: "والرئيس بوتين", II: "والرئيس بوتين"}),
    ("title-after-wa", SENTENCE, "PERS", at(SENTENCE, "الرئيس بوتين"),
     {OO: "بوتين", IO: "بوتين", OI: "الرئيس بوتين", II: "والرئيس بوتين"}),
    ("abbreviated-title", SENTENCE, "PERS", at(SENTENCE, "محمد"),
     {OO: "محمد", IO: "محمد", OI: "د. محمد", II: "د. محمد"}),
    ("abbreviation-and-name", SENTENCE, "PERS", at(SENTENCE, "د. محمد"),
     {OO: "محمد", IO: "محمد", OI: "د. محمد", II: "د. محمد"}),
    ("title-alone-stays", SENTENCE, "PERS", at(SENTENCE, "الرئيس"), "الرئيس"),
    ("shadda-tatweel-title", MARKED, "PERS", at(MARKED, "فلاديمير بوتين"),
     {OO: "فلاديمير بوتين", IO: "فلاديمير بوتين", OI: "الرَّئيـــس فلاديمير بوتين", II: "الرَّئيـــس فلاديمير بوتين"}),
    ("lam-article-title", MARKED, "PERS", at(MARKED, "بوتين", nth=1),
     {OO: "بوتين", IO: "بوتين", OI: "لرئيس بوتين", II: "لِلرئيس بوتين"}),
    ("feminine-title", MARKED, "PERS", at(MARKED, "هيلاري كلينتون"),
     {OO: "هيلاري كلينتون", IO: "هيلاري كلينتون", OI: "السيّدة هيلاري كلينتون", II: "السيّدة هيلاري كلينتون"}),
    ("name-with-its-own-wa", "قال الرئيس وبوتين", "PERS", at("قال الرئيس وبوتين", "بوتين"),
     {OO: "بوتين", IO: "وبوتين", OI: "بوتين", II: "الرئيس وبوتين"}),
]  # fmt: skip


def _table() -> list:
    params = []
    for case_id, text, label, selection, expected in CASES:
        for name, convention in CONVENTIONS.items():
            want = expected if isinstance(expected, str) else expected[name]
            params.append(pytest.param(convention, text, label, selection, want, id=f"{case_id}:{name}"))
    return params


@pytest.mark.parametrize(("convention", "text", "label", "selection", "expected"), _table())
def test_adjust_puts_the_extent_into_the_convention(convention, text, label, selection, expected) -> None:
    tokens = token_offsets(text)
    start, end = convention.adjust(text, tokens, *selection, label)
    assert text[start:end] == expected
    assert convention.adjust(text, tokens, start, end, label) == (start, end)  # already in the convention


@pytest.mark.parametrize(
    ("word", "expected"),
    [("الرئيس", 0), ("رئيس", 0), ("والرئيس", 1), ("للرئيس", 1), ("لِلرئيس", 2), ("وَالرَّئيـــس", 2),
     ("الوزير", 0), ("السيّدة", 0), ("د", 0), ("فلاديمير", None), ("الد", None), ("ود", None), ("موسكو", None)],
)  # fmt: skip
def test_title_start(word: str, expected: int | None) -> None:
    assert title_start(word) == expected


@pytest.mark.parametrize(
    ("label", "person"), [("PERS", True), ("PER", True), ("pers", True), ("GPE", False), (None, False)]
)
def test_person_labels(label: str | None, person: bool) -> None:
    assert is_person(label) is person


def test_default_settings_and_round_trip() -> None:
    assert BoundaryConvention.from_settings({}) == BoundaryConvention(OUT, OUT)
    assert BoundaryConvention().is_default and not BoundaryConvention(IN, OUT).is_default
    settings = BoundaryConvention(IN, OUT).to_settings({"threshold": 0.5})
    assert settings["threshold"] == 0.5
    assert BoundaryConvention.from_settings(settings) == BoundaryConvention(IN, OUT)
    with pytest.raises(HashiyaError, match="'in' or 'out'"):
        BoundaryConvention.from_settings({"boundary_convention": {"proclitics": "inside"}})


def test_the_setting_survives_reopening(tmp_path) -> None:
    path = tmp_path / "p.hashiya"
    with Project.create(path) as project:
        project.set_recommender_settings({"threshold": 0.4})
        chosen = BoundaryConvention(IN, IN)
        project.set_recommender_settings(chosen.to_settings(project.recommender_settings()))
    with Project.open(path) as project:
        assert BoundaryConvention.from_settings(project.recommender_settings()) == chosen
        assert project.recommender_settings()["threshold"] == 0.4


def test_cli_prints_and_sets_the_convention(tmp_path, capsys) -> None:
    path = str(tmp_path / "p.hashiya")
    assert main(["init", path]) == 0
    capsys.readouterr()
    assert main(["convention", path]) == 0
    assert capsys.readouterr().out == "proclitics: out, titles: out\n"
    assert main(["convention", path, "--proclitics", "in"]) == 0
    assert capsys.readouterr().out == "proclitics: in, titles: out\n"
    assert main(["convention", path, "--titles", "in"]) == 0  # proclitics stay in
    assert capsys.readouterr().out == "proclitics: in, titles: in\n"
    assert main(["convention", path, "--titles", "inside"]) == 1
    assert "invalid choice" in capsys.readouterr().err
    with Project.open(path) as project:
        assert BoundaryConvention.from_settings(project.recommender_settings()) == BoundaryConvention(IN, IN)


def _suggested(
    project: Project, convention: BoundaryConvention, taught: list[tuple[str, str]]
) -> list[tuple[str, str]]:
    """What string matching suggests in a second document after alice tagged ``taught`` in the first."""
    first = "زار " + " و ".join(word for word, _ in taught) + " أمس"
    second = "قال الرئيس بوتين إن قواته دخلت وموسكو ثم الرئيس بوتين"
    outcomes, _ = project.add_documents([IncomingDocument("a", first, "a.txt"), IncomingDocument("b", second, "b.txt")])
    a, b = (o.document_id for o in outcomes)
    for word, label in taught:
        start = first.index(word)
        project.add_span(a, "alice", start, start + len(word), label)
    project.set_recommender_settings(convention.to_settings(project.recommender_settings()))
    run_recommenders(project, build(["strings"], project, RecommenderSettings(), "alice"))
    return [(s.text_in(second), s.label) for s in project.suggestions(b, "alice")]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (OO, [("بوتين", "PERS"), ("موسكو", "GPE"), ("بوتين", "PERS")]),  # what runs always stored
        (IO, [("بوتين", "PERS"), ("وموسكو", "GPE"), ("بوتين", "PERS")]),
        (OI, [("الرئيس بوتين", "PERS"), ("موسكو", "GPE"), ("الرئيس بوتين", "PERS")]),
        (II, [("الرئيس بوتين", "PERS"), ("وموسكو", "GPE"), ("الرئيس بوتين", "PERS")]),
    ],
)
def test_recommender_runs_follow_the_convention(project, name, expected) -> None:
    assert _suggested(project, CONVENTIONS[name], [("بوتين", "PERS"), ("موسكو", "GPE")]) == expected


def test_titles_out_trims_a_title_a_recommender_suggests(project) -> None:
    """Alice tagged «الرئيس بوتين» once; the project says titles out, so suggestions start at the name."""
    assert _suggested(project, CONVENTIONS[OO], [("الرئيس بوتين", "PERS")]) == [("بوتين", "PERS"), ("بوتين", "PERS")]


WORDS = ["الرئيس", "والرئيس", "لِلرئيس", "الرَّئيـــس", "د", ".", "السيّدة", "وموسكو", "وَموسكو", "بوتين",
         "فلاديمير", "كتابها", "بالناتو", "وللسلام", "من", "،", "ـ", "و"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=8),
    glue=st.lists(st.sampled_from([" ", " ", "", "\n", "  "]), min_size=8, max_size=8),
    a=st.integers(-2, 80),
    b=st.integers(-2, 80),
    label=st.sampled_from(["PERS", "GPE"]),
    name=st.sampled_from(list(CONVENTIONS)),
)
def test_adjust_stays_on_boundaries_and_is_idempotent(words, glue, a, b, label, name) -> None:
    text = "".join(word + glue[i] for i, word in enumerate(words))
    tokens = token_offsets(text)
    convention = CONVENTIONS[name]
    start, end = convention.adjust(text, tokens, a, b, label)
    assert 0 <= start <= end <= len(text)
    assert convention.adjust(text, tokens, start, end, label) == (start, end)
    if snap_selection(text, tokens, a, b) is not None:
        starts = {t0 + cut for t0, t1 in tokens for cut in (0, *proclitic_boundaries(text[t0:t1]))}
        ends = {t0 + cut for t0, t1 in tokens for cut in (t1 - t0, *suffix_boundaries(text[t0:t1]))}
        assert start in starts and end in ends and start < end


def test_a_title_with_its_conjunction_begins_the_phrase_so_adjusting_twice_changes_nothing() -> None:
    """Found by the property above: «الرئيس والرئيس الرئيس» extended once, then again further back."""
    text = "الرئيس الرئيس والرئيس الرئيس بوتين"
    tokens = token_offsets(text)
    convention = CONVENTIONS["proclitics-in/titles-in"]
    start, end = convention.adjust(text, tokens, text.index("بوتين"), len(text), "PERS")
    assert text[start:end] == "والرئيس الرئيس بوتين"
    assert convention.adjust(text, tokens, start, end, "PERS") == (start, end)
