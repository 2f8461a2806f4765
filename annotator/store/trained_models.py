"""Trained recommender models, recommender settings and the spans models learn from, in the project file.

A model trained on the project (e.g. its CRF) travels with the project file rather than beside it,
so a copied project suggests the same; the spans it learns from are read here too, filtered by
blind annotation's rule of who may teach whom (:meth:`~annotator.recommenders.blind.Viewer.teaches`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from annotator.store.changes import Change, ChangeKind
from annotator.store.rows import now
from annotator.store.suggestion_host import SuggestionHost

_SETTINGS_KEY = "recommenders"


class TrainedModels:
    """The recommender models, settings and training spans of one open project."""

    def __init__(self, host: SuggestionHost) -> None:
        self._host = host

    def save_model(self, name: str, data: bytes, info: dict[str, Any]) -> Change:
        """Keep a trained model (e.g. the project's CRF) inside the project file; the Change (kind
        MODEL_SAVED, naming it in ``models_saved``) tells views that offer the model to look again."""
        with self._host.database.atomic():
            self._host.database.conn.execute(
                "INSERT INTO recommender_models (name, data, info, created_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (name) DO UPDATE SET data = excluded.data, info = excluded.info, "
                "created_at = excluded.created_at",
                (name, data, json.dumps(info, ensure_ascii=False), now()),
            )
        return self._host.deliver(Change(ChangeKind.MODEL_SAVED, models_saved=(name,)))

    def load_model(self, name: str) -> tuple[bytes, dict[str, Any]] | None:
        """The model saved as ``name`` and its info, or None when none was saved."""
        row = self._host.database.conn.execute(
            "SELECT data, info FROM recommender_models WHERE name = ?", (name,)
        ).fetchone()
        return (bytes(row[0]), json.loads(row[1])) if row else None

    def recommender_settings(self) -> dict[str, Any]:
        """The project's recommender settings (label mappings, threshold), stored as JSON."""
        row = self._host.database.conn.execute("SELECT value FROM meta WHERE key = ?", (_SETTINGS_KEY,)).fetchone()
        return json.loads(row[0]) if row else {}

    def set_recommender_settings(self, settings: dict[str, Any]) -> None:
        with self._host.database.atomic():
            self._host.database.conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (_SETTINGS_KEY, json.dumps(settings, ensure_ascii=False, sort_keys=True)),
            )

    def has_annotations(self) -> bool:
        """Whether any span exists: without one there is nothing to learn from."""
        return self._host.database.conn.execute("SELECT 1 FROM spans LIMIT 1").fetchone() is not None

    def tagged_texts(self, teaches: Callable[[str, str], bool] | None = None) -> Iterator[tuple[str, str]]:
        """``(text, label)`` of the spans string matching learns from: those of the layers
        ``teaches(document_id, annotator_id)`` allows (:meth:`~annotator.recommenders.blind.Viewer.teaches`),
        or every span of the project."""
        yield from ((text, label) for _doc, _who, text, label in self.tagged_spans(teaches))

    def tagged_spans(self, teaches: Callable[[str, str], bool] | None = None) -> Iterator[tuple[str, str, str, str]]:
        """``(document id, annotator id, text, label)`` of the spans in the layers ``teaches`` allows:
        what :meth:`tagged_texts` gives, with where each came from (blindness is decided per document)."""
        rows = self._host.database.conn.execute(
            'SELECT s.document_id, s.annotator_id, substr(d.text, s.start + 1, s."end" - s.start), s.label '
            "FROM spans s JOIN documents d ON d.id = s.document_id"
        )
        yield from (tuple(row) for row in rows if teaches is None or teaches(row[0], row[1]))
