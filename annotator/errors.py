"""Errors a user can act on. The CLI prints them as one line; the window shows them in a dialog."""

from __future__ import annotations

from os import PathLike


class HashiyaError(Exception):
    """A problem with the user's input or files, not a bug: reported without a traceback."""


class InputError(HashiyaError):
    """Bad input file: the message names the file and, where known, the line (1-based)."""

    def __init__(self, path: str | PathLike[str], message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.reason = message
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")


class SchemaError(HashiyaError):
    """A label schema that cannot be used; the message says exactly which entry is wrong."""


class ProjectError(HashiyaError):
    """A project file that cannot be opened or written (not SQLite, damaged, too new, locked)."""


class NotFoundError(HashiyaError):
    """A document, span, relation or annotator that the project does not hold."""
