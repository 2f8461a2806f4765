"""Reliability suites: crash, concurrency, hostile input, bad project files, fuzzing, export safety.

The helper modules beside this file (``actionlog``, ``projectfiles``, ``hostile_cases``) are
imported by plain name: this folder is put on ``sys.path`` here, and the subprocess workers run
as scripts from it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))


@pytest.fixture
def disk_project(tmp_path, seed_text):
    """A closed project file on disk holding the sample article and two short hostile-ish texts."""
    from projectfiles import make_project

    return make_project(tmp_path / "project.hashiya", seed_text)
