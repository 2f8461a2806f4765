"""Is camel-tools' NER model installed? Answered from files only, without importing camel-tools.

Importing ``camel_tools.ner`` (or anything that imports ``camel_tools.data``) downloads a
catalogue when ``$CAMELTOOLS_DATA/catalogue.json`` is missing, with no timeout, and pulls in
torch and transformers (≈5 s, ≈370 MB). So the window asks here first: this module imports
nothing heavy and reads only the file system. ``CAMELTOOLS_DATA`` is read once, when camel-tools
is first imported: if it already is, its own data folder is the truth.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from annotator.recommenders.base import Availability
from annotator.wording import Say, english

INSTALL_COMMAND = "camel_data -i ner-arabert"
MODEL_SUBDIR = ("data", "ner", "arabert")
WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")
# what ``missing`` may hold besides file names, as the CLI says it (``word_missing`` for the window)
PACKAGE = "the Python package "  # + the module's name: an entry of ``missing``
MODEL_FOLDER = "the model folder"
WEIGHTS = "model weights (model.safetensors or pytorch_model.bin)"
LABELS = "id2label with an 'O' label in config.json"


@dataclass(frozen=True, slots=True)
class CamelModelStatus:
    """What was found: ``ok``, the folder looked at, what is missing there, and a message for users."""

    ok: bool
    model_dir: Path
    missing: tuple[str, ...]
    message: str
    command: str = INSTALL_COMMAND
    chosen: bool = False  # the folder was given (settings), not camel-tools' own data folder

    def availability(self, say: Say = english) -> Availability:
        """For menus; ``say`` words the reason (the pre-annotate dialog's tooltip is in the window's language)."""
        return Availability(self.ok, self.reason(say), None if self.ok else self.command)

    def reason(self, say: Say = english) -> str:
        """What was found, or what is missing and how to get it, in ``say``'s words."""
        if self.ok:
            return say("camel-tools NER model found in {folder}", folder=self.model_dir)
        where = self.model_dir if self.chosen else say("{folder} (camel-tools' data folder)", folder=self.model_dir)
        return say(
            "camel-tools NER is not available: missing {missing} in {where}. Install the model with: {command} "
            "(about 540 MB; it needs internet), or choose a folder holding a BERT token-classification model in "
            "the settings. The offline recommenders (gazetteer, string matching, the trained model) keep working.",
            missing=say(", ").join(word_missing(piece, say) for piece in self.missing),
            where=where,
            command=self.command,
        )


def word_missing(piece: str, say: Say = english) -> str:
    """One entry of ``missing`` in ``say``'s words; a file name (``vocab.txt``) stays as it is."""
    if piece.startswith(PACKAGE):
        return say("the Python package {name}", name=piece.removeprefix(PACKAGE))
    if piece == MODEL_FOLDER:
        return say("the model folder")
    if piece == WEIGHTS:
        return say("model weights (model.safetensors or pytorch_model.bin)")
    if piece == LABELS:
        return say("id2label with an 'O' label in config.json")
    return piece


def camel_data_dir() -> Path:
    """camel-tools' data folder: its own setting if imported, else ``CAMELTOOLS_DATA`` or the default."""
    catalogue = sys.modules.get("camel_tools.data.catalogue")
    if catalogue is not None:
        return Path(catalogue.CT_DATA_DIR)
    env = os.environ.get("CAMELTOOLS_DATA")
    if env:
        return Path(env).expanduser().absolute()
    home = Path.home()
    return home / "AppData" / "Roaming" / "camel_tools" if sys.platform == "win32" else home / ".camel_tools"


def default_model_dir() -> Path:
    """Where ``camel_data -i ner-arabert`` installs the NER model."""
    return camel_data_dir().joinpath(*MODEL_SUBDIR)


def camel_model_status(model_dir: str | Path | None = None) -> CamelModelStatus:
    """Check a model folder (default: camel-tools' own) for a usable token-classification model."""
    folder = Path(model_dir).expanduser() if model_dir else default_model_dir()
    missing: list[str] = []
    for module in ("torch", "transformers"):
        if importlib.util.find_spec(module) is None:
            missing.append(f"{PACKAGE}{module}")
    if not folder.is_dir():
        missing.append(MODEL_FOLDER)
    else:
        for name in ("config.json", "vocab.txt"):
            if not (folder / name).is_file():
                missing.append(name)
        if not any((folder / name).is_file() for name in WEIGHT_FILES):
            missing.append(WEIGHTS)
        if "config.json" not in missing and not _labels_ok(folder / "config.json"):
            missing.append(LABELS)
    status = CamelModelStatus(not missing, folder, tuple(missing), "", chosen=bool(model_dir))
    return replace(status, message=status.reason())


def _labels_ok(config: Path) -> bool:
    try:
        data = json.loads(config.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    labels = data.get("id2label") if isinstance(data, dict) else None
    return isinstance(labels, dict) and "O" in labels.values()
