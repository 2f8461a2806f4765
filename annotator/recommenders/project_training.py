"""Training the stacked project model (:mod:`annotator.recommenders.project_model`) and
cross-validating it.

Why its own module: training needs what suggesting does not — which words the project taught,
the label translation, each document's memory counted from the *other* documents (as it will be
for a document the model has not seen), and the windows the stack trains on.

Cost: the base model reads each training document once (≈36,000 tokens/s), and cross-validation
reuses those readings. The stack trains only on a few words either side of each taught word
(:data:`WINDOW`, never cutting an entity), so 3-fold cross-validation and the final model cost a
few seconds on 100 news articles (``benchmarks/bench_learning.py``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from annotator.normalize import match_key
from annotator.recommenders.base import Cancelled, DocumentInput, Progress
from annotator.recommenders.crf import CrfModel, Sequences, sentence_ranges, train_crf
from annotator.recommenders.project_model import (
    STACK_KIND,
    STACK_PARAMS,
    STACK_VERSION,
    BaseModel,
    Reading,
    StackedCrfRecommender,
    stack_features,
)
from annotator.recommenders.span_scores import Scores
from annotator.tagging import spans_to_tags

WINDOW = 4  # words either side of a taught word that the stack trains on
TRANSLATE_AT = 3  # different words that must show a base label replaced before it always is
TAUGHT_AT = 2  # disagreements that make a word taught (a name the annotator tagged counts 2)
SpanKey = tuple[int, int, str]


class Annotated(Protocol):
    """A training document: what the model reads and the spans it should find
    (:class:`~annotator.recommenders.crf_training.Example` is one)."""

    @property
    def document(self) -> DocumentInput: ...

    @property
    def spans(self) -> tuple[SpanKey, ...]: ...


def _windows(
    hits: Sequence[int], layers: Sequence[Sequence[str]], n: int, width: int = WINDOW
) -> list[tuple[int, int]]:
    """Merged token ranges ``width`` either side of each hit, widened so that no entity of any
    layer (gold, base) is cut."""
    out: list[tuple[int, int]] = []
    for hit in hits:
        first, last = max(0, hit - width), min(n, hit + width + 1)
        while first > 0 and any(layer[first].startswith("I-") for layer in layers):
            first -= 1
        while last < n and any(layer[last].startswith("I-") for layer in layers):
            last += 1
        if out and first <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], last))
        else:
            out.append((first, last))
    return out


def _translation(pairs: set[tuple[str, str, str]], used: set[str]) -> dict[str, str]:
    """Base label → the annotator's, for a base label the annotator never uses, when
    :data:`TRANSLATE_AT` different words show the same replacement (GPE → LOC for an annotator who
    tags countries LOC; one company the base model called a person says nothing about persons)."""
    words: Counter[tuple[str, str]] = Counter((b, g) for b, g, _word in pairs if b != g)
    out: dict[str, str] = {}
    for (base_label, label), n in words.most_common():
        if n >= TRANSLATE_AT and base_label not in used:
            out.setdefault(base_label, label)
    return out


def _recall(total: Mapping[str, Counter[str]], minus: Mapping[str, Counter[str]]) -> dict[str, str]:
    """Each word's most frequent label in ``total`` less ``minus`` (words left with no count are dropped)."""
    out = {}
    for key, labels in total.items():
        rest = labels - minus.get(key, Counter())
        if rest:
            out[key] = rest.most_common(1)[0][0]
    return out


def _wordlike(key: str) -> bool:
    """Punctuation and one-letter tokens inside names («.» in «ج.م.ع») are in every sentence: never taught."""
    return len(key) > 1 and any(c.isalpha() for c in key)


@dataclass
class StackDocument:
    """A training document read once by the base model: its sentences and their gold tags."""

    readings: list[Reading]
    gold_tags: list[list[str]]
    spans: tuple[SpanKey, ...]

    def sequences(self, taught: set[str] | None, memory: Mapping[str, str] | None = None) -> Sequences:
        """Features and gold tags around each taught word (every whole sentence with ``taught``
        None): elsewhere the stack is never asked, so it need not learn there, and a few words
        either side of a name cost a fraction of its sentence."""
        for reading, tags in zip(self.readings, self.gold_tags, strict=True):
            feats = stack_features(reading, memory)
            if taught is None:
                yield feats, tags
                continue
            hits = [i for i, w in enumerate(reading.words) if match_key(w) in taught]
            for first, last in _windows(hits, [tags, reading.base_tags], len(tags)):
                yield feats[first:last], tags[first:last]

    def label_pairs(self) -> set[tuple[str, str, str]]:
        """(base label, annotator's label, word) over the words both call an entity."""
        out: set[tuple[str, str, str]] = set()
        for reading, gold in zip(self.readings, self.gold_tags, strict=True):
            for word, b, g in zip(reading.words, reading.base_tags, gold, strict=True):
                if b != "O" and g != "O":
                    out.add((b[2:], g[2:], match_key(word)))
        return out

    def labels_of(self, keys: set[str]) -> dict[str, Counter[str]]:
        """For each of these words here: how often the annotator gave it each label (``O``: none)."""
        out: dict[str, Counter[str]] = {}
        for reading, gold in zip(self.readings, self.gold_tags, strict=True):
            for word, g in zip(reading.words, gold, strict=True):
                key = match_key(word)
                if key in keys:
                    out.setdefault(key, Counter())[g[2:] or "O"] += 1
        return out

    def taught(self, translate: dict[str, str]) -> Counter[str]:
        """Words where the annotator's tag differs from the base model's, counted: a name the
        annotator tagged and the base model did not (or labelled otherwise) counts as taught at
        once; a word the base model tagged and the annotator left out counts per time."""
        out: Counter[str] = Counter()
        for reading, gold in zip(self.readings, self.gold_tags, strict=True):
            for word, b, g in zip(reading.words, reading.base_tags, gold, strict=True):
                if translate.get(b[2:], b[2:]) != g[2:]:
                    out[match_key(word)] += TAUGHT_AT if g != "O" else 1
        return out


