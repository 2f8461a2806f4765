"""Sessions: what a person is doing right now with a project, without Qt.

Each holds a position and a selection over the store and turns a key or a click into one of the
store's operations (one transaction, one undo step), returning its :class:`~annotator.store.Change`:

- :mod:`.annotating`: the annotator's window (open document, selected span or relation, tagging);
- :mod:`.suggestions`: the cursor over pending suggestions (N, P, Enter, Backspace, Shift+Enter);
- :mod:`.curation`: settling several annotators' work into the gold layer, one disagreement at a time
  (its queue is built by :mod:`.disagreements`).

All three follow the store the same way, through one protocol (:class:`.follow.Follower`): their
owner hands them every committed change, and none of them polls the store.

They sit above the store, the recommenders and the other core services and below the CLI and the
``ui`` layer, which only adapts them to widgets (import-linter contracts in pyproject.toml).
"""
