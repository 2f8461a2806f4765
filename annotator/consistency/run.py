"""Run the consistency checks over one layer of a project (an annotator's, gold) or everyone's.

Each layer is read once (:mod:`annotator.consistency.layer`) and handed to every check asked for;
with no layer named, every annotator's layer (gold included) is checked on its own, so a finding
is always about one layer and its key is the same whether that layer was checked alone or with
everyone's. Model disagreement is slow (k-fold training), so it runs only when asked for by name.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable

from annotator.collector import collector_paused
from annotator.consistency.boundary import boundary_findings
from annotator.consistency.drift import drift_findings
from annotator.consistency.findings import CheckKind, Finding
from annotator.consistency.layer import Corpus, Layer, layer_names
from annotator.consistency.missed import missed_findings
from annotator.consistency.variation import variation_findings
from annotator.recommenders.base import Cancelled, Progress
from annotator.store import Project

Check = Callable[[Layer], list[Finding]]

# The checks that read only the annotation, in the order they run (cheap first).
CHECKS: dict[CheckKind, Check] = {
    CheckKind.DRIFT: drift_findings,
    CheckKind.VARIATION: variation_findings,
    CheckKind.BOUNDARY: boundary_findings,
    CheckKind.MISSED: missed_findings,
}
DEFAULT_KINDS = frozenset(CHECKS)  # everything but the model disagreement


def run_checks(
    project: Project,
    layer: str | None = None,
    kinds: Iterable[CheckKind] | None = None,
    *,
    dismissed: Collection[str] = (),
    cancelled: Cancelled | None = None,
    progress: Progress | None = None,
) -> list[Finding]:
    """The findings of ``kinds`` (default: every check but model disagreement) over ``layer`` (an
    annotator's name, ``annotator.model.GOLD``, or None for everyone's), highest score first,
    without those whose key is in ``dismissed``. An unknown annotator name is an error; a project
    with no gold layer yet has no gold findings. ``cancelled`` and ``progress`` reach the model
    check (minutes on a large corpus; a cancel raises ``TrainingCancelled``)."""
    wanted = DEFAULT_KINDS if kinds is None else frozenset(CheckKind(k) for k in kinds)
    skip = frozenset(dismissed)
    findings: list[Finding] = []
    with project.snapshot(), collector_paused():
        corpus = Corpus(project)
        for name in layer_names(project, layer):
            data = Layer.read(corpus, name)
            for kind, check in CHECKS.items():
                if kind in wanted:
                    findings.extend(check(data))
    if CheckKind.DISAGREEMENT in wanted:
        from annotator.consistency.disagreement import disagreements  # the model: imported only when asked

        findings.extend(disagreements(project, layer, cancelled=cancelled, progress=progress))
    kept = [f for f in findings if f.key not in skip]
    kept.sort(key=lambda f: (-f.score, str(f.kind), f.subject))
    return kept
