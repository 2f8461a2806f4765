"""Estimate what each recommender's score means, on held-out data: ``resources/models/calibration.json``.

    .venv/bin/python scripts/calibrate_recommenders.py [--out resources/models/calibration.json]
        [--floors 0,0.2,0.3,0.35,0.4,0.45,0.5,0.6] [--folds-only]

Calibration (:mod:`annotator.recommenders.calibration`) maps (recommender, label, raw score) to the
precision observed for such suggestions on data the recommender was never trained or tuned on:

- **crf**: out-of-fold predictions. For each of the five contiguous folds of ANERcorp's
  ``train_docs.conll`` (:func:`news_corpus.contiguous_folds`, as ``benchmarks/bench_news_model.py``),
  a stand-in for the shipped model is trained on the other four with the shipped configuration
  (:mod:`news_training`: the shipped features version, the common-word list learned from those four folds
  only, c1 0.05, c2 0.01, 100 iterations) and tags the fifth. Stand-ins are cached in
  ``build/calibration/`` (keyed by the corpus checksum and the settings); the bench uses them too.
  On AQMAR's held-out articles the shipped model itself is used: it was trained on ANERcorp alone.
- **gazetteer**: it does not learn from these corpora; every document is held out.
- **strings**: learns from annotations; on an ANERcorp fold it learns the gold of the other folds, on
  AQMAR's held-out articles the gold of AQMAR's training articles (as it would learn from the
  documents an annotator finished before), and its tag rates from the same documents' untagged
  occurrences.

A suggestion is right when it covers the same whitespace tokens as a gold entity with the gold label
its schema label maps to (``hashiya evaluate --boundaries tokens``: ANERcorp and AQMAR keep
proclitics Hashiya leaves out). Predictions the gold cannot judge (NORP against a four-class gold) do
not count. The floor is chosen by measurement: the one giving the best token-boundary micro F1 of the
offline ``default`` combination (gazetteer + crf: what ``hashiya evaluate`` runs without a project)
over both held-out sets, among those where it is at least as good as each member alone. The file
keeps what it was estimated on, the F1 at every floor tried, and a cross-fitted reliability curve
(each fold's probabilities from a calibration fitted without it).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotator.recommenders.base import Prediction, Recommender, best_non_overlapping  # noqa: E402
from annotator.recommenders.calibration import (  # noqa: E402
    DEFAULT_EDGES,
    IDENTITY,
    POOLED,
    Calibration,
    Curve,
    agreement_key,
    calibration_path,
    expected_calibration_error,
    fit_curve,
)
from annotator.recommenders.crf import (  # noqa: E402
    CrfModel,
    CrfRecommender,
    default_model,
    open_tagger,
)
from annotator.recommenders.crf_features import FEATURES_VERSION, sentence_features  # noqa: E402
from annotator.recommenders.crf_training import Example  # noqa: E402
from annotator.recommenders.evaluation_report import widen  # noqa: E402
from annotator.recommenders.gazetteer import Gazetteer, GazetteerRecommender, builtin_gazetteer  # noqa: E402
from annotator.recommenders.gold_mapping import GoldMapping  # noqa: E402
from annotator.recommenders.harmonize import calibrate, harmonize  # noqa: E402
from annotator.recommenders.labels import NEWS_LABELS, LabelMap  # noqa: E402
from annotator.recommenders.member_runs import as_stored  # noqa: E402
from annotator.recommenders.name_lists import Lexicons, shipped_lexicons  # noqa: E402
from annotator.recommenders.news_corpus import (  # noqa: E402
    anercorp_path,
    contiguous_folds,
    load_anercorp,
    load_aqmar,
)
from annotator.recommenders.news_training import Prepared, common_words, prepare, train  # noqa: E402
from annotator.recommenders.span_scores import Scores  # noqa: E402
from annotator.recommenders.strings import Checked, StringMatcher  # noqa: E402
from annotator.schema import default_schema  # noqa: E402

BUILD = ROOT / "build" / "calibration"
FOLDS = 5
PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 100}  # the shipped model's (scripts/train_news_model.py)
FLOORS = (0.0, 0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6)
COMBINED = ("gazetteer", "crf")  # the offline default as `hashiya evaluate` runs it without a project
SpanKey = tuple[int, int, str]


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# --- stand-in models ---------------------------------------------------------------------------


def corpus_sha256(path: Path | None = None) -> str:
    return hashlib.sha256((path or anercorp_path()).read_bytes()).hexdigest()


def fold_stamp(k: int, sha: str) -> dict:
    return {"fold": k + 1, "folds": FOLDS, "data_sha256": sha, "params": PARAMS, "features_version": FEATURES_VERSION}


def fold_model(k: int, prepared: Sequence[Prepared], sha: str) -> tuple[CrfModel, Lexicons]:
    """A stand-in for the shipped model that never saw fold ``k`` (0-based), and its lexicons; cached."""
    path = BUILD / f"news-crf-fold{k + 1}.crfsuite"
    words = path.with_suffix(".common-words.txt")
    stamp = fold_stamp(k, sha)
    lexicons = shipped_lexicons()
    if path.is_file() and words.is_file():
        model = CrfModel.read(path)
        if all(model.info.get(key) == value for key, value in stamp.items()):
            return model, lexicons.with_common(words.read_text(encoding="utf-8").split())
    held = contiguous_folds(len(prepared), FOLDS)[k]
    rest = [d for i, d in enumerate(prepared) if i not in held]
    common = common_words(rest)
    fold_lexicons = lexicons.with_common(common)
    began = time.perf_counter()
    data = train(rest, lambda w, g: sentence_features(w, g, lexicons=fold_lexicons), PARAMS)
    info = {
        **stamp,
        "labels": sorted(open_tagger(data).labels()),
        "gazetteer": True,
        "trained_on": f"ANERcorp train_docs.conll without articles {held.start}-{held.stop - 1} (fold {k + 1} of 5)",
        "script": "scripts/calibrate_recommenders.py",
    }
    BUILD.mkdir(parents=True, exist_ok=True)
    model = CrfModel(data, info)
    model.write(path)
    words.write_text("\n".join(sorted(common)) + "\n", encoding="utf-8")
    log(f"stand-in for fold {k + 1} trained in {time.perf_counter() - began:.0f} s")
    return model, fold_lexicons


def stand_in_crf(model: CrfModel, lexicons: Lexicons, labels: Sequence[str], gazetteer: Gazetteer) -> CrfRecommender:
    """The stand-in as the product would run it (news labels mapped to the schema, LOC → GPE)."""
    return CrfRecommender(model, labels, LabelMap.of(NEWS_LABELS), gazetteer, lexicons)


# --- held-out predictions ----------------------------------------------------------------------


@dataclass(frozen=True)
class HeldOut:
    """One held-out set: its documents with gold (news labels) and the members that never saw them."""

    name: str
    examples: list[Example]
    members: list[Recommender]


@dataclass
class Observed:
    """Each member's harmonised suggestions (raw scores) per document of one held-out set."""

    name: str
    examples: list[Example]
    predictions: list[dict[str, Prediction]]


