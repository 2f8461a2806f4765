"""Hand a public method of the project to the repository that implements it, signature and all.

:class:`~annotator.store.project.Project` is the one door callers use (``project.spans(...)``),
while the work is done by repositories composed by concern (:mod:`annotator.store.queries`,
:mod:`~annotator.store.roster`, the suggestion repositories). ``forward`` declares each hand-over
in one line, keeping the repository's docstring and signature for ``help()`` and editors, instead
of mixins that share the project's private state by convention.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


def forward(method: F, path: str) -> F:
    """A method calling ``method`` on the object at attribute ``path`` (dotted) of ``self``.

    The call is looked up on that object, not bound to ``method``'s class: a repository's subclass
    (the server project's :class:`~annotator.store.postgres.database.PostgresDatabase`) answers with
    its own version."""
    bound = attrgetter(f"{path}.{method.__name__}")

    @functools.wraps(method)
    def call(self: Any, *args: Any, **kwargs: Any) -> Any:
        return bound(self)(*args, **kwargs)

    return call  # type: ignore[return-value]
