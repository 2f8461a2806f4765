"""Project string matching: text an annotator tagged anywhere is suggested wherever it occurs.

Every span the matcher may learn from teaches it its text and label. Annotation is blind: built
for an annotator (:func:`annotator.recommenders.registry.build`), it learns from their own spans
and curated gold only (:mod:`annotator.recommenders.blind`), and what it suggests is theirs alone.
Occurrences are found with the gazetteer's matcher (normalised keys, proclitics stripped, exact
offsets, longest match wins). When the same text was given several labels, the most frequent
label is suggested with a score equal to its share (3 × GPE and 1 × LOC → GPE, 0.75).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from annotator.recommenders.base import DocumentInput, Prediction, Recommender, Suggestion
from annotator.recommenders.phrases import PhraseMatcher, phrase_keys

_MIN_KEY_LETTERS = 2
# Particles that fold onto a name (ى and ي match alike): «على» is not «علي». Never suggested from a
# lesson, unless the lesson was the particle itself as written.
PARTICLES = frozenset({"على", "إلى", "الى", "حتى", "متى", "لدى", "سوى", "أنى", "لدي"})
_Key = tuple[str, str | None]  # (label, the document a lesson must not reach, or None)


def _merge(old: Counter[_Key], new: Counter[_Key]) -> Counter[_Key]:
    old.update(new)
    return old


class StringMatcher(Recommender):
    name = "strings"
    title = "Project string matching"

    def __init__(self, tagged: Iterable[tuple[str, str]] = (), elsewhere: Iterable[tuple[str, str, str]] = ()) -> None:
        """``tagged``: ``(text, label)`` lessons; ``elsewhere``: ``(text, label, document id)`` lessons
        never used in that document (blind annotation: a document's own gold while you work on it)."""
        # payload: (label, the document the lesson must not reach, or None) → count
        self.matcher: PhraseMatcher[Counter[_Key]] = PhraseMatcher()
        self._written: set[str] = set()  # the lessons' texts as the annotator tagged them
        for text, label in tagged:
            self.learn(text, label)
        for text, label, document_id in elsewhere:
            self.learn(text, label, not_in=document_id)

    def learn(self, text: str, label: str, not_in: str | None = None) -> None:
        keys = phrase_keys(text)
        if sum(len(k) for k in keys) >= _MIN_KEY_LETTERS:
            self._written.add(text.strip())
            self.matcher.add_keys(keys, Counter({(label, not_in): 1}), _merge)

    def __len__(self) -> int:
        return len(self.matcher)

    def predict(self, document: DocumentInput) -> Prediction:
        out = []
        for match in self.matcher.find(document.text, document.tokens):
            surface = document.text[match.start : match.end]
            if surface in PARTICLES and surface not in self._written:
                continue
            counts: Counter[str] = Counter()
            for (label, not_in), n in match.payload.items():
                if not_in is None or not_in != document.id:
                    counts[label] += n
            if not counts:  # learnt only from this document's withheld lessons
                continue
            label, count = max(counts.items(), key=lambda item: (item[1], item[0]))
            score = count / sum(counts.values())
            out.append(Suggestion(match.start, match.end, label, round(score, 4), self.name))
        return Prediction(document.id, tuple(out))