def string_matcher(finished: Sequence[Example]) -> StringMatcher:
    """String matching as it works after an annotator finished ``finished``: their spans are its
    lessons, and the occurrences they left untagged lower a text's score."""
    lessons = [(e.document.text[s:t], label) for e in finished for s, t, label in e.spans]
    return StringMatcher(lessons, checked=[Checked(e.document, [(s, t) for s, t, _ in e.spans]) for e in finished])


def observe(held_out: HeldOut, gazetteer: Gazetteer, labels: Sequence[str]) -> Observed:
    """Members' suggestions as a run of each alone would harmonise them, raw scores kept."""
    documents = [e.document for e in held_out.examples]
    raw = {m.name: m.predict_many(documents) for m in held_out.members}
    out = []
    for i, document in enumerate(documents):
        one: dict[str, Prediction] = {}
        for name, predictions in raw.items():
            harmonized = harmonize(document.text, {name: predictions[i]}, gazetteer, IDENTITY)[name]
            one[name] = Prediction(document.id, tuple(as_stored(harmonized.suggestions, labels)))
        out.append(one)
    return Observed(held_out.name, held_out.examples, out)


def judged(
    observed: Observed, mapping: GoldMapping, score: Callable[[str, str, float], float] | None = None
) -> dict[str, dict[str, list[tuple[float, bool]]]]:
    """``source → schema label → [(score, right)]`` of every judgeable suggestion."""
    out: dict[str, dict[str, list[tuple[float, bool]]]] = defaultdict(lambda: defaultdict(list))
    for example, by_source in zip(observed.examples, observed.predictions, strict=True):
        text = example.document.text
        gold = set(widen(text, list(example.spans)))
        for source, prediction in by_source.items():
            for s in prediction.suggestions:
                target = mapping.map(s.label)
                if target is None:
                    continue
                right = widen(text, [(s.start, s.end, target)])[0] in gold
                value = score(source, s.label, s.score) if score else s.score
                out[source][s.label].append((value, right))
    return out


