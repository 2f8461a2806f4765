"""Making the models' suggestions agree with the project's conventions before they are stored.

Token-level models (the CRF, camel-tools) tag whole words, so «وموسكو» comes out with its
conjunction, while the gazetteer, string matching and annotators mark «موسكو». A model span
loses its leading proclitics when the rest is a name known from this run (a gazetteer or string
match, or the same model's own suggestion elsewhere in the document) or from the gazetteer; an
unknown name starting with و keeps it (واشنطن, وليد). And a model's GPE/LOC follows what the
gazetteer knows of the same text (أوروبا is a continent: LOC; الأوروبيون a group: NORP). A model's
person does not run on into a place the gazetteer knows («بوتين موسكو» is a person and a city).

Annotation is blind: a name known only from string matching learnt for one annotator trims that
annotator's model suggestions, never a model's shared ones (whose boundaries everyone sees).

Last, every score becomes a probability (:func:`calibrate`, :mod:`.calibration`): the precision
measured on held-out data for that recommender, label and raw score. Where recommenders agree on a
span and label the probabilities are combined (noisy-or), so agreement raises the score; a span
only one of several recommenders suggests gets the precision measured for such lone suggestions
(:meth:`~.calibration.Calibration.together`); and, in a run of several recommenders, a suggestion
whose probability stays below the calibration's floor is not offered: on held-out news the
gazetteer's weak guesses cost a good model more precision than they brought recall. String
matching is calibrated like the others: its raw score (the annotator's label share times how often
they tagged the text where it occurs, :mod:`.strings`) is what separates the names they tag every
time from common words they tagged once. A recommender run alone (``--recommender strings``) offers all it finds, with
calibrated scores: whoever asked for it alone asked for what it finds.

Agreement is counted among predictions the same people see: a shared prediction is combined with
shared ones only, an annotator's own (blind annotation) with shared ones and theirs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from annotator.normalize import fold_with_offsets, source_range
from annotator.recommenders.base import Prediction, Suggestion
from annotator.recommenders.calibration import Calibration, shipped_calibration
from annotator.recommenders.gazetteer import Gazetteer
from annotator.recommenders.labels import refine_label
from annotator.recommenders.phrases import phrase_keys, stems

MODEL_SOURCES = frozenset({"crf", "camel"})
PERSON_LABELS = frozenset({"PERS", "PER", "PERSON"})
PLACE_LABELS = frozenset({"GPE", "LOC"})  # the gazetteer's places


def harmonize(
    text: str,
    predictions: Mapping[str, Prediction],
    gazetteer: Gazetteer | None,
    calibration: Calibration | None = None,
) -> dict[str, Prediction]:
    """The predictions of one document by source, with model spans trimmed, places refined and
    scores calibrated (``calibration``: the shipped table when None; :data:`~.calibration.IDENTITY`
    keeps each source's raw score, combines agreeing sources by noisy-or and drops nothing)."""
    out: dict[str, Prediction] = {}
    for source, prediction in predictions.items():
        if source not in MODEL_SOURCES:
            out[source] = prediction
            continue
        known = _known_names(text, predictions, prediction.audience)
        fixed = []
        for s in prediction.suggestions:
            for piece in split_trailing_place(s, text, gazetteer):
                piece = trim_proclitics(piece, text, known, gazetteer)
                if gazetteer is not None:
                    piece = replace(piece, label=refine_label(piece.label, gazetteer.label_of(piece.text_in(text))))
                fixed.append(piece)
        out[source] = replace(prediction, suggestions=tuple(fixed))
    return calibrate(out, calibration if calibration is not None else shipped_calibration())


def calibrate(predictions: Mapping[str, Prediction], calibration: Calibration) -> dict[str, Prediction]:
    """Scores as calibrated probabilities, agreement combined, and, when several recommenders ran,
    suggestions below the floor dropped."""
    alone: dict[str, dict[tuple[int, int, str], float]] = {}
    for source, prediction in predictions.items():
        own = alone.setdefault(source, {})
        for s in prediction.suggestions:
            p = calibration.probability(source, s.label, s.score)
            own[_key(s)] = max(p, own.get(_key(s), 0.0))
    out: dict[str, Prediction] = {}
    for source, prediction in predictions.items():
        seen_with = [
            other
            for other, theirs in predictions.items()
            if theirs.audience is None or theirs.audience == prediction.audience
        ]
        kept = []
        for s in prediction.suggestions:
            agreeing = {other: alone[other][_key(s)] for other in seen_with if _key(s) in alone[other]}
            contested = any(_rivals(s, alone[other]) for other in seen_with if other not in agreeing)
            company = len(seen_with) > 1
            p = calibration.together(s.label, agreeing, company, contested)
            if p >= calibration.floor or not company:
                kept.append(replace(s, score=round(p, 4)))
        out[source] = replace(prediction, suggestions=tuple(kept))
    return out


def _key(s: Suggestion) -> tuple[int, int, str]:
    return s.start, s.end, s.label


def _rivals(s: Suggestion, theirs: Mapping[tuple[int, int, str], float]) -> bool:
    """Whether another recommender's suggestions hold a different span or label overlapping ``s``."""
    return any(start < s.end and s.start < end for start, end, _label in theirs)


def _known_names(text: str, predictions: Mapping[str, Prediction], audience: str | None) -> set[tuple[str, ...]]:
    """Names this run suggested that a prediction for ``audience`` may learn from: everyone's, and
    that annotator's own (blind annotation)."""
    return {
        phrase_keys(s.text_in(text))
        for prediction in predictions.values()
        if prediction.audience is None or prediction.audience == audience
        for s in prediction.suggestions
        if s.source not in MODEL_SOURCES or not _has_proclitic_reading(s.text_in(text))
    }


def _has_proclitic_reading(phrase: str) -> bool:
    keys = phrase_keys(phrase)
    return bool(keys) and any(cut for _stem, cut in stems(keys[0]))


def split_trailing_place(suggestion: Suggestion, text: str, gazetteer: Gazetteer | None) -> tuple[Suggestion, ...]:
    """A model's person name does not run on into a place the gazetteer knows: «بوتين موسكو» is
    «بوتين» and «موسكو». A CRF that has learnt that a name goes on after a name-list word (and
    «موسكو» is also a Wikidata given name) tags «التقى بوتين موسكو» as one person; a person named
    after a known place is far rarer in news than a name followed by where it happened."""
    if gazetteer is None or suggestion.label not in PERSON_LABELS:
        return (suggestion,)
    phrase = suggestion.text_in(text)
    cut = max((i for i, c in enumerate(phrase) if c.isspace()), default=-1)
    if cut <= 0:
        return (suggestion,)
    place = gazetteer.label_of(phrase[cut + 1 :])
    head = phrase[:cut].rstrip()
    if place not in PLACE_LABELS or not head:
        return (suggestion,)
    return (
        replace(suggestion, end=suggestion.start + len(head)),
        replace(suggestion, start=suggestion.start + cut + 1, label=place),
    )


def trim_proclitics(
    suggestion: Suggestion, text: str, known: set[tuple[str, ...]], gazetteer: Gazetteer | None
) -> Suggestion:
    """``suggestion`` starting after its proclitics when what remains is a known name."""
    phrase = suggestion.text_in(text)
    first_end = next((i for i, c in enumerate(phrase) if c.isspace()), len(phrase))
    word = phrase[:first_end]
    key, sources = fold_with_offsets(word)
    if not key:
        return suggestion
    tried: set[int] = set()
    for _stem, cut in stems(key):
        if not cut or cut in tried:
            continue
        tried.add(cut)
        start = suggestion.start + source_range(word, sources, cut, len(key))[0]
        keys = phrase_keys(text[start : suggestion.end])
        if keys in known or (gazetteer is not None and gazetteer.matcher.contains(keys)):
            return replace(suggestion, start=start)
    return suggestion
