"""Running camel-tools' NER model in batches, with every word keeping its own label.

:class:`BatchedTagger` takes a loaded ``camel_tools.ner.NERecognizer`` and uses its model, its
tokenizer and its label map, and cuts long sentences exactly where ``NERecognizer.predict`` does
(segments of at most 254 word pieces, at word boundaries), so the labels are the same. It differs
where ``predict`` is slow or wrong:

- ``predict`` pads every segment to 256 pieces; here segments are sorted by length and each
  batch is padded only to its longest, so a 30-word sentence costs 40 positions, not 256;
- ``predict`` aligns predictions in a Python loop that builds a loss object per position; here
  the first piece of every word is gathered with one tensor index per batch;
- ``predict`` silently drops words that the tokenizer turns into no pieces (a lone U+200C), so
  every later label in the sentence shifts by one; here such a word gets ``O`` in its own place;
- a word's tokenization is cached (news repeats its words), and each label comes with its
  softmax probability, used for scores and document uncertainty.

Imported only when the camel recommender loads (it imports torch).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

_CACHE_LIMIT = 200_000


class BatchedTagger:
    def __init__(self, recognizer: Any, batch_size: int = 32, max_seq_length: int = 256) -> None:
        self.model = recognizer.model
        self.tokenizer = recognizer.tokenizer
        labels_map = recognizer.labels_map
        self.labels = [labels_map[i] for i in range(len(labels_map))]
        self.batch_size = batch_size
        self.segment_length = max_seq_length - 2
        tok = self.tokenizer
        self.cls_id, self.sep_id = tok.convert_tokens_to_ids([tok.cls_token, tok.sep_token])
        self.pad_id = tok.pad_token_id or 0
        self._pieces: dict[str, list[int]] = {}

    def word_pieces(self, word: str) -> list[int]:
        ids = self._pieces.get(word)
        if ids is None:
            if len(self._pieces) > _CACHE_LIMIT:
                self._pieces.clear()
            ids = self.tokenizer.convert_tokens_to_ids(self.tokenizer.tokenize(word))
            self._pieces[word] = ids
        return ids

    def segments(self, sentences: Sequence[Sequence[str]]) -> list[tuple[int, list[int], list[int]]]:
        """``(sentence index, word indices, piece ids)`` per segment, cut as ``NERecognizer.predict`` cuts."""
        out = []
        for sent_index, words in enumerate(sentences):
            word_ids: list[int] = []
            pieces: list[int] = []
            for word_index, word in enumerate(words):
                ids = self.word_pieces(word)[: self.segment_length]
                if not ids:
                    continue  # stays "O" in its own position
                if pieces and len(pieces) + len(ids) > self.segment_length:
                    out.append((sent_index, word_ids, pieces))
                    word_ids, pieces = [], []
                word_ids.append(word_index)
                pieces.extend(ids)
                word_ids.extend([-1] * (len(ids) - 1))
            if pieces:
                out.append((sent_index, word_ids, pieces))
        return out

    def tag(self, sentences: Sequence[Sequence[str]]) -> list[list[tuple[str, float]]]:
        """Per sentence, per word: ``(label, probability)``; words with no pieces get ``("O", 1.0)``."""
        import torch

        results = [[("O", 1.0)] * len(words) for words in sentences]
        segments = sorted(self.segments(sentences), key=lambda seg: len(seg[2]))
        self.model.eval()
        with torch.inference_mode():
            for first in range(0, len(segments), self.batch_size):
                batch = segments[first : first + self.batch_size]
                width = len(batch[-1][2]) + 2
                input_ids = torch.full((len(batch), width), self.pad_id, dtype=torch.long)
                mask = torch.zeros((len(batch), width), dtype=torch.long)
                rows, cols, targets = [], [], []
                for b, (sent_index, word_ids, pieces) in enumerate(batch):
                    n = len(pieces)
                    input_ids[b, : n + 2] = torch.tensor([self.cls_id, *pieces, self.sep_id])
                    mask[b, : n + 2] = 1
                    for position, word_index in enumerate(word_ids, 1):
                        if word_index >= 0:
                            rows.append(b)
                            cols.append(position)
                            targets.append((sent_index, word_index))
                logits = self.model(
                    input_ids=input_ids, attention_mask=mask, token_type_ids=torch.zeros_like(input_ids)
                )[0]
                chosen = torch.softmax(logits[rows, cols].float(), dim=-1)
                probs, label_ids = chosen.max(dim=-1)
                for (sent_index, word_index), label_id, prob in zip(
                    targets, label_ids.tolist(), probs.tolist(), strict=True
                ):
                    results[sent_index][word_index] = (self.labels[label_id], prob)
        return results
