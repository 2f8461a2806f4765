"""camel-tools NER as a recommender, on the user's installed model.

The model folder is the one chosen in the settings, or camel-tools' own
(``$CAMELTOOLS_DATA/data/ner/arabert``, installed by ``camel_data -i ner-arabert``).
:meth:`CamelNER.availability` checks the files without importing anything heavy; :meth:`load`
imports camel-tools (torch, transformers) and reads the model, and belongs in a worker thread.
It builds a real ``camel_tools.ner.NERecognizer`` on that folder and runs its model through
:class:`~annotator.recommenders.camel_batch.BatchedTagger` (batched, and no label shifts).

Tested with camel-tools 1.6.0 and transformers 5.x: ``NERecognizer`` loads a local
``BertForTokenClassification`` folder (config, vocab, safetensors or bin weights) unchanged.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from annotator.errors import HashiyaError
from annotator.recommenders.base import Availability, DocumentInput, Prediction, Progress, Recommender, Suggestion
from annotator.recommenders.camel_status import camel_model_status
from annotator.recommenders.labels import CAMEL_LABELS, LabelMap
from annotator.tagging import tags_to_spans

# Enough for camel_tools.data to import without downloading (its catalogue is never used here:
# the model is loaded from an explicit folder).
_OFFLINE_CATALOGUE = {
    "version": "1.6",
    "packages": {},
    "components": {"NamedEntityRecognition": {"default": "arabert", "datasets": {"arabert": {"path": "ner/arabert"}}}},
}
_IMPORT_LOCK = threading.Lock()


def import_recognizer() -> Any:
    """``camel_tools.ner.NERecognizer``, imported without letting camel-tools go online.

    If camel-tools' data folder has no ``catalogue.json`` (a model folder chosen in the settings,
    no ``camel_data`` ever run), ``CAMELTOOLS_DATA`` points at a private offline catalogue for
    the moment of the import; camel-tools reads it only then.
    """
    with _IMPORT_LOCK:
        if "camel_tools.ner" not in sys.modules and "camel_tools.data" not in sys.modules:
            from annotator.recommenders.camel_status import camel_data_dir

            if not (camel_data_dir() / "catalogue.json").is_file():
                folder = Path(tempfile.mkdtemp(prefix="hashiya-camel-"))
                (folder / "catalogue.json").write_text(json.dumps(_OFFLINE_CATALOGUE), encoding="utf-8")
                previous = os.environ.get("CAMELTOOLS_DATA")
                os.environ["CAMELTOOLS_DATA"] = str(folder)
                try:
                    import camel_tools.data  # noqa: F401  (reads CAMELTOOLS_DATA and the catalogue, now)
                finally:
                    if previous is None:
                        os.environ.pop("CAMELTOOLS_DATA", None)
                    else:
                        os.environ["CAMELTOOLS_DATA"] = previous
                    shutil.rmtree(folder, ignore_errors=True)  # read once at import; not needed again
        from camel_tools.ner import NERecognizer

        return NERecognizer


class CamelNER(Recommender):
    name = "camel"
    title = "camel-tools NER"

    def __init__(
        self,
        schema_labels: Iterable[str],
        model_dir: str | Path | None = None,
        label_map: LabelMap | None = None,
        batch_size: int = 32,
    ) -> None:
        self.labels = set(schema_labels)
        self.model_dir = model_dir
        self.label_map = label_map or LabelMap.of(CAMEL_LABELS)
        self.batch_size = batch_size
        self._tagger: Any = None
        self._lock = threading.Lock()

    def availability(self) -> Availability:
        return camel_model_status(self.model_dir).availability()

    @property
    def loaded(self) -> bool:
        return self._tagger is not None

    def load(self, progress: Progress | None = None) -> None:
        with self._lock:
            if self._tagger is not None:
                return
            status = camel_model_status(self.model_dir)
            if not status.ok:
                raise HashiyaError(status.message)
            report = progress or (lambda done, total, message: None)
            report(0, 3, "importing camel-tools, torch and transformers")
            recognizer_class = import_recognizer()
            from annotator.recommenders.camel_batch import BatchedTagger

            _quiet_transformers()
            report(1, 3, f"reading the NER model in {status.model_dir}")
            recognizer = recognizer_class(str(status.model_dir), use_gpu=False)
            self._tagger = BatchedTagger(recognizer, self.batch_size)
            report(3, 3, "camel-tools NER ready")

    def predict(self, document: DocumentInput) -> Prediction:
        return self.predict_many([document])[0]

    def predict_many(self, documents: Sequence[DocumentInput]) -> list[Prediction]:
        self.load()
        sentences: list[list[str]] = []
        owners: list[tuple[int, Sequence[tuple[int, int]]]] = []
        for index, document in enumerate(documents):
            for tokens in document.sentence_token_lists():
                sentences.append([document.text[s:e] for s, e in tokens])
                owners.append((index, tokens))
        tagged = self._tagger.tag(sentences)
        found: list[list[Suggestion]] = [[] for _ in documents]
        doubts: list[list[float]] = [[] for _ in documents]
        for (index, tokens), words, labelled in zip(owners, sentences, tagged, strict=True):
            tags = [label for label, _prob in labelled]
            probs = [prob for _label, prob in labelled]
            doubts[index].extend(1.0 - p for w, p in zip(words, probs, strict=True) if self._tagger.word_pieces(w))
            for first, last, label in tags_to_spans(tags):
                mapped = self.label_map.map(label, self.labels)
                if mapped is not None:
                    score = sum(probs[first:last]) / (last - first)
                    found[index].append(
                        Suggestion(tokens[first][0], tokens[last - 1][1], mapped, round(score, 4), self.name)
                    )
        return [
            Prediction(doc.id, tuple(found[i]), (sum(doubts[i]) / len(doubts[i])) if doubts[i] else None)
            for i, doc in enumerate(documents)
        ]


def _quiet_transformers() -> None:
    """No download progress bars or warnings on the console (everything is local)."""
    try:
        from transformers.utils import logging

        logging.set_verbosity_error()
        logging.disable_progress_bar()
    except (ImportError, AttributeError):  # pragma: no cover - older transformers
        pass