def fit(sets: Sequence[Observed], mapping: GoldMapping, floor: float = 0.0, on: Sequence[str] = ()) -> Calibration:
    """Each member's curves, then the agreement curves of :data:`GROUPS` over them."""
    curves = _curves(item for observed in sets for item in _labelled(judged(observed, mapping)))
    marginal = Calibration(curves)
    together: list[tuple[str, str, tuple[float, bool]]] = []
    for observed in sets:
        for group, keep in GROUPS:
            together.extend(item for item in agreements(observed, mapping, marginal, group) if keep(item[0]))
    return Calibration(curves, floor, tuple(on), {}, _curves(together))


# (members that ran, which agreement keys this run measures): the pair is what `evaluate` runs without
# a project; sets with string matching are measured where it ran too
GROUPS: tuple[tuple[tuple[str, ...], Callable[[str], bool]], ...] = (
    (COMBINED, lambda key: True),
    ((*COMBINED, "strings"), lambda key: "strings" in key.rstrip("~").split("+")),
)


def _labelled(by_source: dict[str, dict[str, list[tuple[float, bool]]]]) -> Iterable[tuple[str, str, tuple]]:
    for source, by_label in by_source.items():
        for label, pairs in by_label.items():
            for pair in pairs:
                yield source, label, pair


def _curves(items: Iterable[tuple[str, str, tuple[float, bool]]]) -> dict[str, dict[str, Curve]]:
    """``(name, label, (value, right))`` → name → label (and :data:`POOLED`) → fitted curve."""
    grouped: dict[str, dict[str, list[tuple[float, bool]]]] = defaultdict(lambda: defaultdict(list))
    for name, label, pair in items:
        grouped[name][label].append(pair)
    out: dict[str, dict[str, Curve]] = {}
    for name, by_label in grouped.items():
        out[name] = {label: fit_curve(pairs) for label, pairs in by_label.items()}
        out[name][POOLED] = fit_curve(p for pairs in by_label.values() for p in pairs)
    return out


def agreements(
    observed: Observed, mapping: GoldMapping, marginal: Calibration, group: Sequence[str]
) -> Iterator[tuple[str, str, tuple[float, bool]]]:
    """``(agreeing sources, label, (noisy-or of their probabilities, right))`` of each distinct
    judgeable span and label the members of ``group`` suggest together."""
    for example, by_source in zip(observed.examples, observed.predictions, strict=True):
        text = example.document.text
        gold = set(widen(text, list(example.spans)))
        found: dict[SpanKey, dict[str, float]] = defaultdict(dict)
        for source in group:
            for s in by_source[source].suggestions:
                p = marginal.probability(source, s.label, s.score)
                found[(s.start, s.end, s.label)][source] = max(p, found[(s.start, s.end, s.label)].get(source, 0.0))
        for (start, end, label), agreeing in found.items():
            target = mapping.map(label)
            if target is None:
                continue
            right = widen(text, [(start, end, target)])[0] in gold
            contested = any(
                other not in agreeing and key != (start, end, label) and key[0] < end and start < key[1]
                for key, sources in found.items()
                for other in sources
            )
            yield agreement_key(agreeing, contested), label, (Calibration.combine(list(agreeing.values())), right)


# --- what a calibration gives --------------------------------------------------------------------


