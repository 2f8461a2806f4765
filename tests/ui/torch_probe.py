"""Drive the window's pre-annotation in a fresh interpreter and report, as JSON, which thread imported torch.

In the test process an earlier test may already have imported torch; then "torch is imported off
the window's thread" and "torch is not imported at all" both hold whatever the window does. A fresh
interpreter starts without torch (reported, and the tests require it), and the watch below is in
place before anything else is imported, so the first import of torch is seen, whichever thread
makes it.

    python tests/ui/torch_probe.py camel WORKDIR MODEL_DIR   # pre-annotate with camel-tools only
    python tests/ui/torch_probe.py offline WORKDIR           # camel's model missing: offline recommenders

The last line printed is the JSON report; QT_QPA_PLATFORM and HASHIYA_SETTINGS come from the caller.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import json
import sys
import threading
import time
from pathlib import Path
from types import ModuleType
from typing import Any


class TorchWatch(importlib.abc.MetaPathFinder):
    """Finds ``torch`` as the path finder does, with a loader that notes the thread executing it.

    Asking whether torch is installed (``importlib.util.find_spec``, as the model check does) only
    finds it; the module's code runs once, on the thread that really imports it.
    """

    def __init__(self) -> None:
        self.thread: str | None = None

    def find_spec(self, name: str, path=None, target=None):
        if name != "torch":
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return None
        spec.loader = _Recording(spec.loader, self)
        return spec


class _Recording(importlib.abc.Loader):
    def __init__(self, loader: importlib.abc.Loader, watch: TorchWatch) -> None:
        self.loader = loader
        self.watch = watch

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        if self.watch.thread is None:
            self.watch.thread = threading.current_thread().name
        module.__loader__ = self.loader  # torch sees its real loader
        if module.__spec__ is not None:
            module.__spec__.loader = self.loader
        self.loader.exec_module(module)


WATCH = TorchWatch()
TORCH_AT_START = "torch" in sys.modules
sys.meta_path.insert(0, WATCH)

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
SEED = ROOT / "seeds" / "000_b72378a2988bda73.txt"
ANNOTATOR = "layla"


def open_window(workdir: Path, model_dir: Path):
    """A shown window on a new project of the sample article and a second one, camel's model at ``model_dir``."""
    from PySide6.QtWidgets import QApplication

    from annotator.model import IncomingDocument
    from annotator.store import Project
    from ui.app import build_window
    from ui.settings import Settings

    app = QApplication.instance() or QApplication([])
    path = workdir / "p.hashiya"
    with Project.create(path) as project:
        seed = SEED.read_text(encoding="utf-8")
        second = IncomingDocument("second", "خبر ثان من موسكو.", "b.txt")
        project.add_documents([IncomingDocument("seed", seed, "seed.txt"), second])
    settings = Settings()
    settings.language, settings.theme = "en", "light"
    settings.store.setValue("suggestions/camel_model_dir", str(model_dir))
    project = Project.open(path)
    window = build_window(project, ANNOTATOR, settings)
    window.resize(1280, 820)
    window.show()
    app.processEvents()
    return app, window


def answer_preannotate(window, respond) -> dict[str, Any]:
    """Open Suggestions → Pre-annotate and let ``respond(dialog, seen)`` note what it shows and answer."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    seen: dict[str, Any] = {}

    def later() -> None:
        dialog = QApplication.activeModalWidget()
        seen["opened"] = dialog is not None
        seen["boxes"] = {name: [box.isEnabled(), box.isChecked()] for name, box in dialog.boxes.items()}
        seen["status"] = dialog.camel_status.text()
        seen["tooltip"] = dialog.boxes["camel"].toolTip()
        respond(dialog)

    QTimer.singleShot(0, later)
    window.actions_by_name["preannotate"].trigger()
    return seen


def choose(only: tuple[str, ...] | None):
    """A dialog answer: tick ``only`` (None: leave the defaults), all documents, OK."""

    def respond(dialog) -> None:
        if only is not None:
            for name, box in dialog.boxes.items():
                box.setChecked(name in only)
        dialog.findChild(type(dialog.scope.button(0)), "scope_all").setChecked(True)
        dialog.accept()

    return respond


def wait_for_run(app, window, timeout: float) -> dict[str, Any]:
    """Let the run finish (the event loop keeps turning) and say what it did."""
    run = window.suggestions.preannotation
    deadline = time.monotonic() + timeout
    while run is not None and run.running and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    app.processEvents()
    report = run.report if run is not None else None
    project = window.session.project
    stored = [s for info in project.documents() for s in project.suggestions(info.id)]
    text = window.session.text
    return {
        "finished": run is not None and not run.running,
        "cancelled": report is None or report.cancelled,
        "sources": sorted(report.suggestions) if report else [],
        "documents": report.documents if report else 0,
        "stored_sources": sorted({source for s in stored for source in s.sources}),
        "stored": len(stored),
        "view_suggestions": len(window.view.suggestions),
        "stored_for_view": len(project.suggestions(window.session.document_id, ANNOTATOR)),
        "view_texts": sorted({text[m.start : m.end] for m in window.view.suggestions.all()}),
        "message": window.statusBar().currentMessage(),
    }


def camel(workdir: Path, model_dir: Path) -> dict[str, Any]:
    app, window = open_window(workdir, model_dir)
    dialog = answer_preannotate(window, choose(("camel",)))
    outcome = {"dialog": dialog, "run": wait_for_run(app, window, 180)}
    close(window)
    return outcome


def offline(workdir: Path) -> dict[str, Any]:
    missing = workdir / "no-model"
    missing.mkdir()
    app, window = open_window(workdir, missing)
    dialog = answer_preannotate(window, lambda d: d.reject())  # look, then cancel
    answer_preannotate(window, choose(None))  # run what the dialog offers
    outcome = {"dialog": dialog, "model_dir": str(missing), "run": wait_for_run(app, window, 60)}
    close(window)
    return outcome


def close(window) -> None:
    project = window.session.project
    window.close()
    project.close()


def main(argv: list[str]) -> int:
    scenario, workdir = argv[0], Path(argv[1])
    outcome = camel(workdir, Path(argv[2])) if scenario == "camel" else offline(workdir)
    report = {
        "torch_at_start": TORCH_AT_START,
        "torch_thread": WATCH.thread,
        "torch_at_end": "torch" in sys.modules,
        "main_thread": threading.main_thread().name,
        **outcome,
    }
    print(json.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
