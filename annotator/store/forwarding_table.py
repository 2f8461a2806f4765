"""The project methods answered by a repository (reads, suggestions), each handed over in one line.

:class:`~annotator.store.project.Project` inherits this table of hand-overs and nothing else: no
state, no private members. Each entry is :func:`~annotator.store.forwarding.forward` of a
repository method, so ``help(project.spans)`` shows the repository's signature and docstring.
The repositories are the project's public attributes (``database``, ``roster``, ``reads``,
``suggestion_store``, ``dismissals``, ``activity``), set when it opens.
"""

from __future__ import annotations

from annotator.store.activity import Activity
from annotator.store.connection import Database
from annotator.store.dismissals import Dismissals
from annotator.store.forwarding import forward
from annotator.store.queries import Reads
from annotator.store.roster import Roster
from annotator.store.suggestions import SuggestionDecisions, SuggestionRuns, TrainedModels


class RepositoryMethods:
    """Reads and suggestion operations of a project, by the repository that implements each."""

    snapshot = forward(Database.snapshot, "database")
    data_version = forward(Database.data_version, "database")
    grant = forward(Database.grant, "database")

    # -- reads, each answered by the repository that holds the concern --------------------------

    annotators = forward(Roster.all, "roster")
    get_annotator = forward(Roster.get, "roster")
    document = forward(Reads.document, "reads")
    documents = forward(Reads.documents, "reads")
    document_count = forward(Reads.document_count, "reads")
    document_info = forward(Reads.document_info, "reads")
    document_by_sha256 = forward(Reads.document_by_sha256, "reads")
    resolve_documents = forward(Reads.resolve_documents, "reads")
    tokens = forward(Reads.tokens, "reads")
    sentences = forward(Reads.sentences, "reads")
    token_offsets = forward(Reads.token_offsets, "reads")
    sentence_token_ranges = forward(Reads.sentence_token_ranges, "reads")
    document_summaries = forward(Reads.document_summaries, "reads")
    span = forward(Reads.span, "reads")
    spans = forward(Reads.spans, "reads")
    relation = forward(Reads.relation, "reads")
    relations = forward(Reads.relations, "reads")
    spans_by_document = forward(Reads.spans_by_document, "reads")
    status = forward(Reads.status, "reads")
    statuses = forward(Reads.statuses, "reads")
    document_work = forward(Reads.document_work, "reads")
    stats = forward(Reads.stats, "reads")

    # -- consistency review: findings dismissed ------------------------------------------------------

    dismissed_findings = forward(Dismissals.keys, "dismissals")
    dismissals_list = forward(Dismissals.all, "dismissals")

    # -- activity: events for time and throughput (issue 16) ---------------------------------------

    record_activity = forward(Activity.record, "activity")
    activity_events = forward(Activity.events, "activity")

    # -- suggestions: runs and listings, decisions, trained models ----------------------------------

    store_predictions = forward(SuggestionRuns.store_predictions, "suggestion_store.runs")
    suggestions = forward(SuggestionRuns.suggestions, "suggestion_store.runs")
    suggestion = forward(SuggestionRuns.suggestion, "suggestion_store.runs")
    identical_suggestions = forward(SuggestionRuns.identical_suggestions, "suggestion_store.runs")
    decisions = forward(SuggestionRuns.decisions, "suggestion_store.runs")
    document_uncertainty = forward(SuggestionRuns.document_uncertainty, "suggestion_store.runs")
    documents_by_uncertainty = forward(SuggestionRuns.documents_by_uncertainty, "suggestion_store.runs")
    recommender_input = forward(SuggestionRuns.recommender_input, "suggestion_store.runs")
    accept_suggestion = forward(SuggestionDecisions.accept_suggestion, "suggestion_store.decisions")
    reject_suggestion = forward(SuggestionDecisions.reject_suggestion, "suggestion_store.decisions")
    accept_suggestions = forward(SuggestionDecisions.accept_suggestions, "suggestion_store.decisions")
    reject_suggestions = forward(SuggestionDecisions.reject_suggestions, "suggestion_store.decisions")
    accept_label = forward(SuggestionDecisions.accept_label, "suggestion_store.decisions")
    accept_above = forward(SuggestionDecisions.accept_above, "suggestion_store.decisions")
    accept_as = forward(SuggestionDecisions.accept_as, "suggestion_store.decisions")
    reject_identical = forward(SuggestionDecisions.reject_identical, "suggestion_store.decisions")
    save_model = forward(TrainedModels.save_model, "suggestion_store.models")
    load_model = forward(TrainedModels.load_model, "suggestion_store.models")
    recommender_settings = forward(TrainedModels.recommender_settings, "suggestion_store.models")
    set_recommender_settings = forward(TrainedModels.set_recommender_settings, "suggestion_store.models")
    has_annotations = forward(TrainedModels.has_annotations, "suggestion_store.models")
    tagged_texts = forward(TrainedModels.tagged_texts, "suggestion_store.models")
    tagged_spans = forward(TrainedModels.tagged_spans, "suggestion_store.models")