def offered(by_source: dict[str, Prediction], calibration: Calibration, members: Sequence[str]) -> list:
    """What "accept all" takes from these members together: calibrated, combined, floored, one
    suggestion per span and label with the best score (the store), best of overlapping ones."""
    chosen = calibrate({name: by_source[name] for name in members if name in by_source}, calibration)
    best: dict[SpanKey, object] = {}
    for prediction in chosen.values():
        for s in prediction.suggestions:
            key = (s.start, s.end, s.label)
            if key not in best or s.score > best[key].score:  # type: ignore[attr-defined]
                best[key] = s
    return best_non_overlapping(best.values())


def f1_tokens(
    sets: Iterable[Observed], calibration: Calibration, members: Sequence[str], mapping: GoldMapping
) -> Scores:
    scores = Scores()
    for observed in sets:
        for example, by_source in zip(observed.examples, observed.predictions, strict=True):
            text = example.document.text
            chosen = offered(by_source, calibration, members)  # unmapped ones are neither right nor wrong
            found = [(s.start, s.end, target) for s in chosen if (target := mapping.map(s.label)) is not None]
            scores.add(widen(text, list(example.spans)), widen(text, found))
    return scores


def measure(sets: Sequence[Observed], calibration: Calibration, mapping: GoldMapping) -> dict[str, float]:
    """Token micro F1 of the combinations and of each member alone under ``calibration``."""
    row = {"default": f1_tokens(sets, calibration, COMBINED, mapping).micro.f1}
    row["default_with_strings"] = f1_tokens(sets, calibration, (*COMBINED, "strings"), mapping).micro.f1
    for member in (*COMBINED, "strings"):
        row[member] = f1_tokens(sets, calibration, [member], mapping).micro.f1
    row["crf_raw"] = f1_tokens(sets, IDENTITY, ["crf"], mapping).micro.f1
    return row


def _never_loses(row: dict[str, float]) -> bool:
    """Both combinations score at least as well as each of their members alone."""
    with_strings = (*COMBINED, "strings")
    return row["default"] >= max(row[m] for m in COMBINED) and row["default_with_strings"] >= max(
        row[m] for m in with_strings
    )


def offered_outcomes(
    observed: Observed, calibration: Calibration, members: Sequence[str], mapping: GoldMapping
) -> list[tuple[float, bool]]:
    """``(score shown, right)`` of every judgeable suggestion the members offer together (before
    "accept all" resolves overlaps): what a reliability curve checks."""
    out = []
    for example, by_source in zip(observed.examples, observed.predictions, strict=True):
        text = example.document.text
        gold = set(widen(text, list(example.spans)))
        chosen = calibrate({name: by_source[name] for name in members}, calibration)
        best: dict[SpanKey, float] = {}
        for prediction in chosen.values():
            for s in prediction.suggestions:
                best[(s.start, s.end, s.label)] = max(s.score, best.get((s.start, s.end, s.label), 0.0))
        for (start, end, label), score in best.items():
            target = mapping.map(label)
            if target is not None:
                out.append((score, widen(text, [(start, end, target)])[0] in gold))
    return out


