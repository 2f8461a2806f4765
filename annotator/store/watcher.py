"""The one place that notices writes by other programs and puts them on the change bus.

Every write made through a :class:`~annotator.store.Project` reaches its subscribers as a
:class:`~annotator.store.Change`. A write made through another connection does not: another
program (a second window, ``hashiya`` on the command line) or a worker thread of this one. SQLite
says when that happened: ``PRAGMA data_version`` (the second half of ``Project.data_version()``)
moves when another connection commits, never for this connection's own writes. The watcher
compares it on each :meth:`StoreWatcher.check` and, when it moved, delivers one *external*
change (:func:`~annotator.store.changes.external_change`) through ``project.deliver``, so the
sessions and views that keep listings mark them stale the way they follow any change, and none of
them polls the store on its own.

What drives the checks is not the store's business: the window uses one timer
(``ui/store_watch.py``), a test calls :meth:`check` itself.

A worker of this program that commits through its own connection (an import, a merge) hands its
complete :class:`Change` back to be delivered; while it runs, the watcher is held
(:meth:`hold`/:meth:`release`) so that the same commit is not also reported as external before
that complete change arrives (a view would count the merged spans twice: once by reading again,
once from the change). On release it takes the version as seen; a write of another program that
landed during our own worker's commit is then reported with the next external write, not at once.
"""

from __future__ import annotations

from typing import Protocol

from annotator.store.changes import NO_CHANGE, Change, external_change


class Watched(Protocol):
    """What the watcher needs of a project (``Project`` has it)."""

    def data_version(self) -> tuple[int, int]: ...

    def deliver(self, change: Change) -> Change: ...


class StoreWatcher:
    """Turns commits by other connections into one external :class:`Change` per check."""

    def __init__(self, project: Watched) -> None:
        self.project = project
        self._seen = self._version()
        self._holds = 0

    def _version(self) -> int:
        """Commits by other connections only (this connection's writes reach subscribers already)."""
        return self.project.data_version()[1]

    @property
    def held(self) -> bool:
        return self._holds > 0

    def check(self) -> Change:
        """Deliver an external change if another connection committed since the last check."""
        if self._holds:
            return NO_CHANGE
        version = self._version()
        if version == self._seen:
            return NO_CHANGE
        self._seen = version
        return self.project.deliver(external_change())

    def hold(self) -> None:
        """A worker of ours is about to commit through its own connection: do not report it."""
        self._holds += 1

    def release(self) -> None:
        """The worker's commit is over (its own change is delivered by whoever ran it): take the
        current version as seen."""
        self._holds = max(0, self._holds - 1)
        if not self._holds:
            self._seen = self._version()
