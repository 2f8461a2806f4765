"""What the suggestion repositories borrow from the project store, named as a type.

The suggestion runs, decisions and trained models (:mod:`annotator.store.suggestion_runs`,
:mod:`annotator.store.suggestion_decisions`, :mod:`annotator.store.trained_models`) are objects
holding the :class:`~annotator.store.project.Project` they serve. They may use only what this
protocol lists, so what they depend on is checked where it is declared, not by convention, and
they need not import the project module (the store's layers forbid that).
"""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from typing import Any, Protocol

from annotator.model import Document, DocumentInfo
from annotator.schema import LabelSchema
from annotator.store.changes import Change, ChangeKind
from annotator.store.ops import Op


class SuggestionHost(Protocol):
    """The project's connection, transaction, change delivery and span rules, as suggestions use them."""

    _conn: sqlite3.Connection

    @property
    def schema(self) -> LabelSchema: ...

    def transaction(self) -> AbstractContextManager[None]: ...

    def _notify(self, change: Change) -> Change: ...

    def _record(
        self,
        kind: ChangeKind,
        annotator_id: str,
        document_id: str | None,
        ops: list[Op],
        *,
        detail: str = "",
        apply: bool = True,
    ) -> Change: ...

    def _annotator_id(self, annotator: Any, *, create: bool = False) -> str: ...

    def _document_length(self, document_id: str) -> int: ...

    def _check_span(self, start: int, end: int, label: str, length: int) -> None: ...

    def _span_exists(self, document_id: str, annotator_id: str, start: int, end: int, label: str) -> bool: ...

    def _start_work_ops(self, document_id: str, annotator_id: str) -> list[Op]: ...

    def document(self, document_id: str) -> Document: ...

    def documents(self) -> list[DocumentInfo]: ...
