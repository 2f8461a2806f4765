"""Suggestions in the project file: stored apart from annotations, decided per annotator.

Three repositories share the work, each holding the project it serves through the typed
:class:`~annotator.store.suggestion_host.SuggestionHost` (its public repositories and change
delivery):

- :class:`~annotator.store.suggestion_runs.SuggestionRuns`: recommender runs and what each annotator
  may see of them (blind annotation, merged sources, the hiding rule :func:`covers`, uncertainty);
- :class:`~annotator.store.suggestion_decisions.SuggestionDecisions`: accept and reject, each one
  action in the annotator's log;
- :class:`~annotator.store.trained_models.TrainedModels`: trained models, recommender settings and
  the spans models learn from.

:class:`Suggestions` composes them for one project; the project forwards its suggestion methods to
them (:func:`~annotator.store.forwarding.forward`), so callers keep asking the project. The names
callers import (:class:`StoredSuggestion`, :data:`Key`, :func:`covers`, :func:`coverage`) stay
importable from here.
"""

from __future__ import annotations

from annotator.store.suggestion_decisions import SuggestionDecisions
from annotator.store.suggestion_host import SuggestionHost
from annotator.store.suggestion_runs import Key, StoredSuggestion, SuggestionRuns, coverage, covers
from annotator.store.trained_models import TrainedModels


class Suggestions:
    """The suggestion repositories of one open project, wired to it."""

    def __init__(self, host: SuggestionHost) -> None:
        self.runs = SuggestionRuns(host)
        self.decisions = SuggestionDecisions(host, self.runs)
        self.models = TrainedModels(host)


__all__ = [
    "Key",
    "StoredSuggestion",
    "SuggestionDecisions",
    "SuggestionRuns",
    "Suggestions",
    "TrainedModels",
    "coverage",
    "covers",
]