def reliability(pairs: Sequence[tuple[float, bool]], edges: Sequence[float] = DEFAULT_EDGES) -> list[dict]:
    rows = []
    for low, high in pairwise(edges):
        inside = [(p, r) for p, r in pairs if low <= p < high or (high == edges[-1] and p == high)]
        if inside:
            rows.append(
                {
                    "low": low,
                    "high": high,
                    "count": len(inside),
                    "predicted": round(sum(p for p, _ in inside) / len(inside), 4),
                    "observed": round(sum(r for _, r in inside) / len(inside), 4),
                }
            )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=calibration_path())
    parser.add_argument("--floors", default=",".join(str(f) for f in FLOORS))
    parser.add_argument("--folds-only", action="store_true", help="train (or check) the stand-ins and stop")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    gazetteer = builtin_gazetteer()
    labels = default_schema().label_names
    anercorp = load_anercorp()
    prepared = prepare(anercorp, gazetteer)
    sha = corpus_sha256()
    folds = contiguous_folds(len(anercorp), FOLDS)
    stand_ins = [fold_model(k, prepared, sha) for k in range(FOLDS)]
    if args.folds_only:
        return 0
    sets = []
    for k, held in enumerate(folds):
        members: list[Recommender] = [
            GazetteerRecommender(gazetteer, labels),
            stand_in_crf(*stand_ins[k], labels, gazetteer),
            string_matcher([e for i, e in enumerate(anercorp) if i not in held]),
        ]
        sets.append(observe(HeldOut(f"anercorp-fold{k + 1}", [anercorp[i] for i in held], members), gazetteer, labels))
        log(f"fold {k + 1} observed")
    aqmar_train, aqmar_heldout = load_aqmar()
    crf = CrfRecommender(default_model(), labels, LabelMap.of(NEWS_LABELS), gazetteer)
    members = [GazetteerRecommender(gazetteer, labels), crf, string_matcher(aqmar_train)]
    sets.append(observe(HeldOut("aqmar-heldout", aqmar_heldout, members), gazetteer, labels))
    mapping = GoldMapping.build(labels, ["PERS", "LOC", "ORG", "MISC"])
    on = [
        "ANERcorp train_docs.conll, out-of-fold: 5 contiguous folds, crf = a stand-in trained on the other 4 "
        f"(sha256 {sha[:12]})",
        "AQMAR held-out articles (5), crf = the shipped news model (never trained on AQMAR)",
        "strings learned the gold of the other folds (ANERcorp) or of AQMAR's training articles",
        "right = same whitespace tokens and mapped label as a gold entity (evaluate --boundaries tokens)",
    ]
    table = fit(sets, mapping, 0.0, on)

    floors = [float(f) for f in args.floors.split(",") if f]
    parts = {"all": sets, "anercorp": sets[:-1], "aqmar": sets[-1:]}
    tried = {
        floor: {part: measure(chosen, replace(table, floor=floor), mapping) for part, chosen in parts.items()}
        for floor in floors
    }
    for floor, by_part in tried.items():
        for part, row in by_part.items():
            log(f"floor {floor} {part}: " + ", ".join(f"{k} {v:.4f}" for k, v in row.items()))
    never_loses = [f for f, by_part in tried.items() if all(_never_loses(r) for r in by_part.values())]
    floor = max(never_loses or tried, key=lambda f: (tried[f]["all"]["default"], -f))

    # cross-fitted reliability: each set's offered scores from a table fitted without it
    # and each set's F1 under it: whether combining never loses holds where the curves were not fitted
    pairs: list[tuple[float, bool]] = []
    crossfit_f1: dict[str, dict[str, float]] = {}
    for i, observed in enumerate(sets):
        others = replace(fit([s for j, s in enumerate(sets) if j != i], mapping), floor=floor)
        pairs.extend(offered_outcomes(observed, others, COMBINED, mapping))
        crossfit_f1[observed.name] = {k: round(v, 4) for k, v in measure([observed], others, mapping).items()}
        log(
            f"cross-fitted {observed.name}: " + ", ".join(f"{k} {v:.4f}" for k, v in crossfit_f1[observed.name].items())
        )
    details = {
        "floors_tried": {
            str(f): {part: {k: round(v, 4) for k, v in r.items()} for part, r in by_part.items()}
            for f, by_part in tried.items()
        },
        "chosen_floor": floor,
        "rule": "best default (gazetteer + crf) micro F1 at token boundaries over all held-out sets, "
        "among floors where default >= each member alone, and default with strings >= each of its members, "
        "on ANERcorp's folds and on AQMAR separately",
        "crossfit_ece": round(expected_calibration_error(pairs), 4),
        "crossfit_reliability": reliability(pairs),
        "crossfit_f1": crossfit_f1,
        "documents": {s.name: len(s.examples) for s in sets},
    }
    result = replace(table, floor=floor, details=details)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    result.write(args.out)
    log(f"floor {floor}; cross-fitted ECE {details['crossfit_ece']}; wrote {args.out}")
    (BUILD / "observed.json").write_text(json.dumps(details, indent=1) + "\n", encoding="utf-8")
    log(f"{time.perf_counter() - began:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
