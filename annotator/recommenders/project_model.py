"""The project model: a small CRF stacked on the shipped model, so learning never forgets.

Why stacking: a CRF trained from scratch on a project's ten finished documents knows only their
names (``hashiya simulate`` showed suggestion recall falling from 1.0 to 0.41 after the first
retraining), and retraining the shipped model on its whole corpus plus the project takes minutes.
Here the shipped (*base*) model keeps suggesting what it knows, and a small *stack* decides only
around the words the project taught it (:mod:`annotator.recommenders.project_training` trains it):

- the base model's tags are put in the project's labels (``B-GPE``), and a base label the annotator
  never uses is translated (GPE → LOC for an annotator who tags countries LOC);
- *taught* words are those the annotator tagged differently from the base model; around them the
  stack reads the base model's tag, confidence, position and label, the neighbours' tags and words,
  the gazetteer, and *memory*: the label the annotator gave the word most often. At a taught word
  the base model's opinion has weights of its own (``t:b=O``), so what holds for ordinary words
  ("the base model says O with confidence → O") does not outvote what the annotator taught;
- suggestions are the base model's spans, except where a taught word is involved: there the
  stack's. A name the project never mentioned keeps the base model's tag: nothing is forgotten.

docs/recommenders.md has the measurements (``benchmarks/bench_learning.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from annotator.normalize import match_key
from annotator.recommenders.base import DocumentInput, Prediction, Recommender, Suggestion
from annotator.recommenders.crf import CrfModel, CrfRecommender, open_tagger, sentence_ranges
from annotator.recommenders.crf_features import Features, gazetteer_tags
from annotator.recommenders.gazetteer import Gazetteer
from annotator.tagging import tags_to_spans

STACK_KIND = "stacked"
STACK_VERSION = 1
STACK_PARAMS: dict[str, Any] = {  # strong L2, no L1: few documents, and the base tag must keep its weight
    "c1": 0.0,
    "c2": 1.0,
    "max_iterations": 40,
    "feature.possible_transitions": True,
}


@dataclass(frozen=True, slots=True)
class Reading:
    """One sentence as the stack sees it: words, offsets, gazetteer tags and the base model's tags
    (in project labels, ``O`` where it has none) with their marginals."""

    words: list[str]
    offsets: list[tuple[int, int]]
    gazetteer: list[str] | None
    base_tags: list[str]
    base_probs: list[float]


class BaseModel:
    """The shipped model (or a stand-in) as the stack's first stage: tags in the project's labels."""

    def __init__(self, recommender: CrfRecommender) -> None:
        self.recommender = recommender
        self.name = str(recommender.model.info.get("name") or recommender.model.info.get("trained_on") or "news-crf")

    def _project_tag(self, tag: str) -> str:
        if tag == "O":
            return "O"
        label = self.recommender.label_map.map(tag[2:], self.recommender.labels)
        return "O" if label is None else f"{tag[:2]}{label}"

    def read(self, document: DocumentInput) -> list[Reading]:
        text, tokens = document.text, document.tokens
        gazetteer = self.recommender.gazetteer
        gaz_all = gazetteer_tags(text, tokens, gazetteer) if gazetteer is not None else None
        context = self.recommender.context(document)  # the document facts a version-3 model reads
        out = []
        for first, last in sentence_ranges(document):
            words = [text[s:e] for s, e in tokens[first:last]]
            gaz = gaz_all[first:last] if gaz_all is not None else None
            tags, probs = self.recommender.tag_sentence(words, gaz, context)
            mapped = [self._project_tag(t) for t in tags]
            out.append(Reading(words, list(tokens[first:last]), gaz, _repair(mapped), probs))
        return out


def _repair(tags: list[str]) -> list[str]:
    """An ``I-X`` whose ``B-X`` was mapped away (or whose label changed) starts a span."""
    out = []
    for i, tag in enumerate(tags):
        if tag.startswith("I-") and (i == 0 or out[-1] == "O" or out[-1][2:] != tag[2:]):
            tag = "B-" + tag[2:]
        out.append(tag)
    return out


def _mean(values: Sequence[float], first: int, last: int) -> float:
    return sum(values[first:last]) / (last - first)


def _confidence(p: float) -> str:
    return "hi" if p >= 0.9 else "mid" if p >= 0.6 else "lo"


def stack_features(reading: Reading, memory: Mapping[str, str] | None = None) -> list[Features]:
    """The stack's features of each word of one sentence (see the module docstring); ``memory``:
    the label the annotator gave each taught word most often (``O``: left untagged)."""
    keys = [match_key(w) for w in reading.words]
    base, gaz = reading.base_tags, reading.gazetteer
    n = len(keys)
    out: list[Features] = []
    for i, key in enumerate(keys):
        tag = base[i]
        # a remembered word gets its own weights for the base model's opinion: what holds for the
        # words around it (``b=O:hi`` → O) must not outvote what the annotator taught about it
        known = memory is not None and key in memory
        mark = "t:" if known else ""
        feats = ["bias", f"{mark}b={tag}", f"{mark}b={tag}:{_confidence(reading.base_probs[i])}", f"w={key}"]
        feats.append(f"{mark}bp={tag[0]}")
        if tag != "O":
            feats.append(f"{mark}bl={tag[2:]}")
        if gaz is not None and gaz[i] != "O":
            feats.append(f"gaz={gaz[i]}")
        if known:
            feats.append(f"mem={memory[key]}")
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if 0 <= j < n:
                feats.append(f"{offset}:b={base[j]}")
                if abs(offset) == 1:
                    feats.append(f"{offset}:w={keys[j]}")
                    feats.append(f"{offset}:bb={base[j]}|{tag}" if offset < 0 else f"{offset}:bb={tag}|{base[j]}")
            elif abs(offset) == 1:
                feats.append(f"{offset}:{'BOS' if offset < 0 else 'EOS'}")
        out.append(feats)
    return out


def is_stacked(model: CrfModel) -> bool:
    return model.info.get("kind") == STACK_KIND


class StackedCrfRecommender(Recommender):
    """The ``crf`` recommender with a project model: the base model's tags, corrected by the stack."""

    name = "crf"
    title = "Trained model (CRF)"

    def __init__(self, model: CrfModel, base: BaseModel, schema_labels: Iterable[str]) -> None:

        self.model = model
        self.base = base
        self.labels = set(schema_labels)
        known = {tag[2:] for tag in model.labels if tag != "O"}
        self.own_labels = known & self.labels
        self.memory: dict[str, str] = dict(model.info.get("memory", {}))
        self.taught = frozenset(self.memory)
        self.translate = {b: g for b, g in model.info.get("translate", {}).items() if g in self.labels}
        self._tagger = open_tagger(model.data)

    def tag_reading(self, reading: Reading) -> tuple[list[str], list[float]]:
        tagger = self._tagger
        tags = tagger.tag(stack_features(reading, self.memory))
        return tags, [tagger.marginal(tag, i) for i, tag in enumerate(tags)]

    def spans(self, readings: Sequence[Reading]) -> tuple[list[Suggestion], list[float]]:
        """Suggestions over these sentences and the doubt per token: the base model's spans (labels
        translated), except where a word the project taught (:attr:`taught`) is involved, where the
        stack decides. Where both find the same span, it scores the better of their marginals."""
        found: list[Suggestion] = []
        doubts: list[float] = []
        for reading in readings:
            tags, probs = self.tag_reading(reading)
            taught = [match_key(w) in self.taught for w in reading.words]
            doubts.extend(1.0 - (p if t else b) for p, b, t in zip(probs, reading.base_probs, taught, strict=True))
            base = {
                (first, last, self.translate.get(label, label)): _mean(reading.base_probs, first, last)
                for first, last, label in tags_to_spans(reading.base_tags)
                if label in self.labels
            }
            own = {
                (first, last, label): max(_mean(probs, first, last), base.get((first, last, label), 0.0))
                for first, last, label in tags_to_spans(tags)
                if label in self.own_labels and any(taught[first:last])
            }
            for (first, last, label), score in base.items():
                if not any(taught[first:last]) and not any(a < last and first < b for a, b, _l in own):
                    own[first, last, label] = score
            offsets = reading.offsets
            for (first, last, label), score in sorted(own.items()):
                found.append(Suggestion(offsets[first][0], offsets[last - 1][1], label, round(score, 4), self.name))
        return found, doubts

    def predict(self, document: DocumentInput) -> Prediction:
        found, doubts = self.spans(self.base.read(document))
        return Prediction(document.id, tuple(found), sum(doubts) / len(doubts) if doubts else None)


def base_model(model: CrfModel, schema_labels: Iterable[str], label_map: Any, gazetteer: Gazetteer | None) -> BaseModel:
    """The base stage from a shipped-style model and its label map (``NEWS_LABELS`` for the news model)."""
    return BaseModel(CrfRecommender(model, schema_labels, label_map, gazetteer))
