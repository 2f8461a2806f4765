"""The project store (SQLite via sqlite-utils): the only package that talks to the database."""

from annotator.store.changes import NO_CHANGE, Change, ChangeKind, StatusChange
from annotator.store.project import Project
from annotator.store.queries import DocumentSummary

__all__ = ["NO_CHANGE", "Change", "ChangeKind", "DocumentSummary", "Project", "StatusChange"]
