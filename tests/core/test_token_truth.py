"""A document's tokens are one truth (issue 12): a CoNLL file's own tokens are the tokens everywhere.

The file below holds tokens camel-tools would split («ال-قدس», «بيروت،», «ماكرون:»). Imported,
the document keeps them in its segmentation row, and every reader of tokens sees them: snapping
a drag, token κ, what a recommender is given, and the CoNLL export, which gives the file back.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.exporting import ExportOptions, export_project
from annotator.importing import import_paths
from annotator.recommenders.strings import StringMatcher
from annotator.sessions.annotating import Session
from annotator.snapping import DragEnd, Snap, drag_range
from annotator.store import Project
from annotator.team.agreement.report import build_report
from annotator.tokens import token_offsets
from annotator.tokentext import IMPORTED_TOKENIZER

pytestmark = pytest.mark.both_backends  # tests taking a project run on SQLite and on a PostgreSQL server

SENTENCES = [
    [("زار", "O"), ("ماكرون:", "B-PERS"), ("ال-قدس", "B-GPE"), ("و", "O"), ("بيروت،", "B-GPE"), ("أمس", "O")],
    [("قال", "O"), ("«نعم»", "O"), ("ثم", "O"), ("غادر.", "O")],
]
TOKENS = [token for sentence in SENTENCES for token, _ in sentence]


def conll(sentences: list[list[tuple[str, str]]]) -> str:
    """CoNLL text exactly as Hashiya's exporter writes it: ``token<TAB>tag``, a blank line after each sentence."""
    return "".join("".join(f"{t}\t{tag}\n" for t, tag in sentence) + "\n" for sentence in sentences)


def imported(folder: Path, project: Project, sentences=SENTENCES, annotator: str = "alice") -> str:
    source = folder / "news.conll"
    source.write_text(conll(sentences), encoding="utf-8")
    import_paths(project, [source], "conll", annotator=annotator)
    (info,) = project.documents()
    return info.id


def words(project: Project, document_id: str) -> list[str]:
    return [t.text for t in project.tokens(document_id)]


def test_the_stored_segmentation_is_the_files_tokens_and_sentences(new_project, tmp_path):
    with new_project() as project:
        doc = imported(tmp_path, project)
        text = project.document(doc).text
        assert words(project, doc) == TOKENS
        assert [text[s.start : s.end] for s in project.sentences(doc)] == [
            " ".join(t for t, _ in sentence) for sentence in SENTENCES
        ]
        # camel-tools would have split them: the file's tokens are not the tokenizer's
        assert [text[s:e] for s, e in token_offsets(text)] != TOKENS


def test_the_segmentation_row_names_the_imported_tokens(tmp_path):
    path = tmp_path / "p.db"
    with Project.create(path) as project:
        imported(tmp_path, project)
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        ((tokenizer, count),) = conn.execute("SELECT tokenizer, token_count FROM segmentation").fetchall()
    finally:
        conn.close()
    assert (tokenizer, count) == (IMPORTED_TOKENIZER, len(TOKENS))


def test_a_drag_inside_a_token_snaps_to_the_files_token(new_project, tmp_path):
    with new_project() as project:
        doc = imported(tmp_path, project)
        session = Session.start(project, "bob")
        session.open_document(doc)
        text = project.document(doc).text
        at = text.index("قدس")  # a drag over «قدس» inside «ال-قدس» (camel-tools: «ال» «-» «قدس»)
        selection = drag_range(text, DragEnd(at), DragEnd(at + 2))
        start, end = session.snap(*selection, Snap.TOKEN)
        assert text[start:end] == "ال-قدس"
        at = text.index("بيروت")  # «بيروت» of «بيروت،» (camel-tools: «بيروت» «،»)
        start, end = session.snap(at + 1, at + 3, Snap.TOKEN)
        assert text[start:end] == "بيروت،"


def test_token_kappa_counts_the_files_tokens(new_project, tmp_path):
    with new_project() as project:
        doc = imported(tmp_path, project)
        text = project.document(doc).text
        # bob marks only «قدس» of «ال-قدس»: on the file's tokens that is the same token as alice's
        other = [[(t, tag) for t, tag in sentence] for sentence in SENTENCES]
        bob = tmp_path / "bob"
        bob.mkdir()
        imported(bob, project, other, annotator="bob")
        (span,) = [s for s in project.spans(doc, "bob") if text[s.start : s.end] == "ال-قدس"]
        project.remove_span(span.id)
        at = text.index("قدس")
        project.add_span(doc, "bob", at, at + 3, "GPE")
        (pair,) = build_report(project, ["alice", "bob"]).data["pairs"]
        assert pair["tokens"] == len(TOKENS)
        assert pair["token_kappa"] == 1.0  # camel-tools tokens «ال» and «-» would disagree


def test_recommenders_are_given_the_files_tokens(new_project, tmp_path):
    with new_project() as project:
        doc = imported(tmp_path, project)
        document = project.recommender_input(doc)
        assert [document.text[s:e] for s, e in document.tokens] == TOKENS
        assert list(document.sentences) == [(0, 6), (6, 10)]
        # string matching reads those tokens and keys them as it keys what it learnt: a lesson
        # learnt from the file's own token is found, and so is a name inside a glued token
        (suggestion,) = StringMatcher([("بيروت،", "GPE")]).predict(document).suggestions
        assert suggestion.text_in(document.text) == "بيروت،"
        (suggestion,) = StringMatcher([("ال-قدس", "GPE")]).predict(document).suggestions
        assert suggestion.text_in(document.text) == "ال-قدس"
        (suggestion,) = StringMatcher([("بيروت", "GPE")]).predict(document).suggestions
        assert suggestion.text_in(document.text) == "بيروت"


def test_conll_export_gives_the_file_back_byte_for_byte(new_project, tmp_path):
    with new_project() as project:
        imported(tmp_path, project)
        out = tmp_path / "out.conll"
        result = export_project(project, "conll", out, ExportOptions(annotator="alice", flat=True))
    assert out.read_text(encoding="utf-8") == conll(SENTENCES)
    assert (result.tokens, result.sentences, result.split_tokens) == (len(TOKENS), len(SENTENCES), 0)


# a token: no whitespace, not a CoNLL comment or document start; glued punctuation, hyphens, Latin
TOKEN = st.text(st.sampled_from("ابتثجحخدذرزسشصضطظعغفقكلمنهويةءأإآى-،.:؛؟!«»()0123456789xyz"), min_size=1, max_size=8)
SENTENCE = st.lists(st.tuples(TOKEN, st.sampled_from(["O", "B-GPE", "B-PERS"])), min_size=1, max_size=8)


@settings(max_examples=40, deadline=None)
@given(sentences=st.lists(SENTENCE, min_size=1, max_size=4))
def test_any_token_list_round_trips_through_import_and_export(sentences):
    with tempfile.TemporaryDirectory() as folder, Project.memory() as project:
        doc = imported(Path(folder), project, sentences)
        assert words(project, doc) == [t for sentence in sentences for t, _ in sentence]
        out = Path(folder) / "out.conll"
        export_project(project, "conll", out, ExportOptions(annotator="alice", status="all", flat=True))
        assert out.read_text(encoding="utf-8") == conll(sentences)  # tokens, sentences and tags