def read_documents(
    examples: Iterable[Annotated], base: BaseModel, cancelled: Cancelled | None = None
) -> list[StackDocument]:
    """Each example tagged once by the base model (the costly part: cross-validation reuses it)."""
    out = []
    for example in examples:
        if cancelled is not None and cancelled():
            break
        doc = example.document
        tags = spans_to_tags(doc.tokens, list(example.spans))
        readings = base.read(doc)
        gold = [tags[a:b] for a, b in sentence_ranges(doc)]
        out.append(StackDocument(readings, gold, tuple(example.spans)))
    return out


def train_stack(
    documents: Sequence[StackDocument],
    base: BaseModel,
    *,
    params: dict[str, Any] | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> CrfModel:
    """The stacked model's file and info: its labels, the base model it reads, the words the
    project taught (:meth:`StackDocument.taught`; the stack decides only around them) and how the
    annotator's labels translate the base model's (GPE → LOC when they tag countries LOC)."""
    pairs: set[tuple[str, str, str]] = set()
    for document in documents:
        pairs |= document.label_pairs()
    translate = _translation(pairs, {t[2:] for d in documents for tags in d.gold_tags for t in tags if t != "O"})
    counts: Counter[str] = Counter()
    for document in documents:
        counts.update(document.taught(translate))
    taught = {key for key, n in counts.items() if n >= TAUGHT_AT and _wordlike(key)}
    own = [d.labels_of(taught) for d in documents]
    total: dict[str, Counter[str]] = {}
    for counts_here in own:
        for key, labels in counts_here.items():
            total.setdefault(key, Counter()).update(labels)
    # each document's memory comes from the others, as it will for a document the model has not seen
    sequences = [
        pair for d, mine in zip(documents, own, strict=True) for pair in d.sequences(taught, _recall(total, mine))
    ]
    if not sequences:  # nothing taught: the stack is never asked, but a model file must exist
        sequences = [pair for d in documents[:1] for pair in d.sequences(None)]
    settings = {**STACK_PARAMS, **(params or {})}
    data = train_crf(sequences, settings, progress, cancelled)
    info = {
        "kind": STACK_KIND,
        "stack_version": STACK_VERSION,
        "features_version": base.recommender.model.features_version,
        "base": base.name,
        "memory": _recall(total, {}),
        "translate": translate,
        "labels": sorted({tag for _x, tags in sequences for tag in tags}),
        "params": settings,
        "documents": len(documents),
        "sentences": sum(len(d.readings) for d in documents),
        "tokens": sum(len(r.words) for d in documents for r in d.readings),
        "stack_windows": len(sequences),  # stretches around taught words
    }
    return CrfModel(data, info)


def cross_validate_stack(
    documents: Sequence[StackDocument],
    base: BaseModel,
    labels: Iterable[str],
    folds: int = 3,
    *,
    params: dict[str, Any] | None = None,
    phase: Callable[[int, int], Progress | None] | None = None,
    cancelled: Cancelled | None = None,
) -> Scores | None:
    """Exact-span scores of stacks trained without each fold (document ``i`` in fold ``i % k``),
    on that fold: what the ``crf`` recommender would have suggested there; None with fewer than 2 documents. The base
    model's readings are shared by every fold: only the small stack is retrained. ``phase(fold, k)``
    gives the progress callback of each fold's training."""
    k = min(folds, len(documents))
    if k < 2:
        return None
    schema = set(labels)
    total = Scores()
    for fold in range(k):
        rest = [d for i, d in enumerate(documents) if i % k != fold]
        held = [d for i, d in enumerate(documents) if i % k == fold]
        step = phase(fold, k) if phase is not None else None
        model = train_stack(rest, base, params=params, progress=step, cancelled=cancelled)
        recommender = StackedCrfRecommender(model, base, schema)
        for document in held:
            predicted, _ = recommender.spans(document.readings)
            gold = [s for s in document.spans if s[2] in schema]
            total.add(gold, [(p.start, p.end, p.label) for p in predicted])
    return total
