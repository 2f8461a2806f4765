"""``hashiya stats`` counts tokens and sentences as an export writes them.

ANERcorp's first 200 sentences imported from CoNLL count 200 sentences (the splitter, run over
the rebuilt text, found 219: the corpus writes ellipses as separate ``.`` tokens, puts a closing
quote after a space, and has lines holding two sentences; docs/cli.md). A plain text is split by
the rule of docs/formats.md.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.importing import import_paths
from annotator.model import IncomingDocument
from annotator.store import Project

pytestmark = pytest.mark.both_backends  # tests taking a project run on SQLite and on a PostgreSQL server

SENTENCES = 200


def first_sentences(corpus: Path, wanted: int) -> tuple[str, int]:
    """The CoNLL text of the corpus's first ``wanted`` sentences (with their -DOCSTART- lines) and its token count."""
    blocks, sentences, tokens = [], 0, 0
    for block in corpus.read_text(encoding="utf-8").split("\n\n"):
        if sentences == wanted:
            break
        words = [line for line in block.splitlines() if line.strip() and not line.startswith("-DOCSTART-")]
        sentences += bool(words)
        tokens += len(words)
        blocks.append(block)
    return "\n\n".join(blocks) + "\n", tokens


def test_a_conll_import_counts_its_own_sentences(tmp_path, shared_data, capsys) -> None:
    text, tokens = first_sentences(shared_data / "anercorp_camel" / "train_docs.conll", SENTENCES)
    source = tmp_path / "anercorp-200.conll"
    source.write_text(text, encoding="utf-8")
    path = tmp_path / "p.hashiya"
    with Project.create(path) as project:
        import_paths(project, [source], "conll", annotator="corpus")
    assert main(["stats", str(path), "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert (stats["sentences"], stats["tokens"]) == (SENTENCES, tokens)


def test_a_plain_text_is_split_by_the_documented_rule(new_project) -> None:
    text = "ارتفع السعر 3.5 بالمئة في U.N اليوم. وقال «نعم!» ثم مضى\nسطر آخر بلا نقطة"
    with new_project() as project:
        project.add_documents([IncomingDocument("t", text, "t.txt")])
        # «... 3.5 ... U.N اليوم.» | «وقال «نعم!»» | «ثم مضى» (a line break) | «سطر آخر بلا نقطة»
        assert project.stats()["sentences"] == 4
