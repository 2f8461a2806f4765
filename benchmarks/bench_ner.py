"""camel-tools NER: our batched adapter against calling ``NERecognizer.predict`` directly.

    python benchmarks/bench_ner.py [--size tiny|small|base] [--sentences N]

No model is downloaded: a random ``BertForTokenClassification`` is built with a vocabulary from
the texts (``small``: hidden 256, 4 layers, 4 heads, the default; ``base``: BERT-base shape,
like camel-tools' ``ner-arabert``; ``tiny``: the tests' model). Both paths run the same model on
the same sentences (the sample article's and AQMAR's, by camel-tools' tokenizer), after one
warm-up run each; the median of five alternated runs is reported. Labels are checked to be identical.

Both run with the same number of torch threads, one by default: on a machine shared with other
work, torch's thread pool makes timings of small batches erratic (measured 2.3×–6.9× for the
same run with two threads, 6.7× with one); ``--threads 2`` measures the other setting.

Prints ``ner_adapter_speedup`` (goal ≥ 2), words per second of both, and the agreement.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, SEED_ARTICLE, emit, note

SIZES = {
    "tiny": {"hidden_size": 32, "num_hidden_layers": 2, "num_attention_heads": 2, "intermediate_size": 64},
    "small": {"hidden_size": 256, "num_hidden_layers": 4, "num_attention_heads": 4, "intermediate_size": 1024},
    "base": {"hidden_size": 768, "num_hidden_layers": 12, "num_attention_heads": 12, "intermediate_size": 3072},
}
LABELS = ["B-LOC", "B-ORG", "B-PERS", "B-MISC", "I-LOC", "I-ORG", "I-PERS", "I-MISC", "O"]


def sentences(limit: int) -> list[list[str]]:
    from annotator.recommenders.base import DocumentInput

    texts = [SEED_ARTICLE.read_text(encoding="utf-8")]
    try:
        from annotator.recommenders.aqmar import load_articles

        texts += [a.example.document.text for a in load_articles()[:6]]
    except Exception as exc:
        note(f"AQMAR not available ({exc}); sample article only")
    out = []
    for text in texts:
        doc = DocumentInput.from_text(text)
        out += [[text[s:e] for s, e in tokens] for tokens in doc.sentence_token_lists()]
    while len(out) < limit:
        out += out
    return out[:limit]


def build_model(folder: Path, words: set[str], size: str) -> None:
    import torch
    from transformers import BertConfig, BertForTokenClassification

    chars = sorted({c for w in words for c in w})
    vocab = list(dict.fromkeys(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *sorted(words), *chars]))
    vocab += [f"##{c}" for c in chars]
    folder.mkdir(parents=True)
    (folder / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    config = BertConfig(
        vocab_size=len(vocab),
        id2label=dict(enumerate(LABELS)),
        label2id={label: i for i, label in enumerate(LABELS)},
        **SIZES[size],
    )
    torch.manual_seed(0)
    BertForTokenClassification(config).save_pretrained(folder)


def interleaved(first, second, repeats: int = 5) -> tuple[float, object, float, object]:
    """Median seconds and last result of two runs, alternated so that load from other programs
    on a shared machine falls on both alike; one warm-up run each is not counted."""
    first(), second()
    times: tuple[list[float], list[float]] = ([], [])
    results: list[object] = [None, None]
    for _ in range(repeats):
        for i, run in enumerate((first, second)):
            began = time.perf_counter()
            results[i] = run()
            times[i].append(time.perf_counter() - began)
    return statistics.median(times[0]), results[0], statistics.median(times[1]), results[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="camel-tools NER adapter benchmark")
    parser.add_argument("--size", choices=sorted(SIZES), default="small")
    parser.add_argument("--sentences", type=int, default=200)
    parser.add_argument("--threads", type=int, default=1, help="torch threads for both paths (default 1)")
    args = parser.parse_args(argv)
    import torch

    torch.set_num_threads(args.threads)
    note(f"root {ROOT}; model size {args.size}; {args.sentences} sentences; {args.threads} torch thread(s)")

    data = sentences(args.sentences)
    words = sum(len(s) for s in data)
    with tempfile.TemporaryDirectory() as folder:
        model_dir = Path(folder) / "model"
        build_model(model_dir, {w for s in data for w in s}, args.size)
        from annotator.recommenders.camel import _quiet_transformers, import_recognizer
        from annotator.recommenders.camel_batch import BatchedTagger

        _quiet_transformers()
        recognizer = import_recognizer()(str(model_dir), use_gpu=False)
        tagger = BatchedTagger(recognizer)
        camel_s, theirs, ours_s, ours = interleaved(lambda: recognizer.predict(data), lambda: tagger.tag(data))
    same = sum(a == b for s1, s2 in zip(theirs, ours, strict=True) for a, (b, _p) in zip(s1, s2, strict=True))
    emit("ner_words", words, "words", 0)
    emit("ner_camel_predict_words_per_s", words / camel_s, "words/s", 0)
    emit("ner_adapter_words_per_s", words / ours_s, "words/s", 0)
    emit("ner_adapter_label_agreement", same / words, "", 4)
    emit("ner_adapter_speedup", camel_s / ours_s, "x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
