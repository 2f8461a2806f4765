"""Fixtures for the recommender tests: a tiny random camel-tools-compatible NER model, no download."""

from __future__ import annotations

from pathlib import Path

import pytest

CAMEL_LABELS = ["B-LOC", "B-ORG", "B-PERS", "B-MISC", "I-LOC", "I-ORG", "I-PERS", "I-MISC", "O"]


def build_tiny_model(folder: Path, texts: list[str], seed: int = 0, bias: dict[str, float] | None = None) -> Path:
    """A random ``BertForTokenClassification`` (hidden 32, 2 layers, 2 heads) whose vocabulary is
    the words of ``texts``, their single characters and ``##`` + character; ``bias`` raises the
    classifier's bias of some labels (to make the prediction deterministic)."""
    import torch
    from transformers import BertConfig, BertForTokenClassification

    from annotator.tokens import tokenize

    words = sorted({t.text for text in texts for t in tokenize(text)})
    chars = sorted({c for text in texts for c in text if not c.isspace()})
    vocab = list(
        dict.fromkeys(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *words, *chars, *(f"##{c}" for c in chars)])
    )
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    config = BertConfig(
        vocab_size=len(vocab),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=512,
        id2label=dict(enumerate(CAMEL_LABELS)),
        label2id={label: i for i, label in enumerate(CAMEL_LABELS)},
    )
    torch.manual_seed(seed)
    model = BertForTokenClassification(config)
    if bias:
        with torch.no_grad():
            for label, value in bias.items():
                model.classifier.bias[CAMEL_LABELS.index(label)] += value
    model.save_pretrained(folder)
    return folder


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory, seed_text) -> Path:
    # torch and transformers come with camel-tools, a dependency: missing, the tests fail (never skip)
    return build_tiny_model(tmp_path_factory.mktemp("tiny_ner") / "model", [seed_text, "كراماتورسك \u200c دونيتسك"])


@pytest.fixture(scope="session")
def recognizer(tiny_model):
    """camel-tools' own ``NERecognizer`` on the tiny model, imported once per session, offline
    (our importer gives camel-tools a private catalogue when its data folder has none)."""
    from annotator.recommenders.camel import import_recognizer

    return import_recognizer()(str(tiny_model), use_gpu=False)
