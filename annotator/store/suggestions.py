"""Suggestions in the project file: stored apart from annotations, decided per annotator.

Three repositories share the work, each holding the project it serves through the typed
:class:`~annotator.store.suggestion_host.SuggestionHost` (connection, transaction, change delivery):

- :class:`~annotator.store.suggestion_runs.SuggestionRuns`: recommender runs and what each annotator
  may see of them (blind annotation, merged sources, the hiding rule :func:`covers`, uncertainty);
- :class:`~annotator.store.suggestion_decisions.SuggestionDecisions`: accept and reject, each one
  action in the annotator's log;
- :class:`~annotator.store.trained_models.TrainedModels`: trained models, recommender settings and
  the spans models learn from.

:class:`Suggestions` composes them for one project; :class:`SuggestionMethods` gives
:class:`~annotator.store.project.Project` its suggestion methods as one-line hand-overs, so callers
keep asking the project. The names callers import (:class:`StoredSuggestion`, :data:`Key`,
:func:`covers`, :func:`coverage`) stay importable from here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from annotator.model import DocumentInfo
from annotator.predictions import DocumentInput, Prediction
from annotator.store.changes import Change
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


class SuggestionMethods:
    """The project's suggestion methods, each handed to a repository of ``_suggestion_repo`` (which the
    project sets when it opens); documented where they are implemented."""

    _suggestion_repo: Suggestions

    # -- runs and reads (SuggestionRuns) ------------------------------------------------------------

    def store_predictions(self, source: str, predictions: Iterable[Prediction], *, lift_for: Any = None) -> Change:
        return self._suggestion_repo.runs.store_predictions(source, predictions, lift_for=lift_for)

    def suggestions(
        self,
        document_id: str,
        annotator: Any = None,
        *,
        include_decided: bool = False,
        label: str | None = None,
        min_score: float = 0.0,
    ) -> list[StoredSuggestion]:
        return self._suggestion_repo.runs.suggestions(
            document_id, annotator, include_decided=include_decided, label=label, min_score=min_score
        )

    def suggestion(self, suggestion_id: str, annotator: Any = None) -> StoredSuggestion:
        return self._suggestion_repo.runs.suggestion(suggestion_id, annotator)

    def identical_suggestions(
        self, suggestion_id: str, annotator: Any, *, project_wide: bool = False
    ) -> list[StoredSuggestion]:
        return self._suggestion_repo.runs.identical_suggestions(suggestion_id, annotator, project_wide=project_wide)

    def decisions(self, document_id: str, annotator: Any) -> dict[Key, str]:
        return self._suggestion_repo.runs.decisions(document_id, annotator)

    def document_uncertainty(self, source: str | None = None, annotator: Any = None) -> dict[str, float]:
        return self._suggestion_repo.runs.document_uncertainty(source, annotator)

    def documents_by_uncertainty(
        self, source: str | None = None, annotator: Any = None
    ) -> list[tuple[DocumentInfo, float | None]]:
        return self._suggestion_repo.runs.documents_by_uncertainty(source, annotator)

    def recommender_input(self, document_id: str) -> DocumentInput:
        return self._suggestion_repo.runs.recommender_input(document_id)

    # -- decisions (SuggestionDecisions) ------------------------------------------------------------

    def accept_suggestion(self, suggestion_id: str, annotator: Any) -> Change:
        return self._suggestion_repo.decisions.accept_suggestion(suggestion_id, annotator)

    def reject_suggestion(self, suggestion_id: str, annotator: Any) -> Change:
        return self._suggestion_repo.decisions.reject_suggestion(suggestion_id, annotator)

    def accept_suggestions(self, suggestion_ids: Sequence[str], annotator: Any) -> Change:
        return self._suggestion_repo.decisions.accept_suggestions(suggestion_ids, annotator)

    def reject_suggestions(self, suggestion_ids: Sequence[str], annotator: Any) -> Change:
        return self._suggestion_repo.decisions.reject_suggestions(suggestion_ids, annotator)

    def accept_label(self, document_id: str, annotator: Any, label: str) -> Change:
        return self._suggestion_repo.decisions.accept_label(document_id, annotator, label)

    def accept_above(self, document_id: str, annotator: Any, threshold: float) -> Change:
        return self._suggestion_repo.decisions.accept_above(document_id, annotator, threshold)

    def accept_as(self, suggestion_id: str, annotator: Any, label: str) -> Change:
        return self._suggestion_repo.decisions.accept_as(suggestion_id, annotator, label)

    def reject_identical(self, suggestion_id: str, annotator: Any, *, project_wide: bool = False) -> Change:
        return self._suggestion_repo.decisions.reject_identical(suggestion_id, annotator, project_wide=project_wide)

    # -- trained models, settings, training spans (TrainedModels) ------------------------------------

    def save_model(self, name: str, data: bytes, info: dict[str, Any]) -> Change:
        return self._suggestion_repo.models.save_model(name, data, info)

    def load_model(self, name: str) -> tuple[bytes, dict[str, Any]] | None:
        return self._suggestion_repo.models.load_model(name)

    def recommender_settings(self) -> dict[str, Any]:
        return self._suggestion_repo.models.recommender_settings()

    def set_recommender_settings(self, settings: dict[str, Any]) -> None:
        self._suggestion_repo.models.set_recommender_settings(settings)

    def has_annotations(self) -> bool:
        return self._suggestion_repo.models.has_annotations()

    def tagged_texts(self, teaches: Callable[[str, str], bool] | None = None) -> Iterator[tuple[str, str]]:
        return self._suggestion_repo.models.tagged_texts(teaches)

    def tagged_spans(self, teaches: Callable[[str, str], bool] | None = None) -> Iterator[tuple[str, str, str, str]]:
        return self._suggestion_repo.models.tagged_spans(teaches)


__all__ = [
    "Key",
    "StoredSuggestion",
    "SuggestionMethods",
    "Suggestions",
    "coverage",
    "covers",
]
