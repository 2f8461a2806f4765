"""Change records: what one operation changed, so a view refreshes only that.

Every mutation of :class:`~annotator.store.Project` (and undo/redo) returns a
:class:`Change`; subscribers receive the same record after the transaction commits.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from annotator.model import DocStatus, Relation, Span


class ChangeKind(enum.StrEnum):
    """What kind of operation a :class:`Change` reports.

    The values are the text stored in ``actions.kind`` of the action log, so they never change:
    project files written by earlier versions must still undo. A StrEnum equals its text, so the
    log keeps its format. A logged kind may carry a detail after a colon (``curate_take:alice``):
    :meth:`from_log` reads the kind before it.
    """

    NONE = "none"
    SET_SCHEMA = "set_schema"
    ADD_ANNOTATOR = "add_annotator"
    ADD_DOCUMENTS = "add_documents"  # an import
    MERGE = "merge"
    MODEL_SAVED = "model_saved"
    SUGGEST = "suggest"  # a recommender run stored suggestions
    EXTERNAL = "external"  # another program wrote (:mod:`annotator.store.watcher`); never logged
    # actions in an annotator's log (undoable)
    ADD_SPAN = "add_span"
    ADD_SPANS = "add_spans"
    REMOVE_SPAN = "remove_span"
    RELABEL_SPAN = "relabel_span"
    RESIZE_SPAN = "resize_span"
    ADD_RELATION = "add_relation"
    REMOVE_RELATION = "remove_relation"
    SET_STATUS = "set_status"
    ACCEPT_SUGGESTION = "accept_suggestion"
    ACCEPT_SUGGESTIONS = "accept_suggestions"
    ACCEPT_SUGGESTION_AS = "accept_suggestion_as"
    ACCEPT_LABEL = "accept_label"
    ACCEPT_ABOVE = "accept_above"
    REJECT_SUGGESTION = "reject_suggestion"
    REJECT_SUGGESTIONS = "reject_suggestions"
    REJECT_IDENTICAL = "reject_identical"
    CURATE_ACCEPT_AGREED = "curate_accept_agreed"
    CURATE_TAKE = "curate_take"  # logged as ``curate_take:<source annotator>``
    CURATE_REJECT = "curate_reject"
    CURATE_EDIT = "curate_edit"
    FIX_FINDING = "fix_finding"  # a consistency finding's fixes, over one or many documents (issue 15)
    DISMISS_FINDING = "dismiss_finding"  # a consistency finding remembered as not an error

    def logged(self, detail: str = "") -> str:
        """The text written to ``actions.kind``: the value, and ``:detail`` when there is one."""
        return f"{self.value}:{detail}" if detail else self.value

    @classmethod
    def from_log(cls, text: str) -> ChangeKind:
        """The kind of a logged action (``curate_take:alice`` is :attr:`CURATE_TAKE`)."""
        return cls(text.split(":", 1)[0])


ACCEPT_KINDS = frozenset(
    {
        ChangeKind.ACCEPT_SUGGESTION,
        ChangeKind.ACCEPT_SUGGESTIONS,
        ChangeKind.ACCEPT_SUGGESTION_AS,
        ChangeKind.ACCEPT_LABEL,
        ChangeKind.ACCEPT_ABOVE,
    }
)


@dataclass(frozen=True, slots=True)
class StatusChange:
    document_id: str
    annotator_id: str
    status: DocStatus


@dataclass(frozen=True)
class Change:
    """What one operation changed, for views to follow without reading the store again.

    ``annotator_id`` is the annotator whose log holds the action (None for a merge, an import
    without annotations, a schema change); a view showing one annotator asks :attr:`annotator_ids`
    instead, which names the annotator of every item, so a merge that brings that annotator's work
    reaches it. ``initiator`` says who asked for the operation: an annotator's name, ``"import"``,
    ``"merge"``, ``"recommender:<source>"``, ``"worker:<name>"``, or None when unknown.
    Undo and redo keep the kind of the action they replay, with ``undone`` or ``redone`` set.
    """

    kind: ChangeKind
    annotator_id: str | None = None
    spans_added: tuple[Span, ...] = ()
    spans_removed: tuple[Span, ...] = ()
    spans_updated: tuple[Span, ...] = ()
    relations_added: tuple[Relation, ...] = ()
    relations_removed: tuple[Relation, ...] = ()
    statuses: tuple[StatusChange, ...] = ()
    documents_added: tuple[str, ...] = ()
    documents_removed: tuple[str, ...] = ()  # undoing an import: these documents are gone
    annotators_added: tuple[str, ...] = ()  # ids of annotators new to the project
    models_saved: tuple[str, ...] = ()  # names of trained models stored in the project
    schema_changed: bool = False
    suggestions: tuple[str, ...] = ()  # documents whose suggestions (or decisions on them) changed
    action_id: str | None = None
    undone: bool = field(default=False)  # True when this change reverses an action (undo)
    redone: bool = False  # True when this change applies an undone action again (redo)
    initiator: str | None = None
    external: bool = False  # committed by another program: what changed is unknown, followers read again
    findings_dismissed: tuple[str, ...] = ()  # keys of consistency findings dismissed (or, on undo, restored)

    @property
    def empty(self) -> bool:
        return not (
            self.external
            or self.spans_added
            or self.spans_removed
            or self.spans_updated
            or self.relations_added
            or self.relations_removed
            or self.statuses
            or self.documents_added
            or self.documents_removed
            or self.annotators_added
            or self.models_saved
            or self.schema_changed
            or self.suggestions
            or self.findings_dismissed
        )

    @property
    def document_ids(self) -> frozenset[str]:
        ids = {s.document_id for s in (*self.spans_added, *self.spans_removed, *self.spans_updated)}
        ids |= {r.document_id for r in (*self.relations_added, *self.relations_removed)}
        ids |= {s.document_id for s in self.statuses}
        ids |= set(self.documents_added)
        ids |= set(self.suggestions)
        return frozenset(ids)

    @property
    def annotator_ids(self) -> frozenset[str]:
        """The annotators whose work this change touched: of every span, relation and status, plus
        the one whose action it is. A merge or an import names several; a schema change none."""
        items = (*self.spans_added, *self.spans_removed, *self.spans_updated, *self.relations_added)
        ids = {item.annotator_id for item in (*items, *self.relations_removed, *self.statuses)}
        if self.annotator_id is not None:
            ids.add(self.annotator_id)
        return frozenset(ids)

    @property
    def replayed(self) -> bool:
        """An undo or a redo: the action may lie in a document other than the one on screen."""
        return self.undone or self.redone


NO_CHANGE = Change(ChangeKind.NONE)


def external_change() -> Change:
    """The change another program made, as the store's watcher reports it: it names nothing, so
    whoever keeps a listing of the project marks it stale (a view reads what it shows again)."""
    return Change(ChangeKind.EXTERNAL, external=True, initiator="external")
