"""What the suggestion repositories use of the project store, named as a type.

The suggestion runs, decisions and trained models (:mod:`annotator.store.suggestion_runs`,
:mod:`annotator.store.suggestion_decisions`, :mod:`annotator.store.trained_models`) are objects
holding the :class:`~annotator.store.project.Project` they serve. They use only its public
repositories listed here (the database door, the roster, the span rules, the action log and the
reads), so what they depend on is checked where it is declared, and they need not import the
project module (the store's layers forbid that).
"""

from __future__ import annotations

from typing import Protocol

from annotator.schema import LabelSchema
from annotator.store.changes import Change
from annotator.store.connection import Database
from annotator.store.history import History
from annotator.store.queries import Reads
from annotator.store.roster import Roster
from annotator.store.span_rules import SpanRules


class SuggestionHost(Protocol):
    """The project's repositories and change delivery, as suggestions use them."""

    database: Database
    roster: Roster
    rules: SpanRules
    history: History
    reads: Reads

    @property
    def schema(self) -> LabelSchema: ...

    def deliver(self, change: Change) -> Change: ...
