"""camel-tools NER through our adapter, on a tiny random model built here (no download)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.errors import HashiyaError
from annotator.model import IncomingDocument
from annotator.recommenders.base import DocumentInput
from annotator.recommenders.camel_status import INSTALL_COMMAND, camel_data_dir, camel_model_status

from .conftest import build_tiny_model

ROOT = Path(__file__).resolve().parents[2]


def test_missing_model_is_explained_with_the_install_command(tmp_path):
    status = camel_model_status(tmp_path / "nothing")
    assert not status.ok and "the model folder" in status.missing
    assert INSTALL_COMMAND in status.message and "offline recommenders" in status.message
    assert status.availability().command == INSTALL_COMMAND

    (tmp_path / "half").mkdir()
    (tmp_path / "half" / "config.json").write_text(json.dumps({"id2label": {"0": "B-LOC"}}), encoding="utf-8")
    status = camel_model_status(tmp_path / "half")
    assert "vocab.txt" in status.missing
    assert any("weights" in item for item in status.missing)
    assert any("'O' label" in item for item in status.missing)


def test_the_default_folder_follows_camel_tools(monkeypatch, tmp_path):
    monkeypatch.delitem(sys.modules, "camel_tools.data.catalogue", raising=False)
    monkeypatch.setenv("CAMELTOOLS_DATA", str(tmp_path))
    assert camel_data_dir() == tmp_path
    status = camel_model_status()
    assert status.model_dir == tmp_path / "data" / "ner" / "arabert" and not status.ok


def test_a_tiny_model_folder_is_available(tiny_model):
    status = camel_model_status(tiny_model)
    assert status.ok and status.missing == ()


def sentences_of(text: str) -> list[list[str]]:
    doc = DocumentInput.from_text(text)
    return [[text[s:e] for s, e in tokens] for tokens in doc.sentence_token_lists()]


def test_batched_tagging_gives_camel_tools_own_labels(recognizer, seed_text):
    from annotator.recommenders.camel_batch import BatchedTagger

    sentences = sentences_of(seed_text)
    ours = BatchedTagger(recognizer, batch_size=4).tag(sentences)
    theirs = recognizer.predict(sentences)
    assert [[label for label, _p in sentence] for sentence in ours] == theirs
    assert all(0 < p <= 1 for sentence in ours for _label, p in sentence)


def test_long_sentences_are_cut_where_camel_tools_cuts_them(recognizer, seed_text):
    from annotator.recommenders.camel_batch import BatchedTagger

    words = [w for sentence in sentences_of(seed_text) for w in sentence][:400]  # > 254 word pieces
    tagger = BatchedTagger(recognizer)
    assert len(tagger.segments([words])) >= 2
    assert [label for label, _p in tagger.tag([words])[0]] == recognizer.predict([words])[0]


def test_words_without_pieces_do_not_shift_labels(recognizer):
    from annotator.recommenders.camel_batch import BatchedTagger

    words = ["كراماتورسك", "\u200c", "دونيتسك", "كراماتورسك"]
    assert recognizer.tokenizer.tokenize("\u200c") == []
    assert len(recognizer.predict([words])[0]) == 3  # camel-tools drops the word: labels shift
    ours = BatchedTagger(recognizer).tag([words])[0]
    assert len(ours) == 4 and ours[1] == ("O", 1.0)
    without = recognizer.predict([[w for w in words if w != "\u200c"]])[0]
    assert [label for i, (label, _p) in enumerate(ours) if i != 1] == without


def test_the_recommender_maps_labels_and_keeps_exact_offsets(tmp_path, project, recognizer):
    from annotator.recommenders.camel import CamelNER
    from annotator.recommenders.labels import LabelMap
    from annotator.recommenders.runner import run_recommenders

    text = "قصفت روسيا كراماتورسك \u200c ودونيتسك."
    folder = build_tiny_model(tmp_path / "loc", [text], bias={"B-LOC": 50.0})  # every word: B-LOC
    (outcome,), _ = project.add_documents([IncomingDocument("d", text, "d.txt")])
    camel = CamelNER(project.schema.label_names, folder)
    assert camel.availability().ok and not camel.loaded
    messages = []
    camel.load(lambda done, total, message: messages.append(message))
    assert camel.loaded and "camel-tools NER ready" in messages[-1]
    report = run_recommenders(project, [camel])
    found = [(s.text_in(text), s.label, s.sources) for s in project.suggestions(outcome.document_id)]
    # U+200C has no label and nothing after it shifted; «و» is trimmed since دونيتسك is a known name
    words = ["قصفت", "روسيا", "كراماتورسك", "دونيتسك", "."]
    assert [w for w, _l, _s in found] == words
    assert {label for _w, label, _s in found} == {"GPE"} and report.suggestions == {"camel": 5}
    assert all(s == ("camel",) for _w, _l, s in found)

    dropped = CamelNER(project.schema.label_names, folder, LabelMap.of({"LOC": ""}))
    assert dropped.predict(DocumentInput.from_text(text)).suggestions == ()


def test_loading_without_a_model_raises_the_explanation(tmp_path):
    from annotator.recommenders.camel import CamelNER

    camel = CamelNER(["PERS"], tmp_path / "none")
    assert not camel.availability().ok
    with pytest.raises(HashiyaError, match="camel_data -i ner-arabert"):
        camel.load()


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_importing_camel_tools_never_goes_online(tmp_path, tiny_model):
    data = tmp_path / "empty_camel_data"
    data.mkdir()
    code = (
        "import os\n"
        "from annotator.recommenders.camel import import_recognizer\n"
        "cls = import_recognizer()\n"
        "import camel_tools.data.catalogue as c\n"
        "print(c.CT_DATA_DIR != os.environ['CAMELTOOLS_DATA'], os.environ['CAMELTOOLS_DATA'])\n"
        f"print(len(cls({str(tiny_model)!r}, use_gpu=False).predict([['موسكو']])[0]))\n"
    )
    done = run_python(code, CAMELTOOLS_DATA=str(data), HOME=str(tmp_path), HTTPS_PROXY="http://127.0.0.1:9")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", str(data), "1"]
    assert list(data.iterdir()) == []  # nothing written into the user's camel-tools folder


def test_nothing_loaded_by_default_imports_torch(tmp_path, seed_text):
    code = (
        "import sys\n"
        "import annotator.cli, annotator.cli.suggest, annotator.sessions.suggestions\n"
        "from annotator.cli import main\n"
        f"main(['init', {str(tmp_path / 'p.hashiya')!r}])\n"
        f"main(['import', {str(tmp_path / 'p.hashiya')!r}, {str(ROOT / 'seeds')!r}])\n"
        f"main(['preannotate', {str(tmp_path / 'p.hashiya')!r}])\n"
        "print(sorted(m for m in ('torch', 'transformers', 'camel_tools.ner') if m in sys.modules))\n"
    )
    done = run_python(code, CAMELTOOLS_DATA=str(tmp_path / "no_camel"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
    assert "gazetteer:" in done.stdout and "crf:" in done.stdout


@settings(max_examples=20)
@given(st.data())
def test_any_words_without_pieces_leave_every_other_label_in_place(recognizer, seed_text, data):
    from annotator.recommenders.camel_batch import BatchedTagger

    pool = [w for sentence in sentences_of(seed_text) for w in sentence]
    words = data.draw(st.lists(st.sampled_from(pool), min_size=1, max_size=40))
    empty = data.draw(st.lists(st.sampled_from(["\u200c", "\u200d", "\u200f"]), max_size=5))
    for piece in empty:
        words.insert(data.draw(st.integers(0, len(words))), piece)
    assert all(recognizer.tokenizer.tokenize(p) == [] for p in empty)
    ours = BatchedTagger(recognizer, batch_size=3).tag([words])[0]
    assert len(ours) == len(words)
    kept = [label for w, (label, _p) in zip(words, ours, strict=True) if w not in empty]
    assert kept == recognizer.predict([[w for w in words if w not in empty]])[0]
    assert all(ours[i] == ("O", 1.0) for i, w in enumerate(words) if w in empty)
