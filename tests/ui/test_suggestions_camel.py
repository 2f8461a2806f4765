"""camel-tools NER from the window, with a tiny local model: it loads and predicts in the worker thread,
never on the window's thread (torch takes seconds to import: the window must not wait for it).

The window runs in a fresh interpreter (``torch_probe.py``): in this process another test may have
imported torch already, and the check of which thread imports it would then prove nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .probes import run_probe

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


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory) -> Path:
    """The recommender tests' tiny random BERT, built in another process (no torch import here).

    camel-tools (and with it transformers and torch) is a dependency: if it is missing, building
    fails and so does the test, rather than skipping."""
    folder = tmp_path_factory.mktemp("tiny_ner") / "model"
    script = BUILD.format(
        root=str(ROOT),
        conftest=str(ROOT / "tests" / "recommenders" / "conftest.py"),
        folder=str(folder),
        seed=str(ROOT / "seeds" / "000_b72378a2988bda73.txt"),
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=300)
    return folder


def test_camel_runs_in_the_worker_thread(tmp_path, tiny_model) -> None:
    report = run_probe("camel", tmp_path, str(tiny_model))
    camel = report["dialog"]["boxes"]["camel"]
    assert camel[0] and str(tiny_model) in report["dialog"]["status"], report["dialog"]
    run = report["run"]
    assert run["finished"] and not run["cancelled"], run["message"]
    assert run["sources"] == ["camel"] and run["documents"] == 2
    assert run["stored"] > 0 and run["stored_sources"] == ["camel"]  # a random model suggests whatever it likes
    assert run["view_suggestions"] == run["stored_for_view"]
    # torch was imported, by the worker: never by the window's thread
    assert report["torch_thread"] is not None and report["torch_at_end"]
    assert report["torch_thread"] != report["main_thread"]
