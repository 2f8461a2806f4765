"""Project string matching: text an annotator tagged anywhere is suggested wherever it occurs.

Every span the matcher may learn from teaches it its text and label. Annotation is blind: built
for an annotator (:func:`annotator.recommenders.registry.build`), it learns from their own spans
and curated gold only (:mod:`annotator.recommenders.blind`), and what it suggests is theirs alone.
Occurrences are found with the gazetteer's matcher (normalised keys, proclitics stripped, exact
offsets, longest match wins). When the same text was given several labels, the most frequent
label is suggested with its share (3 × GPE and 1 × LOC → GPE, 0.75).

The annotator's own finished layers also say where they left a text untagged: a common word tagged
once in a hundred occurrences («الأمل» as an organisation's name) is not a name elsewhere. The score
is the share times the text's tag rate in that work: tagged / (tagged + passed over), where passed
over is an occurrence in a finished layer that no span of the layer overlaps. A text tagged every
time it occurs keeps its share; on held-out news, string matching without the rate offered mostly
such common words and made ``default`` worse than the CRF alone.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from annotator.model import DocStatus
from annotator.recommenders.base import DocumentInput, Prediction, Recommender, Suggestion
from annotator.recommenders.blind import training_layers
from annotator.recommenders.phrases import PhraseMatcher, phrase_keys

if TYPE_CHECKING:
    from annotator.store import Project
    from annotator.store.roster import AnnotatorRef

_MIN_KEY_LETTERS = 2
# Particles that fold onto a name (ى and ي match alike): «على» is not «علي». Never suggested from a
# lesson, unless the lesson was the particle itself as written.
PARTICLES = frozenset({"على", "إلى", "الى", "حتى", "متى", "لدى", "سوى", "أنى", "لدي"})
_Key = tuple[str, str | None]  # (label, the document a lesson must not reach, or None)
CHECKED_LAYERS = 300  # finished layers read for tag rates (about 100k words of news)


@dataclass
class _Taught:
    """What the lessons of one text say: how often it was given each label, and how often it was
    left untagged in a finished layer."""

    labels: Counter[_Key] = field(default_factory=Counter)
    passed: int = 0


def _merge(old: _Taught, new: _Taught) -> _Taught:
    old.labels.update(new.labels)
    return old


@dataclass(frozen=True)
class Checked:
    """A finished layer: the document as recommenders read it and the spans its annotator kept.
    Every occurrence of a lesson there outside those spans was passed over on purpose."""

    document: DocumentInput
    spans: Sequence[tuple[int, int]]


def finished_layers(
    project: Project, annotator: AnnotatorRef | None = None, most: int = CHECKED_LAYERS
) -> list[Checked]:
    """The finished layers string matching working for ``annotator`` reads its tag rates from: the
    ones a model trained for them learns from (their own *done* documents, curated gold; blind
    annotation decides which, :func:`~annotator.recommenders.blind.training_layers`), the last
    ``most`` of them in project order. A rate is a habit of the annotator's, and a few hundred
    articles show it; scanning ten thousand took longer than the suggestions it refines."""
    layers = training_layers(project, (DocStatus.DONE,), annotator)[-most:] if most > 0 else []
    return [
        Checked(project.recommender_input(document_id), [(s.start, s.end) for s in project.spans(document_id, who)])
        for document_id, who in layers
    ]


class StringMatcher(Recommender):
    name = "strings"
    title = "Project string matching"

    def __init__(
        self,
        tagged: Iterable[tuple[str, str]] = (),
        elsewhere: Iterable[tuple[str, str, str]] = (),
        checked: Iterable[Checked] = (),
    ) -> None:
        """``tagged``: ``(text, label)`` lessons; ``elsewhere``: ``(text, label, document id)`` lessons
        never used in that document (blind annotation: a document's own gold while you work on it);
        ``checked``: finished layers, where an untagged occurrence of a lesson lowers its score."""
        self.matcher: PhraseMatcher[_Taught] = PhraseMatcher()
        self._written: set[str] = set()  # the lessons' texts as the annotator tagged them
        # a project repeats its names: each distinct lesson is tokenized once, with its count
        for (text, label), n in Counter(tagged).items():
            self.learn(text, label, times=n)
        for (text, label, document_id), n in Counter(elsewhere).items():
            self.learn(text, label, not_in=document_id, times=n)
        for layer in checked:
            self.check(layer)

    def learn(self, text: str, label: str, not_in: str | None = None, times: int = 1) -> None:
        keys = phrase_keys(text)
        if sum(len(k) for k in keys) >= _MIN_KEY_LETTERS:
            self._written.add(text.strip())
            self.matcher.add_keys(keys, _Taught(Counter({(label, not_in): times})), _merge)

    def check(self, layer: Checked) -> None:
        """Count the lessons ``layer`` passed over: matches that none of its spans overlaps. Call it
        after every lesson is learnt (a text learnt later is not looked for in layers checked before)."""
        spans = sorted(layer.spans)
        for match in self.matcher.find(layer.document.text, layer.document.tokens):
            if not _overlaps(spans, match.start, match.end):
                match.payload.passed += 1

    def __len__(self) -> int:
        return len(self.matcher)

    def predict(self, document: DocumentInput) -> Prediction:
        out = []
        for match in self.matcher.find(document.text, document.tokens):
            surface = document.text[match.start : match.end]
            if surface in PARTICLES and surface not in self._written:
                continue
            counts: Counter[str] = Counter()
            for (label, not_in), n in match.payload.labels.items():
                if not_in is None or not_in != document.id:
                    counts[label] += n
            if not counts:  # learnt only from this document's withheld lessons
                continue
            label, count = max(counts.items(), key=lambda item: (item[1], item[0]))
            tagged = sum(counts.values())
            score = count / (tagged + match.payload.passed)  # share × tag rate
            out.append(Suggestion(match.start, match.end, label, round(score, 4), self.name))
        return Prediction(document.id, tuple(out))


def _overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether a span of ``spans`` (sorted by start) overlaps ``[start, end)``."""
    before = bisect_left(spans, (end,))  # spans starting at or after ``end`` cannot overlap
    return any(span_end > start for _span_start, span_end in spans[:before])
