"""camel-tools NER from the window, with a tiny local model: it loads and predicts in the worker thread,
never on the window's thread (torch takes seconds to import: the window must not wait for it)."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from .conftest import ANNOTATOR

ROOT = Path(__file__).resolve().parents[2]
BUILD = """
import sys
from pathlib import Path
sys.path.insert(0, {root!r})
from importlib.util import spec_from_file_location, module_from_spec
spec = spec_from_file_location("fixtures", {conftest!r})
fixtures = module_from_spec(spec)
spec.loader.exec_module(fixtures)
fixtures.build_tiny_model(Path({folder!r}), [Path({seed!r}).read_text(encoding="utf-8")])
"""


class ImportWatch:
    """A meta-path finder that notes which thread first *imports* ``torch`` (it finds nothing itself).

    ``importlib.util.find_spec("torch")`` (asking whether torch is installed, as the model check
    does) also consults finders; only a lookup made by the import machinery counts.
    """

    def __init__(self) -> None:
        self.thread: str | None = None

    def find_spec(self, name, path=None, target=None):
        if name == "torch" and self.thread is None and _importing():
            self.thread = threading.current_thread().name
        return None


def _importing() -> bool:
    frame = sys._getframe(2)
    for _ in range(4):
        if frame is None:
            return False
        if frame.f_code.co_name == "_find_and_load_unlocked":
            return True
        frame = frame.f_back
    return False


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory) -> Path:
    """The recommender tests' tiny random BERT, built in another process (no torch import here)."""
    pytest.importorskip("transformers")
    folder = tmp_path_factory.mktemp("tiny_ner") / "model"
    script = BUILD.format(
        root=str(ROOT),
        conftest=str(ROOT / "tests" / "recommenders" / "conftest.py"),
        folder=str(folder),
        seed=str(ROOT / "seeds" / "000_b72378a2988bda73.txt"),
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=300)
    return folder


def test_camel_runs_in_the_worker_thread(window, qtbot, settings, tiny_model, monkeypatch) -> None:
    settings.store.setValue("suggestions/camel_model_dir", str(tiny_model))
    watch = ImportWatch()
    torch_loaded = "torch" in sys.modules  # another test module may have imported it already
    monkeypatch.setattr(sys, "meta_path", [watch, *sys.meta_path])
    states = {}

    def respond() -> None:
        dialog = QApplication.activeModalWidget()
        states["camel"] = dialog.boxes["camel"].isEnabled()
        states["status"] = dialog.camel_status.text()
        for name, box in dialog.boxes.items():
            box.setChecked(name == "camel")
        dialog.findChild(type(dialog.scope.button(0)), "scope_all").setChecked(True)
        dialog.accept()

    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, respond)
    window.actions_by_name["preannotate"].trigger()
    assert states["camel"] and str(tiny_model) in states["status"]
    run = window.suggestions.preannotation
    qtbot.waitUntil(lambda: not run.running, timeout=120_000)
    assert run.report is not None and not run.report.cancelled, window.statusBar().currentMessage()
    assert set(run.report.suggestions) == {"camel"} and run.report.documents == 2
    if not torch_loaded:
        assert watch.thread is not None and watch.thread != threading.main_thread().name
    project = window.session.project
    stored = {s for info in project.documents() for s in project.suggestions(info.id)}
    assert all(s.sources == ("camel",) for s in stored)  # a random model suggests whatever it likes
    assert len(window.view.suggestions) == len(project.suggestions(window.session.document_id, ANNOTATOR))
