"""What a load client writes down: its journal file, and the effects of an action as the verifier folds them.

An action's effects come from the :class:`~annotator.store.Change` it returned or, for an attempt
that committed but never returned (its reply was lost), from the ops the action log holds; both give
the same record, so the verifier folds every journal entry alike.
"""

from __future__ import annotations

import json
import os
from typing import Any


class Journal:
    """Appends one JSON line per record with a single write."""

    def __init__(self, path: str) -> None:
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def write(self, record: dict[str, Any]) -> None:
        os.write(self._fd, (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))


def change_effects(change: Any) -> dict[str, list[Any]]:
    """What a returned :class:`~annotator.store.Change` did to the layer, as the verifier folds it."""
    return {
        "added": [[s.id, s.document_id, s.start, s.end, s.label] for s in change.spans_added],
        "removed": [s.id for s in change.spans_removed],
        "updated": [[s.id, {"start": s.start, "end": s.end, "label": s.label}] for s in change.spans_updated],
        "statuses": [[s.document_id, str(s.status)] for s in change.statuses],
    }


def ops_effects(ops: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """The same record from logged ops (already inverted for an undo): for an attempt that committed
    but never returned."""
    out: dict[str, list[Any]] = {"added": [], "removed": [], "updated": [], "statuses": []}
    for op in ops:
        kind = op["op"]
        if kind == "insert_span":
            row = op["row"]
            out["added"].append([row["id"], row["document_id"], row["start"], row["end"], row["label"]])
        elif kind == "delete_span":
            out["removed"].append(op["row"]["id"])
        elif kind == "update_span":
            out["updated"].append([op["id"], dict(op["after"])])
        elif kind == "set_status":
            out["statuses"].append([op["document_id"], op["after"]])
    return out
