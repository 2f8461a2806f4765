"""A checkout run without any install (``python -m ui.entry`` with the tree on PYTHONPATH) still finds its data.

The installed and editable cases are in test_wheel.py; here ``python -S`` keeps the editable install
of this environment out of the way (its ``.pth`` finder is not run), so no ``hashiya_data`` package exists.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_uninstalled(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    paths = dict.fromkeys([str(ROOT), sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
    return subprocess.run([sys.executable, "-S", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60)


def test_an_uninstalled_checkout_uses_its_own_resources_and_seeds(tmp_path):
    probe = (
        "import json, importlib.util; from annotator.paths import resource_path, seeds_dir; "
        "print(json.dumps([importlib.util.find_spec('hashiya_data') is None, "
        "str(resource_path('schema', 'default.toml')), str(seeds_dir())]))"
    )
    result = run_uninstalled(["-c", probe], tmp_path)
    assert result.returncode == 0, result.stderr
    no_package, schema, seeds = json.loads(result.stdout)
    assert no_package  # the situation under test: nothing installed
    assert Path(schema) == ROOT / "resources" / "schema" / "default.toml"
    assert Path(seeds) == ROOT / "seeds"

    created = run_uninstalled(["-m", "ui.entry", "init", "P.db"], tmp_path)
    assert created.returncode == 0, created.stderr
    assert "created P.db (schema: Arabic news" in created.stdout
