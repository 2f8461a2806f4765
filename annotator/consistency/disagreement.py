"""Model disagreement: where a model that never saw a document contradicts its annotation, confidently.

This is the *retag* flagger of the annotation-error-detection literature (Klie et al. 2022) scored
the confident-learning way: each document is read by the project model trained without the block
of documents it is in (:mod:`annotator.consistency.disagreement_model`), and a finding is made
where that held-out model disagrees with probability at least ``min_probability``:

- a span the model labels otherwise (same extent): RELABEL to the model's label;
- a span the model finds with the same label but another extent: RESIZE to the model's extent;
- a confident model span where the layer tagged nothing: ADD it;
- a span where the model is confident there is no entity at all: REMOVE it. This is the weakest
  signal (a model misses rare names far more often than an annotator invents one), so its score is
  the probability times :data:`REMOVE_WEIGHT`.

The score is the model's probability (the mean marginal of its tags), kept in ``detail`` too.
Extents are compared under the project's boundary convention: the model reads whole words, so
with proclitics *out* an annotation that leaves «و» out of «وموسكو» agrees with a model span over
the word. Findings are cached per model and layer content (:mod:`.disagreement_cache`).

It never touches Qt: the window runs it in a worker and passes ``cancelled`` (checked between
documents and between folds; a cancel raises ``TrainingCancelled``) and ``progress``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from annotator.consistency.disagreement_cache import DisagreementCache, default_cache_dir, fingerprint
from annotator.consistency.disagreement_model import HeldOut, Predicted, base_label_map, held_out_predictions
from annotator.consistency.findings import CheckKind, Finding, Fix, FixAction
from annotator.consistency.layer import Corpus, DocumentText, Layer, layer_names
from annotator.conventions import BoundaryConvention, Placement
from annotator.model import Span
from annotator.recommenders.base import Cancelled, DocumentInput, Progress
from annotator.recommenders.crf import CrfRecommender
from annotator.recommenders.crf_training import Example
from annotator.recommenders.project_model import BaseModel
from annotator.recommenders.registry import RecommenderSettings
from annotator.store import Project

REMOVE_WEIGHT = 0.5  # a confident "no entity here" counts half as much as a confident other label
PROCLITICS = frozenset("وفبلك")


@dataclass(frozen=True, slots=True)
class _LayerInput:
    """What the model reads of one layer: its annotated documents in project order."""

    layer: Layer
    documents: list[DocumentText]
    inputs: list[DocumentInput]
    spans: list[list[Span]]


def disagreements(
    project: Project,
    layer: str | None,
    *,
    folds: int = 5,
    min_probability: float = 0.8,
    settings: RecommenderSettings | None = None,
    fold_bases: Sequence[CrfRecommender] | None = None,
    cancelled: Cancelled | None = None,
    progress: Progress | None = None,
    cache: DisagreementCache | None = None,
) -> list[Finding]:
    """Model-disagreement findings over ``layer`` (an annotator's name, ``GOLD``, or None: each
    layer on its own), highest score first. ``settings.crf_model`` names another base model than
    the shipped one; ``fold_bases``, one base model per fold that never saw it (benchmarks on the
    corpus the shipped model learnt from). ``cache``: where findings are kept (default: the user's cache folder;
    ``DisagreementCache(None)``: this process's memory only)."""
    from annotator.recommenders.gazetteer import project_gazetteer
    from annotator.recommenders.registry import shipped_crf

    settings = settings or RecommenderSettings.of_project(project)
    cache = cache or DisagreementCache(default_cache_dir())
    with project.snapshot():
        corpus = Corpus(project)
        layers = [_read_layer(project, Layer.read(corpus, name)) for name in layer_names(project, layer)]
        labels = project.schema.label_names
    convention = corpus.convention
    label_map = base_label_map(settings, labels)
    base: BaseModel | None = None
    per_fold: list[BaseModel] | None = None
    findings: list[Finding] = []
    for data in layers:
        if not data.documents:
            continue
        if base is None:
            recommender = shipped_crf(project, settings, project_gazetteer(project.path, labels))
            recommender.label_map = label_map
            base = BaseModel(recommender)
            for other in fold_bases or ():
                other.label_map = label_map
            per_fold = [BaseModel(r) for r in fold_bases] if fold_bases else None
        key = _key(data, base, label_map.rules, convention, folds, min_probability, labels, per_fold)
        found = cache.get(key)
        if found is None:
            examples = [
                Example(doc, tuple((s.start, s.end, s.label) for s in spans))
                for doc, spans in zip(data.inputs, data.spans, strict=True)
            ]
            held = held_out_predictions(
                examples, base, labels, folds, fold_bases=per_fold, progress=progress, cancelled=cancelled
            )
            found = layer_findings(data.layer, data.documents, data.spans, held, min_probability, convention)
            found = [_named(f, base.name, len(examples), folds) for f in found]
            cache.put(key, found)
        findings.extend(found)
    findings.sort(key=lambda f: (-f.score, f.subject))
    return findings


def _read_layer(project: Project, layer: Layer) -> _LayerInput:
    """The layer's documents that have spans: a document worked on but left empty says little to
    learn from, and would make every model span in it an ADD finding."""
    chosen = [d for d in layer.document_ids if layer.spans.get(d)]
    documents = [layer.document(d) for d in chosen]
    inputs = [project.recommender_input(d) for d in chosen]
    return _LayerInput(layer, documents, inputs, [layer.spans[d] for d in chosen])


def _key(
    data: _LayerInput,
    base: BaseModel,
    rules: object,
    convention: BoundaryConvention,
    folds: int,
    threshold: float,
    labels: Sequence[str],
    fold_bases: Sequence[BaseModel] | None,
) -> str:
    content = [
        (doc.id, doc.name, doc.text, [(s.id, s.start, s.end, s.label) for s in spans])
        for doc, spans in zip(data.documents, data.spans, strict=True)
    ]
    model = base.recommender.model
    settings = [data.layer.name, rules, str(convention), folds, threshold, sorted(labels), model.info]
    others = [b.recommender.model.data for b in fold_bases or ()]
    return fingerprint([model.data, *others, settings, content])


def _named(finding: Finding, model: str, documents: int, folds: int) -> Finding:
    detail = {**finding.detail, "model": model, "folds": min(folds, documents)}
    return Finding(
        finding.kind,
        finding.subject,
        finding.score,
        finding.summary,
        finding.proposal,
        finding.occurrences,
        detail,
    )


def clitic_gap(text: str, start: int, inner: int) -> bool:
    """``text[start:inner]`` is one or two proclitic letters (و ف ب ل ك) at the head of a word."""
    return 0 < inner - start <= 2 and all(c in PROCLITICS for c in text[start:inner])


def same_extent(text: str, span: Span, model: Predicted, convention: BoundaryConvention) -> bool:
    """Whether the annotation and the model cover the same entity, the model reading whole words:
    with proclitics out, a span that leaves the proclitic out of the model's first word agrees."""
    if (span.start, span.end) == (model.start, model.end):
        return True
    return (
        span.end == model.end and convention.proclitics is Placement.OUT and clitic_gap(text, model.start, span.start)
    )


def layer_findings(
    layer: Layer,
    documents: Sequence[DocumentText],
    spans: Sequence[Sequence[Span]],
    held: Sequence[HeldOut],
    threshold: float,
    convention: BoundaryConvention,
) -> list[Finding]:
    """The findings of one layer from its held-out predictions (see the module docstring)."""
    out: list[Finding] = []
    for doc, annotated, reading in zip(documents, spans, held, strict=True):
        covered: set[Predicted] = set()
        for span in annotated:
            overlapping = [m for m in reading.spans if m.start < span.end and span.start < m.end]
            covered.update(overlapping)
            finding = _about_span(layer, doc, span, overlapping, annotated, reading, threshold, convention)
            if finding is not None:
                out.append(finding)
        for model in reading.spans:
            if model not in covered and model.probability >= threshold:
                out.append(_add(layer, doc, model))
    return out


def _about_span(
    layer: Layer,
    doc: DocumentText,
    span: Span,
    overlapping: list[Predicted],
    annotated: Sequence[Span],
    reading: HeldOut,
    threshold: float,
    convention: BoundaryConvention,
) -> Finding | None:
    text = doc.text
    if not overlapping:
        probability = _no_entity(reading, span)
        if probability is None or probability < threshold:
            return None
        fix = Fix(FixAction.REMOVE)
        summary = f"«{text[span.start : span.end]}»: {span.label}, the model sees no entity ({probability:.2f})"
        return _finding(layer, doc, span, fix, probability * REMOVE_WEIGHT, probability, summary, "remove the span")
    if len(overlapping) > 1:
        return None  # the model splits what the annotation joins: the boundary check's business
    (model,) = overlapping
    if model.probability < threshold:
        return None
    words = f"«{text[span.start : span.end]}»: {span.label}"
    if same_extent(text, span, model, convention):
        if model.label == span.label:
            return None
        fix = Fix(FixAction.RELABEL, model.label)
        summary = f"{words}, the model says {model.label} ({model.probability:.2f})"
        proposal = f"relabel {span.label} → {model.label}"
        return _finding(layer, doc, span, fix, model.probability, model.probability, summary, proposal, model)
    others = [s for s in annotated if s is not span and s.start < model.end and model.start < s.end]
    if model.label != span.label or others:
        return None  # another label *and* another extent, or two spans in one: too unsure to propose
    fix = Fix(FixAction.RESIZE, span.label, model.start, model.end)
    summary = f"{words}, the model tags «{text[model.start : model.end]}» ({model.probability:.2f})"
    proposal = f"resize to «{text[model.start : model.end]}»"
    return _finding(layer, doc, span, fix, model.probability, model.probability, summary, proposal, model)


def _no_entity(reading: HeldOut, span: Span) -> float | None:
    """The model's mean probability of ``O`` over the span's words (None if it tags any of them)."""
    inside = [
        (tag, p)
        for (start, end), tag, p in zip(reading.tokens, reading.tags, reading.confidence, strict=True)
        if start < span.end and span.start < end
    ]
    if not inside or any(tag != "O" for tag, _p in inside):
        return None
    return sum(p for _tag, p in inside) / len(inside)


def _finding(
    layer: Layer,
    doc: DocumentText,
    span: Span,
    fix: Fix,
    score: float,
    probability: float,
    summary: str,
    proposal: str,
    model: Predicted | None = None,
) -> Finding:
    occurrence = layer.occurrence(doc, span.start, span.end, span=span, fix=fix)
    detail: dict[str, object] = {"probability": round(probability, 4), "action": str(fix.action)}
    if model is not None:
        detail.update(model_label=model.label, model_start=model.start, model_end=model.end)
    subject = f"{layer.name}\x1f{doc.id}\x1f{span.start}\x1f{span.end}"
    return Finding(CheckKind.DISAGREEMENT, subject, round(score, 4), summary, proposal, (occurrence,), detail)


def _add(layer: Layer, doc: DocumentText, model: Predicted) -> Finding:
    words = doc.text[model.start : model.end]
    fix = Fix(FixAction.ADD, model.label, model.start, model.end)
    occurrence = layer.occurrence(doc, model.start, model.end, fix=fix)
    detail: dict[str, object] = {
        "probability": round(model.probability, 4),
        "action": str(FixAction.ADD),
        "model_label": model.label,
    }
    summary = f"«{words}»: untagged, the model says {model.label} ({model.probability:.2f})"
    subject = f"{layer.name}\x1f{doc.id}\x1f{model.start}\x1f{model.end}"
    return Finding(
        CheckKind.DISAGREEMENT,
        subject,
        round(model.probability, 4),
        summary,
        f"tag as {model.label}",
        (occurrence,),
        detail,
    )
