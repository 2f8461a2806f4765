"""The one way a session learns what the store did: it is handed each committed change.

Sessions keep listings between keys (the suggestion cursor's pending list, a curation's queue,
the annotating session's selection) instead of reading the store on every key. They never ask
the store whether something changed (no polling of ``data_version``): whoever owns a session
passes it every :class:`~annotator.store.Change` the project delivers (``Project.subscribe``),
writes by this program's workers and by other programs included (those arrive as one *external*
change from :class:`~annotator.store.watcher.StoreWatcher`). Following only marks or updates what
the session keeps; it reads nothing, so it is safe in the middle of the session's own step.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from annotator.store.changes import Change


@runtime_checkable
class Follower(Protocol):
    """A session that follows the change bus."""

    def follow(self, change: Change) -> bool:
        """Take in one committed change; True when what the session shows may have changed."""
        ...
